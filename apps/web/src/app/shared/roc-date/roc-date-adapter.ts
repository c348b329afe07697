import { Injectable, type Provider, effect, inject } from '@angular/core';
import { DateAdapter, MAT_DATE_FORMATS, type MatDateFormats, NativeDateAdapter } from '@angular/material/core';
import { MatDatepickerIntl } from '@angular/material/datepicker';
import { fromRocYear, parseFlexibleDate, taipeiDateOf, toRocYear } from '@tunedesk/domain/dates';
import { I18nService } from '../../i18n/i18n.service';
import type { MessageKey } from '../../i18n/messages';

/**
 * The display formats the adapter understands: a date as the interface writes it (115/12/07, or
 * 2026-12-07 in English), a month (115年12月 / 2026-12), the calendar header, and the long forms a
 * screen reader reads out.
 */
export type RocDateFormat = 'date' | 'month' | 'monthYear' | 'long' | 'monthYearLong';

export const ROC_DATE_FORMATS: MatDateFormats = {
  parse: { dateInput: 'date' },
  display: {
    dateInput: 'date',
    monthYearLabel: 'monthYear',
    dateA11yLabel: 'long',
    monthYearA11yLabel: 'monthYearLong',
  },
};

/** The same adapter reading and writing months: the month input's formats. */
export const ROC_MONTH_FORMATS: MatDateFormats = {
  parse: { dateInput: 'month' },
  display: { ...ROC_DATE_FORMATS.display, dateInput: 'month' },
};

const pad2 = (n: number): string => String(n).padStart(2, '0');
const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export interface PlainMonth {
  year: number;
  month: number;
}

/**
 * A calendar date typed by a person: 115/12/07, 115.12.07, 115-12-07, 民國115年12月7日, 1151207 (seven
 * digits, ROC), 2026-12-07 or 2026/12/07. Null when it is not a date, and for impossible ones (115/02/30).
 */
export function parseRocDateText(input: string): { year: number; month: number; day: number } | null {
  const text = input.normalize('NFKC').trim();
  if (!text) return null;
  const compact = /^(\d{3})(\d{2})(\d{2})$/.exec(text);
  if (compact) return parseFlexibleDate(`${compact[1]}/${compact[2]}/${compact[3]}`);
  return parseFlexibleDate(text);
}

/**
 * A month typed by a person: 115年12月, 民國115年12月, 115/12, 115.12, 11512, 2026-12 or 2026/12; a whole
 * date (115/12/07) names its month. Null when it is not a month.
 */
export function parseRocMonthText(input: string): PlainMonth | null {
  const text = input.normalize('NFKC').trim().replace(/\s+/g, '');
  if (!text) return null;
  let year: number | null = null;
  let month: number | null = null;
  let m =
    /^(?:民國)?(\d{1,3})年(\d{1,2})月$/.exec(text) ?? /^(?:民國)?(\d{1,3})[/.-](\d{1,2})$/.exec(text) ?? /^(\d{3})(\d{2})$/.exec(text);
  if (m) {
    year = fromRocYear(+m[1]);
    month = +m[2];
  } else if ((m = /^(\d{4})[/.-](\d{1,2})$/.exec(text))) {
    year = +m[1];
    month = +m[2];
  } else {
    const date = parseRocDateText(text);
    if (date) return { year: date.year, month: date.month };
  }
  if (year === null || month === null || month < 1 || month > 12 || year < 1912) return null;
  return { year, month };
}

/** 115/12/07 · 民國115年12月7日 · 115年12月 · 民國115年12月 in zh-TW; 2026-12-07 · 7 December 2026 · 2026-12 · December 2026 in English. */
export function formatRocDateText(date: { year: number; month: number; day: number }, format: RocDateFormat, lang: 'zh-TW' | 'en'): string {
  const roc = toRocYear(date.year);
  if (lang === 'zh-TW') {
    switch (format) {
      case 'date':
        return `${roc}/${pad2(date.month)}/${pad2(date.day)}`;
      case 'month':
        return `${roc}年${date.month}月`;
      case 'monthYear':
      case 'monthYearLong':
        return `民國${roc}年${date.month}月`;
      case 'long':
        return `民國${roc}年${date.month}月${date.day}日`;
    }
  }
  switch (format) {
    case 'date':
      return `${date.year}-${pad2(date.month)}-${pad2(date.day)}`;
    case 'month':
      return `${date.year}-${pad2(date.month)}`;
    case 'monthYear':
      return `${EN_MONTHS[date.month - 1].slice(0, 3)} ${date.year}`;
    case 'monthYearLong':
      return `${EN_MONTHS[date.month - 1]} ${date.year}`;
    case 'long':
      return `${date.day} ${EN_MONTHS[date.month - 1]} ${date.year}`;
  }
}

const partsOf = (date: Date) => ({ year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() });

