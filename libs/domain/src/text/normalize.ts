import { Converter } from 'opencc-js';

/**
 * The one text normalisation every comparison in the house uses (search,
 * clustering, duplicate detection). It folds away what does not change a
 * question's meaning: width, script (simplified → Traditional, Taiwan), case,
 * punctuation and spacing, sentence-final particles and polite fillers.
 * Idempotent: normalising twice gives the same text.
 */

// Character-level simplified → Traditional (Taiwan standard); no phrase rewriting, so it is idempotent.
const toTraditional = Converter({ from: 'cn', to: 'tw' });

/** Openers that ask politely but say nothing ("請問房屋稅…" = "房屋稅…"). Longest first. */
const FILLERS = [
  '不好意思想請問一下',
  '不好意思請問一下',
  '不好意思請問',
  '想請問一下',
  '我想請問一下',
  '我想請問',
  '想請教一下',
  '請教一下',
  '想問一下',
  '我想問一下',
  '我想問',
  '請問一下',
  '問一下',
  '想請問',
  '請問',
  '您好',
  '你好',
  '哈囉',
  '嗨',
];

/** Particles that end a sentence without meaning. Not 吧 (酒吧) or 阿/哈, which end real words too. */
const FINAL_PARTICLES = /[啊啦喔哦呢嗎嘛耶呀唷囉咧欸]+$/u;

/** Anything that is not a letter, a digit or a CJK ideograph becomes a space. */
const NON_WORD = /[^\p{L}\p{N}]+/gu;

function stripFillers(text: string): string {
  let out = text;
  for (let changed = true; changed;) {
    changed = false;
    for (const f of FILLERS) {
      if (out.startsWith(f)) {
        out = out.slice(f.length).trimStart();
        changed = true;
      }
    }
  }
  return out;
}

export function normalizeText(input: string): string {
  if (!input) return '';
  // NFKC, the script conversion and the punctuation fold can feed each other (a Kangxi radical folds
  // to a character the converter then maps again; the converter reads phrases, so removing a
  // symbol beside a character can change how that character converts): repeat until nothing
  // changes, so normalising twice changes nothing. Punctuation (ASCII and CJK) and whitespace
  // fold to single spaces.
  let text = input;
  for (let i = 0; i < 4; i++) {
    const next = toTraditional(text.normalize('NFKC')).toLowerCase().replace(NON_WORD, ' ').trim();
    if (next === text) break;
    text = next;
  }
  // Fillers and particles per clause: "請問一下，房屋稅幾號截止呢" → "房屋稅幾號截止".
  const clauses = text
    .split(' ')
    .map((clause) => {
      let c = stripFillers(clause);
      const stripped = c.replace(FINAL_PARTICLES, '');
      if (stripped.length > 0) c = stripped;
      return c;
    })
    .filter(Boolean);
  // A text that is nothing but fillers ("請問") keeps them: something is better than nothing.
  return clauses.length ? clauses.join(' ') : text;
}

/** Text without spaces, for character n-grams: Chinese has no word boundaries. */
export function compactText(normalized: string): string {
  return normalized.replace(/ /g, '');
}
