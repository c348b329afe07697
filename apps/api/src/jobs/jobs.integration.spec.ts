import { Injectable, INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { JobStatus, type JobRunDto } from '@tunedesk/contracts';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sqliteDatabase, testConfig, TestDatabase } from '../../../../test/support/databases';
import { describeWithRedis, TEST_REDIS_URL } from '../../../../test/support/services';
import { AppConfig } from '../config/app-config';
import { CoreModule, ProcessRole } from '../core.module';
import { FEATURE_MODULES } from '../features';
import { JobName, JobPayloads, JobProcessor } from './job-catalogue';
import { JobHandler } from './job-handler.decorator';
import { JobQueue } from './job-queue.service';

async function start(config: AppConfig, role: ProcessRole, extraProviders: unknown[] = []): Promise<INestApplicationContext> {
  const moduleRef = await Test.createTestingModule({
    // The feature modules bring the other processors: the catalogue check needs one per job.
    imports: [CoreModule.forRoot(config, role), ...FEATURE_MODULES],
    providers: extraProviders as never[],
  }).compile();
  const app = moduleRef.createNestApplication();
  await app.init();
  return app;
}

async function waitFor(queue: JobQueue, id: string, timeoutMs = 20_000): Promise<JobRunDto> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const run = await queue.get(id);
    if (run.status === JobStatus.Succeeded || run.status === JobStatus.Failed) return run;
    if (Date.now() > until) throw new Error(`job ${id} still ${run.status} after ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** The same assertions for both drivers: what a producer sees must not depend on the driver. */
function pipelineContract(name: string, setup: () => Promise<{ producer: INestApplicationContext; stop: () => Promise<void> }>) {
  describe(name, () => {
    let producer: INestApplicationContext;
    let stop: () => Promise<void>;
    let queue: JobQueue;

    beforeAll(async () => {
      ({ producer, stop } = await setup());
      queue = producer.get(JobQueue);
    });
    afterAll(async () => stop?.());

    it('runs a job to completion and records progress and result in job_run', async () => {
      const key = randomBytes(6).toString('hex');
      const { run, duplicate } = await queue.enqueue({ name: JobName.SystemSelfTest, key, data: { requestedBy: 'test' } });
      expect(duplicate).toBe(false);
      expect(run.id).toBe(`system-self-test.${key}`);
      const done = await waitFor(queue, run.id);
      expect(done).toMatchObject({ status: JobStatus.Succeeded, progress: 100, attempts: 1, errorCode: null });
      expect(done.result).toMatchObject({ attempt: 1, requestedBy: 'test' });
      expect(done.processedBy).toMatch(/:\d+$/);
    });

    it('runs a duplicate enqueue with the same job id once', async () => {
      const key = randomBytes(6).toString('hex');
      const first = await queue.enqueue({ name: JobName.SystemSelfTest, key, data: { requestedBy: 'first' } });
      const second = await queue.enqueue({ name: JobName.SystemSelfTest, key, data: { requestedBy: 'second' } });
      expect(second.duplicate).toBe(true);
      expect(second.run.id).toBe(first.run.id);
      const done = await waitFor(queue, first.run.id);
      expect(done.attempts).toBe(1);
      expect(done.result).toMatchObject({ requestedBy: 'first' });
    });

    it('retries a failing job with the shared policy and records the attempts', async () => {
      const key = randomBytes(6).toString('hex');
      const { run } = await queue.enqueue({ name: JobName.SystemSelfTest, key, data: { requestedBy: 'retry', failTimes: 1 } });
      const done = await waitFor(queue, run.id);
      expect(done).toMatchObject({ status: JobStatus.Succeeded, attempts: 2 });
    });

    it('marks a job failed, with its error code, after the last attempt', async () => {
      const key = randomBytes(6).toString('hex');
      const { run } = await queue.enqueue({ name: JobName.SystemSelfTest, key, data: { requestedBy: 'doomed', failTimes: 99 } });
      const done = await waitFor(queue, run.id);
      expect(done).toMatchObject({ status: JobStatus.Failed, attempts: 3, errorCode: 'SELF_TEST_PLANNED_FAILURE' });
      expect(done.finishedAt).not.toBeNull();
    });
  });
}

describe('job pipeline', () => {
  pipelineContract('in-process runner on SQLite', async () => {
    const db: TestDatabase = sqliteDatabase();
    const app = await start(testConfig(db.config), 'api');
    return {
      producer: app,
      stop: async () => {
        await app.close();
        await db.drop();
      },
    };
  });

  describeWithRedis()('with Redis', () => {
    // A producer-only api and a separate worker context, sharing one database and one Redis queue.
    pipelineContract('BullMQ: api enqueues, worker processes', async () => {
      const db: TestDatabase = sqliteDatabase();
      const env = { REDIS_URL: TEST_REDIS_URL as string, QUEUE_PREFIX: `t${randomBytes(4).toString('hex')}` };
      const api = await start(testConfig(db.config, env), 'api');
      const worker = await start(testConfig(db.config, env), 'worker');
      return {
        producer: api,
        stop: async () => {
          await worker.close();
          await api.close();
          await db.drop();
        },
      };
    });
  });

  describe('startup check', () => {
    @Injectable()
    @JobHandler(JobName.SystemSelfTest)
    class SecondSelfTestProcessor implements JobProcessor<JobName.SystemSelfTest> {
      async process(_data: JobPayloads[JobName.SystemSelfTest]) {
        return null;
      }
    }

    it('refuses to start when a job has two processors', async () => {
      const db = sqliteDatabase();
      try {
        await expect(start(testConfig(db.config), 'api', [SecondSelfTestProcessor])).rejects.toThrow(
          /job "system-self-test" has 2 processors: .*SecondSelfTestProcessor/,
        );
      } finally {
        await db.drop();
      }
    });
  });
});
