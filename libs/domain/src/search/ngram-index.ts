import { normalizeText } from '../text/normalize';

/**
 * Nearest-text search over short texts (questions, alternates, keywords) by
 * character n-grams (bigrams and trigrams; single characters for one-character
 * texts) with TF-IDF weights and cosine similarity. Chinese has no spaces, so
 * n-grams stand in for words. Built and kept in memory; queried in well under
 * a millisecond per thousand documents (bench/search.bench.ts).
 */
export interface IndexedText<K> {
  key: K;
  /** What kind of text this is, e.g. question, alternate, keyword. */
  kind: string;
  text: string;
  /** Multiplies this text's score (a learned alternate counts less than the bank's own); default 1. */
  weight?: number;
}

export interface SearchHit<K> {
  key: K;
  /** 0–1 cosine similarity of the best-matching text of this key. */
  score: number;
  kind: string;
  text: string;
}

/** Bigrams and trigrams of each space-separated token; a token of one character is its own gram. */
export function ngrams(normalized: string): string[] {
  const grams: string[] = [];
  for (const token of normalized.split(' ')) {
    const chars = [...token];
    if (chars.length === 0) continue;
    if (chars.length === 1) {
      grams.push(chars[0]);
      continue;
    }
    for (let n = 2; n <= 3; n++) for (let i = 0; i + n <= chars.length; i++) grams.push(chars.slice(i, i + n).join(''));
  }
  return grams;
}

interface Doc<K> {
  key: K;
  kind: string;
  text: string;
  norm: number;
}

/** Kinds weigh differently: a match on the standard question counts a little more than on a keyword. */
export type KindWeights = Record<string, number>;

/**
 * Function characters of written Chinese questions (what, how, can, the…). An
 * n-gram made only of them ("怎麼", "要在", "有哪些") says how a question is
 * asked, not what about, so it weighs a quarter; one that mixes them with
 * content ("稅有") half. 時/候/多/少 are not here: "when" and "how much" are
 * what a question is about.
 */
const FUNCTION_CHARS = new Set([
  ...'的是了嗎呢什麼怎要在有哪些可以如何會還都我你他她您這那一個和與及或就也很再被把讓給到得能該為去來嗎吧啊呀喔想請問',
]);
export const isFunctionChar = (ch: string): boolean => FUNCTION_CHARS.has(ch);
export const FUNCTION_GRAM_WEIGHT = 0.25;
/** A gram that straddles a content word and a function character ("稅有", "稅的稅") is mostly a boundary accident. */
export const MIXED_GRAM_WEIGHT = 0.5;
const MIN_USEFUL_IDF = 0.02;

export function gramWeight(gram: string): number {
  let fn = 0;
  let total = 0;
  for (const ch of gram) {
    total++;
    if (FUNCTION_CHARS.has(ch)) fn++;
  }
  return fn === 0 ? 1 : fn === total ? FUNCTION_GRAM_WEIGHT : MIXED_GRAM_WEIGHT;
}

export interface IndexOptions {
  weights?: KindWeights;
  /** Kinds that only count towards a key's texts taken together, never as its best single text (keywords). */
  aggregateOnly?: string[];
  /** Kinds that count only as a key's best single text, never towards its texts taken together (learned wordings). */
  bestOnly?: string[];
  /** Applied to every normalised text and query before n-grams are taken (the synonym list). */
  fold?: (normalized: string) => string;
  /** The features of a prepared text (default: character bigrams and trigrams, `ngrams`). */
  features?: (prepared: string) => string[];
  /** How much a feature weighs beside its idf (default: function characters weigh less, `gramWeight`). */
  featureWeight?: (feature: string) => number;
}

/**
 * A key's score blends two views: how well its best single text matches (a
 * paraphrase of one alternate) and how well all its texts together cover the
 * query (words spread over the question, alternates and keywords).
 */
const BEST_TEXT_SHARE = 0.5;

interface Postings {
  ids: Int32Array;
  tfs: Float32Array;
}

function freeze(lists: Map<string, { ids: number[]; tfs: number[] }>): Map<string, Postings> {
  const out = new Map<string, Postings>();
  for (const [g, l] of lists) out.set(g, { ids: Int32Array.from(l.ids), tfs: Float32Array.from(l.tfs) });
  return out;
}

