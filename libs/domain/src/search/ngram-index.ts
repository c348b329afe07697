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

export class NgramIndex<K> {
  private readonly docs: Doc<K>[] = [];
  private readonly postings = new Map<string, { doc: number; tf: number }[]>();
  private idf = new Map<string, number>();

  constructor(
    entries: Iterable<IndexedText<K>>,
    private readonly weights: KindWeights = {},
  ) {
    const termCounts: Map<string, number>[] = [];
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
    }
    const n = this.docs.length;
    for (const [g, list] of this.postings) this.idf.set(g, Math.log(1 + n / list.length));
    termCounts.forEach((counts, id) => {
      let sum = 0;
      for (const [g, tf] of counts) sum += (tf * this.idf.get(g)!) ** 2;
      this.docs[id].norm = Math.sqrt(sum);
    });
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
        qNorm += tf ** 2 * Math.log(1 + this.docs.length) ** 2;
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
      const score = Math.min(1, (dot / (doc.norm * qNorm)) * (this.weights[doc.kind] ?? 1));
      if (score < (options.minScore ?? 0)) continue;
      const current = best.get(doc.key);
      if (!current || score > current.score) best.set(doc.key, { key: doc.key, score, kind: doc.kind, text: doc.text });
    }
    return [...best.values()].sort((a, b) => b.score - a.score || String(a.key).localeCompare(String(b.key))).slice(0, limit);
  }
}
