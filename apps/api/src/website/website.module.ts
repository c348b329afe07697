import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarModule } from '../calendar/calendar.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrgModule } from '../org/org.module';
import { CorrectionsController } from './corrections.controller';
import { CorrectionsService } from './corrections.service';
import { PagesController } from './pages.controller';
import { PagesService } from './pages.service';
import { ReviewsController } from './reviews.controller';
import { ReviewsService } from './reviews.service';
import { WebsiteViews } from './website-views';
import { WebsiteDutyStatus } from './website-duty-status';
import { WEBSITE_ENTITIES } from './website.entities';
import { WebsiteReviewDailyProcessor, WebsiteRetentionProcessor } from './website.processors';
import { WebsiteRepository } from './website.repository';

/** Website content governance (要點 三、五): page inventory, monthly reviews (附件三), corrections, retention. */
@Module({
  imports: [TypeOrmModule.forFeature(WEBSITE_ENTITIES), OrgModule, NotificationsModule, CalendarModule],
  controllers: [PagesController, ReviewsController, CorrectionsController],
  providers: [
    WebsiteRepository,
    WebsiteViews,
    PagesService,
    ReviewsService,
    CorrectionsService,
    WebsiteReviewDailyProcessor,
    WebsiteRetentionProcessor,
    WebsiteDutyStatus,
  ],
  exports: [PagesService, ReviewsService, CorrectionsService],
})
export class WebsiteModule {}
