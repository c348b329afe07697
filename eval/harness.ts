/**
 * The evaluation harness: metrics as the samples' README defines them, a fit
 * of the thresholds by grid search, and held-out scoring that refuses to score
 * a month with thresholds fitted on it. It calls the same pipeline the import
 * does (libs/domain buildMonth).
 */
import { buildMonth, PARAM_GRID, type BankMatcher, type BuiltCluster, type MatchingParams, type MonthInput } from '@tunedesk/domain';

/** One labelled 未能回答 row: its wording's key and its truth. */
export interface LabelledRow {
  key: string;
  intent: string;
  section: string;
}

export interface LabelledMonth {
  /** e.g. "sample 2026-09", "transfer 2026-11": identity for the held-out rule. */
  name: string;
  input: MonthInput;
  matcher: BankMatcher;
  /** The month's 未能回答 rows that are not CHITCHAT or INVALID. */
  rows: LabelledRow[];
  /** Ids of the bank's items (an intent not among them is a new topic). */
  itemIds: Set<string>;
}

export interface Metrics {
  rowsExisting: number;
  rowsRoutable: number;
  top1: number;
  top3: number;
  /** Right unit over all routable rows (triage counts as wrong). */
  routing: number;
  /** Right unit over the rows that were routed. */
  routedPrecision: number;
  triageShare: number;
  clusterPrecision: number;
  clusterRecall: number;
  clusterF1: number;
}

