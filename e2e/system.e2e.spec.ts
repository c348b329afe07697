import type { JobRunDto } from '@tunedesk/contracts';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeWithRedis, TEST_REDIS_URL } from '../test/support/services';
import { lastJsonLine, ROOT, runCli, startApi, startProcess, tempDir } from './support/processes';

const FIXTURES = join(ROOT, 'test/fixtures/org');

describe('CLI', () => {
  const tmp = tempDir();
  const env = { DATABASE_URL: `sqlite:${join(tmp.dir, 'cli.sqlite')}` };
  afterAll(() => tmp.cleanup());

  it('db:migrate applies the migrations once', () => {
    const first = runCli(['db:migrate', '--json'], env);
    expect(first.status).toBe(0);
    expect((lastJsonLine(first.stdout).applied as string[]).length).toBeGreaterThan(0);
    const second = runCli(['db:migrate', '--json'], env);
    expect(lastJsonLine(second.stdout)).toMatchObject({ applied: [] });
  });

  it('org:import creates 12 units, and a second import changes nothing', () => {
    const first = runCli(['org:import', join(FIXTURES, 'ok/sections.csv'), '--json'], env);
    expect(first.status).toBe(0);
    expect(lastJsonLine(first.stdout)).toMatchObject({ created: 12, updated: 0, unchanged: 0, rejected: 0, rejectedLines: [] });
    const second = runCli(['org:import', join(FIXTURES, 'ok/sections.csv'), '--json'], env);
    expect(lastJsonLine(second.stdout)).toMatchObject({ created: 0, updated: 0, unchanged: 12, rejected: 0 });
  });

  it('org:import refuses a file with a missing header: non-zero exit, the header named, the code in JSON', () => {
    const r = runCli(['org:import', join(FIXTURES, 'not-ok/missing-kind-header.csv'), '--json'], env);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('類型');
    expect(lastJsonLine(r.stdout)).toMatchObject({ error: { code: 'IMPORT_HEADER_MISSING' } });
  });

  it('prints a human summary without --json', () => {
    const r = runCli(['org:import', join(FIXTURES, 'ok/sections.csv')], env);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('未變更 unchanged 12');
  });

  it('fails with the file named when it does not exist', () => {
    const r = runCli(['org:import', '/nonexistent/units.csv', '--json'], env);
    expect(r.status).toBe(1);
    expect(lastJsonLine(r.stdout)).toMatchObject({ error: { code: 'FILE_NOT_FOUND' } });
  });
});

describe('boot', () => {
  it.each([
    ['PORT', 'abc'],
    ['DATABASE_URL', 'postgres://nope/x'],
  ])('stops with the variable named when %s=%s', async (name, value) => {
    const proc = startProcess('dist/apps/api/main.js', { [name]: value });
    expect((await proc.exited).code).toBe(1);
    expect(proc.output()).toContain(`${name}=`);
  });

  it('the worker refuses to start without REDIS_URL', async () => {
    const proc = startProcess('dist/apps/worker/main.js', {});
    expect((await proc.exited).code).toBe(1);
    expect(proc.output()).toContain('REDIS_URL');
  });
});

async function waitForJob(url: string, id: string): Promise<JobRunDto> {
  for (let i = 0; i < 200; i++) {
    const run = (await (await fetch(`${url}/api/jobs/${id}`)).json()) as JobRunDto;
    if (run.status === 'succeeded' || run.status === 'failed') return run;
    await sleep(100);
  }
  throw new Error(`job ${id} did not finish`);
}

describeWithRedis()('BullMQ across processes', () => {
  it('a job enqueued by the api process is processed by a separate worker process', async () => {
    const tmp = tempDir();
    const env = {
      DATABASE_URL: `sqlite:${join(tmp.dir, 'jobs.sqlite')}`,
      REDIS_URL: TEST_REDIS_URL as string,
      QUEUE_PREFIX: `e2e${randomBytes(4).toString('hex')}`,
      SEED_DEMO: 'false',
    };
    const api = await startApi({ ...env, WORKER_EMBEDDED: 'false' });
    const worker = startProcess('dist/apps/worker/main.js', env);
    try {
      const res = await fetch(`${api.url}/api/jobs/self-test`, { method: 'POST' });
      expect(res.status).toBe(202);
      const run = (await res.json()) as JobRunDto;
      const done = await waitForJob(api.url, run.id);
      expect(done.status).toBe('succeeded');
      expect(done.processedBy).toMatch(new RegExp(`:${worker.child.pid}$`));
      expect(done.processedBy).not.toMatch(new RegExp(`:${api.child.pid}$`));
    } finally {
      // SIGTERM: Nest closes the worker (finishing its job), then re-raises the signal.
      const exit = await worker.stop();
      expect(exit.signal === 'SIGTERM' || exit.code === 0).toBe(true);
      expect(worker.output()).not.toMatch(/"level":50/);
      await api.stop();
      tmp.cleanup();
    }
  });
});
