import type { MessageKey } from '../i18n/messages';

// The same rules as libs/domain/src/auth/password-policy.ts, which the server applies. The web does not
// import @tunedesk/domain's index (it would bring the Chinese converter into the bundle); the spec checks
// these against the domain's checkPassword so the two cannot drift apart.
const MIN_LENGTH = 12;
const MAX_LENGTH = 128;
const MIN_CLASSES = 3;

function classCount(password: string): number {
  return [/\p{Lu}/u, /\p{Ll}/u, /\p{Nd}/u, /[^\p{Lu}\p{Ll}\p{Nd}]/u].filter((re) => re.test(password)).length;
}

/**
 * met: the typed password keeps the rule · broken: it breaks it · empty: nothing typed yet ·
 * on-save: only the server can tell (the common-password list, the last passwords' hashes).
 */
export type PasswordRuleState = 'met' | 'broken' | 'empty' | 'on-save';

export interface PasswordRuleCheck {
  key: MessageKey;
  state: PasswordRuleState;
}

/** The rules of 要點 七 as the panel shows them, each with its state for the password typed so far. */
export function passwordRuleChecks(password: string, account: string): PasswordRuleCheck[] {
  const typed = password.length > 0;
  const length = [...password].length;
  const classes = classCount(password);
  const folded = account.normalize('NFKC').toLowerCase();
  // The server checks the account only from 3 characters on; the panel says the same.
  const containsAccount = folded.length >= 3 && password.normalize('NFKC').toLowerCase().includes(folded);
  const local = (ok: boolean): PasswordRuleState => (!typed ? 'empty' : ok ? 'met' : 'broken');
  return [
    { key: 'password.rule.min', state: local(length >= MIN_LENGTH) },
    { key: 'password.rule.max', state: local(length <= MAX_LENGTH) },
    { key: 'password.rule.classes', state: local(classes >= MIN_CLASSES) },
    { key: 'password.rule.common', state: typed ? 'on-save' : 'empty' },
    { key: 'password.rule.account', state: local(!containsAccount) },
    { key: 'password.rule.history', state: typed ? 'on-save' : 'empty' },
  ];
}

export const RULE_ICON: Record<PasswordRuleState, string> = {
  met: 'check_circle',
  broken: 'cancel',
  empty: 'radio_button_unchecked',
  'on-save': 'schedule',
};
