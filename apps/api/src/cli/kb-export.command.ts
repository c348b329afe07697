import { HttpStatus } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Command, CommandRunner, Option } from 'nest-commander';
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { DataSource } from 'typeorm';
import { systemActor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { isTableFormat } from '../common/tabular/write-table';
import { KnowledgeService } from '../knowledge/knowledge.service';
import { CliOutput } from './cli-output';

@Command({ name: 'kb:export', description: 'Export the current question bank as format 3, CSV (UTF-8 with BOM), XLSX or ODS (匯出題庫)' })
export class KbExportCommand extends CommandRunner {
  constructor(
    private readonly kb: KnowledgeService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super();
  }

  async run(_args: string[], options: { json?: boolean; out?: string }): Promise<void> {
    const out = new CliOutput(!!options.json);
    try {
      const target = options.out;
      const ext = target ? extname(target).toLowerCase() : '';
      const format = ext.slice(1);
      if (!target || !isTableFormat(format))
        throw new DomainError(
          'EXPORT_TARGET',
          { 'zh-TW': '請以 --out 指定 .csv、.xlsx 或 .ods 檔名', en: 'Give --out <file.csv|file.xlsx|file.ods>' },
          HttpStatus.BAD_REQUEST,
        );
      await this.dataSource.runMigrations({ transaction: 'each' });
      const file = await this.kb.export(systemActor('cli'), format);
      await writeFile(target, file.body);
      const items = (await this.kb.list({}, 1, 1)).total;
      out.result(
        { file: target, format, items, bytes: file.body.length },
        `已匯出 ${items} 題到 ${target} / exported ${items} items to ${target}`,
      );
    } catch (error) {
      out.failure(error);
    }
  }

  @Option({ flags: '--out <file>', description: 'file.csv, file.xlsx or file.ods' })
  parseOut(value: string): string {
    return value;
  }

  @Option({ flags: '--json', description: 'print one JSON object' })
  parseJson(): boolean {
    return true;
  }
}
