import { Logger } from '@nestjs/common';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { JOB_ATTEMPTS, JOB_BACKOFF_MS, JOB_KEEP_COMPLETED, JOB_KEEP_FAILED } from './job-catalogue';
import type { JobDriver } from './job-driver';
import type { JobRunner } from './job-runner';

export const QUEUE_NAME = 'jobs';

export interface BullMqOptions {
  redisUrl: string;
  prefix: string;
  /** Whether this process also runs a Worker (the worker app, or the api with WORKER_EMBEDDED). */
  processJobs: boolean;
  concurrency: number;
  /** How long a job's lock lasts; a dead worker's job is taken up again after about this long. */
  lockMs: number;
}

/** BullMQ on Redis: producers in the api, consumers in apps/worker (or the api when embedded). */
export class BullMqDriver implements JobDriver {
  readonly kind = 'bullmq' as const;
  private readonly logger = new Logger('BullMQ');
  private readonly connection: IORedis;
  private readonly queue: Queue;
  private worker?: Worker;
  private workerConnection?: IORedis;
  private lastErrorLog = 0;

  constructor(
    private readonly runner: JobRunner,
    private readonly options: BullMqOptions,
  ) {
    // BullMQ requires maxRetriesPerRequest: null on connections used by workers.
    this.connection = new IORedis(options.redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
    this.connection.on('error', (e) => this.logError(e));
    this.queue = new Queue(QUEUE_NAME, {
      connection: this.connection,
      prefix: options.prefix,
      defaultJobOptions: {
        attempts: JOB_ATTEMPTS,
        backoff: { type: 'exponential', delay: JOB_BACKOFF_MS },
        removeOnComplete: { count: JOB_KEEP_COMPLETED },
        removeOnFail: { count: JOB_KEEP_FAILED },
      },
    });
    this.queue.on('error', (e) => this.logError(e));
    if (options.processJobs) this.startWorker();
  }

  private logError(error: Error): void {
    // Redis being away is reported by /api/health; log it once a minute, not per retry.
    if (Date.now() - this.lastErrorLog < 60_000) return;
    this.lastErrorLog = Date.now();
    this.logger.error({ err: { message: error.message } }, 'Redis connection error');
  }

  private startWorker(): void {
    this.workerConnection = this.connection.duplicate();
    this.workerConnection.on('error', (e) => this.logError(e));
    this.worker = new Worker(
      QUEUE_NAME,
      async (job) => {
        try {
          return await this.runner.execute(job.id as string, job.name, job.data, job.attemptsMade + 1, JOB_ATTEMPTS);
        } catch (error) {
          if (!this.runner.isRetryable(error)) throw new UnrecoverableError(error instanceof Error ? error.message : String(error));
          throw error;
        }
      },
      {
        connection: this.workerConnection,
        prefix: this.options.prefix,
        concurrency: this.options.concurrency,
        lockDuration: this.options.lockMs,
        stalledInterval: this.options.lockMs,
      },
    );
    this.worker.on('error', (e) => this.logError(e));
  }

  async add(id: string, name: string, data: unknown): Promise<void> {
    await this.queue.add(name, data, { jobId: id });
  }

  async close(): Promise<void> {
    // A short-lived process (the CLI) may close before the queue's connection has finished
    // starting; closing it then makes BullMQ emit "Connection is closed" where no one listens,
    // ending the process with status 1. Give the start a moment to finish — bounded, because
    // with Redis unreachable it never does.
    await settledWithin(Promise.all([this.queue.waitUntilReady(), this.worker?.waitUntilReady()]), CLOSE_READY_WAIT_MS);
    // Worker.close() waits for active jobs to finish before resolving.
    await this.worker?.close();
    await this.queue.close();
    // Connections passed in are ours to close; BullMQ leaves them open.
    for (const c of [this.workerConnection, this.connection]) await c?.quit().catch(() => c.disconnect());
  }
}

/** How long close() lets a starting connection finish before closing it anyway. */
const CLOSE_READY_WAIT_MS = 2000;

/** Waits for a promise to settle, or for `ms`, whichever comes first; never rejects. */
async function settledWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  await Promise.race([
    promise.then(
      () => undefined,
      () => undefined,
    ),
    elapsed,
  ]);
  clearTimeout(timer);
}
