import fc from 'fast-check';
import { characterClasses, checkPassword, commonPasswordCandidates, passwordLength } from './password-policy';

const common = new Set(['password', 'qwertyuiop', 'iloveyou', 'password123456']);
const check = (p: string, account?: string) => checkPassword(p, { commonPasswords: common, account });

describe('password policy', () => {
  it('accepts a long password with three classes', () => {
    expect(check('Tax-bureau-2026')).toEqual([]);
    expect(check('桃園地方稅務局Review2026')).toEqual([]); // CJK counts as a symbol class
  });

  it('refuses 11 characters and accepts 12', () => {
    expect(check('Abcdefgh12!')).toEqual(['PASSWORD_TOO_SHORT']);
    expect(check('Abcdefgh123!')).toEqual([]);
  });

  it('counts code points, so astral characters are one character each', () => {
    expect(passwordLength('𠮷𠮷𠮷')).toBe(3);
    expect(check('Ab1𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷')).toEqual(['PASSWORD_TOO_SHORT']); // 11 code points, 19 UTF-16 units
    expect(check('Ab1𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷')).toEqual([]); // 12
  });

  it('accepts exactly 128 characters and refuses 129', () => {
    const base = 'Aa1!';
    expect(check(base.repeat(32))).toEqual([]);
    expect(check(`${base.repeat(32)}x`)).toEqual(['PASSWORD_TOO_LONG']);
  });

  it('needs three of the four classes', () => {
    expect(check('abcdefghijkl')).toEqual(['PASSWORD_TOO_FEW_CLASSES']);
    expect(check('abcdefghijk1')).toEqual(['PASSWORD_TOO_FEW_CLASSES']);
    expect(check('abcdefghijK1')).toEqual([]);
    expect(check('abcdefghijk1!')).toEqual([]);
    expect(characterClasses('Ab1!')).toEqual({ upper: true, lower: true, digit: true, symbol: true });
  });

  it('refuses common passwords, also with digits and symbols around them and in full width', () => {
    expect(check('Password123456')).toContain('PASSWORD_COMMON');
    expect(check('!!Password2026!!')).toContain('PASSWORD_COMMON');
    expect(check('ＱｗｅｒｔｙＵｉｏｐ１２')).toContain('PASSWORD_COMMON');
    expect(commonPasswordCandidates('Password2026!')).toEqual(['password2026!', 'password']);
  });

  it('refuses a password containing the account name', () => {
    expect(check('chen.wei-2026-Tax', 'chen.wei')).toEqual(['PASSWORD_CONTAINS_ACCOUNT']);
    expect(check('Tax-bureau-2026', 'chen.wei')).toEqual([]);
  });

  it('never throws and reports length problems exactly at the bounds, for any Unicode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (p) => {
        const problems = check(p);
        const n = passwordLength(p);
        expect(problems.includes('PASSWORD_TOO_SHORT')).toBe(n < 12);
        expect(problems.includes('PASSWORD_TOO_LONG')).toBe(n > 128);
      }),
    );
  });
});
