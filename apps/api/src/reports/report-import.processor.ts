import { Injectable } from '@nestjs/common';
import { JOB_ATTEMPTS, JobContext, JobName, JobPayloads, JobProcessor } from '../jobs/job-catalogue';
import { JobHandler } from '../jobs/job-handler.decorator';
import { ReportImportService } from './report-import.service';

@Injectable()
@JobHandler(JobName.ReportImport)
export class ReportImportProcessor implements JobProcessor<JobName.ReportImport> {
  constructor(private readonly imports: ReportImportService) {}

  async process(data: JobPayloads[JobName.ReportImport], context: JobContext) {
    try {
      const result = await this.imports.process(data.importId, (p) => context.progress(p));
      return { importId: result.id, status: result.status, accepted: result.accepted, rejected: result.rejected };
    } catch (error) {
      // The last attempt: the import is marked failed (nothing of it kept) and the uploader told; earlier ones are retried.
      if (context.attempt >= JOB_ATTEMPTS) await this.imports.markFailed(data.importId, error);
      throw error;
    }
  }
}
