/**
 * ROC (民國) calendar dates and the date-time forms found in the bureau's files.
 *
 * Wall-clock values are Asia/Taipei local time unless the text carries an offset.
 * Taiwan has had no daylight-saving time since 1979, so Taipei is always UTC+8.
 */

export const ROC_YEAR_OFFSET = 1911;
const TAIPEI_OFFSET_MINUTES = 8 * 60;

/** A calendar date with no time zone, e.g. a due date or a calendar row. */
export interface PlainDate {
  year: number;
  month: number; // 1–12
  day: number; // 1–31
}

export interface LocalDateTime extends PlainDate {
  hour: number;
  minute: number;
  second: number;
}

export interface ParsedDateTime extends LocalDateTime {
  /** Minutes east of UTC given in the text; undefined means Asia/Taipei. */
  offsetMinutes?: number;
  /** Which form the text was in, so importers can report what they read. */
  form: 'iso' | 'gregorian-slash' | 'roc';
}

export function toRocYear(gregorianYear: number): number {
  return gregorianYear - ROC_YEAR_OFFSET;
}

export function fromRocYear(rocYear: number): number {
  return rocYear + ROC_YEAR_OFFSET;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

export function isValidPlainDate(d: PlainDate): boolean {
  if (!Number.isInteger(d.year) || !Number.isInteger(d.month) || !Number.isInteger(d.day)) return false;
  if (d.month < 1 || d.month > 12 || d.day < 1) return false;
  return d.day <= daysInMonth(d.year, d.month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `2026-11-29` */
export function toIsoDate(d: PlainDate): string {
  return `${String(d.year).padStart(4, '0')}-${pad2(d.month)}-${pad2(d.day)}`;
}

export function parseIsoDate(text: string): PlainDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) throw new RangeError(`Not an ISO date (YYYY-MM-DD): "${text}"`);
  const d = { year: +m[1], month: +m[2], day: +m[3] };
  if (!isValidPlainDate(d)) throw new RangeError(`No such date: "${text}"`);
  return d;
}

export type RocDateStyle =
  /** 115/11/29 */
  | 'short'
  /** 民國115年11月29日 */
  | 'long'
  /** 民國115年11月 */
  | 'month'
  /** 115/11/29 14:05 */
  | 'short-time';

/** Calendar date of an instant as seen in Taipei. */
export function taipeiDateOf(instant: Date): LocalDateTime {
  const shifted = new Date(instant.getTime() + TAIPEI_OFFSET_MINUTES * 60_000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

export function formatRoc(value: PlainDate | LocalDateTime, style: RocDateStyle = 'short'): string {
  const y = toRocYear(value.year);
  switch (style) {
    case 'short':
      return `${y}/${pad2(value.month)}/${pad2(value.day)}`;
    case 'long':
      return `民國${y}年${value.month}月${value.day}日`;
    case 'month':
      return `民國${y}年${value.month}月`;
    case 'short-time': {
      const t = value as Partial<LocalDateTime>;
      return `${y}/${pad2(value.month)}/${pad2(value.day)} ${pad2(t.hour ?? 0)}:${pad2(t.minute ?? 0)}`;
    }
  }
}

/** Formats an instant (stored in UTC) as the Taipei ROC date. */
export function formatRocInstant(instant: Date, style: RocDateStyle = 'short'): string {
  return formatRoc(taipeiDateOf(instant), style);
}

const ISO_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
// 2026/11/3, 2026/11/3 下午 02:22:05, 2026/11/03 14:22
const GREGORIAN_SLASH_RE =
  /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:\s+(上午|下午|AM|PM)?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(上午|下午|AM|PM)?)?$/i;
// 115/11/03 14:22:05, 115.11.03, 115-11-03 (ROC years have 1–3 digits; Gregorian ones 4)
const ROC_NUMERIC_RE = /^(?:民國)?\s*(\d{1,3})[/.-](\d{1,2})[/.-](\d{1,2})(?:\s+(上午|下午)?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
// 民國115年11月3日, 115年11月3日 14:22
const ROC_WORDS_RE =
  /^(?:民國)?\s*(\d{1,3})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:\s*(上午|下午)?\s*(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?$/;

function to24h(hour: number, marker: string | undefined): number {
  if (!marker) return hour;
  const pm = marker === '下午' || marker.toUpperCase() === 'PM';
  if (hour < 1 || hour > 12) return Number.NaN;
  // 上午 12:xx is just after midnight; 下午 12:xx is noon.
  if (pm) return hour === 12 ? 12 : hour + 12;
  return hour === 12 ? 0 : hour;
}

function parseOffset(text: string | undefined): number | undefined {
  if (!text) return undefined;
  if (text.toUpperCase() === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(text);
  if (!m) return undefined;
  const minutes = +m[2] * 60 + +m[3];
  return m[1] === '-' ? -minutes : minutes;
}

function build(
  form: ParsedDateTime['form'],
  year: number,
  month: string,
  day: string,
  marker: string | undefined,
  hour: string | undefined,
  minute: string | undefined,
  second: string | undefined,
  offset?: number,
): ParsedDateTime | null {
  const result: ParsedDateTime = {
    form,
    year,
    month: +month,
    day: +day,
    hour: hour === undefined ? 0 : to24h(+hour, marker),
    minute: minute === undefined ? 0 : +minute,
    second: second === undefined ? 0 : +second,
    offsetMinutes: offset,
  };
  if (!isValidPlainDate(result)) return null;
  if (!(result.hour >= 0 && result.hour <= 23 && result.minute <= 59 && result.second <= 59)) return null;
  return result;
}

/**
 * Reads a date or date-time in any form the bureau's files use. Returns null
 * when the text is not a date, so callers can report the row and column.
 */
export function parseFlexibleDateTime(input: string): ParsedDateTime | null {
  // NFKC turns full-width digits and punctuation (２０２６／１１／３) into ASCII.
  const text = input.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (!text) return null;
  let m = ISO_RE.exec(text);
  if (m) return build('iso', +m[1], m[2], m[3], undefined, m[4], m[5], m[6], parseOffset(m[7]));
  m = GREGORIAN_SLASH_RE.exec(text);
  if (m) return build('gregorian-slash', +m[1], m[2], m[3], m[4] ?? m[8], m[5], m[6], m[7]);
  m = ROC_NUMERIC_RE.exec(text) ?? ROC_WORDS_RE.exec(text);
  if (m) return build('roc', fromRocYear(+m[1]), m[2], m[3], m[4], m[5], m[6], m[7]);
  return null;
}

/** The UTC instant of a wall-clock time read from a file (Taipei unless an offset was given). */
export function toInstant(value: LocalDateTime & { offsetMinutes?: number }): Date {
  const offset = value.offsetMinutes ?? TAIPEI_OFFSET_MINUTES;
  const utc = Date.UTC(value.year, value.month - 1, value.day, value.hour, value.minute, value.second);
  return new Date(utc - offset * 60_000);
}

/** Reads a plain date (time ignored) in any supported form, or null. */
export function parseFlexibleDate(input: string): PlainDate | null {
  const parsed = parseFlexibleDateTime(input);
  return parsed ? { year: parsed.year, month: parsed.month, day: parsed.day } : null;
}
