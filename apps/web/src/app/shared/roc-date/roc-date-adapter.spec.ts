import { TestBed } from '@angular/core/testing';
import { DateAdapter } from '@angular/material/core';
import { I18nService } from '../../i18n/i18n.service';
import { RocDateAdapter, formatRocDateText, parseRocDateText, parseRocMonthText, provideRocDates } from './roc-date-adapter';

describe('parseRocDateText', () => {
  it.each([
    ['115/12/07'],
    ['115.12.07'],
    ['115-12-07'],
    ['民國115年12月7日'],
    ['115年12月7日'],
    ['1151207'],
    ['１１５／１２／０７'],
    ['2026-12-07'],
    ['2026/12/07'],
  ])('reads %s as 7 December 2026', (text) => {
    expect(parseRocDateText(text)).toEqual({ year: 2026, month: 12, day: 7 });
  });

  it.each([['115/02/30'], ['116/02/29'], ['115/13/01'], ['民國115年2月30日'], ['1150230'], ['115/12'], ['明天'], ['12/07/2026']])(
    'rejects %s',
    (text) => {
      expect(parseRocDateText(text)).toBeNull();
    },
  );

  it('knows leap years: 113/02/29 is a day, 116/02/29 is not', () => {
    expect(parseRocDateText('113/02/29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseRocDateText('116/02/29')).toBeNull();
  });
});

describe('parseRocMonthText', () => {
  it.each([['115年12月'], ['民國115年12月'], ['115/12'], ['115.12'], ['11512'], ['2026-12'], ['115/12/07']])(
    'reads %s as December 2026',
    (text) => {
      expect(parseRocMonthText(text)).toEqual({ year: 2026, month: 12 });
    },
  );

  it.each([['115年13月'], ['115/0'], ['十二月'], ['']])('rejects %s', (text) => {
    expect(parseRocMonthText(text)).toBeNull();
  });
});

describe('formatRocDateText', () => {
  const day = { year: 2026, month: 12, day: 7 };
  it('writes ROC in zh-TW and ISO in English', () => {
    expect(formatRocDateText(day, 'date', 'zh-TW')).toBe('115/12/07');
    expect(formatRocDateText(day, 'long', 'zh-TW')).toBe('民國115年12月7日');
    expect(formatRocDateText(day, 'month', 'zh-TW')).toBe('115年12月');
    expect(formatRocDateText(day, 'monthYear', 'zh-TW')).toBe('民國115年12月');
    expect(formatRocDateText(day, 'date', 'en')).toBe('2026-12-07');
    expect(formatRocDateText(day, 'month', 'en')).toBe('2026-12');
    expect(formatRocDateText(day, 'long', 'en')).toBe('7 December 2026');
  });
});

describe('RocDateAdapter', () => {
  let adapter: DateAdapter<Date>;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideRocDates()] });
    adapter = TestBed.inject(DateAdapter);
  });

  it('is the ROC adapter', () => {
    expect(adapter).toBeInstanceOf(RocDateAdapter);
  });

  it('parses what a person types into a local-midnight date', () => {
    for (const text of ['115/12/07', '115.12.07', '民國115年12月7日']) {
      const date = adapter.parse(text, 'date')!;
      expect(adapter.isValid(date)).toBe(true);
      expect([date.getFullYear(), date.getMonth(), date.getDate(), date.getHours()]).toEqual([2026, 11, 7, 0]);
    }
  });

  it('gives an invalid date for an impossible one, so the datepicker reports it, and null for nothing', () => {
    const date = adapter.parse('115/02/30', 'date');
    expect(date).not.toBeNull();
    expect(adapter.isValid(date!)).toBe(false);
    expect(adapter.parse('   ', 'date')).toBeNull();
  });

  it('parses months with the month format', () => {
    const date = adapter.parse('115年12月', 'month')!;
    expect([date.getFullYear(), date.getMonth(), date.getDate()]).toEqual([2026, 11, 1]);
    expect(adapter.isValid(adapter.parse('115年13月', 'month')!)).toBe(false);
  });

  it('writes dates, the calendar header and the years in ROC in zh-TW, and follows the language switch', () => {
    const date = new Date(2026, 11, 7);
    expect(adapter.format(date, 'date')).toBe('115/12/07');
    expect(adapter.format(date, 'monthYear')).toBe('民國115年12月');
    expect(adapter.getYearName(date)).toBe('115年');
    expect(adapter.getMonthNames('short')[11]).toBe('12月');
    expect(adapter.getDayOfWeekNames('narrow')).toEqual(['日', '一', '二', '三', '四', '五', '六']);
    TestBed.inject(I18nService).setLang('en');
    expect(adapter.format(date, 'date')).toBe('2026-12-07');
    expect(adapter.getYearName(date)).toBe('2026');
  });

  it("marks today as Taipei's today: 16:30 UTC on 7 December is already the 8th", () => {
    jest.useFakeTimers({ now: new Date('2026-12-07T16:30:00Z') });
    try {
      const today = adapter.today();
      expect([today.getFullYear(), today.getMonth(), today.getDate()]).toEqual([2026, 11, 8]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('reads the form value YYYY-MM-DD as that calendar day whatever the zone', () => {
    const date = adapter.deserialize('2026-12-07')!;
    expect([date.getFullYear(), date.getMonth(), date.getDate()]).toEqual([2026, 11, 7]);
  });
});
