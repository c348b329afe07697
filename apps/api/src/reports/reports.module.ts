import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { KnowledgeModule } from '../knowledge/knowledge.module';
import { OrgModule } from '../org/org.module';
import { CycleService } from './cycle.service';
import { OfficeCalendarProvider } from './office-calendar.provider';
import { MissClusterEntity, ReportImportEntity, ReportMessageEntity, TuningCycleEntity } from './report.entities';
import { ReportImportProcessor } from './report-import.processor';
import { ReportImportService } from './report-import.service';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';

@Module({
  imports: [
    TypeOrmModule.forFeature([ReportImportEntity, ReportMessageEntity, TuningCycleEntity, MissClusterEntity]),
    OrgModule,
    KnowledgeModule,
  ],
  controllers: [ReportsController],
  providers: [ReportsRepository, ReportImportService, CycleService, OfficeCalendarProvider, ReportImportProcessor],
  exports: [ReportImportService, CycleService],
})
export class ReportsModule {}
