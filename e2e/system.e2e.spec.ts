import type { JobRunDto } from '@tunedesk/contracts';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { describeWithRedis, TEST_REDIS_URL } from '../test/support/services';
import { HttpSession } from './support/http';
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

  it('calendar:import loads a year of the office calendar, and refuses a bad row naming it', () => {
    const ok = runCli(['calendar:import', join(ROOT, 'test/fixtures/calendar/calendar-2026.csv'), '--json'], env);
    expect(ok.status).toBe(0);
    expect(lastJsonLine(ok.stdout)).toMatchObject({ years: [2026], days: 365 });
    const bad = join(tmp.dir, 'calendar-bad.csv');
    writeFileSync(bad, '西元日期,星期,是否放假,備註\n20270101,五,2,元旦\n20270102,六,9,\n');
    const refused = runCli(['calendar:import', bad, '--json'], env);
    expect(refused.status).toBe(1);
    expect(lastJsonLine(refused.stdout)).toMatchObject({ error: { code: 'CALENDAR_ROW_INVALID' } });
    expect(refused.stderr).toContain('第 3 列');
  });

  it('duties:schedule prints the year of duties on the imported calendar; a year not imported is refused naming it', () => {
    const ok = runCli(['duties:schedule', '--year', '2026', '--json'], env);
    expect(ok.status).toBe(0);
    const schedule = lastJsonLine(ok.stdout) as { year: number; duties: { duty: string; period: string; due: string | null }[] };
    expect(schedule.year).toBe(2026);
    expect(schedule.duties[0]).toEqual({ duty: 'website-review', period: '2026-01', due: '2026-01-12' });
    expect(schedule.duties).toContainEqual({ duty: 'password-rotation', period: '2026-Q4', due: '2026-12-31' });
    const human = runCli(['duties:schedule', '--year', '2026'], env);
    expect(human.stdout).toMatch(/2026-10 +115\/10\/12/);
    const missing = runCli(['duties:schedule', '--year', '2027', '--json'], env);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('2027');
    expect(lastJsonLine(missing.stdout)).toMatchObject({ error: { code: 'CALENDAR_YEAR_MISSING' } });
  });

  it('prints a human summary without --json', () => {
    const r = runCli(['org:import', join(FIXTURES, 'ok/sections.csv')], env);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('未變更 unchanged 12');
  });

  it('user:create-admin prints a one-time password once; a second time the account exists', () => {
    const r = runCli(['user:create-admin', 'root.admin', '--json'], env);
    expect(r.status).toBe(0);
    const out = lastJsonLine(r.stdout);
    expect(Object.keys(out).sort()).toEqual(['account', 'initialPassword']);
    expect(out).toMatchObject({ account: 'root.admin', initialPassword: expect.stringMatching(/^\S{16}$/) });
    // Not in the logs on stderr.
    expect(r.stderr).not.toContain(out.initialPassword as string);
    const again = runCli(['user:create-admin', 'root.admin', '--json'], env);
    expect(again.status).toBe(1);
    expect(lastJsonLine(again.stdout)).toMatchObject({ error: { code: 'ACCOUNT_EXISTS' } });
  });

  it('audit:verify passes on an intact trail and names the first row edited by hand', () => {
    const ok = runCli(['audit:verify', '--json'], env);
    expect(ok.status).toBe(0);
    const verdict = lastJsonLine(ok.stdout);
    expect(verdict).toMatchObject({ ok: true, brokenAt: null });
    expect(verdict.checked as number).toBeGreaterThanOrEqual(3);
    const db = new Database(join(tmp.dir, 'cli.sqlite'));
    const row = db.prepare("SELECT id FROM audit_event WHERE action = 'user.create'").get() as { id: number };
    db.prepare("UPDATE audit_event SET actor_account = 'intruder' WHERE id = ?").run(row.id);
    db.close();
    const broken = runCli(['audit:verify', '--json'], env);
    expect(broken.status).toBe(1);
    expect(lastJsonLine(broken.stdout)).toMatchObject({ ok: false, brokenAt: row.id, reason: 'content-changed' });
    const human = runCli(['audit:verify'], env);
    expect(human.stdout).toContain(`第 ${row.id} 筆`);
  });

  it('kb:import creates the sample bank, a second run changes nothing, and kb:export writes CSV and XLSX that read back', () => {
    const kb = join(ROOT, 'test/fixtures/kb/ok/kb.csv');
    const first = runCli(['kb:import', kb, '--json'], env);
    expect(first.status).toBe(0);
    expect(lastJsonLine(first.stdout)).toMatchObject({ created: 36, updated: 0, unchanged: 0, rejected: 0, rejectedLines: [] });
    expect(lastJsonLine(runCli(['kb:import', kb, '--json'], env).stdout)).toMatchObject({ created: 0, unchanged: 36 });
    for (const ext of ['csv', 'xlsx']) {
      const file = join(tmp.dir, `bank.${ext}`);
      const exported = runCli(['kb:export', '--out', file, '--json'], env);
      expect(exported.status).toBe(0);
      expect(lastJsonLine(exported.stdout)).toMatchObject({ items: 36, format: ext });
      expect(lastJsonLine(runCli(['kb:import', file, '--json'], env).stdout)).toMatchObject({
        created: 0,
        updated: 0,
        unchanged: 36,
        rejected: 0,
      });
    }
    const bad = runCli(['kb:import', join(ROOT, 'test/fixtures/kb/not-ok/too-many-bad-rows.csv'), '--json'], env);
    expect(bad.status).toBe(1);
    expect(lastJsonLine(bad.stdout)).toMatchObject({
      error: { code: 'IMPORT_TOO_MANY_REJECTED', details: expect.arrayContaining([expect.objectContaining({ row: 3 })]) },
    });
  });

  it('report:import prints a summary; the same file again is a duplicate; a refused file exits non-zero; misses:export writes format 9', () => {
    const report = join(ROOT, 'test/fixtures/reports/ok/report-2026-09.csv');
    const first = runCli(['report:import', report, '--json'], env);
    expect(first.status).toBe(0);
    expect(lastJsonLine(first.stdout)).toMatchObject({
      status: 'completed',
      encoding: 'utf-8',
      accepted: 452,
      rejected: 0,
      rejectedLines: [],
      code: null,
    });
    const again = runCli(['report:import', report, '--json'], env);
    expect(again.status).toBe(0);
    expect(lastJsonLine(again.stdout)).toMatchObject({
      status: 'duplicate',
      importId: lastJsonLine(first.stdout).importId,
      code: 'REPORT_DUPLICATE_FILE',
    });
    const bad = runCli(['report:import', join(ROOT, 'test/fixtures/import/not-ok/bad-rows-over-share.csv'), '--json'], env);
    expect(bad.status).toBe(1);
    expect(lastJsonLine(bad.stdout)).toMatchObject({
      status: 'refused',
      code: 'IMPORT_TOO_MANY_REJECTED',
      rejectedLines: expect.arrayContaining([expect.objectContaining({ row: 12 })]),
    });
    const out = join(tmp.dir, 'misses.csv');
    expect(runCli(['misses:export', '--month', '2026-09', '--out', out, '--json'], env).status).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toContain('群組編號,代表問句,使用者問句,次數,建議題目編號,分派單位,連續月數');
    const cells = (parse(text, { bom: true }) as string[][]).flat();
    expect(cells.length).toBeGreaterThan(100);
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
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

async function waitForJob(http: HttpSession, id: string): Promise<JobRunDto> {
  for (let i = 0; i < 200; i++) {
    const run = (await (await http.request('GET', `/api/jobs/${id}`)).json()) as JobRunDto;
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
      // No periodic jobs: they would write to the same database while the CLI does.
      SCHEDULER: 'false',
    };
    const api = await startApi({ ...env, WORKER_EMBEDDED: 'false' });
    const worker = startProcess('dist/apps/worker/main.js', { ...env, LOG_LEVEL: 'info' });
    try {
      // The worker opens the same SQLite file at boot: the CLI writes once it is up, not while it starts.
      for (let i = 0; i < 300 && !worker.output().includes('worker is processing jobs'); i++) await sleep(100);
      expect(worker.output()).toContain('worker is processing jobs');
      expect(runCli(['org:import', join(FIXTURES, 'ok/sections.csv')], env).status).toBe(0);
      const created = runCli(['user:create-admin', 'ops', '--json'], env);
      // On a failure the CLI's own words are the message.
      expect({ status: created.status, stderr: created.status === 0 ? '' : created.stderr.slice(-2000) }).toEqual({
        status: 0,
        stderr: '',
      });
      const admin = lastJsonLine(created.stdout);
      expect(admin.account).toBe('ops');
      const http = new HttpSession(api.url);
      expect((await http.request('POST', '/api/jobs/self-test')).status).toBe(401);
      await http.login('ops', admin.initialPassword as string, 'Queue-Check#2026x');
      const res = await http.request('POST', '/api/jobs/self-test');
      expect(res.status).toBe(202);
      const run = (await res.json()) as JobRunDto;
      expect(run.id).toMatch(/^system-self-test\./);
      const done = await waitForJob(http, run.id);
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