export class NgramIndex<K> {
  private readonly weights: KindWeights;
  private readonly aggregateOnly: Set<string>;
  private readonly docs: Doc<K>[] = [];
  private readonly docKey: Int32Array;
  private readonly docNorm: Float64Array;
  private readonly keys: K[] = [];
  private readonly keyNorm: Float64Array;
  private readonly postings: Map<string, Postings>;
  /** Per key: all its texts' n-grams together, weighted by kind. */
  private readonly keyPostings: Map<string, Postings>;
  private readonly idf = new Map<string, number>();
  // Scratch buffers reused by every search (a search runs to completion synchronously).
  private readonly docScores: Float64Array;
  private readonly keyScores: Float64Array;
  private readonly touchedDocs: Int32Array;
  private readonly touchedKeys: Int32Array;
  private readonly keyBest: Float64Array;
  private readonly keyBestDoc: Int32Array;
  private readonly bestKeys: Int32Array;
  private readonly kindAggregateOnly: boolean[];
  private readonly kindWeight: Float64Array;
  private readonly prepare: (text: string) => string;
  private readonly featuresOf: (prepared: string) => string[];
  private readonly weightOf: (feature: string) => number;

  constructor(entries: Iterable<IndexedText<K>>, options: IndexOptions = {}) {
    this.weights = options.weights ?? {};
    this.aggregateOnly = new Set(options.aggregateOnly ?? []);
    const fold = options.fold;
    this.prepare = fold ? (text) => fold(normalizeText(text)) : normalizeText;
    this.featuresOf = options.features ?? ngrams;
    this.weightOf = options.featureWeight ?? gramWeight;
    const entryWeights: number[] = [];
    const bestOnly = new Set(options.bestOnly ?? []);
    const keyIndex = new Map<K, number>();
    const docLists = new Map<string, { ids: number[]; tfs: number[] }>();
    const docCounts: Map<string, number>[] = [];
    const keyCounts: Map<string, number>[] = [];
    const docKeys: number[] = [];
    for (const entry of entries) {
      const counts = new Map<string, number>();
      for (const g of this.featuresOf(this.prepare(entry.text))) counts.set(g, (counts.get(g) ?? 0) + 1);
      if (counts.size === 0) continue;
      const id = this.docs.length;
      entryWeights.push(entry.weight ?? 1);
      this.docs.push({ key: entry.key, kind: entry.kind, text: entry.text, norm: 0 });
      docCounts.push(counts);
      let k = keyIndex.get(entry.key);
      if (k === undefined) {
        k = this.keys.length;
        keyIndex.set(entry.key, k);
        this.keys.push(entry.key);
        keyCounts.push(new Map());
      }
      docKeys.push(k);
      for (const [g, tf] of counts) {
        let list = docLists.get(g);
        if (!list) docLists.set(g, (list = { ids: [], tfs: [] }));
        list.ids.push(id);
        list.tfs.push(tf);
      }
      // Presence, not repetition: ten alternates repeating 房屋稅 should not drown the rest.
      const w = this.weights[entry.kind] ?? 1;
      const merged = keyCounts[k];
      if (!bestOnly.has(entry.kind)) for (const g of counts.keys()) merged.set(g, Math.max(merged.get(g) ?? 0, w));
    }
    const n = this.docs.length;
    // BM25's idf: a gram in nearly every text weighs nearly nothing (and is skipped when searching).
    for (const [g, list] of docLists) {
      const df = list.ids.length;
      this.idf.set(g, Math.log(1 + (n - df + 0.5) / (df + 0.5)) * this.weightOf(g));
    }
    this.docKey = Int32Array.from(docKeys);
    this.docNorm = new Float64Array(n);
    docCounts.forEach((counts, id) => {
      let sum = 0;
      for (const [g, tf] of counts) sum += (tf * this.idf.get(g)!) ** 2;
      this.docNorm[id] = Math.sqrt(sum);
      this.docs[id].norm = this.docNorm[id];
    });
    const keyLists = new Map<string, { ids: number[]; tfs: number[] }>();
    this.keyNorm = new Float64Array(this.keys.length);
    keyCounts.forEach((merged, k) => {
      let sum = 0;
      for (const [g, tf] of merged) {
        sum += (tf * this.idf.get(g)!) ** 2;
        let list = keyLists.get(g);
        if (!list) keyLists.set(g, (list = { ids: [], tfs: [] }));
        list.ids.push(k);
        list.tfs.push(tf);
      }
      this.keyNorm[k] = Math.sqrt(sum);
    });
    this.postings = freeze(docLists);
    this.keyPostings = freeze(keyLists);
    this.docScores = new Float64Array(n);
    this.keyScores = new Float64Array(this.keys.length);
    this.touchedDocs = new Int32Array(n);
    this.touchedKeys = new Int32Array(this.keys.length);
    this.keyBest = new Float64Array(this.keys.length).fill(-1);
    this.keyBestDoc = new Int32Array(this.keys.length);
    this.bestKeys = new Int32Array(this.keys.length);
    this.kindAggregateOnly = this.docs.map((d) => this.aggregateOnly.has(d.kind));
    this.kindWeight = Float64Array.from(this.docs.map((d, id) => (this.weights[d.kind] ?? 1) * entryWeights[id]));
  }

