import { normalizeText } from './normalize';

export interface SynonymEntry {
  term: string;
  variants: readonly string[];
}

const LATIN = /[a-z0-9]/;

/** A Latin variant ("bill") matches a whole word only: not inside "billion". CJK has no word boundaries to check. */
function atWordBoundary(text: string, at: number, length: number): boolean {
  const first = text[at];
  const last = text[at + length - 1];
  if (LATIN.test(first) && at > 0 && LATIN.test(text[at - 1])) return false;
  if (LATIN.test(last) && at + length < text.length && LATIN.test(text[at + length])) return false;
  return true;
}

interface Replacement {
  from: string;
  to: string;
}

/**
 * 同義詞 folding: every variant in a normalised text becomes its term
 * ("土增稅" → "土地增值稅"), so a question and an item that name one thing in
 * different words share their n-grams. Longest match first, left to right; a
 * term already written in full is kept as it is, so "土地增值稅" is not folded
 * again through its variant "增值稅".
 */
export class SynonymFolder {
  private readonly byFirst = new Map<string, Replacement[]>();
  readonly size: number;

  constructor(entries: readonly SynonymEntry[]) {
    const seen = new Map<string, string>();
    for (const e of entries) {
      const to = normalizeText(e.term);
      if (!to) continue;
      for (const v of [e.term, ...e.variants]) {
        const from = normalizeText(v);
        // A variant that folds to nothing, or that an earlier entry claimed, is left out (the settings service refuses both).
        if (!from || seen.has(from)) continue;
        seen.set(from, to);
      }
    }
    for (const [from, to] of seen) {
      const list = this.byFirst.get(from[0]) ?? [];
      list.push({ from, to });
      this.byFirst.set(from[0], list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.from.length - a.from.length || a.from.localeCompare(b.from));
    this.size = seen.size;
  }

  /** `text` must already be normalised (normalizeText). */
  fold(text: string): string {
    if (this.size === 0 || !text) return text;
    let out = '';
    let i = 0;
    while (i < text.length) {
      const candidates = this.byFirst.get(text[i]);
      const hit = candidates?.find((c) => text.startsWith(c.from, i) && atWordBoundary(text, i, c.from.length));
      if (hit) {
        out += hit.to;
        i += hit.from.length;
      } else {
        out += text[i];
        i++;
      }
    }
    return out;
  }

  /** Normalises, then folds. */
  normalizeAndFold(text: string): string {
    return this.fold(normalizeText(text));
  }
}

export const NO_SYNONYMS = new SynonymFolder([]);
