import fc from 'fast-check';
import { formatRoc, formatRocInstant, parseFlexibleDate, parseFlexibleDateTime, toInstant, toIsoDate } from './roc-date';

describe('ROC dates', () => {
  it('formats the forms the interface shows', () => {
    const d = { year: 2026, month: 11, day: 29 };
    expect(formatRoc(d)).toBe('115/11/29');
    expect(formatRoc(d, 'long')).toBe('民國115年11月29日');
    expect(formatRoc(d, 'month')).toBe('民國115年11月');
    expect(formatRoc({ ...d, month: 3, day: 5 })).toBe('115/03/05');
    expect(formatRoc({ ...d, hour: 9, minute: 5, second: 0 }, 'short-time')).toBe('115/11/29 09:05');
  });

  it('shows an instant as its Taipei date (UTC+8), not its UTC date', () => {
    expect(formatRocInstant(new Date('2026-11-28T16:30:00Z'))).toBe('115/11/29');
    expect(formatRocInstant(new Date('2026-11-28T15:59:59Z'))).toBe('115/11/28');
  });

  it.each([
    ['115/11/29', { year: 2026, month: 11, day: 29 }, 'roc'],
    ['115.11.29', { year: 2026, month: 11, day: 29 }, 'roc'],
    ['民國115年11月29日', { year: 2026, month: 11, day: 29 }, 'roc'],
    ['民國115年11月3日', { year: 2026, month: 11, day: 3 }, 'roc'],
    ['99/1/2', { year: 2010, month: 1, day: 2 }, 'roc'],
    ['2026-11-03', { year: 2026, month: 11, day: 3 }, 'iso'],
    ['2026/11/3', { year: 2026, month: 11, day: 3 }, 'gregorian-slash'],
    ['２０２６／１１／３', { year: 2026, month: 11, day: 3 }, 'gregorian-slash'],
  ])('reads the date %s', (text, expected, form) => {
    const parsed = parseFlexibleDateTime(text);
    expect(parsed).toMatchObject({ ...expected, form });
  });

  it.each([
    ['2026/11/3 下午 02:22:05', 14, 22, 5],
    ['2026/11/3 上午 02:22:05', 2, 22, 5],
    ['2026/10/1 上午 12:12:41', 0, 12, 41], // just after midnight
    ['2026/10/1 下午 12:12:41', 12, 12, 41], // noon
    ['2026-11-03 14:22:05', 14, 22, 5],
    ['115/11/03 14:22:05', 14, 22, 5],
    ['2026/11/03 14:22', 14, 22, 0],
  ])('reads the time of %s', (text, hour, minute, second) => {
    expect(parseFlexibleDateTime(text)).toMatchObject({ hour, minute, second });
  });

  it('turns Taipei wall-clock time into the UTC instant, and honours an explicit offset', () => {
    const taipei = parseFlexibleDateTime('2026/11/3 下午 02:22:05');
    expect(taipei && toInstant(taipei).toISOString()).toBe('2026-11-03T06:22:05.000Z');
    const utc = parseFlexibleDateTime('2026-11-03T14:22:05Z');
    expect(utc && toInstant(utc).toISOString()).toBe('2026-11-03T14:22:05.000Z');
    const offset = parseFlexibleDateTime('2026-11-03T14:22:05+09:00');
    expect(offset && toInstant(offset).toISOString()).toBe('2026-11-03T05:22:05.000Z');
  });

  it.each(['', 'tomorrow', '115/13/01', '2026-02-30', '115/02/29', '2026/11/3 下午 13:00:00', '2026-11-03 24:00:00', '1234'])(
    'refuses %p',
    (text) => {
      expect(parseFlexibleDateTime(text)).toBeNull();
    },
  );

  it('round-trips every valid date through the ROC short and long forms', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1912-01-01T00:00:00Z'), max: new Date('2410-12-31T00:00:00Z'), noInvalidDate: true }),
        (date) => {
          const d = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
          expect(parseFlexibleDate(formatRoc(d))).toEqual(d);
          expect(parseFlexibleDate(formatRoc(d, 'long'))).toEqual(d);
          expect(parseFlexibleDate(toIsoDate(d))).toEqual(d);
        },
      ),
    );
  });
});
