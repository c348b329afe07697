import { pinyin } from '@napi-rs/pinyin';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import type { TextTools } from '@tunedesk/domain';
import { Converter } from 'opencc-js';
import { glossesOf } from './cedict';

/**
 * The segmenter and pinyin reader the analyser uses (libs/domain TextTools).
 * jieba's shipped dictionary is Simplified Chinese, so a text is segmented in
 * its simplified form (a character-for-character conversion) and its words are
 * cut from the original text at the same places. A user dictionary from the bank (categories, keywords, synonym
 * terms) keeps its own terms whole (土地增值稅, 自用住宅用地).
 */
const toSimplified = Converter({ from: 'tw', to: 'cn' });
const CJK_RUN = /(\p{Script=Han}+)|([^\p{Script=Han}]+)/gu;

let base: { key: string; jieba: Jieba } | null = null;

function jiebaWith(userWords: readonly string[]): Jieba {
  const words = [...new Set(userWords.map((w) => toSimplified(w.trim())).filter((w) => w.length >= 2))].sort();
  const key = words.join('\n');
  if (base?.key === key) return base.jieba;
  const jieba = Jieba.withDict(dict);
  // A high frequency so the bank's own terms win over the general dictionary's splits.
  if (words.length) jieba.loadDict(Buffer.from(words.map((w) => `${w} 100000 n`).join('\n')));
  base = { key, jieba };
  return jieba;
}

/** Caches per distinct text: a month repeats its wordings, a bank its words. */
function memo<T>(fn: (s: string) => T, max = 50_000): (s: string) => T {
  const cache = new Map<string, T>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined) {
      if (cache.size >= max) cache.clear();
      v = fn(s);
      cache.set(s, v);
    }
    return v;
  };
}

export function createTextTools(userWords: readonly string[] = []): TextTools {
  const jieba = jiebaWith(userWords);
  return {
    // Words come back in the text's own (Traditional) characters: the conversion is character for character.
    segment: memo((text: string) => {
      const chars = [...text];
      const words = jieba.cut(toSimplified(text), false);
      if (words.reduce((n, w) => n + [...w].length, 0) !== chars.length) return words;
      let at = 0;
      return words.map((w) => {
        const n = [...w].length;
        const original = chars.slice(at, at + n).join('');
        at += n;
        return original;
      });
    }),
    glosses: memo(glossesOf),
    pinyin: memo((text: string) => {
      const out: string[] = [];
      for (const m of text.matchAll(CJK_RUN)) {
        if (m[1]) {
          const syllables = pinyin(m[1]) as string[];
          // One syllable per character; a mismatch (should not happen) leaves the characters as they are.
          if (syllables.length === [...m[1]].length) out.push(...syllables);
          else out.push(...m[1]);
        } else out.push(...m[2]);
      }
      return out;
    }),
  };
}
