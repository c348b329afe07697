import { Injectable } from '@nestjs/common';
import { JobName, JobPayloads, JobProcessor } from '../jobs/job-catalogue';
import { JobHandler } from '../jobs/job-handler.decorator';
import { ReviewsService } from './reviews.service';

/** Daily: opens the month's review forms on its first workday, then sends the day's deadline reminders. */
@Injectable()
@JobHandler(JobName.WebsiteReviewDaily)
export class WebsiteReviewDailyProcessor implements JobProcessor<JobName.WebsiteReviewDaily> {
  constructor(private readonly reviews: ReviewsService) {}

  async process(_data: JobPayloads[JobName.WebsiteReviewDaily]) {
    const opened = await this.reviews.openIfDue();
    const reminders = await this.reviews.remind();
    return { opened, reminders };
  }
}

/** Daily: purges review forms, rows, tickets and their history past WEBSITE_RETENTION_DAYS. */
@Injectable()
@JobHandler(JobName.WebsiteRetention)
export class WebsiteRetentionProcessor implements JobProcessor<JobName.WebsiteRetention> {
  constructor(private readonly reviews: ReviewsService) {}

  process(_data: JobPayloads[JobName.WebsiteRetention]) {
    return this.reviews.purge();
  }
}
