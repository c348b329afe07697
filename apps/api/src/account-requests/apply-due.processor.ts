import { Injectable } from '@nestjs/common';
import { JobName, JobPayloads, JobProcessor } from '../jobs/job-catalogue';
import { JobHandler } from '../jobs/job-handler.decorator';
import { AccountRequestsService } from './account-requests.service';

/** Hourly: applies accepted account requests whose effective date has come. */
@Injectable()
@JobHandler(JobName.AccountRequestsApply)
export class ApplyDueAccountRequestsProcessor implements JobProcessor<JobName.AccountRequestsApply> {
  constructor(private readonly requests: AccountRequestsService) {}

  process(_data: JobPayloads[JobName.AccountRequestsApply]) {
    return this.requests.applyDue();
  }
}
