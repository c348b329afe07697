import { checkPassword } from '@tunedesk/domain';
import { commonPasswords } from './common-passwords';

describe('the shipped common-password list', () => {
  const list = commonPasswords();

  it('is the full list, lower-cased', () => {
    expect(list.size).toBeGreaterThan(40_000);
    expect(list.has('password')).toBe(true);
    expect(list.has('qwerty')).toBe(true);
    expect([...list].every((p) => p === p.toLowerCase())).toBe(true);
  });

  it('makes the policy refuse dressed-up common passwords and accept a strong one', () => {
    expect(checkPassword('Password2026!', { commonPasswords: list })).toEqual(['PASSWORD_COMMON']);
    expect(checkPassword('Iloveyou-2026', { commonPasswords: list })).toEqual(['PASSWORD_COMMON']);
    expect(checkPassword('Lotus-kite-4817', { commonPasswords: list })).toEqual([]);
  });
});
