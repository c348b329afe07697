import { localizeReason } from './reason.pipe';

describe('localizeReason', () => {
  it('keeps the half of a bilingual reason for the interface language', () => {
    const reason = '密碼至少需 12 個字元 / The password needs at least 12 characters';
    expect(localizeReason(reason, 'zh-TW')).toBe('密碼至少需 12 個字元');
    expect(localizeReason(reason, 'en')).toBe('The password needs at least 12 characters');
  });

  it('shows a reason in one language as it is', () => {
    expect(localizeReason('displayName must be shorter than or equal to 64 characters', 'zh-TW')).toBe(
      'displayName must be shorter than or equal to 64 characters',
    );
    expect(localizeReason('e.g. 1/2', 'en')).toBe('e.g. 1/2');
  });
});
