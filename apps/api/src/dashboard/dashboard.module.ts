import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrgModule } from '../org/org.module';
import { DashboardController } from './dashboard.controller';
import { DashboardService } from './dashboard.service';
import { EffectService } from './effect.service';
import { InsightsService } from './insights.service';
import { ProgressService } from './progress.service';
import { SummaryService } from './summary.service';

@Module({
  imports: [OrgModule, CalendarModule, NotificationsModule],
  controllers: [DashboardController],
  providers: [DashboardService, InsightsService, ProgressService, EffectService, SummaryService],
})
export class DashboardModule {}
