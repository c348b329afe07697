/**
 * npm run bench:analytics -- --months 24 --rows-per-month 1000000
 *
 * Loads `months` months of conversation logs straight into report_message on
 * MariaDB (LOAD DATA, as the import does), builds each month's rollups as the
 * import does (timed), then measures p50/p95 of every dashboard read against
 * the same figures computed by a GROUP BY over the raw messages, and checks
 * that both give exactly the same numbers.
 */
import 'reflect-metadata';
import { createWriteStream, createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { systemActor } from '../apps/api/src/common/actor';
import { DashboardService } from '../apps/api/src/dashboard/dashboard.service';
import { InsightsService } from '../apps/api/src/dashboard/insights.service';
import { RollupsService } from '../apps/api/src/dashboard/rollups.service';
import { SummaryService } from '../apps/api/src/dashboard/summary.service';
import { KnowledgeService } from '../apps/api/src/knowledge/knowledge.service';
import { OrgService } from '../apps/api/src/org/org.service';
import { header } from './measure';
import { BENCH_MYSQL, benchApp } from './mariadb';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const MONTHS = arg('months', 24);
const ROWS = arg('rows-per-month', 100_000);
const RUNS = arg('runs', 40);
const RAW_RUNS = arg('raw-runs', 3);
const ROOT = join(__dirname, '..');
const TYPES = ['answered', 'answered', 'answered', 'suggested', 'unanswered', 'chit-chat', 'invalid'];
const CHANNELS = ['官網', 'LINE', 'APP'];

let seed = 11;
const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;

function monthOf(i: number): string {
  const d = new Date(Date.UTC(2025, 0 + i, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** One month as the import's LOAD DATA file (tab-separated, \N for NULL). */
async function generate(path: string, importId: number, month: string, items: string[]): Promise<void> {
  const out = createWriteStream(path);
  for (let i = 0; i < ROWS; i++) {
    const type = TYPES[rand(TYPES.length)];
    const day = `${month}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const miss = type === 'unanswered' || type === 'suggested';
    const family = rand(miss ? 2000 : 30000);
    const q = `房屋稅問題${family}號${rand(4) === 0 ? '請問' : ''}`;
    const item = type === 'answered' || type === 'suggested' ? items[rand(items.length)] : '\\N';
    const feedback = rand(8) === 0 ? (rand(3) === 0 ? '不滿意' : '滿意') : '\\N';
    const line = [
      importId,
      i + 2,
      month,
      day,
      `${day} 10:00:00.000`,
      `S${month}-${Math.floor(i / 3)}`,
      CHANNELS[rand(3)],
      q,
      q.replace('請問', ''),
      type,
      item,
      '0.5',
      feedback,
      rand(40) === 0 ? 1 : 0,
      1,
      miss || feedback === '不滿意' ? 1 : 0,
    ].join('\t');
    if (!out.write(`${line}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}

function percentiles(times: number[]): { p50: number; p95: number } {
  const s = [...times].sort((a, b) => a - b);
  return { p50: s[Math.floor((s.length - 1) * 0.5)], p95: s[Math.min(s.length - 1, Math.ceil((s.length - 1) * 0.95))] };
}

async function time(fn: () => Promise<unknown>, runs: number, warmup: number): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return percentiles(times);
}

async function main() {
  header(`Dashboard reads: ${MONTHS} months × ${ROWS.toLocaleString('en')} rows on MariaDB (${new URL(BENCH_MYSQL).host})`);
  const dir = mkdtempSync(join(tmpdir(), 'tunedesk-analytics-'));
  const app = await benchApp('tunedesk_bench_analytics', dir);
  const ds = app.get(DataSource);
  const url = (ds.options as { url?: string }).url!;
  const admin = systemActor('bench');
  await app.get(OrgService).importUnits(readFileSync(join(ROOT, 'test/fixtures/org/ok/sections.csv')), 'sections.csv', undefined, admin);
  await app.get(KnowledgeService).import(admin, readFileSync(join(ROOT, 'test/fixtures/kb/ok/kb.csv')), 'kb.csv');
  const items: string[] = (await ds.query(`SELECT id FROM kb_item`)).map((r: { id: string }) => r.id);

  const conn = await createConnection({ uri: url, infileStreamFactory: (p: string) => createReadStream(p) } as never);
  const months = Array.from({ length: MONTHS }, (_, i) => monthOf(i));
  let loadMs = 0;
  const rollupMs: number[] = [];
  for (const month of months) {
    const [res] = (await conn.query(
      `INSERT INTO report_import (month, kind, file_name, file_path, sha256, status, stage, progress, rows_read, accepted, rejected, created_by, created_at)
       VALUES (?, 'log', 'bench.csv', '-', '-', 'completed', 'done', 100, ?, ?, 0, 'bench', NOW(3))`,
      [month, ROWS, ROWS],
    )) as unknown as [{ insertId: number }];
    const file = join(dir, `${month}.tsv`);
    await generate(file, res.insertId, month, items);
    let t = Date.now();
    await conn.query({
      sql: `LOAD DATA LOCAL INFILE ? INTO TABLE report_message CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' LINES TERMINATED BY '\\n'
            (import_id, row_no, month, day, asked_at, session_id, channel, question, normalized, response_type, kb_item_id, confidence, feedback, handed_off, occurrences, is_miss)`,
      values: [file],
    });
    loadMs += Date.now() - t;
    rmSync(file);
    t = Date.now();
    await ds.transaction((m) => app.get(RollupsService).rebuildMonth(m, month, res.insertId));
    rollupMs.push(Date.now() - t);
    process.stdout.write(`  ${month}: loaded, rollups rebuilt in ${rollupMs.at(-1)} ms\n`);
  }
  await conn.end();
  const rollupP = percentiles(rollupMs);
  process.stdout.write(
    `  load ${(loadMs / 1000).toFixed(1)} s (${Math.round((MONTHS * ROWS) / (loadMs / 1000)).toLocaleString('en')} rows/s); rollup rebuild per month p50 ${rollupP.p50} ms, p95 ${rollupP.p95} ms\n`,
  );

  const dash = app.get(DashboardService);
  const insights = app.get(InsightsService);
  const summary = app.get(SummaryService);
  const last = months.at(-1)!;
  const from = months[Math.max(0, months.length - 12)];
  const q = (sql: string, params: unknown[] = []) => ds.query(sql, params);

  // The raw baselines: the same figures by GROUP BY over report_message.
  const rawQuality = async () => {
    const wanted = [...new Set(months.filter((m) => m >= from))];
    const ph = wanted.map(() => '?').join(',');
    const types = await q(
      `SELECT month, response_type, SUM(occurrences) AS n, SUM(CASE WHEN feedback IS NOT NULL THEN occurrences ELSE 0 END) AS rated,
              SUM(CASE WHEN feedback = '滿意' THEN occurrences ELSE 0 END) AS sat, SUM(CASE WHEN handed_off = 1 THEN occurrences ELSE 0 END) AS h
         FROM report_message WHERE month IN (${ph}) GROUP BY month, response_type`,
      wanted,
    );
    const sessions = await q(
      `SELECT month, COUNT(DISTINCT session_id) AS s FROM report_message WHERE month IN (${ph}) GROUP BY month`,
      wanted,
    );
    return { types, sessions };
  };
  const rawDays = () =>
    q(
      `SELECT day, response_type, SUM(occurrences) AS n, COUNT(DISTINCT session_id) AS s FROM report_message WHERE month = ? GROUP BY day, response_type`,
      [last],
    );
  const rawBreakdown = () =>
    q(
      `SELECT r.channel, k.category, r.response_type, SUM(r.occurrences) AS n FROM report_message r LEFT JOIN kb_item k ON k.id = r.kb_item_id
        WHERE r.month = ? GROUP BY r.channel, k.category, r.response_type`,
      [last],
    );
  const rawItems = () =>
    q(
      `SELECT kb_item_id, SUM(occurrences) AS hits FROM report_message WHERE month = ? AND kb_item_id IS NOT NULL
        AND response_type IN ('answered', 'suggested') GROUP BY kb_item_id`,
      [last],
    );
  const rawItemsOverview = () =>
    q(
      `SELECT month, kb_item_id, SUM(occurrences) AS hits FROM report_message WHERE month IN (${months
        .slice(-6)
        .map(() => '?')
        .join(',')}) AND kb_item_id IS NOT NULL AND response_type IN ('answered', 'suggested') GROUP BY month, kb_item_id`,
      months.slice(-6),
    );

  // Exactness: every month's figures from the rollups equal the raw GROUP BY.
  const all = await dash.quality({ from: months[0], to: last });
  let mismatches = 0;
  const raw = await q(
    `SELECT month, response_type, SUM(occurrences) AS n, SUM(CASE WHEN feedback IS NOT NULL THEN occurrences ELSE 0 END) AS rated,
            SUM(CASE WHEN feedback = '滿意' THEN occurrences ELSE 0 END) AS sat, SUM(CASE WHEN handed_off = 1 THEN occurrences ELSE 0 END) AS h
       FROM report_message GROUP BY month, response_type`,
  );
  const rawSessions = new Map<string, number>(
    (await q(`SELECT month, COUNT(DISTINCT session_id) AS s FROM report_message GROUP BY month`)).map((r: { month: string; s: string }) => [
      r.month,
      Number(r.s),
    ]),
  );
  for (const m of all.months) {
    const rows = raw.filter((r: { month: string }) => r.month === m.month);
    for (const r of rows) if (m.byResponseType[r.response_type as keyof typeof m.byResponseType] !== Number(r.n)) mismatches++;
    const sum = (k: string) => rows.reduce((a: number, r: Record<string, string>) => a + Number(r[k]), 0);
    if (m.rated !== sum('rated') || m.satisfied !== sum('sat') || m.handedOff !== sum('h')) mismatches++;
    if (m.sessions !== rawSessions.get(m.month)) mismatches++;
  }
  const itemsNow = await dash.items(last);
  const rawHits = new Map<string, number>(
    (await rawItems()).map((r: { kb_item_id: string; hits: string }) => [r.kb_item_id, Number(r.hits)]),
  );
  if (itemsNow.length !== rawHits.size || itemsNow.some((i) => rawHits.get(i.kbItemId) !== i.hits)) mismatches++;
  const days = await dash.days(last, {});
  const rawDayRows = await rawDays();
  const rawDayTotal = rawDayRows.reduce((a: number, r: { n: string }) => a + Number(r.n), 0);
  if (days.reduce((a, d) => a + d.messages, 0) !== rawDayTotal) mismatches++;
  const rawMisses = Number((await q(`SELECT SUM(occurrences) AS n FROM report_message WHERE is_miss = 1`))[0].n);
  const rolledMisses = Number((await q(`SELECT SUM(misses) AS n FROM rollup_miss`))[0].n);
  if (rawMisses !== rolledMisses) mismatches++;
  process.stdout.write(`  exactness: ${all.months.length} months × every figure, items, days, misses — ${mismatches} mismatches\n\n`);

  const cases: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
    ['GET /api/dashboard/quality (12 months)', () => dash.quality({ from, to: last }), rawQuality],
    ['GET /api/dashboard/quality/:month/days', () => dash.days(last, {}), rawDays],
    ['GET /api/dashboard/quality/:month/breakdown', () => dash.breakdown(last), rawBreakdown],
    ['GET /api/dashboard/items/:month', () => dash.items(last), rawItems],
    ['GET /api/dashboard/items/:month/overview', () => insights.itemsOverview(last), rawItemsOverview],
    [
      'GET /api/dashboard/misses/:month',
      () => insights.misses(last),
      () =>
        q(
          `SELECT normalized, SUM(occurrences) AS n FROM report_message WHERE month = ? AND is_miss = 1 GROUP BY normalized ORDER BY n DESC LIMIT 10`,
          [last],
        ),
    ],
    ['GET /api/dashboard/summary/:month', () => summary.summary(last), rawQuality],
  ];
  process.stdout.write(
    `  ${'endpoint (service call)'.padEnd(44)} ${'rollup p50'.padStart(11)} ${'p95'.padStart(9)}   ${'raw p50'.padStart(10)} ${'p95'.padStart(10)}   speed-up (p95)\n`,
  );
  for (const [label, fast, slow] of cases) {
    const f = await time(fast, RUNS, 5);
    const s = await time(slow, RAW_RUNS, 0);
    process.stdout.write(
      `  ${label.padEnd(44)} ${f.p50.toFixed(1).padStart(8)} ms ${f.p95.toFixed(1).padStart(6)} ms   ${s.p50.toFixed(0).padStart(7)} ms ${s.p95
        .toFixed(0)
        .padStart(7)} ms   ${Math.round(s.p95 / f.p95)}×\n`,
    );
  }
  await app.close();
  rmSync(dir, { recursive: true, force: true });
  if (mismatches) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
