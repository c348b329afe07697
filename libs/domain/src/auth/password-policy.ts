/**
 * The bureau's password rules (要點 七): at least 12 characters, at least three
 * of upper case / lower case / digit / symbol, up to 128 characters of any
 * Unicode accepted exactly, not a common password, not the account name. Reuse
 * of the last passwords is checked by the accounts service, which holds the hashes.
 */
export interface PasswordPolicy {
  minLength: number;
  maxLength: number;
  minClasses: number;
}

export const BUREAU_PASSWORD_POLICY: PasswordPolicy = { minLength: 12, maxLength: 128, minClasses: 3 };

export type PasswordProblem =
  'PASSWORD_TOO_SHORT' | 'PASSWORD_TOO_LONG' | 'PASSWORD_TOO_FEW_CLASSES' | 'PASSWORD_COMMON' | 'PASSWORD_CONTAINS_ACCOUNT';

export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, { 'zh-TW': string; en: string }> = {
  PASSWORD_TOO_SHORT: { 'zh-TW': '密碼至少需 12 個字元', en: 'The password needs at least 12 characters' },
  PASSWORD_TOO_LONG: { 'zh-TW': '密碼最多 128 個字元', en: 'The password may have at most 128 characters' },
  PASSWORD_TOO_FEW_CLASSES: {
    'zh-TW': '密碼需包含大寫字母、小寫字母、數字、符號其中至少三種',
    en: 'The password needs at least three of: upper case, lower case, digits, symbols',
  },
  PASSWORD_COMMON: { 'zh-TW': '此密碼過於常見，請改用不易猜測的密碼', en: 'This password is too common; choose one that is hard to guess' },
  PASSWORD_CONTAINS_ACCOUNT: { 'zh-TW': '密碼不可包含帳號名稱', en: 'The password must not contain the account name' },
};

/** Length in characters as a person counts them (code points), not UTF-16 units: 𠮷 is one. */
export function passwordLength(password: string): number {
  return [...password].length;
}

/** Which of the four classes the password uses; anything that is not a letter case or digit is a symbol. */
export function characterClasses(password: string): { upper: boolean; lower: boolean; digit: boolean; symbol: boolean } {
  return {
    upper: /\p{Lu}/u.test(password),
    lower: /\p{Ll}/u.test(password),
    digit: /\p{Nd}/u.test(password),
    symbol: /[^\p{Lu}\p{Ll}\p{Nd}]/u.test(password),
  };
}

/**
 * Forms of the password to look up in the common list: folded to NFKC lower
 * case, and with leading and trailing digits and symbols stripped, so
 * `Password2024!!` is caught by `password`.
 */
export function commonPasswordCandidates(password: string): string[] {
  const folded = password.normalize('NFKC').toLowerCase();
  const core = folded.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  return [...new Set([folded, core].filter((s) => s.length >= 4))];
}

export interface PasswordCheckContext {
  account?: string;
  /** Lower-case common passwords (the list shipped with the project). */
  commonPasswords: ReadonlySet<string>;
  policy?: PasswordPolicy;
}

/** Every rule the password breaks, in a stable order; empty means acceptable. */
export function checkPassword(password: string, context: PasswordCheckContext): PasswordProblem[] {
  const policy = context.policy ?? BUREAU_PASSWORD_POLICY;
  const problems: PasswordProblem[] = [];
  const length = passwordLength(password);
  if (length < policy.minLength) problems.push('PASSWORD_TOO_SHORT');
  if (length > policy.maxLength) problems.push('PASSWORD_TOO_LONG');
  const classes = Object.values(characterClasses(password)).filter(Boolean).length;
  if (classes < policy.minClasses) problems.push('PASSWORD_TOO_FEW_CLASSES');
  if (commonPasswordCandidates(password).some((c) => context.commonPasswords.has(c))) problems.push('PASSWORD_COMMON');
  const account = context.account?.normalize('NFKC').toLowerCase();
  if (account && account.length >= 3 && password.normalize('NFKC').toLowerCase().includes(account))
    problems.push('PASSWORD_CONTAINS_ACCOUNT');
  return problems;
}
