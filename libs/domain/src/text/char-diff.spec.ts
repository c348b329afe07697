import fc from 'fast-check';
import { charDiff, sidesOf } from './char-diff';

describe('charDiff', () => {
  it('marks the changed characters, not the whole sentence', () => {
    expect(charDiff('房屋稅每年5月開徵', '房屋稅每年6月開徵')).toEqual([
      { op: 'equal', text: '房屋稅每年' },
      { op: 'delete', text: '5' },
      { op: 'insert', text: '6' },
      { op: 'equal', text: '月開徵' },
    ]);
  });

  it('always gives back both texts', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }), (a, b) => {
        expect(sidesOf(charDiff(a, b))).toEqual({ before: a, after: b });
      }),
      { numRuns: 500 },
    );
  });
});
