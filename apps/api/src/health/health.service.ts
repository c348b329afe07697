import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HealthComponent, HealthReport } from '@tunedesk/contracts';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JobQueue } from '../jobs/job-queue.service';
import { APP_VERSION } from '../version';

const STARTED_AT = new Date().toISOString();

@Injectable()
export class HealthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
  ) {}

  async report(): Promise<HealthReport> {
    const components = await Promise.all([this.database(), this.redis()]);
    components.push({ name: 'jobs', state: 'up', detail: this.jobs.driverKind });
    return {
      status: components.every((c) => c.state !== 'down') ? 'ok' : 'error',
      version: APP_VERSION,
      mode: this.config.mode,
      startedAt: STARTED_AT,
      checkedAt: new Date().toISOString(),
      components,
    };
  }

  private async database(): Promise<HealthComponent> {
    const started = Date.now();
    try {
      if (this.config.database.type === 'mysql') {
        const [row] = await this.dataSource.query('SELECT VERSION() AS v');
        return { name: 'database', state: 'up', detail: `mysql ${row.v}`, latencyMs: Date.now() - started };
      }
      const [row] = await this.dataSource.query('SELECT sqlite_version() AS v');
      return { name: 'database', state: 'up', detail: `sqlite ${row.v}`, latencyMs: Date.now() - started };
    } catch (error) {
      return { name: 'database', state: 'down', error: (error as Error).message, latencyMs: Date.now() - started };
    }
  }

  private async redis(): Promise<HealthComponent> {
    if (!this.config.redisUrl) return { name: 'redis', state: 'not-configured', detail: 'in-process job runner' };
    const started = Date.now();
    // A short-lived client with no retries, so a dead Redis answers quickly.
    const client = new IORedis(this.config.redisUrl, {
      lazyConnect: true,
      connectTimeout: 1500,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const pong = await client.ping();
      const info = await client.info('server');
      const version = /redis_version:(\S+)/.exec(info)?.[1];
      return {
        name: 'redis',
        state: pong === 'PONG' ? 'up' : 'down',
        detail: version ? `redis ${version}` : undefined,
        latencyMs: Date.now() - started,
      };
    } catch (error) {
      return { name: 'redis', state: 'down', error: (error as Error).message || 'unreachable', latencyMs: Date.now() - started };
    } finally {
      client.disconnect();
    }
  }
}