/**
 * Angular Material's dates in the ROC calendar: the input shows and reads ROC dates (115/12/07,
 * 民國115年12月7日), the calendar's header and year list are in ROC years. Dates are local midnight
 * `Date`s, as NativeDateAdapter's are; the inputs hand the form plain `YYYY-MM-DD` / `YYYY-MM` strings.
 */
@Injectable()
export class RocDateAdapter extends NativeDateAdapter {
  private readonly i18n = inject(I18nService);

  private get lang(): 'zh-TW' | 'en' {
    return this.i18n.lang();
  }

  override parse(value: unknown, parseFormat?: unknown): Date | null {
    if (value instanceof Date) return value;
    if (typeof value === 'number') return new Date(value);
    if (typeof value !== 'string' || !value.trim()) return null;
    if (parseFormat === 'month') {
      const month = parseRocMonthText(value);
      return month ? this.createDate(month.year, month.month - 1, 1) : this.invalid();
    }
    const date = parseRocDateText(value);
    return date ? this.createDate(date.year, date.month - 1, date.day) : this.invalid();
  }

  override format(date: Date, displayFormat: unknown): string {
    if (!this.isValid(date)) return '';
    const format: RocDateFormat =
      displayFormat === 'month' || displayFormat === 'monthYear' || displayFormat === 'long' || displayFormat === 'monthYearLong'
        ? displayFormat
        : 'date';
    return formatRocDateText(partsOf(date), format, this.lang);
  }

  /** The year list and the year view's header: 115年 in zh-TW (the header above says 民國). */
  override getYearName(date: Date): string {
    return this.lang === 'zh-TW' ? `${toRocYear(date.getFullYear())}年` : String(date.getFullYear());
  }

  override getMonthNames(style: 'long' | 'short' | 'narrow'): string[] {
    if (this.lang === 'zh-TW') return Array.from({ length: 12 }, (_, i) => `${i + 1}月`);
    return EN_MONTHS.map((name) => (style === 'long' ? name : name.slice(0, 3)));
  }

  override getDayOfWeekNames(style: 'long' | 'short' | 'narrow'): string[] {
    if (this.lang === 'zh-TW')
      return style === 'long'
        ? ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六']
        : ['日', '一', '二', '三', '四', '五', '六'];
    const names = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
    return names.map((name) => (style === 'long' ? name : style === 'short' ? name.slice(0, 3) : name.slice(0, 1)));
  }

  override getDateNames(): string[] {
    return Array.from({ length: 31 }, (_, i) => String(i + 1));
  }

  /** Today in Taipei, as the header's date says, whatever zone the browser is set to. */
  override today(): Date {
    const now = taipeiDateOf(new Date());
    return this.createDate(now.year, now.month - 1, now.day);
  }

  override getFirstDayOfWeek(): number {
    return 0;
  }

  /** `YYYY-MM-DD` from the form is a calendar date, not an instant: read it as local midnight. */
  override deserialize(value: unknown): Date | null {
    if (typeof value === 'string') {
      if (!value) return null;
      const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      if (iso) return this.createDate(+iso[1], +iso[2] - 1, +iso[3]);
      const month = /^(\d{4})-(\d{2})$/.exec(value);
      if (month) return this.createDate(+month[1], +month[2] - 1, 1);
    }
    return super.deserialize(value);
  }
}

/** `YYYY-MM-DD` of a local-midnight Date. */
export function toIsoDateString(date: Date): string {
  return `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
}

/** `YYYY-MM` of a Date. */
export function toIsoMonthString(date: Date): string {
  return `${date.getFullYear()}-${pad2(date.getMonth() + 1)}`;
}

/** The datepicker's button names and tooltips in the interface language, following the switch. */
@Injectable()
export class RocDatepickerIntl extends MatDatepickerIntl {
  private readonly i18n = inject(I18nService);

  constructor() {
    super();
    effect(() => {
      const t = (key: MessageKey) => this.i18n.t(key);
      this.calendarLabel = t('vocab.date.calendar');
      this.openCalendarLabel = t('vocab.date.open');
      this.closeCalendarLabel = t('vocab.date.close');
      this.prevMonthLabel = t('vocab.date.prevMonth');
      this.nextMonthLabel = t('vocab.date.nextMonth');
      this.prevYearLabel = t('vocab.date.prevYear');
      this.nextYearLabel = t('vocab.date.nextYear');
      this.prevMultiYearLabel = t('vocab.date.prevYears');
      this.nextMultiYearLabel = t('vocab.date.nextYears');
      this.switchToMonthViewLabel = t('vocab.date.toMonth');
      this.switchToMultiYearViewLabel = t('vocab.date.toYears');
      this.changes.next();
    });
  }
}

/** What a component that holds a ROC date or month input provides. */
export function provideRocDates(formats: MatDateFormats = ROC_DATE_FORMATS): Provider[] {
  return [
    { provide: DateAdapter, useClass: RocDateAdapter },
    { provide: MAT_DATE_FORMATS, useValue: formats },
    { provide: MatDatepickerIntl, useClass: RocDatepickerIntl },
  ];
}
