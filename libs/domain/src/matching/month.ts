import { DEFAULT_MINHASH, groupNearDuplicates } from '../cluster/minhash';
import { NgramIndex } from '../search/ngram-index';
import type { BankMatcher, MatchHit } from './matcher';
import { routeByText, routeCluster, type Route, type RouteParams, type RoutingConfig } from './route';

/** One distinct wording of the month's misses (wordings that normalise alike are one). */
export interface MissWording {
  /** The compact normalised text: the identity of the wording. */
  key: string;
  /** The wording as most often typed. */
  text: string;
  /** Messages with this wording. */
  count: number;
  /** The bot's own item for this wording's messages: its nearest item on a miss, its answer on 推薦回答 / 不滿意. */
  bot: { itemId: string; count: number; confidence: number | null; answered: boolean }[];
}

/** A decision contacts or unit heads made on a wording: which unit it belonged to. */
export interface DecidedWording {
  text: string;
  unitCode: string;
  /** 0–1, decayed by age. */
  weight: number;
}

export interface MonthInput {
  wordings: MissWording[];
  routing: RoutingConfig;
  decided: DecidedWording[];
}

export interface MatchingParams {
  /** A wording whose top item scores at least this… */
  confidentScore: number;
  /** …and this far ahead of the second is confidently that item's: it joins the item's cluster. */
  confidentMargin: number;
  /** Average-linkage similarity at which two groups of new-topic wordings are one topic. */
  topicLinkage: number;
  /** New-topic groups whose own words route them to different units are never joined. */
  topicSameUnit: boolean;
  /** Weight of the bot's own nearest item, times its confidence (at least 0.3), as one more vote. */
  botVote: number;
  /** Below this a suggestion is not worth showing. */
  minSuggestion: number;
  route: RouteParams;
}

export interface BuiltCluster {
  /** Wording keys, most typed first. */
  keys: string[];
  /** Each wording's own nearest items, in the order of `keys`. */
  wordingHits: MatchHit[][];
  /** The cluster's nearest items (its wordings' votes weighted by how often each was typed). */
  suggestions: MatchHit[];
  /** `item`: its wordings were confidently matched to one item; `topic`: a new topic grouped by similarity. */
  basis: 'item' | 'topic';
  /** 0–1: for an item cluster the item's weighted score, for a topic its wordings' average similarity (1 alone). */
  confidence: number;
  itemId: string | null;
  route: Route;
}

/** Long loops give the caller's event loop a turn (a job's lock is renewed, requests are answered). */
export type Yielder = () => Promise<void>;
const noYield: Yielder = async () => undefined;

/** Wordings past this many are grouped by MinHash alone: the paraphrase pass compares each with its neighbours. */
export const TOPIC_PASS_MAX = 20_000;

function isConfident(hits: MatchHit[], p: MatchingParams): boolean {
  const [top, second] = hits;
  return !!top && top.score >= p.confidentScore && top.score - (second?.score ?? 0) >= p.confidentMargin;
}

/** The nearest items of one wording: text match plus the bot's own nearest item as a vote. */
export function wordingHits(w: MissWording, matcher: BankMatcher, p: MatchingParams): MatchHit[] {
  const scores = new Map<string, MatchHit>();
  for (const h of matcher.match(w.text, 5)) scores.set(h.id, { ...h });
  for (const b of w.bot) {
    const item = matcher.item(b.itemId);
    if (!item) continue;
    const e = scores.get(b.itemId) ?? { id: b.itemId, owner: item.owner, score: 0 };
    e.score = Math.min(1, e.score + (b.count / Math.max(1, w.count)) * p.botVote * Math.max(b.confidence ?? 0, 0.3));
    scores.set(b.itemId, e);
  }
  return [...scores.values()].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}

function aggregate(members: { hits: MatchHit[]; count: number }[]): MatchHit[] {
  const top = [...members].sort((a, b) => b.count - a.count).slice(0, 10);
  const total = top.reduce((s, m) => s + m.count, 0) || 1;
  const scores = new Map<string, MatchHit>();
  for (const m of top)
    for (const h of m.hits.slice(0, 5)) {
      const e = scores.get(h.id) ?? { id: h.id, owner: h.owner, score: 0 };
      e.score += (m.count / total) * h.score;
      scores.set(h.id, e);
    }
  return [...scores.values()].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}

class MaxHeap {
  private readonly items: { score: number; a: number; b: number; va: number; vb: number }[] = [];
  get size() {
    return this.items.length;
  }
  push(x: { score: number; a: number; b: number; va: number; vb: number }) {
    const h = this.items;
    h.push(x);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p].score >= h[i].score) break;
      [h[p], h[i]] = [h[i], h[p]];
      i = p;
    }
  }
  pop() {
    const h = this.items;
    const top = h[0];
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && h[l].score > h[m].score) m = l;
        if (r < h.length && h[r].score > h[m].score) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i], h[m]];
        i = m;
      }
    }
    return top;
  }
}

