import { readFileSync } from 'node:fs';
import { OfficeCalendar, parseOfficeCalendar } from '../libs/domain/src';
import { header, measure, table } from './measure';

// Deadline arithmetic as a quarterly overdue-case review does it: one addWorkdays per case.
const text = readFileSync('test/fixtures/calendar/calendar-2026.csv', 'utf8').replace(/^\uFEFF/, '');
const records = text
  .split(/\r?\n/)
  .slice(1)
  .filter(Boolean)
  .map((l) => {
    const [date, , isHoliday, note] = l.split(',');
    return { date, isHoliday, note };
  });
const cal = new OfficeCalendar(parseOfficeCalendar(records));
const holidays = new Set(records.filter((r) => r.isHoliday === '2').map((r) => r.date));

/** Baseline: the same rule on a Set of YYYYMMDD strings with Date objects, as a hand-written loop would. */
function naiveAddWorkdays(start: string, n: number): string {
  const d = new Date(`${start}T00:00:00Z`);
  let left = n;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (!holidays.has(d.toISOString().slice(0, 10).replace(/-/g, ''))) left--;
  }
  return d.toISOString().slice(0, 10);
}

const CASES = 10_000;
const starts = Array.from({ length: CASES }, (_, i) => {
  const d = new Date(Date.UTC(2026, 0, 1 + (i % 300)));
  return d.toISOString().slice(0, 10);
});

async function main() {
  header(`Office calendar: addWorkdays(start, 7) for ${CASES.toLocaleString('en')} cases`);
  const rows = [
    await measure('OfficeCalendar.addWorkdays', () => starts.forEach((s) => cal.addWorkdays(s, 7))),
    await measure('baseline: Date loop + Set', () => starts.forEach((s) => naiveAddWorkdays(s, 7))),
  ];
  table(rows, { count: CASES, name: 'cases' });
  // Same answers, or the comparison means nothing.
  for (const s of starts.slice(0, 500)) if (cal.addWorkdays(s, 7) !== naiveAddWorkdays(s, 7)) throw new Error(`mismatch at ${s}`);
}

void main();
