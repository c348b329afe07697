import { Inject, Injectable, Logger } from '@nestjs/common';
import { CalendarOutOfRangeError, OfficeCalendar, parseOfficeCalendar } from '@tunedesk/domain';
import { parse } from 'csv-parse/sync';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/**
 * The office calendar (format 7) shipped in seed-data, until the calendar
 * feature imports yearly files. A date outside the file counts Monday–Friday
 * and says so in the log, rather than failing an import.
 */
@Injectable()
export class OfficeCalendarProvider {
  private readonly logger = new Logger(OfficeCalendarProvider.name);
  private calendar: OfficeCalendar | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private load(): OfficeCalendar | null {
    if (this.calendar) return this.calendar;
    const dir = resolve(this.config.seedDataDir);
    const file = ['calendar-2027.csv', 'calendar-2026.csv'].map((f) => join(dir, f)).find(existsSync);
    if (!file) return null;
    const rows = parse(readFileSync(file), {
      bom: true,
      columns: (h: string[]) => h.map((x) => x.trim()),
      skip_empty_lines: true,
    }) as Record<string, string>[];
    this.calendar = new OfficeCalendar(
      parseOfficeCalendar(rows.map((r) => ({ date: r['西元日期'], isHoliday: r['是否放假'], note: r['備註'] }))),
    );
    return this.calendar;
  }

  addWorkdays(date: string, n: number): string {
    try {
      const cal = this.load();
      if (cal) return cal.addWorkdays(date, n);
    } catch (error) {
      if (!(error instanceof CalendarOutOfRangeError)) throw error;
      this.logger.warn(`Office calendar does not cover ${date}; counting Monday–Friday`);
    }
    const d = new Date(`${date}T00:00:00Z`);
    let left = n;
    while (left > 0) {
      d.setUTCDate(d.getUTCDate() + 1);
      if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) left--;
    }
    return d.toISOString().slice(0, 10);
  }
}
