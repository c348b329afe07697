import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JobName } from './job-catalogue';
import { JobQueue } from './job-queue.service';

/** Periodic jobs and how often they run; the job key is the period, so each runs once per period. */
export const PERIODIC_JOBS: {
  name:
    | JobName.AccountsDisableInactive
    | JobName.AuditPurge
    | JobName.AccountRequestsApply
    | JobName.CycleReminders
    | JobName.MailOutbox
    | JobName.WebsiteReviewDaily
    | JobName.WebsiteRetention;
  every: 'day' | 'hour';
}[] = [
  { name: JobName.AccountsDisableInactive, every: 'day' },
  { name: JobName.AuditPurge, every: 'day' },
  { name: JobName.AccountRequestsApply, every: 'hour' },
  { name: JobName.CycleReminders, every: 'day' },
  { name: JobName.MailOutbox, every: 'hour' },
  { name: JobName.WebsiteReviewDaily, every: 'day' },
  { name: JobName.WebsiteRetention, every: 'day' },
];

const TICK_MS = 10 * 60_000;

/**
 * Starts the periodic jobs from the api process. Every api instance may tick:
 * the job id is derived from the period (`audit-purge.2026-11-29`), so the
 * second enqueue of a period starts nothing, with BullMQ or in-process.
 */
@Injectable()
export class PeriodicJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PeriodicJobs.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly queue: JobQueue,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.scheduler) return;
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
    setTimeout(() => void this.tick(), 5_000).unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Enqueues each periodic job for the current period (Asia/Taipei). */
  async tick(): Promise<string[]> {
    const taipei = new Date(this.clock.now().getTime() + 8 * 3_600_000).toISOString();
    const started: string[] = [];
    for (const job of PERIODIC_JOBS) {
      const period = job.every === 'day' ? taipei.slice(0, 10) : taipei.slice(0, 13).replace('T', '-');
      try {
        const { duplicate } = await this.queue.enqueue({ name: job.name, data: { period }, key: period });
        if (!duplicate) started.push(`${job.name}.${period}`);
      } catch (error) {
        this.logger.error({ err: { message: (error as Error).message }, job: job.name }, 'Could not enqueue a periodic job');
      }
    }
    return started;
  }
}
