import type { ProposalContent } from '@tunedesk/contracts';
import { changeDiff, condense, sidesOf, textDiff } from './change-diff';

const ITEM: ProposalContent = {
  category: '房屋稅',
  question: '房屋稅繳納方式有哪些？',
  alternates: ['房屋稅怎麼繳', '房屋稅繳費方式'],
  answer: '可臨櫃、超商或線上繳納。',
  keywords: ['繳納'],
  ownerUnitCode: 'HT',
};

describe('textDiff', () => {
  it('marks the words that differ and gives both texts back', () => {
    const before = '可臨櫃、超商或線上繳納。Visa card 也可以。';
    const after = '可臨櫃、超商、行動支付或線上繳納。Master card 也可以。';
    const parts = textDiff(before, after);
    expect(sidesOf(parts)).toEqual({ before, after });
    expect(parts.filter((p) => p.op === 'insert').map((p) => p.text)).toEqual([expect.stringContaining('行動支付'), 'Master']);
    // English words stay whole: 'Visa' → 'Master', never 'Vis' + 'a'.
    expect(parts.filter((p) => p.op === 'delete').map((p) => p.text)).toEqual(['Visa']);
    expect(parts.find((p) => p.op === 'equal' && p.text.includes('card 也可以'))).toBeDefined();
  });

  it('has no marks when nothing changed, and nothing at all for two empty texts', () => {
    expect(textDiff('一樣', '一樣')).toEqual([{ op: 'equal', text: '一樣' }]);
    expect(textDiff('', '')).toEqual([]);
  });
});

describe('changeDiff', () => {
  it('finds a 修改 that keeps the question and changes the alternates and the answer', () => {
    const diff = changeDiff({
      kind: 'modify',
      before: ITEM,
      content: { ...ITEM, alternates: ['房屋稅怎麼繳', '房屋稅可以刷卡嗎'], answer: '可臨櫃、超商、信用卡或線上繳納。' },
    });
    expect(diff.question.changed).toBe(false);
    expect(diff.alternates).toEqual({ added: ['房屋稅可以刷卡嗎'], removed: ['房屋稅繳費方式'], kept: ['房屋稅怎麼繳'] });
    expect(diff.answer.changed).toBe(true);
    expect(
      diff.answer.parts
        .filter((p) => p.op === 'insert')
        .map((p) => p.text)
        .join(''),
    ).toContain('信用卡');
    expect(diff.answer.parts.some((p) => p.op === 'delete')).toBe(false);
    expect(diff.others).toEqual([]);
    expect(diff.nothing).toBe(false);
  });

  it('finds a changed question, and other fields by name', () => {
    const diff = changeDiff({
      kind: 'modify',
      before: ITEM,
      content: { ...ITEM, question: '房屋稅可以用哪些方式繳納？', keywords: ['繳納', '信用卡'], category: '契稅' },
    });
    expect(diff.question.changed).toBe(true);
    expect(sidesOf(diff.question.parts)).toEqual({ before: '房屋稅繳納方式有哪些？', after: '房屋稅可以用哪些方式繳納？' });
    expect(diff.answer.changed).toBe(false);
    expect(diff.alternates.added).toEqual([]);
    expect(diff.alternates.removed).toEqual([]);
    expect(diff.others).toEqual(['category', 'keywords']);
  });

  it('calls a 修改 identical to the item a change of nothing; spacing and full-width forms do not count', () => {
    expect(changeDiff({ kind: 'modify', before: ITEM, content: { ...ITEM } }).nothing).toBe(true);
    const spaced = changeDiff({ kind: 'modify', before: ITEM, content: { ...ITEM, alternates: [' 房屋稅怎麼繳', '房屋稅繳費方式 '] } });
    expect(spaced.alternates.added).toEqual([]);
    expect(spaced.nothing).toBe(true);
  });

  it('adds all of a new item and takes all of a deleted one away', () => {
    const add = changeDiff({ kind: 'add', before: null, content: ITEM });
    expect(add.alternates.added).toEqual(ITEM.alternates);
    expect(add.alternates.removed).toEqual([]);
    expect(add.question).toMatchObject({ before: null, after: ITEM.question, changed: true });
    expect(add.answer.parts).toEqual([{ op: 'insert', text: ITEM.answer }]);
    expect(add.nothing).toBe(false);

    const del = changeDiff({ kind: 'delete', before: ITEM, content: null });
    expect(del.alternates).toEqual({ added: [], removed: ITEM.alternates, kept: [] });
    expect(del.question).toMatchObject({ before: ITEM.question, after: null, changed: true });
    expect(del.nothing).toBe(false);
  });
});

describe('condense', () => {
  it('keeps every change and a little around it, cutting long shared runs to an ellipsis', () => {
    const long = '非營業用車輛的使用牌照稅每年4月1日至4月30日一次徵收；營業用車輛分兩期，於每年4月1日及10月1日起各開徵一個月。';
    const parts = textDiff(long, `${long}身心障礙者使用之車輛可申請免徵。`);
    const short = condense(parts, 10);
    expect(short.filter((p) => p.op !== 'equal')).toEqual(parts.filter((p) => p.op !== 'equal'));
    expect(short[0]).toEqual({ op: 'equal', text: expect.stringMatching(/^…/) });
    expect([...short[0].text].length).toBe(11);
    expect(long.endsWith(short[0].text.slice(1))).toBe(true);

    const middle = condense(textDiff(`甲${long}乙`, `丙${long}丁`), 5);
    expect(middle.map((p) => p.op)).toEqual(['delete', 'insert', 'equal', 'delete', 'insert']);
    expect(middle[2].text).toBe(`${long.slice(0, 5)}…${long.slice(-5)}`);
  });

  it('leaves a text with no change, and short runs, as they are', () => {
    expect(condense([{ op: 'equal', text: '一樣的答案' }], 2)).toEqual([{ op: 'equal', text: '一樣的答案' }]);
    const parts = textDiff('可臨櫃繳納。', '可臨櫃或線上繳納。');
    expect(condense(parts, 24)).toEqual(parts);
  });
});
