import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { CoreModule } from '../core.module';
import { OrgModule } from '../org/org.module';
import { DbMigrateCommand } from './db-migrate.command';
import { OrgImportCommand } from './org-import.command';

@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: CliModule, imports: [CoreModule.forRoot(config, 'cli'), OrgModule], providers: [DbMigrateCommand, OrgImportCommand] };
  }
}
