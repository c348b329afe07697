import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { en, zhTW } from './messages';

/**
 * One concept, one term (docs/glossary.md). Each retired synonym names the term that replaced it; a
 * message value using a retired one fails here, whichever messages file it was added to.
 */
const RETIRED_ZH: Record<string, string> = {
  截止日: '調校期限',
  截止期限: '調校期限',
  回覆期限: '調校期限',
  到期日: '調校期限',
  期別: '調校週期',
  梯次: '調校週期',
  指派: '分派',
  知識聯絡人: '知識維護窗口',
  建議案: '提案',
  提案清單: '資料檢視清單',
  變更集: '題庫異動彙整表',
  異動清單: '題庫異動彙整表',
  依語意: '用字相近（the search matches word fragments, it does not understand meaning）',
  語意搜尋: '用字相近的搜尋',
};

const RETIRED_EN: Record<string, string> = {
  deadline: 'due date',
  'team leader': 'group leader',
  tuner: 'knowledge contact',
  changeset: 'change set',
  'change list': 'change set',
  'by meaning': 'similar wording',
  semantic: 'similar wording',
};

function offenders(messages: Record<string, string>, retired: Record<string, string>, caseless: boolean): string[] {
  const found: string[] = [];
  for (const [key, value] of Object.entries(messages)) {
    const text = caseless ? value.toLowerCase() : value;
    for (const [word, term] of Object.entries(retired)) {
      const pattern = caseless ? new RegExp(`\\b${word}`, 'i') : null;
      if (pattern ? pattern.test(text) : text.includes(word)) found.push(`${key}: “${word}” → use “${term}” (${value})`);
    }
  }
  return found;
}

describe('one vocabulary', () => {
  it('no zh-TW message uses a retired synonym', () => {
    expect(offenders(zhTW, RETIRED_ZH, false)).toEqual([]);
  });

  it('no English message uses a retired synonym', () => {
    expect(offenders(en, RETIRED_EN, true)).toEqual([]);
  });

  it('the due date is one term in both languages', () => {
    const dueKeys = Object.keys(zhTW).filter((key) => /dueDate$/.test(key)) as (keyof typeof zhTW)[];
    expect(dueKeys.length).toBeGreaterThanOrEqual(4);
    for (const key of dueKeys) {
      expect([key, zhTW[key]]).toEqual([key, '調校期限']);
      expect([key, en[key]]).toEqual([key, 'Due date']);
    }
  });

  it('the spec and the glossary retire the same words', () => {
    const glossary = readFileSync(join(__dirname, '../../../../../docs/glossary.md'), 'utf8');
    for (const word of [...Object.keys(RETIRED_ZH), ...Object.keys(RETIRED_EN)]) {
      expect([word, glossary.toLowerCase().includes(word.toLowerCase())]).toEqual([word, true]);
    }
  });

  it('catches a retired word (the check can fail)', () => {
    expect(offenders({ 'x.due': '截止日：115/12/21' }, RETIRED_ZH, false)).toHaveLength(1);
    expect(offenders({ 'x.lead': 'Ask the Tuning team leader' }, RETIRED_EN, true)).toHaveLength(1);
    // A word that merely contains the letters is not a hit.
    expect(offenders({ 'x.ok': 'Pretuners' }, { tuner: 'knowledge contact' }, true)).toHaveLength(0);
  });
});