/**
 * Average-linkage agglomerative clustering over a sparse similarity graph:
 * the two groups with the highest mean similarity over all their pairs (a pair
 * with no edge counts 0) are joined while that mean reaches `threshold`;
 * `canJoin` may refuse a pair. Deterministic for the same input.
 */
export function averageLinkage(
  groups: number[][],
  edges: Map<number, Map<number, number>>,
  threshold: number,
  canJoin: (a: number, b: number) => boolean = () => true,
): number[][] {
  // Cluster state: members, version (bumped on every merge), sums of similarity to neighbours.
  const members = groups.map((g) => g.slice());
  const version = groups.map(() => 0);
  const alive = groups.map(() => true);
  const sums = groups.map(() => new Map<number, number>());
  const groupOf = new Map<number, number>();
  groups.forEach((g, i) => g.forEach((x) => groupOf.set(x, i)));
  for (const [x, row] of edges)
    for (const [y, s] of row) {
      const a = groupOf.get(x);
      const b = groupOf.get(y);
      if (a === undefined || b === undefined || a === b || x > y) continue;
      sums[a].set(b, (sums[a].get(b) ?? 0) + s);
      sums[b].set(a, (sums[b].get(a) ?? 0) + s);
    }
  const heap = new MaxHeap();
  const offer = (a: number, b: number) => {
    const s = sums[a].get(b) ?? 0;
    const mean = s / (members[a].length * members[b].length);
    if (mean >= threshold)
      heap.push({ score: mean, a: Math.min(a, b), b: Math.max(a, b), va: version[Math.min(a, b)], vb: version[Math.max(a, b)] });
  };
  for (let a = 0; a < groups.length; a++) for (const b of sums[a].keys()) if (a < b) offer(a, b);
  while (heap.size) {
    const e = heap.pop();
    if (!alive[e.a] || !alive[e.b] || version[e.a] !== e.va || version[e.b] !== e.vb) continue;
    if (!canJoin(e.a, e.b)) continue;
    // b joins a.
    for (const x of members[e.b]) members[e.a].push(x);
    members[e.b] = [];
    alive[e.b] = false;
    version[e.a]++;
    for (const [c, s] of sums[e.b]) {
      if (c === e.a) continue;
      sums[e.a].set(c, (sums[e.a].get(c) ?? 0) + s);
      sums[c].delete(e.b);
      sums[c].set(e.a, (sums[c].get(e.a) ?? 0) + s);
    }
    sums[e.a].delete(e.b);
    sums[e.b].clear();
    for (const c of sums[e.a].keys()) if (alive[c]) offer(e.a, c);
  }
  return members.filter((m, i) => alive[i] && m.length);
}

/**
 * The month's misses grouped by intent, each group with its suggestions and
 * its unit. A wording confidently matched to an item joins that item's cluster;
 * near-duplicates of it follow unless they are near-duplicates of two items'
 * wordings (a merge of two confidently different items is refused); the rest,
 * new topics, are grouped by average linkage on the analyser's similarity.
 */
