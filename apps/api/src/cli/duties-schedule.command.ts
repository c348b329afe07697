import { InjectDataSource } from '@nestjs/typeorm';
import { DutyName, type DutyScheduleDto } from '@tunedesk/contracts';
import { formatRoc, parseIsoDate } from '@tunedesk/domain';
import { Command, CommandRunner, Option } from 'nest-commander';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { DutiesService } from '../duties/duties.service';
import { CliOutput } from './cli-output';

const DUTY_LABELS: Record<DutyName, string> = {
  [DutyName.WebsiteReview]: '網站資料檢視 website review',
  [DutyName.PasswordRotation]: '密碼更換 password rotation',
  [DutyName.MailboxCheck]: '信箱檢查 mailbox check',
  [DutyName.OverdueCaseReview]: '逾期案件檢討 overdue-case review',
};

/** The readable table: one line per period, ROC dates. */
export function scheduleTable(s: DutyScheduleDto): string {
  const lines = [`民國 ${s.year - 1911} 年（${s.year}）工作行事曆 / duties schedule`];
  for (const duty of Object.values(DutyName)) {
    const rows = s.duties.filter((d) => d.duty === duty);
    if (!rows.length) continue;
    lines.push('', DUTY_LABELS[duty]);
    for (const d of rows)
      lines.push(
        `  ${d.period.padEnd(9)} ${d.due ? `${formatRoc(parseIsoDate(d.due))}  ${d.due}` : `待匯入 ${d.needsCalendarYear} 年辦公日曆 / needs the ${d.needsCalendarYear} calendar`}`,
      );
  }
  return lines.join('\n');
}

@Command({ name: 'duties:schedule', description: 'List the recurring duties and their due dates for a year (工作行事曆)' })
export class DutiesScheduleCommand extends CommandRunner {
  constructor(
    private readonly duties: DutiesService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super();
  }

  async run(_args: string[], options: { json?: boolean; year?: number }): Promise<void> {
    const out = new CliOutput(!!options.json);
    try {
      if (options.year === undefined || !Number.isInteger(options.year) || options.year < 2000 || options.year > 2100)
        throw new DomainError('CLI_YEAR_INVALID', {
          'zh-TW': '請以 --year 指定西元年，例如 --year 2026',
          en: 'Give the year: --year 2026',
        });
      await this.dataSource.runMigrations({ transaction: 'each' });
      const schedule = await this.duties.schedule(options.year);
      out.result(schedule, scheduleTable(schedule));
    } catch (error) {
      out.failure(error);
    }
  }

  @Option({ flags: '--year <year>', description: 'the year, e.g. 2026' })
  parseYear(value: string): number {
    return /^\d{4}$/.test(value) ? Number(value) : NaN;
  }

  @Option({ flags: '--json', description: 'print one JSON object' })
  parseJson(): boolean {
    return true;
  }
}
