/**
 * npm run eval:misses — miss suggestion, routing and clustering, held-out.
 *
 * Development months (used to fit thresholds and to choose methods): the two
 * labelled sample months on the sample bank (test/fixtures) and the transfer
 * month (eval/sets/transfer: a bank, a unit file and a labelled month of its
 * own). Each is scored with thresholds fitted on the other two only
 * (leave-one-month-out). The test month (eval/sets/transfer-b: a third bank and
 * month, written independently and never used for fitting or choosing a method)
 * is scored with thresholds fitted on all development months — the shipped
 * values. In-sample figures (fitted and scored on the same month) are printed
 * only as a warning sign. Baseline, same run: character-bigram TF-IDF nearest
 * item, routed to its owner.
 *
 *   --check        fail (exit 1) when a held-out figure is below eval/floors.json
 *   --ablations    also measure each part of the matcher off, held-out
 *   --json FILE    write every figure as JSON
 *   EVAL_DEBUG=top|route|cluster   list the development months' errors (EVAL_DEBUG_TEST=1 adds the test month)
 */
import 'reflect-metadata';
import { parse } from 'csv-parse/sync';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildMonth, DEFAULT_MATCHING_PARAMS, normalizeText } from '@tunedesk/domain';
import { createApp } from '../apps/api/src/bootstrap';
import { systemActor } from '../apps/api/src/common/actor';
import { loadConfig } from '../apps/api/src/config/app-config';
import { KnowledgeService } from '../apps/api/src/knowledge/knowledge.service';
import { OrgService } from '../apps/api/src/org/org.service';
import { MonthMatchingRepository, wordingKey, type MatchingOptions } from '../apps/api/src/reports/month-matching.repository';
import { ReportImportService } from '../apps/api/src/reports/report-import.service';
import { ReportsRepository } from '../apps/api/src/reports/reports.repository';
import { fit, heldOut, leaveOneMonthOut, rowSuggestions, run, type LabelledMonth, type Metrics } from './harness';

const ROOT = join(__dirname, '..');
const args = process.argv.slice(2);
const flag = (f: string) => args.includes(f);
const option = (f: string) => (args.includes(f) ? args[args.indexOf(f) + 1] : undefined);

interface SetSpec {
  set: string;
  sections: string;
  kb: string;
  months: { month: string; report: string; labels: string }[];
}

const SAMPLE: SetSpec = {
  set: 'sample',
  sections: join(ROOT, 'test/fixtures/org/ok/sections.csv'),
  kb: join(ROOT, 'test/fixtures/kb/ok/kb.csv'),
  months: ['2026-09', '2026-10'].map((month) => ({
    month,
    report: join(ROOT, `test/fixtures/reports/ok/report-${month}.csv`),
    labels: join(ROOT, `test/fixtures/labels/labels-${month}.csv`),
  })),
};

const TRANSFER_B_DIR = join(ROOT, 'eval/sets/transfer-b');
const TRANSFER_B: SetSpec = {
  set: 'transfer-b',
  sections: join(TRANSFER_B_DIR, 'sections.csv'),
  kb: join(TRANSFER_B_DIR, 'kb.csv'),
  months: [{ month: '2026-12', report: join(TRANSFER_B_DIR, 'report-2026-12.csv'), labels: join(TRANSFER_B_DIR, 'labels-2026-12.csv') }],
};

const TRANSFER_DIR = join(ROOT, 'eval/sets/transfer');
const TRANSFER: SetSpec = {
  set: 'transfer',
  sections: join(TRANSFER_DIR, 'sections.csv'),
  kb: join(TRANSFER_DIR, 'kb.csv'),
  months: [{ month: '2026-11', report: join(TRANSFER_DIR, 'report-2026-11.csv'), labels: join(TRANSFER_DIR, 'labels-2026-11.csv') }],
};

