import { Module } from '@nestjs/common';
import { AccountRequestsModule } from '../../account-requests/account-requests.module';
import { CalendarModule } from '../../calendar/calendar.module';
import { KnowledgeModule } from '../../knowledge/knowledge.module';
import { OrgModule } from '../../org/org.module';
import { ReportsModule } from '../../reports/reports.module';
import { TuningModule } from '../../tuning/tuning.module';
import { ProposalsModule } from '../../proposals/proposals.module';
import { WebsiteModule } from '../../website/website.module';
import { DemoSeedService } from './demo-seed.service';

@Module({
  imports: [CalendarModule, OrgModule, AccountRequestsModule, KnowledgeModule, ReportsModule, TuningModule, ProposalsModule, WebsiteModule],
  providers: [DemoSeedService],
  exports: [DemoSeedService],
})
export class SeedModule {}
