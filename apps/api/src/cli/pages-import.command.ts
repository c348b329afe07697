import { InjectDataSource } from '@nestjs/typeorm';
import { Command, CommandRunner, Option } from 'nest-commander';
import { basename } from 'node:path';
import { DataSource } from 'typeorm';
import { systemActor } from '../common/actor';
import { PagesService } from '../website/pages.service';
import { CliOutput, readInputFile, rejectedLinesText } from './cli-output';

@Command({ name: 'pages:import', arguments: '<file>', description: 'Import the website page inventory, format 5 (匯入網頁清單)' })
export class PagesImportCommand extends CommandRunner {
  constructor(
    private readonly pages: PagesService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super();
  }

  async run([file]: string[], options: { json?: boolean }): Promise<void> {
    const out = new CliOutput(!!options.json);
    try {
      await this.dataSource.runMigrations({ transaction: 'each' });
      const buffer = await readInputFile(file);
      const s = await this.pages.import(buffer, basename(file), systemActor('cli'));
      out.result(
        {
          fileName: s.fileName,
          created: s.created,
          updated: s.updated,
          unchanged: s.unchanged,
          rejected: s.rejected,
          rejectedLines: s.rejectedLines,
        },
        [
          `${s.fileName} (${s.encoding}): 新增 created ${s.created}、更新 updated ${s.updated}、未變更 unchanged ${s.unchanged}、拒絕 rejected ${s.rejected}`,
          ...rejectedLinesText(s.rejectedLines),
        ].join('\n'),
      );
    } catch (error) {
      out.failure(error);
    }
  }

  @Option({ flags: '--json', description: 'print one JSON object' })
  parseJson(): boolean {
    return true;
  }
}