/** Plain TF-IDF cosine over character bigrams, one vector per item (question + alternates). */
function baselineIndex(items: { id: string; owner: string | null; text: string }[]) {
  const grams = (t: string) => {
    const c = [...normalizeText(t).replace(/ /g, '')];
    const m = new Map<string, number>();
    for (let i = 0; i + 1 < c.length; i++) m.set(c[i] + c[i + 1], (m.get(c[i] + c[i + 1]) ?? 0) + 1);
    return m;
  };
  const docs = items.map((i) => ({ ...i, tf: grams(i.text) }));
  const df = new Map<string, number>();
  for (const d of docs) for (const g of d.tf.keys()) df.set(g, (df.get(g) ?? 0) + 1);
  const idf = (g: string) => Math.log((docs.length + 1) / ((df.get(g) ?? 0) + 1)) + 1;
  const vec = (tf: Map<string, number>) => {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [g, n] of tf) {
      const w = n * idf(g);
      v.set(g, w);
      norm += w * w;
    }
    return { v, norm: Math.sqrt(norm) || 1 };
  };
  const vectors = docs.map((d) => ({ id: d.id, owner: d.owner, ...vec(d.tf) }));
  return (query: string) => {
    const q = vec(grams(query));
    return vectors
      .map((d) => {
        let dot = 0;
        for (const [g, w] of q.v) dot += w * (d.v.get(g) ?? 0);
        return { id: d.id, owner: d.owner, score: dot / (q.norm * d.norm) };
      })
      .sort((a, b) => b.score - a.score);
  };
}

interface LoadedSet {
  spec: SetSpec;
  months: (LabelledMonth & { texts: Map<string, string> })[];
  baseline: Metrics[];
  matching: MonthMatchingRepository;
  close: () => Promise<void>;
}

/** A fresh SQLite app with the set's units, bank and reports imported as an office would (the same services). */
async function loadSet(spec: SetSpec): Promise<LoadedSet> {
  const dir = mkdtempSync(join(tmpdir(), `tunedesk-eval-${spec.set}-`));
  const config = {
    ...loadConfig({
      NODE_ENV: 'test',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'error',
      WEB_DIST_DIR: '/nonexistent',
      FILES_DIR: join(dir, 'files'),
    }),
    database: { type: 'sqlite' as const, path: join(dir, 'eval.sqlite') },
  };
  const app = await createApp(config);
  await app.init();
  const actor = systemActor('eval');
  await app.get(OrgService).importUnits(readFileSync(spec.sections), 'sections.csv');
  await app.get(KnowledgeService).import(actor, readFileSync(spec.kb), 'kb.csv');
  const imports = app.get(ReportImportService);
  const repo = app.get(ReportsRepository);
  const matching = app.get(MonthMatchingRepository);
  const bank = await matching.bank();
  const itemIds = new Set(bank.map((b) => b.id));
  const baseline = baselineIndex(
    bank.filter((b) => b.published).map((b) => ({ id: b.id, owner: b.owner, text: [b.question, ...b.alternates].join(' ') })),
  );
  const months: LoadedSet['months'] = [];
  const baselineMetrics: Metrics[] = [];
  for (const m of spec.months) {
    const temp = join(dir, `report-${m.month}.csv`);
    copyFileSync(m.report, temp);
    const queued = await imports.submit(actor, { tempPath: temp, fileName: `report-${m.month}.csv` }, {});
    let done = await imports.get(queued.id);
    while (done.status === 'queued' || done.status === 'processing') {
      await new Promise((r) => setTimeout(r, 50));
      done = await imports.get(queued.id);
    }
    if (done.status !== 'completed') throw new Error(`import of ${spec.set} ${m.month} ended ${done.status}: ${done.errorMessage}`);
    const labels = new Map(
      (parse(readFileSync(m.labels), { bom: true, columns: true }) as Record<string, string>[]).map((r) => [Number(r.line), r]),
    );
    const misses = await repo.missesOf([done.id]);
    const { input } = await matching.monthInput(m.month, misses);
    const matcher = await matching.matcher(m.month);
    const rows: LabelledMonth['rows'] = [];
    const texts = new Map<string, string>();
    for (const msg of misses) {
      if (msg.responseType !== 'unanswered') continue;
      const label = labels.get(msg.rowNo - 1);
      if (!label || label.intent === 'CHITCHAT' || label.intent === 'INVALID') continue;
      rows.push({ key: wordingKey(msg), intent: label.intent, section: label.section });
      texts.set(wordingKey(msg), msg.question);
    }
    months.push({ name: `${spec.set} ${m.month}`, input, matcher, rows, itemIds, texts });
    // The baseline on the same rows.
    const existing = rows.filter((r) => itemIds.has(r.intent));
    const b = (r: { key: string }) => baseline(texts.get(r.key)!);
    baselineMetrics.push({
      rowsExisting: existing.length,
      rowsRoutable: rows.length,
      top1: existing.filter((r) => b(r)[0]?.id === r.intent).length / (existing.length || 1),
      top3:
        existing.filter((r) =>
          b(r)
            .slice(0, 3)
            .some((x) => x.id === r.intent),
        ).length / (existing.length || 1),
      routing: rows.filter((r) => b(r)[0]?.owner === r.section).length / (rows.length || 1),
      routedPrecision: rows.filter((r) => b(r)[0]?.owner === r.section).length / (rows.length || 1),
      triageShare: 0,
      clusterPrecision: NaN,
      clusterRecall: NaN,
      clusterF1: NaN,
    });
  }
  return { spec, months, baseline: baselineMetrics, matching, close: () => app.close() };
}

