import fc from 'fast-check';
import { compactText, normalizeText } from './normalize';

describe('normalizeText', () => {
  it.each([
    ['請問房屋稅什麼時候繳？', '房屋稅什麼時候繳'],
    ['请问房屋税什么时候缴', '房屋稅什麼時候繳'],
    ['房屋稅ＡＢＣ１２３', '房屋稅abc123'],
    ['想問一下，地價稅可以用LINE Pay繳嗎？？', '地價稅可以用line pay繳'],
    ['你好 請問一下 牌照稅 多少錢啊', '牌照稅 多少錢'],
    ['酒吧要繳娛樂稅嗎', '酒吧要繳娛樂稅'],
    ['  多個　　空白\t與\n換行  ', '多個 空白 與 換行'],
    ['請問', '請問'],
    ['嗎', '嗎'],
    // Found by the property below: a Kangxi radical folds (NFKC) to a character the converter maps again.
    ['⼳', '麼'],
    // Found by the property in CI (seed 1007811798): the converter reads phrases, so a symbol beside
    // 龟 (from the radical ⻳) kept it simplified until the symbol was folded away.
    ['⿰⻳ ', '龜'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('is idempotent and never throws, on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (s) => {
        const once = normalizeText(s);
        expect(normalizeText(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent on text built from the words it folds', () => {
    const piece = fc.constantFrom(
      '請問',
      '一下',
      '想問',
      '房屋稅',
      '嗎',
      '呢',
      '啊',
      '，',
      '？',
      ' ',
      'ＡＢ',
      'ab',
      '税',
      '稅',
      '繳',
      '吧',
      '酒',
      '你好',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const once = normalizeText(parts.join(''));
        expect(normalizeText(once)).toBe(once);
      }),
      { numRuns: 3000 },
    );
  });

  it('is idempotent on every Kangxi radical and CJK compatibility ideograph (NFKC and the converter chain)', () => {
    const codes = [
      ...Array.from({ length: 0x2fd6 - 0x2f00 }, (_, i) => 0x2f00 + i),
      ...Array.from({ length: 0xfb00 - 0xf900 }, (_, i) => 0xf900 + i),
    ];
    const unstable = codes.map((c) => String.fromCodePoint(c)).filter((ch) => normalizeText(normalizeText(ch)) !== normalizeText(ch));
    expect(unstable).toEqual([]);
  });

  it('leaves ASCII letters and digits as they are, in lower case', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9]{1,30}$/), (s) => {
        expect(normalizeText(s)).toBe(s.toLowerCase());
      }),
    );
  });

  it('makes full-width and half-width, simplified and Traditional forms equal', () => {
    expect(normalizeText('使用牌照稅（汽車）')).toBe(normalizeText('使用牌照税(汽车)'));
    expect(compactText(normalizeText('房屋 稅'))).toBe('房屋稅');
  });
});
