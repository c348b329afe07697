import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CalendarYearMissingError, dutySchedule, isoWeeksInYear } from './duty-schedule';
import { OfficeCalendar, parseOfficeCalendar } from './office-calendar';

/** The calendar the app ships (apps/api/seed-data, format 7), read the simple way: it has no quoted cells. */
function shipped2026(): OfficeCalendar {
  const text = readFileSync(join(__dirname, '../../../../apps/api/seed-data/calendar-2026.csv'), 'utf8').replace(/^\uFEFF/, '');
  const [, ...lines] = text.split(/\r?\n/).filter(Boolean);
  return new OfficeCalendar(
    parseOfficeCalendar(
      lines.map((l) => {
        const [date, , isHoliday, note] = l.split(',');
        return { date, isHoliday, note };
      }),
    ),
  );
}

describe('duty schedule on the 2026 office calendar', () => {
  const cal = shipped2026();
  const all = dutySchedule(cal, 2026);
  const of = (duty: string) => all.filter((d) => d.duty === duty);
  const due = (duty: string, period: string) => all.find((d) => d.duty === duty && d.period === period)?.due;

  it('lists the website review monthly, due the 10th rolled to the next workday', () => {
    expect(of('website-review').map((d) => d.period)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`),
    );
    expect(due('website-review', '2026-01')).toBe('2026-01-12'); // Saturday 01-10 → Monday
    expect(due('website-review', '2026-05')).toBe('2026-05-11'); // Sunday 05-10 → Monday
    expect(due('website-review', '2026-02')).toBe('2026-02-10'); // a workday stays
    expect(due('website-review', '2026-12')).toBe('2026-12-10');
  });

  it('rolls a 10th that is a national holiday (國慶日 2026-10-10) past the holiday', () => {
    expect(cal.note('2026-10-10')).toBe('國慶日');
    expect(due('website-review', '2026-10')).toBe('2026-10-12');
  });

  it('keeps the 10th itself when the roll-over is off, and takes another due day', () => {
    const off = dutySchedule(cal, 2026, { websiteReviewDueDay: 10, websiteReviewRollOver: false });
    expect(off.find((d) => d.duty === 'website-review' && d.period === '2026-01')?.due).toBe('2026-01-10');
    expect(off.find((d) => d.duty === 'website-review' && d.period === '2026-10')?.due).toBe('2026-10-10');
    const fifth = dutySchedule(cal, 2026, { websiteReviewDueDay: 15, websiteReviewRollOver: true });
    // 02-15 is 小年夜 (Sunday) and 02-16..22 the new-year holidays → 02-23.
    expect(fifth.find((d) => d.duty === 'website-review' && d.period === '2026-02')?.due).toBe('2026-02-23');
  });

  it('lists password rotation every quarter, due the last workday of the quarter', () => {
    expect(of('password-rotation')).toEqual([
      { duty: 'password-rotation', period: '2026-Q1', due: '2026-03-31' },
      { duty: 'password-rotation', period: '2026-Q2', due: '2026-06-30' },
      { duty: 'password-rotation', period: '2026-Q3', due: '2026-09-30' },
      { duty: 'password-rotation', period: '2026-Q4', due: '2026-12-31' },
    ]);
  });

  it('lists the overdue-case review every quarter, on the quarter-end day rolled forward', () => {
    expect(of('overdue-case-review').map((d) => [d.period, d.due])).toEqual([
      ['2026-Q1', '2026-03-31'],
      ['2026-Q2', '2026-06-30'],
      ['2026-Q3', '2026-09-30'],
      ['2026-Q4', '2026-12-31'],
    ]);
  });

  it('lists the mailbox check per ISO week, due the week’s last workday; 2026 has a W53', () => {
    expect(isoWeeksInYear(2026)).toBe(53); // 2026 starts on a Thursday
    expect(isoWeeksInYear(2025)).toBe(52);
    const weeks = of('mailbox-check');
    expect(weeks).toHaveLength(53);
    expect(due('mailbox-check', '2026-W01')).toBe('2026-01-02'); // Mon 2025-12-29 … Sun 01-04; 元旦 is Thursday
    expect(due('mailbox-check', '2026-W02')).toBe('2026-01-09');
    // W08 (02-16 … 02-22) is all new-year holidays: due the next workday.
    expect(due('mailbox-check', '2026-W08')).toBe('2026-02-23');
    // W39 (09-21 … 09-27): Friday 09-25 is 中秋節 → Thursday.
    expect(due('mailbox-check', '2026-W39')).toBe('2026-09-24');
    // W53 runs Mon 2026-12-28 … Sun 2027-01-03: its last workday needs the 2027 calendar, not a guess.
    expect(weeks[52]).toEqual({ duty: 'mailbox-check', period: '2026-W53', due: null, needsCalendarYear: 2027 });
  });

  it('refuses a year the calendar does not have, naming it', () => {
    expect(() => dutySchedule(cal, 2027)).toThrow(CalendarYearMissingError);
    expect(() => dutySchedule(cal, 2027)).toThrow(/2027/);
    // A part of a year is not the year.
    const partial = new OfficeCalendar(parseOfficeCalendar([{ date: '20270101', isHoliday: '2', note: '元旦' }]));
    expect(() => dutySchedule(partial, 2027)).toThrow(expect.objectContaining({ year: 2027, code: 'CALENDAR_YEAR_MISSING' }));
  });
});
