import { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { JOB_ATTEMPTS, JOB_BACKOFF_MS } from './job-catalogue';
import type { JobDriver } from './job-driver';
import type { JobRunner } from './job-runner';

interface Pending {
  id: string;
  name: string;
  data: unknown;
}

/** Runs jobs in this process when no Redis is configured: same processors, same retry policy. */
export class InProcessDriver implements JobDriver {
  readonly kind = 'in-process' as const;
  private readonly logger = new Logger('InProcessJobs');
  private readonly pending: Pending[] = [];
  private readonly running = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly runner: JobRunner,
    private readonly concurrency: number,
  ) {}

  async add(id: string, name: string, data: unknown): Promise<void> {
    if (this.closed) throw new Error('The job runner is shutting down');
    this.pending.push({ id, name, data });
    this.pump();
  }

  private pump(): void {
    while (!this.closed && this.running.size < this.concurrency && this.pending.length) {
      const job = this.pending.shift() as Pending;
      const run = this.runWithRetries(job).finally(() => {
        this.running.delete(run);
        this.pump();
      });
      this.running.add(run);
    }
  }

  private async runWithRetries(job: Pending): Promise<void> {
    for (let attempt = 1; attempt <= JOB_ATTEMPTS; attempt++) {
      try {
        await this.runner.execute(job.id, job.name, job.data, attempt, JOB_ATTEMPTS);
        return;
      } catch (error) {
        if (attempt === JOB_ATTEMPTS || !this.runner.isRetryable(error) || this.closed) return;
        // Exponential, as BullMQ's 'exponential' backoff: delay · 2^(attempt-1).
        await sleep(JOB_BACKOFF_MS * 2 ** (attempt - 1));
      }
    }
  }

  /** Waits for the jobs already running; queued ones stay queued in job_run. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.pending.length) this.logger.warn(`${this.pending.length} queued job(s) not started before shutdown`);
    await Promise.allSettled([...this.running]);
  }

  /** For tests and shutdown: resolves when nothing is pending or running. */
  async idle(): Promise<void> {
    while (this.running.size || this.pending.length) await Promise.allSettled([...this.running]);
  }
}
