import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarModule } from '../calendar/calendar.module';
import { KnowledgeModule } from '../knowledge/knowledge.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrgModule } from '../org/org.module';
import { MissClusterEntity, TuningCycleEntity } from '../reports/report.entities';
import { ReviewItemEntity } from '../tuning/tuning.entities';
import { ConsolidationController } from './consolidation.controller';
import { ConsolidationService } from './consolidation.service';
import { ProposalEntity, ProposalListEntity } from './proposal.entities';
import { ProposalsController } from './proposals.controller';
import { ProposalsService } from './proposals.service';
import { QueueService } from './queue.service';
import { CycleRemindersProcessor, MailOutboxProcessor } from './reminders.processor';
import { RemindersService } from './reminders.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([MissClusterEntity, ReviewItemEntity, TuningCycleEntity, ProposalEntity, ProposalListEntity]),
    OrgModule,
    KnowledgeModule,
    NotificationsModule,
    CalendarModule,
  ],
  controllers: [ProposalsController, ConsolidationController],
  providers: [QueueService, ProposalsService, ConsolidationService, RemindersService, CycleRemindersProcessor, MailOutboxProcessor],
  exports: [QueueService, ProposalsService, RemindersService, ConsolidationService],
})
export class ProposalsModule {}