export async function buildMonth(
  input: MonthInput,
  matcher: BankMatcher,
  p: MatchingParams,
  yieldTurn: Yielder = noYield,
): Promise<BuiltCluster[]> {
  const words = input.wordings;
  const hits: MatchHit[][] = [];
  for (let i = 0; i < words.length; i++) {
    hits.push(wordingHits(words[i], matcher, p));
    if (i % 200 === 199) await yieldTurn();
  }
  const confident = hits.map((h) => (isConfident(h, p) ? h[0].id : null));
  const nearDup = groupNearDuplicates(
    words.map((w) => w.key),
    DEFAULT_MINHASH,
  );
  await yieldTurn();
  const byItem = new Map<string, number[]>();
  const topicUnits: number[][] = [];
  const joinItem = (id: string, i: number) => {
    const list = byItem.get(id) ?? [];
    list.push(i);
    byItem.set(id, list);
  };
  for (const group of nearDup) {
    const items = new Set(group.map((i) => confident[i]).filter((x): x is string => !!x));
    for (const i of group) if (confident[i]) joinItem(confident[i]!, i);
    const rest = group.filter((i) => !confident[i]);
    if (!rest.length) continue;
    if (items.size === 1) for (const i of rest) joinItem([...items][0], i);
    else if (items.size === 0) topicUnits.push(rest);
    else for (const i of rest) topicUnits.push([i]);
  }

  // New topics: average linkage over the wordings' similarity graph.
  let topics = topicUnits;
  let within: number[] = topics.map(() => 1);
  const topicWordings = topicUnits.flat();
  if (topicWordings.length > 1 && topicWordings.length <= TOPIC_PASS_MAX) {
    const options = matcher.analyzer.indexOptions();
    const index = new NgramIndex(
      topicWordings.map((i) => ({ key: i, kind: 'q', text: words[i].text })),
      options,
    );
    const edges = new Map<number, Map<number, number>>();
    for (let n = 0; n < topicWordings.length; n++) {
      const i = topicWordings[n];
      for (const h of index.search(words[i].text, 10, { kinds: ['q'], exclude: i, minScore: p.topicLinkage / 2 })) {
        const [a, b] = i < h.key ? [i, h.key] : [h.key, i];
        const row = edges.get(a) ?? new Map<number, number>();
        row.set(b, Math.max(row.get(b) ?? 0, h.score));
        edges.set(a, row);
      }
      if (n % 200 === 199) await yieldTurn();
    }
    const unitOf = p.topicSameUnit ? topicUnits.map((g) => routeByText(words[g[0]].text, input.routing).unitCode) : [];
    const groupUnit = new Map<number, string | null>(unitOf.map((u, i) => [i, u]));
    topics = averageLinkage(topicUnits, edges, p.topicLinkage, (a, b) => {
      if (!p.topicSameUnit) return true;
      const ua = groupUnit.get(a) ?? null;
      const ub = groupUnit.get(b) ?? null;
      if (ua && ub && ua !== ub) return false;
      groupUnit.set(a, ua ?? ub);
      return true;
    });
    // Mean similarity inside each topic, for its confidence.
    topics.sort((x, y) => y.length - x.length);
    within = topics.map((g) => {
      if (g.length < 2) return 1;
      let sum = 0;
      for (let x = 0; x < g.length; x++)
        for (let y = x + 1; y < g.length; y++) {
          const [a, b] = g[x] < g[y] ? [g[x], g[y]] : [g[y], g[x]];
          sum += edges.get(a)?.get(b) ?? 0;
        }
      return sum / ((g.length * (g.length - 1)) / 2);
    });
  }

  const decided =
    input.decided.length > 0
      ? new NgramIndex(
          input.decided.map((d, i) => ({ key: i, kind: 'd', text: d.text })),
          matcher.analyzer.indexOptions(),
        )
      : null;
  const out: BuiltCluster[] = [];
  const make = (members: number[], basis: 'item' | 'topic', itemId: string | null, confidence: number) => {
    const ordered = [...members].sort((a, b) => words[b].count - words[a].count || words[a].key.localeCompare(words[b].key));
    const suggestions = aggregate(ordered.map((i) => ({ hits: hits[i], count: words[i].count }))).filter((h) => h.score >= p.minSuggestion);
    // The item the bot answered most often for these wordings (推薦回答, 不滿意), for routing.
    const answered = new Map<string, number>();
    for (const i of ordered) for (const b of words[i].bot) if (b.answered) answered.set(b.itemId, (answered.get(b.itemId) ?? 0) + b.count);
    const matchedId = [...answered.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
    let learned: { unitCode: string; score: number } | null = null;
    if (decided) {
      const h = decided.search(words[ordered[0]].text, 1, { kinds: ['d'] })[0];
      if (h) learned = { unitCode: input.decided[h.key].unitCode, score: h.score * input.decided[h.key].weight };
    }
    const route = routeCluster(
      {
        matchedItemOwner: basis === 'topic' && matchedId ? (matcher.item(matchedId)?.owner ?? null) : null,
        suggestion: suggestions[0] ? { owner: suggestions[0].owner, score: suggestions[0].score } : null,
        texts: ordered.map((i) => words[i].text),
        learned,
      },
      input.routing,
      p.route,
    );
    out.push({
      keys: ordered.map((i) => words[i].key),
      wordingHits: ordered.map((i) => hits[i].filter((h) => h.score >= p.minSuggestion).slice(0, 3)),
      suggestions: suggestions.slice(0, 3),
      basis,
      confidence: Math.round(confidence * 1000) / 1000,
      itemId,
      route,
    });
  };
  for (const [id, members] of [...byItem.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const total = members.reduce((s, i) => s + words[i].count, 0) || 1;
    const score = members.reduce((s, i) => s + words[i].count * (hits[i].find((h) => h.id === id)?.score ?? 0), 0) / total;
    make(members, 'item', id, score);
  }
  topics.forEach((g, k) => make(g, 'topic', null, within[k]));
  return out;
}
