import { Injectable } from '@nestjs/common';
import { JobName, JobPayloads, JobProcessor } from '../jobs/job-catalogue';
import { JobHandler } from '../jobs/job-handler.decorator';
import { ReviewsService } from './reviews.service';

/** Daily: sends the day's deadline reminders, then opens the month's review forms from its first workday on. */
@Injectable()
@JobHandler(JobName.WebsiteReviewDaily)
export class WebsiteReviewDailyProcessor implements JobProcessor<JobName.WebsiteReviewDaily> {
  constructor(private readonly reviews: ReviewsService) {}

  async process(_data: JobPayloads[JobName.WebsiteReviewDaily]) {
    // Reminders first: a calendar year not yet imported fails the opening (naming the year) but not the open forms' reminders.
    const reminders = await this.reviews.remind();
    const opened = await this.reviews.openIfDue();
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
