import { PlainDate, isValidPlainDate, parseIsoDate, toIsoDate } from '../dates/roc-date';

/**
 * The office calendar (政府行政機關辦公日曆表, format 7). Working days come only
 * from the published file: a Saturday may be a make-up workday (補行上班) and a
 * weekday may be a holiday, so no weekday rule is ever used on its own.
 */
export interface OfficeCalendarDay {
  /** ISO date, YYYY-MM-DD */
  date: string;
  isHoliday: boolean;
  note: string;
}

export class CalendarOutOfRangeError extends Error {
  readonly code = 'CALENDAR_OUT_OF_RANGE';
  constructor(readonly date: string) {
    super(`The office calendar has no entry for ${date}; import that year's calendar file.`);
  }
}

export class CalendarFormatError extends Error {
  readonly code = 'CALENDAR_ROW_INVALID';
  constructor(
    readonly row: number,
    readonly column: string,
    message: string,
  ) {
    super(message);
  }
}

function addDays(iso: string, days: number): string {
  const d = parseIsoDate(iso);
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return toIsoDate({ year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() });
}

export class OfficeCalendar {
  private readonly days = new Map<string, OfficeCalendarDay>();

  constructor(days: Iterable<OfficeCalendarDay>) {
    for (const day of days) this.days.set(day.date, day);
  }

  get size(): number {
    return this.days.size;
  }

  has(date: string): boolean {
    return this.days.has(date);
  }

  private entry(date: string): OfficeCalendarDay {
    const day = this.days.get(date);
    if (!day) throw new CalendarOutOfRangeError(date);
    return day;
  }

  isWorkday(date: string): boolean {
    return !this.entry(date).isHoliday;
  }

  note(date: string): string {
    return this.entry(date).note;
  }

  /** The date itself when it is a workday, otherwise the first workday after it. */
  workdayOnOrAfter(date: string): string {
    let d = date;
    while (!this.isWorkday(d)) d = addDays(d, 1);
    return d;
  }

  /** The first workday strictly after the date. */
  nextWorkday(date: string): string {
    return this.workdayOnOrAfter(addDays(date, 1));
  }

  /**
   * The N-th workday after the date (N ≥ 0). N = 0 gives the date itself if it
   * is a workday, else the next one: an application on a holiday counts from
   * the next workday.
   */
  addWorkdays(date: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`workdays must be a whole number ≥ 0, got ${n}`);
    let d = date;
    for (let i = 0; i < n; i++) d = this.nextWorkday(d);
    return n === 0 ? this.workdayOnOrAfter(d) : d;
  }

  /** Workdays in (from, to]: how many workdays late a case is, for example. */
  workdaysBetween(from: string, to: string): number {
    if (to <= from) return 0;
    let count = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (this.isWorkday(d)) count++;
    return count;
  }

  /**
   * A monthly duty "due on the Nth" (the website review is due on the 10th):
   * when that day is not a workday the deadline rolls to the next workday.
   */
  monthlyDeadline(year: number, month: number, dayOfMonth = 10): string {
    const due: PlainDate = { year, month, day: dayOfMonth };
    if (!isValidPlainDate(due)) throw new RangeError(`No such date: ${year}-${month}-${dayOfMonth}`);
    return this.workdayOnOrAfter(toIsoDate(due));
  }
}

/** Record as read from a format-7 file, keyed by field name (after header matching). */
export interface OfficeCalendarRecord {
  date: string;
  isHoliday: string;
  note?: string;
}

/** Validates format-7 rows. `firstRow` is the spreadsheet row of records[0] (header = 1). */
export function parseOfficeCalendar(records: OfficeCalendarRecord[], firstRow = 2): OfficeCalendarDay[] {
  return records.map((r, i) => {
    const row = firstRow + i;
    const m = /^(\d{4})(\d{2})(\d{2})$/.exec(r.date.trim());
    const date = m ? { year: +m[1], month: +m[2], day: +m[3] } : null;
    if (!date || !isValidPlainDate(date)) {
      throw new CalendarFormatError(row, 'date', `row ${row}: 西元日期 "${r.date}" is not a YYYYMMDD date`);
    }
    const flag = r.isHoliday.trim();
    if (flag !== '0' && flag !== '2') {
      throw new CalendarFormatError(row, 'isHoliday', `row ${row}: 是否放假 must be 0 or 2, got "${r.isHoliday}"`);
    }
    return { date: toIsoDate(date), isHoliday: flag === '2', note: (r.note ?? '').trim() };
  });
}