  get size(): number {
    return this.docs.length;
  }

  /** The best `limit` keys for the query, each with its best-matching text; `minScore` drops weak ones. */
  search(query: string, limit = 10, options: { minScore?: number; kinds?: string[]; exclude?: K } = {}): SearchHit<K>[] {
    const counts = new Map<string, number>();
    for (const g of this.featuresOf(this.prepare(query))) counts.set(g, (counts.get(g) ?? 0) + 1);
    let qNorm = 0;
    const qWeights: [string, number][] = [];
    for (const [g, tf] of counts) {
      const idf = this.idf.get(g);
      if (idf === undefined) {
        // Unknown grams still count towards the query's length, so rare words lower the score honestly.
        qNorm += tf ** 2 * (Math.log(1 + this.docs.length) * this.weightOf(g)) ** 2;
        continue;
      }
      const w = tf * idf;
      qNorm += w * w;
      // Grams in almost every text add almost nothing to any score; skip their long postings.
      if (idf >= MIN_USEFUL_IDF) qWeights.push([g, w]);
    }
    if (qWeights.length === 0) return [];
    qNorm = Math.sqrt(qNorm);

    const { docScores, touchedDocs, keyScores, touchedKeys } = this;
    let nDocs = 0;
    for (const [g, wq] of qWeights) {
      const p = this.postings.get(g)!;
      const f = wq * this.idf.get(g)!;
      for (let i = 0; i < p.ids.length; i++) {
        const d = p.ids[i];
        if (docScores[d] === 0) touchedDocs[nDocs++] = d;
        docScores[d] += f * p.tfs[i];
      }
    }
    const kinds = options.kinds;
    const exclude = options.exclude;
    const { keyBest, keyBestDoc, bestKeys } = this;
    let nBest = 0;
    for (let i = 0; i < nDocs; i++) {
      const d = touchedDocs[i];
      const dot = docScores[d];
      docScores[d] = 0;
      if (kinds && !kinds.includes(this.docs[d].kind)) continue;
      const k = this.docKey[d];
      if (exclude !== undefined && this.keys[k] === exclude) continue;
      const aggregateOnly = !kinds && this.kindAggregateOnly[d];
      const score = aggregateOnly ? 0 : Math.min(1, (dot / (this.docNorm[d] * qNorm)) * this.kindWeight[d]);
      const current = keyBest[k];
      if (current < 0) bestKeys[nBest++] = k;
      // A key matched only through aggregate-only texts still shows one of them as its match.
      if (score > current || current < 0 || (current === 0 && score === 0 && !aggregateOnly)) {
        keyBest[k] = score;
        keyBestDoc[k] = d;
      }
    }
    const best = new Map<number, { score: number; doc: number }>();
    for (let i = 0; i < nBest; i++) {
      const k = bestKeys[i];
      best.set(k, { score: keyBest[k], doc: keyBestDoc[k] });
      keyBest[k] = -1;
    }
    if (!kinds) {
      // Blend in how well all of a key's texts together cover the query.
      let nKeys = 0;
      for (const [g, wq] of qWeights) {
        // A gram only learned wordings have is in no key's texts taken together.
        const p = this.keyPostings.get(g);
        if (!p) continue;
        const f = wq * this.idf.get(g)!;
        for (let i = 0; i < p.ids.length; i++) {
          const k = p.ids[i];
          if (keyScores[k] === 0) touchedKeys[nKeys++] = k;
          keyScores[k] += f * p.tfs[i];
        }
      }
      for (const [k, hit] of best) {
        const whole = Math.min(1, keyScores[k] / (this.keyNorm[k] * qNorm));
        hit.score = BEST_TEXT_SHARE * hit.score + (1 - BEST_TEXT_SHARE) * Math.max(whole, hit.score);
      }
      for (let i = 0; i < nKeys; i++) keyScores[touchedKeys[i]] = 0;
    }
    const minScore = options.minScore ?? 0;
    const ranked: { k: number; score: number; doc: number }[] = [];
    for (const [k, hit] of best) if (hit.score >= minScore) ranked.push({ k, ...hit });
    ranked.sort((a, b) => b.score - a.score || String(this.keys[a.k]).localeCompare(String(this.keys[b.k])));
    return ranked
      .slice(0, limit)
      .map((r) => ({ key: this.keys[r.k], score: r.score, kind: this.docs[r.doc].kind, text: this.docs[r.doc].text }));
  }
}