const pct = (x: number) => (Number.isNaN(x) ? '     —' : `${(x * 100).toFixed(1)}%`.padStart(6));
const METRICS: [keyof Metrics, string][] = [
  ['top1', 'suggestion top-1'],
  ['top3', 'suggestion top-3'],
  ['routing', 'routing (triage = wrong)'],
  ['routedPrecision', 'routed rows right'],
  ['triageShare', 'sent to triage'],
  ['clusterPrecision', 'cluster precision'],
  ['clusterRecall', 'cluster recall'],
  ['clusterF1', 'cluster F1'],
];

function table(title: string, columns: { name: string; m: Metrics }[]): string {
  const head = `  ${'metric'.padEnd(26)}${columns.map((c) => c.name.padStart(18)).join('')}`;
  const lines = METRICS.map(([k, label]) => `  ${label.padEnd(26)}${columns.map((c) => pct(c.m[k] as number).padStart(18)).join('')}`);
  return [`\n${title}`, head, ...lines].join('\n');
}

/** Rebuilds every month's matcher with some part of the matching off. */
async function withOptions(sets: LoadedSet[], options: MatchingOptions): Promise<LoadedSet[]> {
  const out: LoadedSet[] = [];
  for (const s of sets) {
    const months = [];
    for (const m of s.months) months.push({ ...m, matcher: await s.matching.matcher(m.name.split(' ')[1], options) });
    out.push({ ...s, months });
  }
  return out;
}

/**
 * Development months: the two sample months and the transfer month (two banks); each is scored with
 * thresholds fitted on the other two (leave-one-month-out). The test month (transfer-b, a third bank)
 * is scored with thresholds fitted on all development months: it is never used for fitting or for
 * choosing a method.
 */
async function heldOutFigures(dev: LabelledMonth[], test: LabelledMonth[]) {
  const lomo = await leaveOneMonthOut(dev, DEFAULT_MATCHING_PARAMS);
  const all = await fit(dev, DEFAULT_MATCHING_PARAMS);
  const testMetrics = await Promise.all(test.map((m) => heldOut(all, m)));
  return { lomo, all, testMetrics };
}

const columnsOf = (r: Awaited<ReturnType<typeof heldOutFigures>>, test: LabelledMonth[]) => [
  ...r.lomo.map((x) => ({ name: x.month, m: x.metrics })),
  ...r.testMetrics.map((m, i) => ({ name: `${test[i].name} (test)`, m })),
];

