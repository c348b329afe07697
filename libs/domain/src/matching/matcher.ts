import { NgramIndex, type IndexedText } from '../search/ngram-index';
import type { TextAnalyzer } from './analyzer';

/** One item of the question bank as matching sees it. */
export interface BankItem {
  id: string;
  question: string;
  alternates: string[];
  keywords: string[];
  answer: string;
  category: string;
  owner: string | null;
  /** 停用 items are matched too: a miss about a withdrawn item is a reason to revise it. */
  published: boolean;
}

/**
 * A citizen's wording paired with an item by what the months brought, not by a
 * label: the bot's confident, unrated-unhappy answers; wordings of misses whose
 * approved proposal named the item. `weight` (0–1) already holds the decay by age.
 */
export interface LearnedAlternate {
  itemId: string;
  text: string;
  weight: number;
  source: 'answered' | 'proposal';
}

export interface MatchHit {
  id: string;
  owner: string | null;
  score: number;
}

/** How strongly each part of the bank counts. */
export interface MatcherOptions {
  /** Answers are indexed too, below the questions: citizens often use the answer's words. 0 turns them off. */
  answerWeight: number;
  /** Learned alternates on (they carry their own weight). */
  learned: boolean;
}

/**
 * 0.25: an answer match adds at most a quarter of a question match. Fixed by
 * the argument that an answer is long and mentions neighbouring topics, so it
 * must never outrank a question or an alternate on its own; measured on and off
 * held-out in docs/benchmarks.md.
 */
export const DEFAULT_MATCHER_OPTIONS: MatcherOptions = { answerWeight: 0.25, learned: true };

/** Nearest items of the bank for a citizen's wording. */
export class BankMatcher {
  private readonly texts: NgramIndex<string>;
  private readonly answers: NgramIndex<string> | null;
  private readonly items: Map<string, BankItem>;

  constructor(
    items: readonly BankItem[],
    readonly analyzer: TextAnalyzer,
    learned: readonly LearnedAlternate[] = [],
    readonly options: MatcherOptions = DEFAULT_MATCHER_OPTIONS,
  ) {
    this.items = new Map(items.map((i) => [i.id, i]));
    const entries: IndexedText<string>[] = [];
    for (const item of items) {
      entries.push({ key: item.id, kind: 'question', text: item.question });
      for (const a of item.alternates) entries.push({ key: item.id, kind: 'alternate', text: a });
      for (const k of item.keywords) entries.push({ key: item.id, kind: 'keyword', text: k });
    }
    if (options.learned)
      for (const l of learned)
        if (this.items.has(l.itemId)) entries.push({ key: l.itemId, kind: 'learned', text: l.text, weight: l.weight });
    const indexOptions = this.analyzer.indexOptions();
    // Keywords are not questions: they help an item as a whole, never as its best-matching text. Learned
    // alternates are not the bank's own words: they never widen an item's "whole" vector either.
    this.texts = new NgramIndex(entries, { ...indexOptions, aggregateOnly: ['keyword'], bestOnly: ['learned'] });
    this.answers =
      options.answerWeight > 0
        ? new NgramIndex(
            items.filter((i) => i.answer).map((i) => ({ key: i.id, kind: 'answer', text: i.answer })),
            indexOptions,
          )
        : null;
  }

  item(id: string): BankItem | undefined {
    return this.items.get(id);
  }

  private readonly cache = new Map<string, MatchHit[]>();

  /** The best `limit` items for a wording, scores 0–1 (remembered per text: a month repeats its wordings). */
  match(text: string, limit = 5): MatchHit[] {
    const key = `${limit}\u0000${text}`;
    let hits = this.cache.get(key);
    if (!hits) {
      hits = this.search(text, limit);
      if (this.cache.size > 100_000) this.cache.clear();
      this.cache.set(key, hits);
    }
    return hits.map((h) => ({ ...h }));
  }

  private search(text: string, limit: number): MatchHit[] {
    const scores = new Map<string, number>();
    for (const h of this.texts.search(text, limit * 2)) scores.set(h.key, h.score);
    if (this.answers) {
      for (const h of this.answers.search(text, limit * 2))
        scores.set(h.key, Math.min(1, (scores.get(h.key) ?? 0) + this.options.answerWeight * h.score));
    }
    return [...scores.entries()]
      .map(([id, score]) => ({ id, owner: this.items.get(id)?.owner ?? null, score }))
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
      .slice(0, limit);
  }
}
