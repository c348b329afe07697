import { TestBed } from '@angular/core/testing';
import { I18nService } from './i18n.service';
import { RocDatePipe, formatDisplayDate } from './roc-date.pipe';

describe('formatDisplayDate', () => {
  it('shows a plain date in ROC form in zh-TW and in ISO form in English', () => {
    expect(formatDisplayDate('2026-11-29', 'short', 'zh-TW')).toBe('115/11/29');
    expect(formatDisplayDate('2026-11-29', 'long', 'zh-TW')).toBe('民國115年11月29日');
    expect(formatDisplayDate('2026-11-29', 'short', 'en')).toBe('2026-11-29');
    expect(formatDisplayDate('2026-11-29', 'month-day', 'zh-TW')).toBe('11/29');
    expect(formatDisplayDate('2026-11-29', 'month-day', 'en')).toBe('11-29');
  });

  it('shows an instant late on a UTC evening as the next day in Taipei', () => {
    const instant = '2026-11-28T16:30:00.000Z'; // 2026-11-29 00:30 in Taipei
    expect(formatDisplayDate(instant, 'short', 'zh-TW')).toBe('115/11/29');
    expect(formatDisplayDate(instant, 'short-time', 'zh-TW')).toBe('115/11/29 00:30');
    expect(formatDisplayDate(instant, 'short', 'en')).toBe('2026-11-29');
    expect(formatDisplayDate(new Date(instant), 'short-time', 'en')).toBe('2026-11-29 00:30');
  });

  it('adds seconds for the audit trail', () => {
    expect(formatDisplayDate('2026-11-28T16:30:09.500Z', 'short-seconds', 'zh-TW')).toBe('115/11/29 00:30:09');
    expect(formatDisplayDate('2026-11-28T16:30:09Z', 'short-seconds', 'en')).toBe('2026-11-29 00:30:09');
  });

  it('keeps an instant just before Taipei midnight on its own day', () => {
    expect(formatDisplayDate('2026-11-29T15:59:00Z', 'short-time', 'zh-TW')).toBe('115/11/29 23:59');
  });

  it('shows nothing for a missing value and the raw text for an unreadable one', () => {
    expect(formatDisplayDate(null, 'short', 'zh-TW')).toBe('');
    expect(formatDisplayDate('not a date', 'short', 'zh-TW')).toBe('not a date');
    expect(formatDisplayDate('2026-02-30', 'short', 'en')).toBe('2026-02-30');
  });
});

describe('RocDatePipe', () => {
  beforeEach(() => localStorage.clear());

  it('follows the interface language', () => {
    const pipe = TestBed.runInInjectionContext(() => new RocDatePipe());
    const i18n = TestBed.inject(I18nService);
    expect(pipe.transform('2026-11-29')).toBe('115/11/29');
    expect(pipe.transform('2026-11-29', 'long')).toBe('民國115年11月29日');
    i18n.setLang('en');
    expect(pipe.transform('2026-11-29')).toBe('2026-11-29');
    expect(pipe.transform('2026-11-28T16:30:00Z', 'short-time')).toBe('2026-11-29 00:30');
  });
});