export function pairwise(rows: { intent: string; cluster: string }[]): { precision: number; recall: number; f1: number } {
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

/** A row's suggestions as format 9 gives them: the wording's own when they disagree with its cluster's. */
export function rowSuggestions(cluster: BuiltCluster, key: string): string[] {
  const i = cluster.keys.indexOf(key);
  const own = i >= 0 ? cluster.wordingHits[i] : [];
  const list = own.length && own[0].id !== cluster.suggestions[0]?.id ? own : cluster.suggestions;
  return list.map((h) => h.id);
}

export function score(month: LabelledMonth, built: BuiltCluster[]): Metrics {
  const clusterOf = new Map<string, { c: BuiltCluster; n: number }>();
  built.forEach((c, n) => c.keys.forEach((k) => clusterOf.set(k, { c, n })));
  const existing = month.rows.filter((r) => month.itemIds.has(r.intent));
  let top1 = 0;
  let top3 = 0;
  for (const r of existing) {
    const found = clusterOf.get(r.key);
    const s = found ? rowSuggestions(found.c, r.key) : [];
    if (s[0] === r.intent) top1++;
    if (s.slice(0, 3).includes(r.intent)) top3++;
  }
  let right = 0;
  let routed = 0;
  for (const r of month.rows) {
    const unit = clusterOf.get(r.key)?.c.route.unitCode ?? null;
    if (unit) routed++;
    if (unit === r.section) right++;
  }
  const pw = pairwise(month.rows.map((r, i) => ({ intent: r.intent, cluster: String(clusterOf.get(r.key)?.n ?? `none-${i}`) })));
  const n = month.rows.length || 1;
  return {
    rowsExisting: existing.length,
    rowsRoutable: month.rows.length,
    top1: top1 / (existing.length || 1),
    top3: top3 / (existing.length || 1),
    routing: right / n,
    routedPrecision: routed ? right / routed : 1,
    triageShare: 1 - routed / n,
    clusterPrecision: pw.precision,
    clusterRecall: pw.recall,
    clusterF1: pw.f1,
  };
}

/** Thresholds with the months they were fitted on: they must never score one of those. */
export interface Fitted {
  params: MatchingParams;
  fittedOn: readonly string[];
}

export async function run(month: LabelledMonth, params: MatchingParams): Promise<Metrics> {
  return score(month, await buildMonth(month.input, month.matcher, params));
}

/**
 * Grid search on the training months only. Clustering first: the highest mean
 * pairwise F1 among settings whose mean precision is at least 85 % (if none
 * reaches it, the most precise). Then routing: the most rows routed among
 * settings whose pooled routed rows are right at least 95 % of the time (if
 * none, the most rows routed right). Near-ties go to the more conservative setting (`pick`).
 */
export async function fit(training: LabelledMonth[], base: MatchingParams): Promise<Fitted> {
  if (!training.length) throw new Error('fit needs at least one training month');
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const clusterRuns: { params: MatchingParams; f1: number; precision: number }[] = [];
  for (const confidentScore of PARAM_GRID.confidentScore)
    for (const confidentMargin of PARAM_GRID.confidentMargin)
      for (const topicLinkage of PARAM_GRID.topicLinkage) {
        const params = { ...base, confidentScore, confidentMargin, topicLinkage };
        const m = await Promise.all(training.map((t) => run(t, params)));
        clusterRuns.push({ params, f1: mean(m.map((x) => x.clusterF1)), precision: mean(m.map((x) => x.clusterPrecision)) });
      }
  const clusterPick = pick(
    clusterRuns.map((r) => ({ ...r, ok: r.precision >= 0.85, value: r.f1 })),
    (p) => [p.topicLinkage, p.confidentScore, p.confidentMargin],
  );
  const routeRuns: { params: MatchingParams; value: number; precision: number; ok: boolean; right: number }[] = [];
  for (const itemScore of PARAM_GRID.itemScore)
    for (const weakItemScore of PARAM_GRID.weakItemScore) {
      if (weakItemScore > itemScore && weakItemScore <= 1) continue;
      const params = { ...clusterPick, route: { ...base.route, itemScore, weakItemScore } };
      const m = await Promise.all(training.map((t) => run(t, params)));
      const rows = m.reduce((s, x) => s + x.rowsRoutable, 0) || 1;
      const routedRows = m.reduce((s, x) => s + x.rowsRoutable * (1 - x.triageShare), 0);
      const rightRows = m.reduce((s, x) => s + x.rowsRoutable * x.routing, 0);
      const precision = routedRows ? rightRows / routedRows : 1;
      routeRuns.push({ params, value: routedRows / rows, precision, ok: precision >= 0.95, right: rightRows / rows });
    }
  // When no setting reaches 95 % on the training months, the most rows routed right (triage counts as wrong):
  // the most precise setting alone would send nearly everything to the group leader.
  const reachable = routeRuns.some((r) => r.ok);
  const params = pick(reachable ? routeRuns : routeRuns.map((r) => ({ ...r, ok: true, value: r.right })), (p) => [
    p.route.itemScore,
    p.route.weakItemScore,
  ]);
  return { params, fittedOn: training.map((t) => t.name) };
}

/**
 * The setting to ship from a grid: among those meeting the precision floor the
 * best value (if none meets it, the most precise); then, among settings within
 * one point of that, the most conservative (highest thresholds, in the order
 * `conservative` lists them): when the training months cannot tell two settings
 * apart, the one that merges and routes less is the safer bet on a month they
 * have never seen.
 */
function pick<T extends { params: MatchingParams; value?: number; f1?: number; precision: number; ok: boolean }>(
  runs: T[],
  conservative: (p: MatchingParams) => number[],
): MatchingParams {
  const value = (r: T) => r.value ?? r.f1 ?? 0;
  const ok = runs.filter((r) => r.ok);
  const pool = ok.length ? ok : runs;
  const score = ok.length ? value : (r: T) => r.precision;
  const best = Math.max(...pool.map(score));
  const near = pool.filter((r) => score(r) >= best - 0.01);
  near.sort((a, b) => {
    const x = conservative(a.params);
    const y = conservative(b.params);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return y[i] - x[i];
    return 0;
  });
  return near[0].params;
}

/** Scores a month with fitted thresholds; refuses when the month was among those they were fitted on. */
export async function heldOut(fitted: Fitted, month: LabelledMonth): Promise<Metrics> {
  if (fitted.fittedOn.includes(month.name))
    throw new Error(`refused: thresholds fitted on ${fitted.fittedOn.join(', ')} cannot score "${month.name}" held-out`);
  return run(month, fitted.params);
}

/** Each month scored with thresholds fitted on all the others. */
export async function leaveOneMonthOut(
  months: LabelledMonth[],
  base: MatchingParams,
): Promise<{ month: string; fitted: Fitted; metrics: Metrics }[]> {
  if (months.length < 2) throw new Error('leave-one-month-out needs at least two labelled months');
  const out: { month: string; fitted: Fitted; metrics: Metrics }[] = [];
  for (const m of months) {
    const fitted = await fit(
      months.filter((x) => x !== m),
      base,
    );
    out.push({ month: m.name, fitted, metrics: await heldOut(fitted, m) });
  }
  return out;
}
