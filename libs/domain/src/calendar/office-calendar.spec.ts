import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CalendarFormatError, CalendarOutOfRangeError, OfficeCalendar, parseOfficeCalendar } from './office-calendar';

/** The DGPA 2026 file (format 7), read the simple way: it has no quoted cells. */
function load2026(): OfficeCalendar {
  const text = readFileSync(join(__dirname, '../../../../test/fixtures/calendar/calendar-2026.csv'), 'utf8').replace(/^\uFEFF/, '');
  const [, ...lines] = text.split(/\r?\n/).filter(Boolean);
  const records = lines.map((l) => {
    const [date, , isHoliday, note] = l.split(',');
    return { date, isHoliday, note };
  });
  return new OfficeCalendar(parseOfficeCalendar(records));
}

describe('OfficeCalendar on the 2026 DGPA calendar', () => {
  const cal = load2026();

  it('has every day of 2026', () => {
    expect(cal.size).toBe(365);
  });

  it('knows workdays, weekends and weekday holidays from the file', () => {
    expect(cal.isWorkday('2026-11-30')).toBe(true); // Monday
    expect(cal.isWorkday('2026-11-29')).toBe(false); // Sunday
    expect(cal.isWorkday('2026-10-09')).toBe(false); // 國慶日補假, a Friday
    expect(cal.note('2026-10-09')).toContain('補假');
    expect(cal.isWorkday('2026-09-25')).toBe(false); // a weekday day off
  });

  it('rolls the 10th to the next workday when it falls on a weekend', () => {
    // 2026-01-10 is a Saturday → Monday 01-12.
    expect(cal.monthlyDeadline(2026, 1)).toBe('2026-01-12');
    // 2026-10-10 (國慶日) is a Saturday; 10-11 Sunday → Monday 10-12.
    expect(cal.monthlyDeadline(2026, 10)).toBe('2026-10-12');
  });

  it('keeps the 10th when it is a workday', () => {
    expect(cal.monthlyDeadline(2026, 11)).toBe('2026-11-10');
    expect(cal.monthlyDeadline(2026, 12)).toBe('2026-12-10');
  });

  it('rolls across a run of holidays (春節 2/14–2/22)', () => {
    expect(cal.workdayOnOrAfter('2026-02-14')).toBe('2026-02-23');
    expect(cal.nextWorkday('2026-02-13')).toBe('2026-02-23');
  });

  it('adds workdays, counting from the next workday when the start is a holiday', () => {
    expect(cal.addWorkdays('2026-11-27', 1)).toBe('2026-11-30'); // Fri + 1 → Mon
    expect(cal.addWorkdays('2026-10-08', 2)).toBe('2026-10-13'); // skips 10/9 補假, weekend
    expect(cal.addWorkdays('2026-11-28', 0)).toBe('2026-11-30'); // Saturday, 0 → next workday
    expect(cal.addWorkdays('2026-09-24', 3)).toBe('2026-10-01'); // skips 9/25 and 9/28
  });

  it('counts workdays between two dates', () => {
    expect(cal.workdaysBetween('2026-11-27', '2026-11-30')).toBe(1);
    expect(cal.workdaysBetween('2026-11-30', '2026-11-27')).toBe(0);
  });

  it('never guesses outside the file', () => {
    expect(() => cal.isWorkday('2027-01-04')).toThrow(CalendarOutOfRangeError);
    expect(() => cal.addWorkdays('2026-12-31', 1)).toThrow(/2027-01-01/);
  });
});

describe('OfficeCalendar rules that 2026 does not exercise', () => {
  // A week modelled on a year with a make-up workday (補行上班) on a Saturday and a national holiday on the 10th.
  const cal = new OfficeCalendar(
    parseOfficeCalendar([
      { date: '20250208', isHoliday: '0', note: '補行上班' }, // Saturday, make-up workday
      { date: '20250209', isHoliday: '2', note: '' },
      { date: '20250210', isHoliday: '2', note: '國定假日' }, // Monday holiday on the 10th
      { date: '20250211', isHoliday: '0', note: '' },
    ]),
  );

  it('treats a make-up Saturday as a workday', () => {
    expect(cal.isWorkday('2025-02-08')).toBe(true);
    expect(cal.nextWorkday('2025-02-07')).toBe('2025-02-08');
  });

  it('rolls a 10th that is a weekday national holiday', () => {
    expect(cal.monthlyDeadline(2025, 2)).toBe('2025-02-11');
  });

  it('names the row and column of a bad calendar line', () => {
    expect(() => parseOfficeCalendar([{ date: '20250230', isHoliday: '0' }], 2)).toThrow(CalendarFormatError);
    try {
      parseOfficeCalendar([
        { date: '20250101', isHoliday: '0' },
        { date: '20250102', isHoliday: 'x' },
      ]);
      throw new Error('expected a CalendarFormatError');
    } catch (error) {
      expect(error).toBeInstanceOf(CalendarFormatError);
      expect(error).toMatchObject({ row: 3, column: 'isHoliday' });
    }
  });
});
