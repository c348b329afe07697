import { gramWeight, isFunctionChar, ngrams } from '../search/ngram-index';
import { normalizeText } from '../text/normalize';
import { NO_SYNONYMS, type SynonymFolder } from '../text/synonyms';

/**
 * What the analyser needs from outside the domain: a word segmenter and a
 * pinyin reader. Both are native packages in the api (`@node-rs/jieba` with its
 * shipped dictionary and a user dictionary built from the bank; `@napi-rs/pinyin`);
 * the domain sees only these two functions, so it stays free of I/O.
 */
export interface TextTools {
  /** Words of one normalised, space-free Traditional Chinese text, in order. */
  segment(text: string): string[];
  /** Toneless pinyin of each character of a text, one entry per character (other characters as they are). */
  pinyin(text: string): string[];
}

/** Which feature channels the analyser emits; the evaluation turns each off to measure what it adds. */
export interface AnalyzerChannels {
  /** Character bigrams and trigrams (the base). */
  chars: boolean;
  /** Segmented words (needs a segmenter). */
  words: boolean;
  /** Pinyin syllable bigrams, so a mistyped homophone (地賈稅) still meets 地價稅 (needs a pinyin reader). */
  pinyin: boolean;
}

export const ALL_CHANNELS: AnalyzerChannels = { chars: true, words: true, pinyin: true };

/**
 * Weights of the extra channels beside character n-grams (1). A word repeats
 * what its characters' n-grams already say, so it adds half; a pinyin bigram is
 * weaker evidence (homophones are common), so a third. These are fixed, not
 * fitted: the evaluation reports held-out figures with each channel on and off.
 */
export const WORD_WEIGHT = 0.5;
export const PINYIN_WEIGHT = 1 / 3;

const CJK = /\p{Script=Han}/u;

/**
 * Turns a text into the features every comparison uses: normalised
 * (width, script, case, punctuation, fillers), folded through the synonym list
 * and the bilingual glossary, then character n-grams, words and pinyin bigrams.
 */
export class TextAnalyzer {
  readonly channels: AnalyzerChannels;

  constructor(
    private readonly folder: SynonymFolder = NO_SYNONYMS,
    private readonly tools: TextTools | null = null,
    channels: Partial<AnalyzerChannels> = {},
  ) {
    this.channels = { ...ALL_CHANNELS, ...channels };
    if (!tools) this.channels = { ...this.channels, words: false, pinyin: false };
  }

  /** Normalised and folded: the text every feature is taken from. */
  prepare = (text: string): string => this.folder.fold(normalizeText(text));

  features = (prepared: string): string[] => {
    const out: string[] = this.channels.chars ? ngrams(prepared) : [];
    const tools = this.tools;
    if (!tools) return out;
    for (const token of prepared.split(' ')) {
      if (!token) continue;
      if (this.channels.words) {
        for (const w of tools.segment(token)) {
          const chars = [...w];
          // A word of function characters only (怎麼, 可以) says how, not what.
          if (chars.length >= 2 && !chars.every(isFunctionChar)) out.push(`w:${w}`);
        }
      }
      if (this.channels.pinyin && CJK.test(token)) {
        const chars = [...token];
        const syllables = tools.pinyin(token);
        if (syllables.length !== chars.length) continue;
        for (let i = 0; i + 1 < chars.length; i++) {
          if (!CJK.test(chars[i]) || !CJK.test(chars[i + 1])) continue;
          if (isFunctionChar(chars[i]) && isFunctionChar(chars[i + 1])) continue;
          out.push(`p:${syllables[i]} ${syllables[i + 1]}`);
        }
      }
    }
    return out;
  };

  featureWeight = (feature: string): number => {
    if (feature.startsWith('w:')) return WORD_WEIGHT * gramWeight(feature.slice(2));
    if (feature.startsWith('p:')) return PINYIN_WEIGHT;
    return gramWeight(feature);
  };

  /** The options an NgramIndex takes to use this analyser. */
  indexOptions(): { fold: (t: string) => string; features: (p: string) => string[]; featureWeight: (f: string) => number } {
    return { fold: (t) => this.folder.fold(t), features: this.features, featureWeight: this.featureWeight };
  }
}
