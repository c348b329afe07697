import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  CalendarFormatError,
  CalendarOutOfRangeError,
  matchHeaders,
  OfficeCalendar,
  parseOfficeCalendar,
  type FieldSpec,
} from '@tunedesk/domain';
import { parse } from 'csv-parse/sync';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { problemLine, readTable } from '../common/tabular/read-table';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import { OfficeDayEntity } from '../tuning/tuning.entities';

type CalendarField = 'date' | 'weekday' | 'isHoliday' | 'note';
const CALENDAR_FIELDS: readonly FieldSpec<CalendarField>[] = [
  { field: 'date', label: '西元日期', required: true, aliases: ['日期'] },
  { field: 'weekday', label: '星期', required: false },
  { field: 'isHoliday', label: '是否放假', required: true, aliases: ['放假'] },
  { field: 'note', label: '備註', required: false },
];

const RECHECK_MS = 5_000;

/**
 * The office calendar (format 7): imported by the administrator into the
 * database (`calendar:import`, or the calendar page), one year per file; until
 * a year is imported, the calendar shipped in seed-data. A date outside every
 * imported year counts Monday–Friday and says so in the log.
 */
@Injectable()
export class OfficeCalendarProvider {
  private readonly logger = new Logger(OfficeCalendarProvider.name);
  private calendar: OfficeCalendar | null = null;
  private loadedAt = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(OfficeDayEntity) private readonly days: Repository<OfficeDayEntity>,
    private readonly audit: AuditService,
    private readonly tx: Transactions,
  ) {}

  private fromSeedFile(): OfficeCalendar | null {
    const dir = resolve(this.config.seedDataDir);
    const file = ['calendar-2027.csv', 'calendar-2026.csv'].map((f) => join(dir, f)).find(existsSync);
    if (!file) return null;
    const rows = parse(readFileSync(file), {
      bom: true,
      columns: (h: string[]) => h.map((x) => x.trim()),
      skip_empty_lines: true,
    }) as Record<string, string>[];
    return new OfficeCalendar(parseOfficeCalendar(rows.map((r) => ({ date: r['西元日期'], isHoliday: r['是否放假'], note: r['備註'] }))));
  }

  /** The calendar as imported (another process's import is seen within a few seconds). */
  async current(): Promise<OfficeCalendar | null> {
    if (this.calendar && Date.now() - this.loadedAt < RECHECK_MS) return this.calendar;
    const rows = await this.days.find();
    this.calendar = rows.length
      ? new OfficeCalendar(rows.map((r) => ({ date: r.day, isHoliday: r.isHoliday, note: r.note ?? '' })))
      : this.fromSeedFile();
    this.loadedAt = Date.now();
    return this.calendar;
  }

  private weekdays(date: string, n: number): string {
    const d = new Date(`${date}T00:00:00Z`);
    let left = n;
    while (left > 0) {
      d.setUTCDate(d.getUTCDate() + 1);
      if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) left--;
    }
    return d.toISOString().slice(0, 10);
  }

  async addWorkdays(date: string, n: number): Promise<string> {
    try {
      const cal = await this.current();
      if (cal) return cal.addWorkdays(date, n);
    } catch (error) {
      if (!(error instanceof CalendarOutOfRangeError)) throw error;
      this.logger.warn(`Office calendar does not cover ${date}; counting Monday–Friday`);
    }
    return this.weekdays(date, n);
  }

  /** Workdays in (from, to]; Monday–Friday outside the calendar. */
  async workdaysBetween(from: string, to: string): Promise<number> {
    try {
      const cal = await this.current();
      if (cal) return cal.workdaysBetween(from, to);
    } catch (error) {
      if (!(error instanceof CalendarOutOfRangeError)) throw error;
    }
    let count = 0;
    for (let d = from; d < to;) {
      d = this.weekdays(d, 1);
      if (d <= to) count++;
    }
    return count;
  }

  async isWorkday(date: string): Promise<boolean> {
    try {
      const cal = await this.current();
      if (cal) return cal.isWorkday(date);
    } catch (error) {
      if (!(error instanceof CalendarOutOfRangeError)) throw error;
    }
    const day = new Date(`${date}T00:00:00Z`).getUTCDay();
    return day !== 0 && day !== 6;
  }

  /** The days of a year as imported (empty when only the shipped file covers it). */
  async year(year: number): Promise<{ date: string; isHoliday: boolean; note: string }[]> {
    const rows = await this.days
      .createQueryBuilder('d')
      .where('d.day LIKE :y', { y: `${year}-%` })
      .orderBy('d.day', 'ASC')
      .getMany();
    return rows.map((r) => ({ date: r.day, isHoliday: r.isHoliday, note: r.note ?? '' }));
  }

  /**
   * Imports a format-7 file: all or nothing; the years it covers are replaced.
   * Bad rows are refused with their spreadsheet row and column.
   */
  async import(
    actor: Actor,
    buffer: Buffer,
    fileName: string,
  ): Promise<{ fileName: string; years: number[]; days: number; holidays: number }> {
    const table = await readTable(buffer, fileName);
    const match = matchHeaders(table.headers, CALENDAR_FIELDS);
    if (match.missing.length)
      throw new DomainError(
        'CALENDAR_HEADER_MISSING',
        {
          'zh-TW': `「${fileName}」不是辦公日曆表：缺少欄位 ${match.missing.map((m) => m.label).join('、')}（第 1 列）`,
          en: `"${fileName}" is not an office calendar: missing ${match.missing.map((m) => m.label).join(', ')} (row 1)`,
        },
        422,
        match.missing.map((m) => ({ file: fileName, row: 1, column: m.label, reason: 'missing header' })),
      );
    const bad = table.rows.find((r) => r.problem);
    if (bad) {
      const line = problemLine(table.headers, bad);
      throw new DomainError(
        'CALENDAR_ROW_INVALID',
        {
          'zh-TW': `「${fileName}」第 ${line.row} 列「${line.column}」欄有誤：${line.reason}`,
          en: `"${fileName}" row ${line.row}, ${line.column}: ${line.reason}`,
        },
        422,
        [{ file: fileName, ...line }],
      );
    }
    const col = (f: CalendarField, cells: string[]) => (match.columns[f] === undefined ? '' : (cells[match.columns[f]!] ?? ''));
    let parsed;
    try {
      parsed = parseOfficeCalendar(
        table.rows.map((r) => ({ date: col('date', r.cells), isHoliday: col('isHoliday', r.cells), note: col('note', r.cells) })),
      );
    } catch (error) {
      if (!(error instanceof CalendarFormatError)) throw error;
      const label = CALENDAR_FIELDS.find((f) => f.field === error.column)?.label ?? error.column;
      throw new DomainError(
        'CALENDAR_ROW_INVALID',
        {
          'zh-TW': `「${fileName}」第 ${error.row} 列「${label}」欄有誤：${error.message}`,
          en: `"${fileName}" row ${error.row}, ${label}: ${error.message}`,
        },
        422,
        [{ file: fileName, row: error.row, column: label, reason: error.message }],
      );
    }
    if (!parsed.length)
      throw new DomainError('CALENDAR_EMPTY', { 'zh-TW': `「${fileName}」沒有任何日期`, en: `"${fileName}" has no days` }, 422);
    const years = [...new Set(parsed.map((d) => Number(d.date.slice(0, 4))))].sort();
    await this.tx.run(async (m) => {
      for (const y of years)
        await m
          .getRepository(OfficeDayEntity)
          .createQueryBuilder()
          .delete()
          .where('day LIKE :y', { y: `${y}-%` })
          .execute();
      const rows = parsed.map((d) => ({ day: d.date, isHoliday: d.isHoliday, note: d.note || null }));
      for (let i = 0; i < rows.length; i += 200) await m.getRepository(OfficeDayEntity).insert(rows.slice(i, i + 200));
      await this.audit.record(
        {
          action: 'calendar.import',
          actor,
          unitCode: null,
          targetType: 'calendar',
          targetId: years.join(','),
          detail: { fileName, days: rows.length },
        },
        m,
      );
    });
    this.calendar = null;
    return { fileName, years, days: parsed.length, holidays: parsed.filter((d) => d.isHoliday).length };
  }
}
