/**
 * npm run eval:misses — miss suggestion, routing and clustering measured on
 * the public development set (two labelled months), beside a plain baseline:
 * character-bigram TF-IDF nearest item, routed to that item's owner, and
 * "same nearest item" as the clusters.
 */
import 'reflect-metadata';
import { parse } from 'csv-parse/sync';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../apps/api/src/bootstrap';
import { systemActor } from '../apps/api/src/common/actor';
import { loadConfig } from '../apps/api/src/config/app-config';
import { KnowledgeService } from '../apps/api/src/knowledge/knowledge.service';
import { OrgService } from '../apps/api/src/org/org.service';
import { CycleService } from '../apps/api/src/reports/cycle.service';
import { ReportImportService } from '../apps/api/src/reports/report-import.service';
import { ReportsRepository } from '../apps/api/src/reports/reports.repository';
import { normalizeText } from '../libs/domain/src';

const ROOT = join(__dirname, '..');
const fixture = (p: string) => join(ROOT, 'test/fixtures', p);

interface Labelled {
  line: number;
  intent: string;
  section: string;
}

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

function pairwise(rows: { intent: string; cluster: string }[]): { precision: number; recall: number; f1: number } {
  let same = 0;
  let sameIntent = 0;
  let correct = 0;
  for (let i = 0; i < rows.length; i++)
    for (let j = i + 1; j < rows.length; j++) {
      const c = rows[i].cluster === rows[j].cluster;
      const t = rows[i].intent === rows[j].intent;
      if (c) same++;
      if (t) sameIntent++;
      if (c && t) correct++;
    }
  const precision = same ? correct / same : 1;
  const recall = sameIntent ? correct / sameIntent : 1;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'tunedesk-eval-'));
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
  await app.get(OrgService).importUnits(readFileSync(fixture('org/ok/sections.csv')), 'sections.csv');
  const kb = app.get(KnowledgeService);
  await kb.import(actor, readFileSync(fixture('kb/ok/kb.csv')), 'kb.csv');
  const items = (await kb.list({}, 1, 200)).items;
  const full = await Promise.all(items.map((i) => kb.get(i.id)));
  const baseline = baselineIndex(
    full
      .filter((i) => i.status === 'published')
      .map((i) => ({ id: i.id, owner: i.ownerUnitCode, text: [i.question, ...i.alternates].join(' ') })),
  );
  const imports = app.get(ReportImportService);
  const repo = app.get(ReportsRepository);
  const cycles = app.get(CycleService);
  process.stdout.write(`\nMiss suggestion, routing and clustering on the development set (${new Date().toISOString().slice(0, 10)})\n`);
  for (const month of ['2026-09', '2026-10']) {
    const temp = join(dir, `report-${month}.csv`);
    copyFileSync(fixture(`reports/ok/report-${month}.csv`), temp);
    const queued = await imports.submit(actor, { tempPath: temp, fileName: `report-${month}.csv` }, {});
    let done = await imports.get(queued.id);
    while (done.status === 'queued' || done.status === 'processing') {
      await new Promise((r) => setTimeout(r, 50));
      done = await imports.get(queued.id);
    }
    if (done.status !== 'completed') throw new Error(`import of ${month} ended ${done.status}: ${done.errorMessage}`);
    const labels = (
      parse(readFileSync(fixture(`labels/labels-${month}.csv`)), { bom: true, columns: true }) as Record<string, string>[]
    ).map((r): Labelled => ({ line: Number(r.line), intent: r.intent, section: r.section }));
    const byLine = new Map(labels.map((l) => [l.line, l]));
    const cycle = (await cycles.findByMonth(month))!;
    const clusters = await cycles.clusters(cycle.id, {});
    const clusterOfWording = new Map<string, (typeof clusters)[number]>();
    for (const c of clusters) for (const w of (await cycles.cluster(c.id)).wordings) clusterOfWording.set(w.text, c);
    const messages = await repo.messages.find({
      where: { importId: done.id, responseType: 'unanswered' as never },
      order: { rowNo: 'ASC' },
    });
    const scored = messages
      .map((m) => ({ m, label: byLine.get(m.rowNo - 1)! }))
      .filter(({ label }) => label && label.intent !== 'CHITCHAT' && label.intent !== 'INVALID');
    const existing = scored.filter(({ label }) => !label.intent.startsWith('NEW-'));
    let top1 = 0;
    let top3 = 0;
    let b1 = 0;
    let b3 = 0;
    for (const { m, label } of existing) {
      const s = clusterOfWording.get(m.question.trim())?.suggestions.map((x) => x.kbItemId) ?? [];
      if (s[0] === label.intent) top1++;
      else if (process.env.EVAL_DEBUG)
        process.stdout.write(`  miss ${m.question.replace(/\s+/g, ' ')} → ${s.join(',')} (want ${label.intent}, bot ${m.kbItemId})\n`);
      if (s.slice(0, 3).includes(label.intent)) top3++;
      const b = baseline(m.question).map((x) => x.id);
      if (b[0] === label.intent) b1++;
      if (b.slice(0, 3).includes(label.intent)) b3++;
    }
    let routed = 0;
    let baseRouted = 0;
    for (const { m, label } of scored) {
      const c = clusterOfWording.get(m.question.trim());
      if (c?.routedUnitCode === label.section) routed++;
      else if (process.env.EVAL_DEBUG)
        process.stdout.write(
          `  route ${m.question.replace(/\s+/g, ' ')} → ${c?.routedUnitCode ?? 'triage'} (${c?.routedReason}) want ${label.section} [${label.intent}] top ${c?.suggestions[0]?.kbItemId}:${c?.suggestions[0]?.score}\n`,
        );
      if (baseline(m.question)[0]?.owner === label.section) baseRouted++;
    }
    const ours = pairwise(
      scored.map(({ m, label }) => ({
        intent: label.intent,
        cluster: String(clusterOfWording.get(m.question.trim())?.id ?? `none-${m.id}`),
      })),
    );
    if (process.env.EVAL_DEBUG) {
      const byCluster = new Map<string, string[]>();
      for (const { m, label } of scored) {
        const id = String(clusterOfWording.get(m.question.trim())?.id ?? `none-${m.id}`);
        byCluster.set(id, [...(byCluster.get(id) ?? []), `${label.intent}:${m.question.replace(/\s+/g, ' ').slice(0, 24)}`]);
      }
      for (const [id, list] of byCluster)
        if (new Set(list.map((x) => x.split(':')[0])).size > 1) process.stdout.write(`  mixed cluster ${id}: ${list.join(' | ')}\n`);
      const byIntent = new Map<string, Set<string>>();
      for (const { m, label } of scored) {
        const id = String(clusterOfWording.get(m.question.trim())?.id ?? `none-${m.id}`);
        byIntent.set(label.intent, (byIntent.get(label.intent) ?? new Set()).add(id));
      }
      for (const [intent, ids] of byIntent) if (ids.size > 1) process.stdout.write(`  split intent ${intent}: ${ids.size} clusters\n`);
    }
    const base = pairwise(scored.map(({ m, label }) => ({ intent: label.intent, cluster: baseline(m.question)[0]?.id ?? 'none' })));
    process.stdout.write(
      [
        `\n${month}: ${messages.length} 未能回答 rows, ${existing.length} with an existing item, ${scored.length} routable; ${clusters.length} clusters of all misses`,
        `  metric                 TuneDesk   baseline`,
        `  suggestion top-1       ${pct(top1 / existing.length)}    ${pct(b1 / existing.length)}`,
        `  suggestion top-3       ${pct(top3 / existing.length)}    ${pct(b3 / existing.length)}`,
        `  routing accuracy       ${pct(routed / scored.length)}    ${pct(baseRouted / scored.length)}`,
        `  cluster precision      ${pct(ours.precision)}    ${pct(base.precision)}`,
        `  cluster recall         ${pct(ours.recall)}    ${pct(base.recall)}`,
        `  cluster F1             ${pct(ours.f1)}    ${pct(base.f1)}`,
        '',
      ].join('\n'),
    );
  }
  await app.close();
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
