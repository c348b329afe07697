import { Injectable } from '@nestjs/common';
import { JobName, JobPayloads, JobProcessor } from '../jobs/job-catalogue';
import { JobHandler } from '../jobs/job-handler.decorator';
import { MailOutbox } from '../notifications/mail-outbox.service';
import { RemindersService } from './reminders.service';

/** Daily: deadline reminders. */
@Injectable()
@JobHandler(JobName.CycleReminders)
export class CycleRemindersProcessor implements JobProcessor<JobName.CycleReminders> {
  constructor(private readonly reminders: RemindersService) {}

  process(_data: JobPayloads[JobName.CycleReminders]) {
    return this.reminders.run();
  }
}

/** Hourly: mails what the outbox holds (each notice also triggers a flush a second after it is written). */
@Injectable()
@JobHandler(JobName.MailOutbox)
export class MailOutboxProcessor implements JobProcessor<JobName.MailOutbox> {
  constructor(private readonly outbox: MailOutbox) {}

  process(_data: JobPayloads[JobName.MailOutbox]) {
    return this.outbox.flush();
  }
}
