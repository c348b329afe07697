export enum JobStatus {
  Queued = 'queued',
  Running = 'running',
  Succeeded = 'succeeded',
  Failed = 'failed',
}

export interface JobRunDto {
  id: string;
  name: string;
  status: JobStatus;
  /** 0–100 */
  progress: number;
  attempts: number;
  errorCode: string | null;
  errorMessage: string | null;
  result: unknown;
  processedBy: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface JobDaySummary {
  day: string;
  succeeded: number;
  failed: number;
  other: number;
}
