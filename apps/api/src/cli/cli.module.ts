import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { CoreModule } from '../core.module';
import { FEATURE_MODULES } from '../features';
import { AuditVerifyCommand } from './audit-verify.command';
import { DbMigrateCommand } from './db-migrate.command';
import { KbExportCommand } from './kb-export.command';
import { KbImportCommand } from './kb-import.command';
import { MissesExportCommand } from './misses-export.command';
import { OrgImportCommand } from './org-import.command';
import { ReportImportCommand } from './report-import.command';
import { CalendarImportCommand } from './calendar-import.command';
import { DutiesScheduleCommand } from './duties-schedule.command';
import { PagesImportCommand } from './pages-import.command';
import { UserCreateAdminCommand } from './user-create-admin.command';

@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [CoreModule.forRoot(config, 'cli'), ...FEATURE_MODULES],
      providers: [
        DbMigrateCommand,
        OrgImportCommand,
        UserCreateAdminCommand,
        AuditVerifyCommand,
        KbImportCommand,
        KbExportCommand,
        ReportImportCommand,
        CalendarImportCommand,
        MissesExportCommand,
        DutiesScheduleCommand,
        PagesImportCommand,
      ],
    };
  }
}
