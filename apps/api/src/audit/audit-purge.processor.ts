import { Injectable } from '@nestjs/common';
import { systemActor } from '../common/actor';
import { JobName, JobPayloads, JobProcessor } from '../jobs/job-catalogue';
import { JobHandler } from '../jobs/job-handler.decorator';
import { AuditService } from './audit.service';

/** Daily: deletes audit rows past the retention period and records the deletion. */
@Injectable()
@JobHandler(JobName.AuditPurge)
export class AuditPurgeProcessor implements JobProcessor<JobName.AuditPurge> {
  constructor(private readonly audit: AuditService) {}

  process(_data: JobPayloads[JobName.AuditPurge]) {
    return this.audit.purge(systemActor('audit-purge'));
  }
}
