import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeText } from '@tunedesk/domain';
import { DEFAULT_KEYWORD_RULES, DEFAULT_SYNONYMS, GLOSSARY, SOURCE_FILES } from './default-tuning';
import { LAWS_EN } from './sources/laws-en';

const ROOT = join(__dirname, '../../../..');
const text = (source: keyof typeof SOURCE_FILES) => normalizeText(readFileSync(join(ROOT, SOURCE_FILES[source]), 'utf8'));
const SAMPLE_REPORTS = ['test/fixtures/reports/ok/report-2026-09.csv', 'test/fixtures/reports/ok/report-2026-10.csv'].map((p) =>
  normalizeText(readFileSync(join(ROOT, p), 'utf8')),
);

describe('shipped defaults name their sources', () => {
  it('finds every shipped synonym term and variant in the file its source names', () => {
    for (const s of [...DEFAULT_SYNONYMS, ...GLOSSARY]) {
      const source = text(s.source);
      for (const word of [s.term, ...s.variants])
        expect({ word, source: s.source, found: source.includes(normalizeText(word)) }).toEqual({ word, source: s.source, found: true });
    }
  });

  it('finds every shipped keyword rule in its source', () => {
    for (const r of DEFAULT_KEYWORD_RULES)
      expect({ keyword: r.keyword, found: text(r.source).includes(normalizeText(r.keyword)) }).toEqual({ keyword: r.keyword, found: true });
  });

  it('keeps each glossary English beside its term on one line of the laws file', () => {
    for (const g of GLOSSARY)
      for (const v of g.variants) expect(LAWS_EN.some(([term, en]) => term === g.term && en.toLowerCase() === v)).toBe(true);
  });

  it('ships no word whose only source is a sample report', () => {
    // A word found in a sample report must also be in its named source (the checks above); this one
    // guards the list against a source file that merely quotes the reports.
    for (const source of Object.keys(SOURCE_FILES) as (keyof typeof SOURCE_FILES)[])
      expect(SAMPLE_REPORTS.some((r) => r.length > 0 && text(source).includes(r.slice(0, 200)))).toBe(false);
  });
});
