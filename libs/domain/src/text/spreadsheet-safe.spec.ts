import fc from 'fast-check';
import { isFormulaLike, spreadsheetSafe } from './spreadsheet-safe';

describe('spreadsheet-safe cells', () => {
  it.each(['=SUM(A1)', '+886', '-_-', '@客服 在嗎', '\tx', '\rx'])('neutralises %p', (v) => {
    expect(spreadsheetSafe(v)).toBe(`'${v}`);
  });

  it('leaves ordinary text alone', () => {
    expect(spreadsheetSafe('房屋稅怎麼算')).toBe('房屋稅怎麼算');
    expect(spreadsheetSafe('')).toBe('');
  });

  it('never yields a value a spreadsheet would run, and changes only what it must', () => {
    fc.assert(
      fc.property(fc.string(), (v) => {
        const safe = spreadsheetSafe(v);
        expect(isFormulaLike(safe)).toBe(false);
        expect(safe === v).toBe(!isFormulaLike(v));
      }),
    );
  });
});
