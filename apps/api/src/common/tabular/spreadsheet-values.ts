/**
 * Values of spreadsheet cells as a person reads them, shared by the XLSX and
 * XLS readers: date cells (serial numbers with a date format) become the
 * wall-clock date-time they show — the bureau's own time, since a spreadsheet
 * stores no zone — and numbers the text Excel's General format shows.
 */

const DAY_MS = 86_400_000;
/** Day 0 of the 1900 date system (Excel counts 1900-02-29, so serials from 61 on line up with 1899-12-30). */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

export type DateKind = 'date' | 'time' | 'datetime';

/**
 * Built-in number formats that show dates or times (ECMA-376 Part 1, 18.8.30 numFmt;
 * 27–36 and 50–58 are the East Asian built-ins Excel uses for zh-TW, zh-CN, ja and ko).
 */
const BUILTIN: Record<number, DateKind> = {
  14: 'date',
  15: 'date',
  16: 'date',
  17: 'date',
  18: 'time',
  19: 'time',
  20: 'time',
  21: 'time',
  22: 'datetime',
  27: 'date',
  28: 'date',
  29: 'date',
  30: 'date',
  31: 'date',
  32: 'time',
  33: 'time',
  34: 'time',
  35: 'time',
  36: 'date',
  45: 'time',
  46: 'time',
  47: 'time',
  50: 'date',
  51: 'date',
  52: 'date',
  53: 'date',
  54: 'date',
  55: 'time',
  56: 'time',
  57: 'date',
  58: 'date',
};

/** Whether a format code shows a date, a time or both (quoted text, escapes, colours and locales ignored). */
export function dateKindOfFormat(code: string | undefined, builtinId?: number): DateKind | null {
  if (builtinId !== undefined && BUILTIN[builtinId]) return BUILTIN[builtinId];
  if (!code) return null;
  const section = code.split(';')[0];
  const bare = section
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/_./g, '')
    .replace(/\*./g, '')
    .replace(/\[(?:h+|m+|s+)\]/gi, 'h')
    .replace(/\[[^\]]*\]/g, '');
  if (/general/i.test(bare)) return null;
  const hasDate = /[yde]/i.test(bare) || (/m/i.test(bare) && !/[hs]/i.test(bare));
  const hasTime = /[hs]/i.test(bare);
  if (hasDate && hasTime) return 'datetime';
  if (hasDate) return 'date';
  if (hasTime) return 'time';
  return null;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A serial date as `YYYY-MM-DD`, `HH:mm:ss` or `YYYY-MM-DD HH:mm:ss`, rounded to the second. */
export function serialToText(serial: number, kind: DateKind, date1904 = false): string {
  const ms = Math.round(serial * 86_400) * 1000 + (date1904 ? EPOCH_1904 : EPOCH_1900);
  const d = new Date(ms);
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  if (kind === 'time') {
    const seconds = Math.round(serial * 86_400);
    if (seconds >= DAY_MS / 1000 || seconds < 0) return `${date} ${time}`;
    return time;
  }
  if (kind === 'date' && ms % DAY_MS === 0) return date;
  return `${date} ${time}`;
}

/** A number as Excel's General format shows it: at most 15 significant digits, no float noise. */
export function generalNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  return String(Number(value.toPrecision(15)));
}

/** ISO date-time from ODF (`2026-10-31T23:59:59.000`) as the CSV shows it, rounded to the second. */
export function isoToText(iso: string): string {
  const m = /^(-?\d{4,})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(\.\d+)?)?/.exec(iso);
  if (!m) return iso;
  if (m[4] === undefined) return `${m[1]}-${m[2]}-${m[3]}`;
  const ms =
    Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) + Math.round(Number(m[7] ?? 0) * 1000);
  const d = new Date(Math.round(ms / 1000) * 1000);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** An ODF duration (`PT23H59M59S`) as `HH:mm:ss`. */
export function durationToText(duration: string): string {
  const m = /^-?P(?:(\d+)D)?T?(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(duration);
  if (!m) return duration;
  const total = Number(m[1] ?? 0) * 86_400 + Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Math.round(Number(m[4] ?? 0));
  return `${pad(Math.floor(total / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}
