/**
 * npm run bench:import -- --rows N: the whole monthly import on MariaDB (generate a realistic log, stream,
 * validate, batch-insert, cluster, route), beside csv-parse alone, LOAD DATA LOCAL INFILE into an unindexed
 * staging table, and a naive TypeORM save() per row on 10,000 rows. Prints rows/s, stage times and peak RSS.
 */
import 'reflect-metadata';
import { parse } from 'csv-parse';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { systemActor } from '../apps/api/src/common/actor';
import { KnowledgeService } from '../apps/api/src/knowledge/knowledge.service';
import { OrgService } from '../apps/api/src/org/org.service';
import { ReportImportService } from '../apps/api/src/reports/report-import.service';
import { ReportMessageEntity } from '../apps/api/src/reports/report.entities';
import { ReportsRepository } from '../apps/api/src/reports/reports.repository';
import { BENCH_MYSQL, benchApp, freshDatabase } from './mariadb';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = arg('rows', 100_000);
const ROOT = join(__dirname, '..');

const TAXES = ['房屋稅', '地價稅', '牌照稅', '使用牌照稅', '土地增值稅', '土增稅', '契稅', '印花稅', '娛樂稅', '稅單', '繳款書'];
const ASKS = [
  '什麼時候要繳',
  '怎麼申請',
  '可以用信用卡繳嗎',
  '要準備什麼文件',
  '逾期會怎樣',
  '怎麼算',
  '可以分期嗎',
  '在哪裡補發',
  '可以線上辦嗎',
  '稅率是多少',
  '誰要繳',
  '寄到哪裡',
];
const LEADS = ['', '', '請問', '想問一下', '你好 請問', '我想知道'];
const TAILS = ['', '', '？', '嗎', '呢', '啊', '!!'];
const PLACES = ['', '', '', '中壢', '桃園', '八德', '平鎮', '楊梅', '大溪', '龜山', '龍潭', '觀音', '新屋'];
const TYPES = ['直接回答', '推薦回答', '未能回答', '閒聊', '無效問題'];
let seed = 7;
const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
const pick = <T>(xs: T[]) => xs[rand(xs.length)];

/** A question of 4–80 characters; misses come in near-duplicate families (a base wording, lightly varied). */
function question(miss: boolean): string {
  const family = miss ? rand(3000) : rand(20000);
  seed ^= family;
  const base = `${pick(PLACES)}${TAXES[family % TAXES.length]}${ASKS[(family >> 3) % ASKS.length]}`;
  const extra = rand(5) === 0 ? `，我是${pick(PLACES) || '桃園'}的${family % 97}號房子，去年${(family % 12) + 1}月買的` : '';
  return `${pick(LEADS)}${base}${extra}${pick(TAILS)}`.slice(0, 80);
}

