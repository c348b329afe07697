import { HttpStatus } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Command, CommandRunner, Option } from 'nest-commander';
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { DataSource } from 'typeorm';
import { systemActor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import type { TableFormat } from '../common/tabular/write-table';
import { CycleService } from '../reports/cycle.service';
import { CliOutput } from './cli-output';

@Command({ name: 'misses:export', description: "Export a month's miss clusters, format 9 (匯出未能回答問題分群)" })
export class MissesExportCommand extends CommandRunner {
  constructor(
    private readonly cycles: CycleService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super();
  }

  async run(_args: string[], options: { month?: string; out?: string; json?: boolean }): Promise<void> {
    const out = new CliOutput(!!options.json);
    try {
      if (!options.month || !/^\d{4}-\d{2}$/.test(options.month))
        throw new DomainError(
          'VALIDATION_FAILED',
          { 'zh-TW': '請以 --month YYYY-MM 指定月份', en: 'Give --month YYYY-MM' },
          HttpStatus.BAD_REQUEST,
        );
      await this.dataSource.runMigrations({ transaction: 'each' });
      const cycle = await this.cycles.findByMonth(options.month);
      if (!cycle)
        throw new DomainError(
          'CYCLE_NOT_FOUND',
          { 'zh-TW': `${options.month} 沒有調校週期（尚未匯入報表）`, en: `No cycle for ${options.month} (no report imported)` },
          HttpStatus.NOT_FOUND,
        );
      const ext = options.out ? extname(options.out).toLowerCase().slice(1) : '';
      const format: TableFormat = ext === 'xlsx' || ext === 'ods' ? ext : 'csv';
      const file = await this.cycles.exportClusters(systemActor('cli'), cycle.id, format);
      if (options.out) {
        await writeFile(options.out, file.body);
        out.result(
          { file: options.out, month: options.month, bytes: file.body.length },
          `已匯出到 ${options.out} / written to ${options.out}`,
        );
      } else {
        process.stdout.write(file.body.toString('utf8').replace(/^\uFEFF/, ''));
      }
    } catch (error) {
      out.failure(error);
    }
  }

  @Option({ flags: '--month <YYYY-MM>', description: 'the month' })
  parseMonth(value: string): string {
    return value;
  }

  @Option({ flags: '--out <file>', description: 'file.csv, file.xlsx or file.ods (default: CSV on stdout)' })
  parseOut(value: string): string {
    return value;
  }

  @Option({ flags: '--json', description: 'print one JSON object (with --out)' })
  parseJson(): boolean {
    return true;
  }
}
