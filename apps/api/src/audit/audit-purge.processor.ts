import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ReportImportService } from '../reports/report-import.service';
import { systemActor } from '../common/actor';
import { JobName, JobPayloads, JobProcessor } from '../jobs/job-catalogue';
import { JobHandler } from '../jobs/job-handler.decorator';
import { AuditService } from './audit.service';

/** Daily: deletes audit rows and report originals past the retention period and records each deletion. */
@Injectable()
@JobHandler(JobName.AuditPurge)
export class AuditPurgeProcessor implements JobProcessor<JobName.AuditPurge> {
  constructor(
    private readonly audit: AuditService,
    private readonly moduleRef: ModuleRef,
  ) {}

  async process(_data: JobPayloads[JobName.AuditPurge]) {
    const actor = systemActor('audit-purge');
    const rows = await this.audit.purge(actor);
    // Report originals follow the same retention rule (resolved lazily: the reports feature sits above audit).
    const reports = this.moduleRef.get(ReportImportService, { strict: false });
    const files = await reports.purgeOriginals(actor);
    return { ...rows, originalsDeleted: files.deleted.length };
  }
}
