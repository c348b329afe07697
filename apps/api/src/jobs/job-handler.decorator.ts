import { SetMetadata } from '@nestjs/common';
import type { JobName } from './job-catalogue';

export const JOB_HANDLER = 'tunedesk:job-handler';

/** Marks a provider as the processor of one job name. */
export const JobHandler = (name: JobName) => SetMetadata(JOB_HANDLER, name);
