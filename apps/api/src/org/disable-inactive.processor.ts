import { Injectable } from '@nestjs/common';
import { systemActor } from '../common/actor';
import { JobName, JobPayloads, JobProcessor } from '../jobs/job-catalogue';
import { JobHandler } from '../jobs/job-handler.decorator';
import { UsersService } from './users.service';

/** Daily: disables accounts nobody has used for ACCOUNT_INACTIVE_DAYS. */
@Injectable()
@JobHandler(JobName.AccountsDisableInactive)
export class DisableInactiveProcessor implements JobProcessor<JobName.AccountsDisableInactive> {
  constructor(private readonly users: UsersService) {}

  process(_data: JobPayloads[JobName.AccountsDisableInactive]) {
    return this.users.disableInactive(systemActor('inactive-accounts'));
  }
}
