import type { SynonymEntry } from '@tunedesk/domain';
import { LAWS_EN } from './sources/laws-en';
import { LAWS_OBJECTS } from './sources/laws-objects';

/**
 * Shipped knowledge, each entry with the source it was taken from; a test
 * (default-tuning.spec.ts) finds every word in the file its source names:
 *
 * - `bank`: the bureau's question bank as shipped in the demo (apps/api/seed-data/kb.csv):
 *   its questions, alternates and keywords name a thing in both words.
 * - `units`: the unit file (apps/api/seed-data/sections.csv): names, 主管稅目, 業務職掌.
 * - `laws-en`: the English of the tax laws (sources/laws-en.ts, from the Laws & Regulations
 *   Database's official translations): the term and its English on one line.
 * - `laws-objects`: what each tax is levied on, as the laws name it (sources/laws-objects.ts).
 *
 * Words found only in a sample report never ship. Mistyped homophones (地價睡) are
 * not listed: the matcher reads pinyin. What a bureau adds for itself is kept in
 * its 調校設定 (synonyms and keyword rules), not here.
 */
export type Source = 'bank' | 'units' | 'laws-en' | 'laws-objects';

export interface ShippedSynonym extends SynonymEntry {
  source: Source;
}

export const SOURCE_FILES: Record<Source, string> = {
  bank: 'apps/api/seed-data/kb.csv',
  units: 'apps/api/seed-data/sections.csv',
  'laws-en': 'apps/api/src/tuning/sources/laws-en.ts',
  'laws-objects': 'apps/api/src/tuning/sources/laws-objects.ts',
};

/** Colloquial and short names the bureau's own bank uses beside the full name. */
const FROM_BANK: ShippedSynonym[] = [
  { term: '房屋', variants: ['房子', '住家'], source: 'bank' },
  { term: '土地增值稅', variants: ['土增稅', '土地增值', '土增'], source: 'bank' },
  { term: '使用牌照稅', variants: ['牌照稅'], source: 'bank' },
  { term: '印花稅', variants: ['印花'], source: 'bank' },
  { term: '繳款書', variants: ['稅單'], source: 'bank' },
  { term: '地方稅務局', variants: ['稅務局'], source: 'bank' },
  { term: '自用住宅', variants: ['自住房屋', '自住'], source: 'bank' },
  { term: '身心障礙', variants: ['身障'], source: 'bank' },
  { term: '便利商店', variants: ['超商'], source: 'bank' },
  { term: '行動支付', variants: ['line pay'], source: 'bank' },
  { term: '線上申辦', variants: ['線上申請'], source: 'bank' },
  { term: '滯納金', variants: ['滯納'], source: 'bank' },
];

/** The bilingual glossary: the English of the tax laws folds to the term (a question in English meets the bank). */
export const GLOSSARY: readonly ShippedSynonym[] = (() => {
  const byTerm = new Map<string, string[]>();
  for (const [term, english] of LAWS_EN) byTerm.set(term, [...(byTerm.get(term) ?? []), english.toLowerCase()]);
  return [...byTerm.entries()].map(([term, variants]) => ({ term, variants, source: 'laws-en' as const }));
})();

/** The 同義詞 list shipped for a new installation (the glossary is always added beside it, not stored). */
export const DEFAULT_SYNONYMS: readonly ShippedSynonym[] = FROM_BANK;

/**
 * Keyword rules shipped: what a tax is levied on, for questions that name no
 * tax (房屋 → the owner of 房屋稅). Everything else that used to be a keyword rule
 * is now the unit file's 業務職掌 (routing reads it for every unit).
 */
export const DEFAULT_KEYWORD_RULES: readonly { keyword: string; category: string; overridesTaxNames: boolean; source: Source }[] =
  LAWS_OBJECTS.map(([keyword, category]) => ({ keyword, category, overridesTaxNames: false, source: 'laws-objects' as const }));
