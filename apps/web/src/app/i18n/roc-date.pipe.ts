import { Pipe, PipeTransform, inject } from '@angular/core';
import { formatRoc, parseIsoDate, type PlainDate, type LocalDateTime, taipeiDateOf, toIsoDate } from '@tunedesk/domain/dates';
import { I18nService, type Lang } from './i18n.service';

/**
 * short 115/11/29 · long 民國115年11月29日 · month 民國115年11月 ·
 * short-time 115/11/29 14:05 · short-seconds 115/11/29 14:05:09 (audit trail) · month-day 11/29 (chart axes).
 */
export type DateDisplayStyle = 'short' | 'long' | 'month' | 'short-time' | 'short-seconds' | 'month-day';

export type DateInput = string | Date | null | undefined;

const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;
const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * A `YYYY-MM-DD` string is a calendar date and is shown as is; anything else is
 * an instant and is shown as its Taipei wall-clock date, whatever the browser's zone.
 */
export function toDisplayParts(value: string | Date): LocalDateTime | PlainDate | null {
  if (typeof value === 'string' && PLAIN_DATE.test(value.trim())) {
    try {
      return parseIsoDate(value);
    } catch {
      return null;
    }
  }
  const instant = value instanceof Date ? value : new Date(value);
  return Number.isNaN(instant.getTime()) ? null : taipeiDateOf(instant);
}

export function formatDisplayDate(value: DateInput, style: DateDisplayStyle, lang: Lang): string {
  if (value === null || value === undefined || value === '') return '';
  const parts = toDisplayParts(value);
  // Show unreadable input rather than hide it: a wrong date on screen gets reported.
  if (!parts) return String(value);
  const time = 'hour' in parts ? `${pad2(parts.hour)}:${pad2(parts.minute)}` : '00:00';
  const seconds = 'second' in parts ? pad2(parts.second) : '00';
  if (lang === 'zh-TW') {
    if (style === 'month-day') return `${pad2(parts.month)}/${pad2(parts.day)}`;
    if (style === 'short-seconds') return `${formatRoc(parts, 'short-time')}:${seconds}`;
    return formatRoc(parts, style);
  }
  const iso = toIsoDate(parts);
  switch (style) {
    case 'month':
      return iso.slice(0, 7);
    case 'month-day':
      return iso.slice(5);
    case 'short-time':
      return `${iso} ${time}`;
    case 'short-seconds':
      return `${iso} ${time}:${seconds}`;
    default:
      return iso;
  }
}

/** `{{ run.createdAt | rocDate: 'short-time' }}`: ROC in zh-TW, ISO in English. */
@Pipe({ name: 'rocDate', pure: false })
export class RocDatePipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(value: DateInput, style: DateDisplayStyle = 'short'): string {
    return formatDisplayDate(value, style, this.i18n.lang());
  }
}