async function main() {
  const started = Date.now();
  const sample = await loadSet(SAMPLE);
  const transfer = await loadSet(TRANSFER);
  const testSet = existsSync(TRANSFER_B.kb) ? await loadSet(TRANSFER_B) : null;
  const dev = [...sample.months, ...transfer.months];
  const test = testSet?.months ?? [];
  const out: Record<string, unknown> = {};
  process.stdout.write(`\nMiss suggestion, routing and clustering, held-out (${new Date().toISOString().slice(0, 10)})\n`);
  const figures = await heldOutFigures(dev, test);
  const columns = columnsOf(figures, test);
  process.stdout.write(
    table(
      'HELD-OUT (development months: leave-one-month-out; test: a bank and month never used for fitting or for choosing a method)',
      columns,
    ),
  );
  const baseColumns = [sample, transfer, ...(testSet ? [testSet] : [])].flatMap((s) =>
    s.baseline.map((m, i) => ({ name: s.months[i].name, m })),
  );
  process.stdout.write(table('Baseline: character-bigram TF-IDF, nearest item, its owner (every row routed)', baseColumns));
  const inSample = await Promise.all(
    dev.map(async (m) => ({ name: m.name, m: await run(m, (await fit([m], DEFAULT_MATCHING_PARAMS)).params) })),
  );
  process.stdout.write(table('IN-SAMPLE — a warning sign only: thresholds fitted on the month they score', inSample));
  const { all } = figures;
  process.stdout.write(
    `\n\nThresholds fitted on all development months (the values shipped in libs/domain/src/matching/params.ts):\n  ${JSON.stringify(all.params)}\n`,
  );
  for (const r of figures.lomo) process.stdout.write(`  fitted on ${r.fitted.fittedOn.join(', ')}: ${JSON.stringify(r.fitted.params)}\n`);
  if (process.env.EVAL_DEBUG) {
    for (const m of process.env.EVAL_DEBUG_TEST ? [...dev, ...test] : dev) {
      const built = await buildMonth(m.input, m.matcher, all.params);
      const of = new Map<string, (typeof built)[number]>();
      for (const c of built) for (const k of c.keys) of.set(k, c);
      const texts = (m as LabelledMonth & { texts: Map<string, string> }).texts;
      if (process.env.EVAL_DEBUG === 'cluster')
        for (const c of built) {
          const rows = m.rows.filter((r) => c.keys.includes(r.key));
          if (new Set(rows.map((r) => r.intent)).size > 1)
            process.stdout.write(
              `  ${m.name} mixed ${c.basis} ${c.itemId ?? ''} ${c.confidence}: ${rows.map((r) => `${r.intent}:${texts.get(r.key)?.replace(/\s+/g, ' ').slice(0, 20)}`).join(' | ')}\n`,
            );
        }
      for (const r of m.rows) {
        const c = of.get(r.key);
        const s = c ? rowSuggestions(c, r.key) : [];
        if (process.env.EVAL_DEBUG === 'top' && m.itemIds.has(r.intent) && s[0] !== r.intent)
          process.stdout.write(`  ${m.name} miss ${texts.get(r.key)?.replace(/\s+/g, ' ')} → ${s.join(',')} want ${r.intent}\n`);
        if (process.env.EVAL_DEBUG === 'route' && c?.route.unitCode !== r.section)
          process.stdout.write(
            `  ${m.name} route ${texts.get(r.key)?.replace(/\s+/g, ' ')} → ${c?.route.unitCode}/${c?.route.reason}/${c?.route.matched ?? ''} want ${r.section} [${r.intent}]\n`,
          );
      }
    }
  }
  out.heldOut = Object.fromEntries(columns.map((c) => [c.name, c.m]));
  out.baseline = Object.fromEntries(baseColumns.map((c) => [c.name, c.m]));
  out.inSample = Object.fromEntries(inSample.map((c) => [c.name, c.m]));
  out.fitted = all.params;

  if (flag('--ablations')) {
    const variants: [string, MatchingOptions][] = [
      ['without words (jieba)', { channels: { words: false } }],
      ['without pinyin', { channels: { pinyin: false } }],
      ['without dictionary glosses (CC-CEDICT)', { channels: { glosses: false } }],
      ['without answers', { matcher: { answerWeight: 0 } }],
      ['without learned alternates', { matcher: { learned: false } }],
      ['without glossary', { glossary: false }],
      [
        'characters only',
        { channels: { words: false, pinyin: false, glosses: false }, matcher: { answerWeight: 0, learned: false }, glossary: false },
      ],
    ];
    const ablations: Record<string, unknown> = {};
    for (const [name, options] of variants) {
      const sets = await withOptions(testSet ? [sample, transfer, testSet] : [sample, transfer], options);
      const d = [...sets[0].months, ...sets[1].months];
      const t = sets[2]?.months ?? [];
      const cols = columnsOf(await heldOutFigures(d, t), t);
      process.stdout.write(table(`ABLATION, held-out: ${name}`, cols));
      ablations[name] = Object.fromEntries(cols.map((c) => [c.name, c.m]));
    }
    out.ablations = ablations;
  }
  process.stdout.write(`\n\n(${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  const jsonFile = option('--json');
  if (jsonFile) writeFileSync(jsonFile, JSON.stringify(out, null, 2));

  let failed = 0;
  if (flag('--check')) {
    const floors = JSON.parse(readFileSync(join(__dirname, 'floors.json'), 'utf8')) as Record<
      string,
      Partial<Record<keyof Metrics, number>>
    >;
    for (const c of columns) {
      const set = c.name.split(' ')[0];
      for (const [k, floor] of Object.entries(floors[set] ?? {})) {
        const v = c.m[k as keyof Metrics] as number;
        const bad = k === 'triageShare' ? v > floor! : v < floor!;
        if (bad) {
          failed++;
          process.stdout.write(`FLOOR ${c.name} ${k}: ${pct(v)} ${k === 'triageShare' ? '>' : '<'} ${pct(floor!)}\n`);
        }
      }
    }
    process.stdout.write(
      failed ? `held-out check: ${failed} figure(s) below their floor\n` : 'held-out check: every figure at or above its floor\n',
    );
  }
  await sample.close();
  await transfer.close();
  await testSet?.close();
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
