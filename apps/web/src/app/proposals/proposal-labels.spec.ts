import { Role } from '@tunedesk/contracts';
import { makeMe } from '../testing/auth-testing';
import {
  alternatesChange,
  canDecideList,
  canEditProposal,
  canSubmitList,
  contentDiff,
  contentOf,
  listLink,
  parseSource,
  sameContent,
  splitKeywords,
  splitLines,
  topWordings,
} from './proposal-labels';
import { makeKbItem, makeList, makeProposal, makeQueueDetail } from './proposals-testing';

describe('proposal helpers', () => {
  it('reads the source of the address, and nothing else', () => {
    expect(parseSource('cluster:77')).toEqual({ kind: 'cluster', id: 77 });
    expect(parseSource(' review:501 ')).toEqual({ kind: 'review', id: 501 });
    expect(parseSource('cluster:0')).toBeNull();
    expect(parseSource('message:3')).toBeNull();
    expect(parseSource('cluster:7x')).toBeNull();
    expect(parseSource(undefined)).toBeNull();
  });

  it('splits alternates by line and keywords by 、 or commas, blank and repeated ones left out', () => {
    expect(splitLines('房屋稅刷卡\r\n\n  信用卡繳房屋稅 \n房屋稅刷卡')).toEqual(['房屋稅刷卡', '信用卡繳房屋稅']);
    expect(splitKeywords('信用卡、刷卡，繳稅; 信用卡\n稅')).toEqual(['信用卡', '刷卡', '繳稅', '稅']);
    expect(splitLines('  ')).toEqual([]);
  });

  it('diffs a proposal against the item character by character, as the next version', () => {
    const item = makeKbItem();
    const diff = contentDiff(item.id, item.version, contentOf(item), { ...contentOf(item), answer: '可臨櫃或超商繳納。' });
    expect(diff.from).toBe(3);
    expect(diff.to).toBe(4);
    expect(diff.fields.filter((field) => field.changed).map((field) => field.field)).toEqual(['answer']);
    const answer = diff.fields.find((field) => field.field === 'answer')!;
    expect(answer.segments.filter((s) => s.op !== 'equal').map((s) => [s.op, s.text])).toEqual([
      ['delete', '、'],
      ['insert', '或'],
      ['delete', '或金融機構'],
    ]);
    expect(alternatesChange(['甲', '乙'], ['乙', '丙'])).toEqual({ added: ['丙'], removed: ['甲'] });
  });

  it('takes the most asked wordings first', () => {
    expect(topWordings(makeQueueDetail(), 2).map((w) => w.text)).toEqual(['房屋稅可以用信用卡繳嗎', '房屋稅刷卡']);
  });

  it('lets the unit’s contact edit and send an open list, and its head decide a sent one', () => {
    const contact = makeMe();
    const head = makeMe({ roles: [Role.UnitHead] });
    const other = makeMe({ unitCode: 'LV' });
    const list = makeList();
    expect(canEditProposal(contact, list, makeProposal())).toBe(true);
    expect(canEditProposal(other, list, makeProposal())).toBe(false);
    expect(canEditProposal(contact, list, makeProposal({ status: 'submitted' }))).toBe(false);
    expect(canSubmitList(contact, list)).toBe(true);
    expect(canSubmitList(contact, makeList({ proposals: [makeProposal({ status: 'approved' })] }))).toBe(false);
    expect(canSubmitList(head, list)).toBe(false);
    expect(canDecideList(head, list)).toBe(false);
    expect(canDecideList(head, makeList({ status: 'submitted' }))).toBe(true);
    expect(canDecideList(contact, makeList({ status: 'submitted' }))).toBe(false);
    expect(listLink(4, 'HT')).toEqual(['/proposals/lists', 4, 'HT']);
  });

  it('calls a 修改 unchanged when only order, padding or a repeated question differ, and changed on any real difference', () => {
    const item = contentOf(makeKbItem());
    const retyped = {
      ...item,
      category: ` ${item.category}`,
      answer: `${item.answer}\n`,
      alternates: [...item.alternates].reverse().concat(item.question),
      keywords: [...item.keywords].reverse(),
      ownerUnitCode: 'ht',
    };
    expect(sameContent(item, retyped)).toBe(true);
    expect(sameContent(item, { ...retyped, alternates: [item.alternates[0]] })).toBe(false);
    expect(sameContent(item, { ...retyped, answer: `${item.answer}。` })).toBe(false);
    expect(sameContent(item, { ...retyped, question: '房屋稅怎麼繳？' })).toBe(false);
    expect(sameContent(item, { ...retyped, keywords: ['房屋稅'] })).toBe(false);
    expect(sameContent(item, { ...retyped, ownerUnitCode: 'LV' })).toBe(false);
  });
});
