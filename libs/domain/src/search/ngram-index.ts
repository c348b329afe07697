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
export const FUNCTION_GRAM_WEIGHT = 0.25;
/** A gram that straddles a content word and a function character ("稅有", "稅的稅") is mostly a boundary accident. */
export const MIXED_GRAM_WEIGHT = 0.5;

function gramWeight(gram: string): number {
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
}

/**
 * A key's score blends two views: how well its best single text matches (a
 * paraphrase of one alternate) and how well all its texts together cover the
 * query (words spread over the question, alternates and keywords).
 */
const BEST_TEXT_SHARE = 0.5;

export class NgramIndex<K> {
  private readonly docs: Doc<K>[] = [];
  private readonly postings = new Map<string, { doc: number; tf: number }[]>();
  private idf = new Map<string, number>();
  /** Per key: all its texts' n-grams together, weighted by kind. */
  private readonly keyPostings = new Map<string, { key: K; tf: number }[]>();
  private readonly keyNorms = new Map<K, number>();

  private readonly weights: KindWeights;
  private readonly aggregateOnly: Set<string>;

  constructor(entries: Iterable<IndexedText<K>>, options: IndexOptions = {}) {
    this.weights = options.weights ?? {};
    this.aggregateOnly = new Set(options.aggregateOnly ?? []);
    const termCounts: Map<string, number>[] = [];
    const keyCounts = new Map<K, Map<string, number>>();
    for (const entry of entries) {
      const counts = new Map<string, number>();
      for (const g of ngrams(normalizeText(entry.text))) counts.set(g, (counts.get(g) ?? 0) + 1);
      if (counts.size === 0) continue;
      const id = this.docs.length;
      this.docs.push({ key: entry.key, kind: entry.kind, text: entry.text, norm: 0 });
      termCounts.push(counts);
      for (const [g, tf] of counts) {
        let list = this.postings.get(g);
        if (!list) this.postings.set(g, (list = []));
        list.push({ doc: id, tf });
      }
      let merged = keyCounts.get(entry.key);
      if (!merged) keyCounts.set(entry.key, (merged = new Map()));
      // Presence, not repetition: ten alternates repeating 房屋稅 should not drown the rest.
      const w = this.weights[entry.kind] ?? 1;
      for (const g of counts.keys()) merged.set(g, Math.max(merged.get(g) ?? 0, w));
    }
    const n = this.docs.length;
    for (const [g, list] of this.postings) this.idf.set(g, Math.log(1 + n / list.length) * gramWeight(g));
    termCounts.forEach((counts, id) => {
      let sum = 0;
      for (const [g, tf] of counts) sum += (tf * this.idf.get(g)!) ** 2;
      this.docs[id].norm = Math.sqrt(sum);
    });
    for (const [key, merged] of keyCounts) {
      let sum = 0;
      for (const [g, tf] of merged) {
        sum += (tf * this.idf.get(g)!) ** 2;
        let list = this.keyPostings.get(g);
        if (!list) this.keyPostings.set(g, (list = []));
        list.push({ key, tf });
      }
      this.keyNorms.set(key, Math.sqrt(sum));
    }
  }

  get size(): number {
    return this.docs.length;
  }

  /** The best `limit` keys for the query, each with its best-matching text; `minScore` drops weak ones. */
  search(query: string, limit = 10, options: { minScore?: number; kinds?: string[]; exclude?: K } = {}): SearchHit<K>[] {
    const counts = new Map<string, number>();
    for (const g of ngrams(normalizeText(query))) counts.set(g, (counts.get(g) ?? 0) + 1);
    let qNorm = 0;
    const qWeights: [string, number][] = [];
    for (const [g, tf] of counts) {
      const idf = this.idf.get(g);
      if (idf === undefined) {
        // Unknown grams still count towards the query's length, so rare words lower the score honestly.
        qNorm += tf ** 2 * (Math.log(1 + this.docs.length) * gramWeight(g)) ** 2;
        continue;
      }
      const w = tf * idf;
      qWeights.push([g, w]);
      qNorm += w * w;
    }
    if (qWeights.length === 0) return [];
    qNorm = Math.sqrt(qNorm);
    const dots = new Map<number, number>();
    for (const [g, wq] of qWeights) {
      const idf = this.idf.get(g)!;
      for (const p of this.postings.get(g)!) dots.set(p.doc, (dots.get(p.doc) ?? 0) + wq * p.tf * idf);
    }
    const best = new Map<K, SearchHit<K>>();
    for (const [id, dot] of dots) {
      const doc = this.docs[id];
      if (options.kinds && !options.kinds.includes(doc.kind)) continue;
      if (options.exclude !== undefined && doc.key === options.exclude) continue;
      const aggregateOnly = this.aggregateOnly.has(doc.kind) && !options.kinds;
      const score = aggregateOnly ? 0 : Math.min(1, (dot / (doc.norm * qNorm)) * (this.weights[doc.kind] ?? 1));
      const current = best.get(doc.key);
      if (!current || score > current.score || (current.score === 0 && score === 0 && !aggregateOnly))
        best.set(doc.key, { key: doc.key, score, kind: doc.kind, text: doc.text });
    }
    if (!options.kinds) {
      // Blend in how well all of a key's texts together cover the query.
      const keyDots = new Map<K, number>();
      for (const [g, wq] of qWeights) {
        const idf = this.idf.get(g)!;
        for (const p of this.keyPostings.get(g) ?? []) keyDots.set(p.key, (keyDots.get(p.key) ?? 0) + wq * p.tf * idf);
      }
      for (const hit of best.values()) {
        const whole = Math.min(1, (keyDots.get(hit.key) ?? 0) / (this.keyNorms.get(hit.key)! * qNorm));
        hit.score = BEST_TEXT_SHARE * hit.score + (1 - BEST_TEXT_SHARE) * Math.max(whole, hit.score);
      }
    }
    return [...best.values()]
      .filter((h) => h.score >= (options.minScore ?? 0))
      .sort((a, b) => b.score - a.score || String(a.key).localeCompare(String(b.key)))
      .slice(0, limit);
  }
}
