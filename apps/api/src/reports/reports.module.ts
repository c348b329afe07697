import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarModule } from '../calendar/calendar.module';
import { RollupsService } from '../dashboard/rollups.service';
import { KnowledgeModule } from '../knowledge/knowledge.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrgModule } from '../org/org.module';
import { ReviewItemEntity } from '../tuning/tuning.entities';
import { TuningModule } from '../tuning/tuning.module';
import { CycleService } from './cycle.service';
import { MissClusterEntity, ReportImportEntity, ReportMessageEntity, TuningCycleEntity } from './report.entities';
import { ReportImportProcessor } from './report-import.processor';
import { ReportImportService } from './report-import.service';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReviewService } from './review.service';
import { MonthMatchingRepository } from './month-matching.repository';

@Module({
  imports: [
    TypeOrmModule.forFeature([ReportImportEntity, ReportMessageEntity, TuningCycleEntity, MissClusterEntity, ReviewItemEntity]),
    OrgModule,
    KnowledgeModule,
    TuningModule,
    NotificationsModule,
    CalendarModule,
  ],
  controllers: [ReportsController],
  providers: [
    ReportsRepository,
    MonthMatchingRepository,
    ReportImportService,
    CycleService,
    ReviewService,
    ReportImportProcessor,
    RollupsService,
  ],
  exports: [ReportImportService, CycleService, MonthMatchingRepository, ReportsRepository],
})
export class ReportsModule {}
