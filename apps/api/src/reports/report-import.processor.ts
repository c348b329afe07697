import { Injectable } from '@nestjs/common';
import { JobContext, JobName, JobPayloads, JobProcessor } from '../jobs/job-catalogue';
import { JobHandler } from '../jobs/job-handler.decorator';
import { ReportImportService } from './report-import.service';

@Injectable()
@JobHandler(JobName.ReportImport)
export class ReportImportProcessor implements JobProcessor<JobName.ReportImport> {
  constructor(private readonly imports: ReportImportService) {}

  async process(data: JobPayloads[JobName.ReportImport], context: JobContext) {
    const result = await this.imports.process(data.importId, (p) => context.progress(p));
    return { importId: result.id, status: result.status, accepted: result.accepted, rejected: result.rejected };
  }
}
