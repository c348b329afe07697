import { daysInMonth, parseIsoDate, toIsoDate } from '../dates/roc-date';
import { CalendarOutOfRangeError, OfficeCalendar } from './office-calendar';

/**
 * The recurring duties of the 要點 and their due dates on the office calendar.
 * A duty is one entry of DUTY_RULES: its periods in a year and how the due date
 * of a period is found. Nothing here counts weekdays: every day comes from the
 * calendar file, and a day the file does not have is never guessed.
 */
export type DutyRecurrence = 'monthly' | 'quarterly' | 'weekly';

export interface DutyPeriod {
  /** YYYY-MM, YYYY-Qn or YYYY-Www (ISO week) */
  period: string;
  /** ISO date; null when the rule needs a day of a year the calendar does not have. */
  due: string | null;
  /** The year whose calendar is missing for this due date (only with due = null). */
  needsCalendarYear?: number;
}

export interface DutyScheduleOptions {
  /** Day of the month the website review is due (WEBSITE_REVIEW_DUE_DAY, 10). */
  websiteReviewDueDay: number;
  /** Whether that day rolls to the next workday when it is a day off (WEBSITE_REVIEW_ROLL_OVER, true). */
  websiteReviewRollOver: boolean;
}

export const DEFAULT_DUTY_OPTIONS: DutyScheduleOptions = { websiteReviewDueDay: 10, websiteReviewRollOver: true };

export interface DutyRule {
  duty: string;
  recurrence: DutyRecurrence;
  /** The periods of a year, each with the function that finds its due date. */
  periods(year: number, options: DutyScheduleOptions): { period: string; due: (cal: OfficeCalendar) => string }[];
}

/** The year of the office calendar has not been imported: the schedule is refused, never guessed. */
export class CalendarYearMissingError extends Error {
  readonly code = 'CALENDAR_YEAR_MISSING';
  constructor(readonly year: number) {
    super(`The office calendar of ${year} has not been imported; import the ${year} calendar file first.`);
  }
}

export function addDaysIso(iso: string, days: number): string {
  const d = parseIsoDate(iso);
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return toIsoDate({ year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() });
}

/** The last workday on or before `last`, not before `first`; null when the range has none. */
export function lastWorkdayIn(cal: OfficeCalendar, first: string, last: string): string | null {
  for (let d = last; d >= first; d = addDaysIso(d, -1)) if (cal.isWorkday(d)) return d;
  return null;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOfMonth = (year: number, month: number) => toIsoDate({ year, month, day: daysInMonth(year, month) });
const QUARTERS = [1, 2, 3, 4] as const;

/** Monday of ISO week 1 of an ISO year (the week with the year's first Thursday). */
function isoWeekOneMonday(year: number): string {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const offset = (jan4.getUTCDay() + 6) % 7; // Monday = 0
  return addDaysIso(toIsoDate({ year, month: 1, day: 4 }), -offset);
}

/** 52 or 53: the ISO weeks of a year (53 when it starts on a Thursday, or a leap year starting on a Wednesday). */
export function isoWeeksInYear(year: number): number {
  const next = isoWeekOneMonday(year + 1);
  const first = isoWeekOneMonday(year);
  return Math.round((Date.parse(`${next}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / (7 * 86_400_000));
}

/** The website review (附件三): monthly, due on the Nth, rolled to the next workday when that is a day off. */
export const WEBSITE_REVIEW_RULE: DutyRule = {
  duty: 'website-review',
  recurrence: 'monthly',
  periods: (year, options) =>
    Array.from({ length: 12 }, (_, i) => i + 1).map((month) => ({
      period: `${year}-${pad(month)}`,
      due: (cal) => {
        const day = toIsoDate({ year, month, day: Math.min(options.websiteReviewDueDay, daysInMonth(year, month)) });
        return options.websiteReviewRollOver ? cal.workdayOnOrAfter(day) : day;
      },
    })),
};

/** Password rotation (要點 七(一)): every three months, due the last workday of the quarter. */
export const PASSWORD_ROTATION_RULE: DutyRule = {
  duty: 'password-rotation',
  recurrence: 'quarterly',
  periods: (year) =>
    QUARTERS.map((q) => ({
      period: `${year}-Q${q}`,
      due: (cal) => lastWorkdayIn(cal, toIsoDate({ year, month: q * 3 - 2, day: 1 }), lastDayOfMonth(year, q * 3))!,
    })),
};

/** The weekly mailbox and intake check (issue 17): ISO weeks, due the week's last workday (a week with none: the next workday). */
export const MAILBOX_CHECK_RULE: DutyRule = {
  duty: 'mailbox-check',
  recurrence: 'weekly',
  periods: (year) => {
    const monday = isoWeekOneMonday(year);
    return Array.from({ length: isoWeeksInYear(year) }, (_, i) => {
      const start = addDaysIso(monday, i * 7);
      const end = addDaysIso(start, 6);
      return {
        period: `${year}-W${pad(i + 1)}`,
        // Searching back from Sunday touches the next year only for a week that reaches into it.
        due: (cal) => lastWorkdayIn(cal, start, end) ?? cal.nextWorkday(end),
      };
    });
  },
};

/** The quarterly overdue-case review (issue 17): the quarter's last day, rolled to the next workday when a day off. */
export const OVERDUE_CASE_REVIEW_RULE: DutyRule = {
  duty: 'overdue-case-review',
  recurrence: 'quarterly',
  periods: (year) => QUARTERS.map((q) => ({ period: `${year}-Q${q}`, due: (cal) => cal.workdayOnOrAfter(lastDayOfMonth(year, q * 3)) })),
};

/** Every recurring duty, in the order the schedule lists them. A new duty is a new entry. */
export const DUTY_RULES: readonly DutyRule[] = [WEBSITE_REVIEW_RULE, PASSWORD_ROTATION_RULE, MAILBOX_CHECK_RULE, OVERDUE_CASE_REVIEW_RULE];

/** Whether the calendar has every day of the year. */
export function calendarCoversYear(cal: OfficeCalendar, year: number): boolean {
  for (let d = `${year}-01-01`; d.startsWith(`${year}-`); d = addDaysIso(d, 1)) if (!cal.has(d)) return false;
  return true;
}

/**
 * The due dates of every duty in a year. A year the calendar does not cover is
 * a CalendarYearMissingError naming it; a due date that falls in the next
 * (not yet imported) year is given as null with the year it needs.
 */
export function dutySchedule(
  cal: OfficeCalendar,
  year: number,
  options: DutyScheduleOptions = DEFAULT_DUTY_OPTIONS,
  rules: readonly DutyRule[] = DUTY_RULES,
): ({ duty: string } & DutyPeriod)[] {
  if (!calendarCoversYear(cal, year)) throw new CalendarYearMissingError(year);
  return rules.flatMap((rule) =>
    rule.periods(year, options).map(({ period, due }) => {
      try {
        return { duty: rule.duty, period, due: due(cal) };
      } catch (error) {
        if (!(error instanceof CalendarOutOfRangeError)) throw error;
        return { duty: rule.duty, period, due: null, needsCalendarYear: Number(error.date.slice(0, 4)) };
      }
    }),
  );
}
