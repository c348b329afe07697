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

  it('drops the English gloss of an import problem in zh-TW and shows it in English', () => {
    const reason = '「2026/13/45 10:00」不是可辨識的日期時間 (not a date-time)';
    expect(localizeReason(reason, 'zh-TW')).toBe('「2026/13/45 10:00」不是可辨識的日期時間');
    expect(localizeReason(reason, 'en')).toBe('"2026/13/45 10:00": not a date-time');
    expect(localizeReason('使用者問句必填 (question is required)', 'zh-TW')).toBe('使用者問句必填');
    expect(localizeReason('使用者問句必填 (question is required)', 'en')).toBe('question is required');
    expect(localizeReason('「0」不是正整數 (occurrences must be a whole number ≥ 1)', 'zh-TW')).toBe('「0」不是正整數');
  });

  it('keeps brackets that are part of a Chinese sentence or an English one', () => {
    expect(localizeReason('房屋稅 (HT) 的題目', 'zh-TW')).toBe('房屋稅 (HT) 的題目');
    expect(localizeReason('Too long (max 64)', 'zh-TW')).toBe('Too long (max 64)');
  });
});
