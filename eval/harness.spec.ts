import { BankMatcher, compactText, DEFAULT_MATCHING_PARAMS, normalizeText, TextAnalyzer, type BankItem } from '@tunedesk/domain';
import { fit, heldOut, leaveOneMonthOut, pairwise, score, type LabelledMonth } from './harness';

const bank: BankItem[] = [
  { id: 'B-1', question: '娛樂稅的稅率是多少', alternates: [], keywords: [], answer: '', category: '娛樂稅', owner: 'CT', published: true },
  { id: 'B-2', question: '契稅什麼時候申報', alternates: [], keywords: [], answer: '', category: '契稅', owner: 'HT', published: true },
];
const month = (name: string, texts: [string, string, string][]): LabelledMonth => {
  const wordings = texts.map(([t]) => ({ key: compactText(normalizeText(t)), text: t, count: 1, bot: [] }));
  return {
    name,
    input: {
      wordings,
      routing: {
        units: [
          { code: 'CT', categories: ['娛樂稅'] },
          { code: 'HT', categories: ['契稅'] },
        ],
        rules: [],
      },
      decided: [],
    },
    matcher: new BankMatcher(bank, new TextAnalyzer()),
    rows: texts.map(([t, intent, section]) => ({ key: compactText(normalizeText(t)), intent, section })),
    itemIds: new Set(bank.map((b) => b.id)),
  };
};
const a = month('m1', [
  ['娛樂稅稅率多少', 'B-1', 'CT'],
  ['契稅何時申報', 'B-2', 'HT'],
]);
const b = month('m2', [
  ['娛樂稅的稅率', 'B-1', 'CT'],
  ['契稅申報時間', 'B-2', 'HT'],
]);

describe('evaluation harness', () => {
  it('refuses to score a month with thresholds fitted on it', async () => {
    const fitted = await fit([a, b], DEFAULT_MATCHING_PARAMS);
    await expect(heldOut(fitted, a)).rejects.toThrow(/refused/);
    await expect(heldOut(fitted, b)).rejects.toThrow(/refused/);
  }, 60_000);

  it('leave-one-month-out fits each month on the others only', async () => {
    const results = await leaveOneMonthOut([a, b], DEFAULT_MATCHING_PARAMS);
    expect(results.map((r) => [r.month, r.fitted.fittedOn])).toEqual([
      ['m1', ['m2']],
      ['m2', ['m1']],
    ]);
    for (const r of results) expect(r.metrics.top1).toBe(1);
  }, 60_000);

  it('scores pairs as the samples define them', () => {
    expect(
      pairwise([
        { intent: 'x', cluster: '1' },
        { intent: 'x', cluster: '1' },
        { intent: 'y', cluster: '1' },
      ]),
    ).toEqual({
      precision: 1 / 3,
      recall: 1,
      f1: 0.5,
    });
    expect(score(a, []).routing).toBe(0);
  });
});
