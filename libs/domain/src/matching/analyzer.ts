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
  /** A dictionary's English glosses of one word (content words only), so different words for one thing meet. */
  glosses?(word: string): string[];
}

/** Which feature channels the analyser emits; the evaluation turns each off to measure what it adds. */
export interface AnalyzerChannels {
  /** Character bigrams and trigrams (the base). */
  chars: boolean;
  /** Segmented words (needs a segmenter). */
  words: boolean;
  /** Pinyin syllable bigrams, so a mistyped homophone (地賈稅) still meets 地價稅 (needs a pinyin reader). */
  pinyin: boolean;
  /** Dictionary glosses of each word (房子 and 房屋 both gloss "house"; needs a segmenter and a dictionary). */
  glosses: boolean;
}

export const ALL_CHANNELS: AnalyzerChannels = { chars: true, words: true, pinyin: true, glosses: true };

/**
 * Weights of the extra channels beside character n-grams (1). A word repeats
 * what its characters' n-grams already say, so it adds half; a pinyin bigram is
 * weaker evidence (homophones are common), so a third. These are fixed, not
 * fitted: the evaluation reports held-out figures with each channel on and off.
 */
export const WORD_WEIGHT = 0.5;
export const PINYIN_WEIGHT = 1 / 3;
/** A gloss is the weakest evidence (a word has several senses, each several glosses): a quarter. */
export const GLOSS_WEIGHT = 1 / 4;

const CJK = /\p{Script=Han}/u;
const LATIN_WORD = /^[a-z][a-z0-9'-]*$/;
/** Where Latin letters meet Chinese characters ("我的land稅單"): a word boundary Chinese does not write. */
const SCRIPT_BOUNDARY = /(?<=[a-z])(?=\p{Script=Han})|(?<=\p{Script=Han})(?=[a-z])/gu;

/**
 * English function words: they say how a question is asked, not what about,
 * like the Chinese function characters. The closed class of English grammar
 * (articles, pronouns, auxiliaries, prepositions, conjunctions, wh-words) —
 * language knowledge, not a word list taken from any report.
 */
const ENGLISH_FUNCTION_WORDS = new Set(
  (
    'a an the i me my mine we us our you your he she it its they them their this that these those ' +
    'is am are was were be been being do does did have has had will would can could shall should may might must ' +
    'to of in on at by for from with about into over after before under between than as and or but if so not no ' +
    'what which who whom whose when where why how there here please hi hello thanks thank'
  ).split(' '),
);

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
    if (!tools) this.channels = { ...this.channels, words: false, pinyin: false, glosses: false };
    if (!tools?.glosses) this.channels = { ...this.channels, glosses: false };
  }

  /** Normalised and folded: the text every feature is taken from. */
  prepare = (text: string): string => this.folder.fold(normalizeText(text));

  features = (prepared: string): string[] => {
    const out: string[] = [];
    // An English word is a word, not its letters: "pay" and "payment" share nothing, "you" says nothing.
    const tokens = prepared.replace(SCRIPT_BOUNDARY, ' ').split(' ').filter(Boolean);
    const latin = tokens.filter((t) => LATIN_WORD.test(t));
    for (const w of latin) if (!ENGLISH_FUNCTION_WORDS.has(w)) out.push(`e:${w}`);
    const rest = tokens.filter((t) => !LATIN_WORD.test(t)).join(' ');
    if (this.channels.chars) for (const g of ngrams(rest)) out.push(g);
    const tools = this.tools;
    if (!tools) return out;
    for (const token of rest.split(' ')) {
      if (!token) continue;
      if (this.channels.words || this.channels.glosses) {
        for (const w of tools.segment(token)) {
          const chars = [...w];
          // A word of function characters only (怎麼, 可以) says how, not what.
          if (chars.length < 2 || chars.every(isFunctionChar)) continue;
          if (this.channels.words) out.push(`w:${w}`);
          if (this.channels.glosses) for (const g of tools.glosses!(w)) out.push(`g:${g}`);
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
    if (feature.startsWith('e:')) return 1;
    if (feature.startsWith('g:')) return GLOSS_WEIGHT;
    return gramWeight(feature);
  };

  /** The options an NgramIndex takes to use this analyser. */
  indexOptions(): { fold: (t: string) => string; features: (p: string) => string[]; featureWeight: (f: string) => number } {
    return { fold: (t) => this.folder.fold(t), features: this.features, featureWeight: this.featureWeight };
  }
}
