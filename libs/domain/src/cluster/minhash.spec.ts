import fc from 'fast-check';
import { groupNearDuplicates, jaccard, shingles } from './minhash';

describe('groupNearDuplicates', () => {
  const texts = [
    '房屋稅什麼時候繳',
    '房屋稅什麼時候要繳',
    '囤房稅是什麼',
    '囤房稅是什麼東西',
    '地價稅自用住宅怎麼申請',
    '地價稅自用住宅要怎麼申請',
    '測',
    '測',
  ];

  it('groups near-duplicates, keeps different questions apart, joins exact repeats', () => {
    const groups = groupNearDuplicates(texts).map((g) => g.map((i) => texts[i]));
    expect(groups).toEqual([
      ['房屋稅什麼時候繳', '房屋稅什麼時候要繳'],
      ['囤房稅是什麼', '囤房稅是什麼東西'],
      ['地價稅自用住宅怎麼申請', '地價稅自用住宅要怎麼申請'],
      ['測', '測'],
    ]);
  });

  it('gives the same groups whatever the input order', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(texts, { minLength: texts.length, maxLength: texts.length }), (shuffled) => {
        const asText = (list: string[]) =>
          groupNearDuplicates(list)
            .map((g) =>
              g
                .map((i) => list[i])
                .sort()
                .join('|'),
            )
            .sort();
        expect(asText(shuffled)).toEqual(asText(texts));
      }),
    );
  });

  it('never groups two texts whose exact similarity is below the threshold (no false merge from hashing)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom(...'房屋稅地價牌照繳申請什麼時候'), minLength: 2, maxLength: 8 }), { maxLength: 25 }),
        (list) => {
          for (const g of groupNearDuplicates(list, { threshold: 0.6, bands: 20, rows: 3 })) {
            if (g.length < 2) continue;
            // Every member is linked to some other member at or above the threshold (single linkage).
            for (const i of g)
              expect(g.some((j) => j !== i && (list[i] === list[j] || jaccard(shingles(list[i]), shingles(list[j])) >= 0.6))).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
