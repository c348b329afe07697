import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createConnection } from 'mysql2/promise';
import type { ReportImportDto } from '@tunedesk/contracts';
import { mariadbDatabase, type TestDatabase } from '../test/support/databases';
import { describeWithRedis, mysqlConfigured, TEST_REDIS_URL } from '../test/support/services';
import { HttpSession } from './support/http';
import { lastJsonLine, ROOT, runCli, startApi, startProcess, tempDir, type RunningProcess } from './support/processes';

const ROWS = 40_000;
const TYPES = ['直接回答', '推薦回答', '未能回答', '閒聊', '無效問題'];

/** A month-sized log: distinct questions so nothing deduplicates by accident. */
function writeLog(path: string): void {
  const lines = ['提問時間,會話編號,管道,使用者問句,回應類型,題目編號,標準問句,信心分數,評價,轉真人'];
  for (let i = 0; i < ROWS; i++) {
    const day = 1 + (i % 28);
    lines.push(
      `2026-07-${String(day).padStart(2, '0')} 10:${String(i % 60).padStart(2, '0')}:00,S${i},官網,房屋稅第${i}個問題怎麼辦,${TYPES[i % 5]},,,,,N`,
    );
  }
  writeFileSync(path, `\uFEFF${lines.join('\r\n')}\r\n`);
}

const suite = mysqlConfigured() ? describeWithRedis() : describe.skip;

suite('a worker killed in the middle of an import (MariaDB + Redis)', () => {
  const tmp = tempDir();
  let db: TestDatabase;
  let api: RunningProcess & { url: string };
  const workers: RunningProcess[] = [];

  afterAll(async () => {
    for (const w of workers) await w.stop().catch(() => undefined);
    await api?.stop();
    await db?.drop();
    tmp.cleanup();
  });

  it('retries the job and ends with exactly the rows of one clean import', async () => {
    db = await mariadbDatabase();
    const url = (db.config as { url: string }).url;
    const env = {
      DATABASE_URL: url,
      REDIS_URL: TEST_REDIS_URL as string,
      QUEUE_PREFIX: `crash${randomBytes(4).toString('hex')}`,
      SEED_DEMO: 'false',
      // No periodic jobs: they would write to the same database while the CLI does.
      SCHEDULER: 'false',
      FILES_DIR: join(tmp.dir, 'files'),
      JOB_LOCK_MS: '4000',
    };
    api = await startApi({ ...env, WORKER_EMBEDDED: 'false' });
    expect(runCli(['org:import', join(ROOT, 'test/fixtures/org/ok/sections.csv')], env).status).toBe(0);
    const admin = lastJsonLine(runCli(['user:create-admin', 'ops', '--json'], env).stdout);
    const http = new HttpSession(api.url);
    await http.login('ops', admin.initialPassword as string, 'Crash-Test#2026x');
    const file = join(tmp.dir, 'report-2026-07.csv');
    writeLog(file);

    const first = startProcess('dist/apps/worker/main.js', env);
    workers.push(first);
    const uploaded = await http.upload('/api/reports/imports', file, 'report-2026-07.csv');
    expect(uploaded.status).toBe(202);
    const { id } = (await uploaded.json()) as ReportImportDto;
    const state = async () => (await (await http.request('GET', `/api/reports/imports/${id}`)).json()) as ReportImportDto;
    // Kill the worker once it has written some rows but is far from done.
    let s = await state();
    for (let i = 0; i < 600 && !(s.status === 'processing' && s.accepted > 0); i++) {
      await sleep(50);
      s = await state();
    }
    expect(s).toMatchObject({ status: 'processing' });
    expect(s.accepted).toBeLessThan(ROWS);
    first.child.kill('SIGKILL');
    await first.exited;

    workers.push(startProcess('dist/apps/worker/main.js', env));
    for (let i = 0; i < 900 && ['queued', 'processing'].includes((s = await state()).status); i++) await sleep(100);
    if (s.status !== 'completed') process.stderr.write(`import: ${JSON.stringify(s)}\nworker 2:\n${workers[1].output().slice(-3000)}\n`);
    expect(s).toMatchObject({ status: 'completed', accepted: ROWS, rejected: 0 });
    const conn = await createConnection(url);
    try {
      const [rows] = await conn.query(
        'SELECT COUNT(*) AS n, COUNT(DISTINCT row_no) AS distinctRows FROM report_message WHERE import_id = ?',
        [id],
      );
      expect(rows).toEqual([{ n: ROWS, distinctRows: ROWS }]);
    } finally {
      await conn.end();
    }
  }, 180_000);
});
