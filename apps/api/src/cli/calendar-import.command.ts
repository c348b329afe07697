import { InjectDataSource } from '@nestjs/typeorm';
import { Command, CommandRunner, Option } from 'nest-commander';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { DataSource } from 'typeorm';
import { OfficeCalendarProvider } from '../calendar/office-calendar.provider';
import { systemActor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { CliOutput } from './cli-output';

@Command({ name: 'calendar:import', arguments: '<file>', description: 'Import the office calendar, format 7 (匯入辦公日曆表)' })
export class CalendarImportCommand extends CommandRunner {
  constructor(
    private readonly calendar: OfficeCalendarProvider,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super();
  }

  async run([file]: string[], options: { json?: boolean }): Promise<void> {
    const out = new CliOutput(!!options.json);
    try {
      await this.dataSource.runMigrations({ transaction: 'each' });
      const buffer = await readFile(file).catch(() => {
        throw new DomainError('FILE_NOT_FOUND', { 'zh-TW': `找不到檔案：${file}`, en: `File not found: ${file}` });
      });
      const r = await this.calendar.import(systemActor('cli'), buffer, basename(file));
      out.result(r, `辦公日曆表 ${r.fileName}：${r.years.join('、')} 年，共 ${r.days} 天，放假 ${r.holidays} 天 / ${r.days} days imported`);
    } catch (error) {
      out.failure(error);
    }
  }

  @Option({ flags: '--json', description: 'print one JSON object' })
  parseJson(): boolean {
    return true;
  }
}
