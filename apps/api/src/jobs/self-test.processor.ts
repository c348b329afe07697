import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { JobContext, JobFailure, JobName, JobPayloads, JobProcessor } from './job-catalogue';
import { JobHandler } from './job-handler.decorator';
import { PROCESS_IDENTITY } from './job-runner';

/** Proves the pipeline end to end: who processed it, on which attempt, with visible progress. */
@Injectable()
@JobHandler(JobName.SystemSelfTest)
export class SelfTestProcessor implements JobProcessor<JobName.SystemSelfTest> {
  async process(data: JobPayloads[JobName.SystemSelfTest], context: JobContext) {
    for (const step of [25, 50, 75]) {
      await context.progress(step);
      await sleep(20);
    }
    if (data.failTimes && context.attempt <= data.failTimes) {
      throw new JobFailure('SELF_TEST_PLANNED_FAILURE', `planned failure on attempt ${context.attempt}`);
    }
    return { processedBy: PROCESS_IDENTITY, attempt: context.attempt, requestedBy: data.requestedBy };
  }
}