async function generate(path: string): Promise<void> {
  const out = createWriteStream(path);
  out.write('\uFEFF提問時間,會話編號,管道,使用者問句,回應類型,題目編號,標準問句,信心分數,評價,轉真人\r\n');
  for (let i = 0; i < ROWS; i++) {
    const miss = rand(100) < 35;
    const type = miss ? TYPES[1 + rand(2)] : pick([TYPES[0], TYPES[0], TYPES[0], TYPES[3], TYPES[4]]);
    const day = 1 + (i % 28);
    const q = question(miss).replace(/"/g, '""');
    const line = `2026-10-${String(day).padStart(2, '0')} ${String(8 + (i % 10)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00,L${i},${pick(['官網', 'LINE', 'APP'])},"${q}",${type},,,${miss ? '' : '0.9'},${rand(10) === 0 ? '不滿意' : ''},N\r\n`;
    if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'tunedesk-bench-'));
  const file = join(dir, 'report.csv');
  let t = Date.now();
  await generate(file);
  process.stdout.write(
    `\nMonthly import: ${ROWS.toLocaleString('en')} rows (${mb(statSync(file).size)}), MariaDB at ${new URL(BENCH_MYSQL).host}, node ${process.version}\n`,
  );
  process.stdout.write(`  generate file                         ${((Date.now() - t) / 1000).toFixed(1)} s\n`);

  // 1. csv-parse alone.
  t = Date.now();
  let parsed = 0;
  for await (const _ of createReadStream(file).pipe(parse({ bom: true, from_line: 2 }))) parsed++;
  const parseS = (Date.now() - t) / 1000;
  process.stdout.write(
    `  csv-parse alone                       ${parseS.toFixed(1)} s  ${Math.round(parsed / parseS).toLocaleString('en')} rows/s\n`,
  );

  // 2. LOAD DATA LOCAL INFILE into an unindexed staging table.
  const loadUrl = await freshDatabase('tunedesk_bench_load');
  const conn = await createConnection({ uri: loadUrl, infileStreamFactory: (p: string) => createReadStream(p) } as never);
  await conn.query(
    'CREATE TABLE staging (asked_at VARCHAR(32), session_id VARCHAR(64), channel VARCHAR(32), question VARCHAR(500), response_type VARCHAR(16), kb_item_id VARCHAR(32), matched VARCHAR(500), confidence VARCHAR(16), feedback VARCHAR(8), handed_off VARCHAR(4))',
  );
  t = Date.now();
  await conn.query({
    sql: `LOAD DATA LOCAL INFILE ? INTO TABLE staging CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' LINES TERMINATED BY '\\r\\n' IGNORE 1 LINES`,
    values: [file],
  });
  const loadS = (Date.now() - t) / 1000;
  await conn.end();
  process.stdout.write(
    `  LOAD DATA LOCAL INFILE (staging)      ${loadS.toFixed(1)} s  ${Math.round(ROWS / loadS).toLocaleString('en')} rows/s\n`,
  );

  // 3. The platform's import, stage by stage.
  const app = await benchApp('tunedesk_bench', dir);
  const actor = systemActor('bench');
  await app.get(OrgService).importUnits(readFileSync(join(ROOT, 'test/fixtures/org/ok/sections.csv')), 'sections.csv');
  await app.get(KnowledgeService).import(actor, readFileSync(join(ROOT, 'test/fixtures/kb/ok/kb.csv')), 'kb.csv');
  const imports = app.get(ReportImportService);
  const repo = app.get(ReportsRepository);
  const copy = join(dir, 'upload.csv');
  await new Promise<void>((r) =>
    createReadStream(file)
      .pipe(createWriteStream(copy))
      .on('finish', () => r()),
  );
  const rssBefore = process.memoryUsage().rss;
  peakRss = rssBefore;
  const stages: Record<string, number> = {};
  let stage = 'queued';
  let stageStart = Date.now();
  const started = Date.now();
  // Run the job here (not through the queue) so stage times are this process's.
  const queued = await imports.submit(actor, { tempPath: copy, fileName: 'report.csv' }, {});
  await repo.imports.update({ id: queued.id }, { status: 'queued' });
  const result = await imports.process(queued.id, async () => {
    const s = (await repo.findImport(queued.id))!.stage ?? 'queued';
    if (s !== stage) {
      stages[stage] = (stages[stage] ?? 0) + (Date.now() - stageStart);
      stage = s;
      stageStart = Date.now();
    }
  });
  stages[stage] = (stages[stage] ?? 0) + (Date.now() - stageStart);
  const totalS = (Date.now() - started) / 1000;
  const readingS = (stages.reading ?? 0) / 1000;
  process.stdout.write(`  TuneDesk import (${result.status}, ${result.accepted.toLocaleString('en')} rows)  ${totalS.toFixed(1)} s\n`);
  for (const [name, ms] of Object.entries(stages)) process.stdout.write(`    stage ${name.padEnd(12)} ${(ms / 1000).toFixed(1)} s\n`);
  process.stdout.write(
    `  ingest throughput (reading stage)     ${Math.round(ROWS / readingS).toLocaleString('en')} rows/s = ${(ROWS / readingS / (ROWS / loadS)).toFixed(2)}× LOAD DATA\n`,
  );
  process.stdout.write(`  peak RSS during the import            ${mb(peakRss)} (before: ${mb(rssBefore)})\n`);

  // 4. Naive: one TypeORM save() per row, 10,000 rows.
  const ds = app.get(DataSource);
  const entities = ds.getRepository(ReportMessageEntity);
  const sample = await entities.find({ take: 10_000 });
  t = Date.now();
  for (const m of sample) await entities.save(entities.create({ ...m, id: undefined, importId: -1 }));
  const naiveS = (Date.now() - t) / 1000;
  process.stdout.write(
    `  naive save() per row (10,000 rows)    ${naiveS.toFixed(1)} s  ${Math.round(sample.length / naiveS).toLocaleString('en')} rows/s\n`,
  );
  await app.close();
  clearInterval(sampler);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
