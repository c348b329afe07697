import { InjectDataSource } from '@nestjs/typeorm';
import { Command, CommandRunner, Option } from 'nest-commander';
import { basename } from 'node:path';
import { DataSource } from 'typeorm';
import { OrgService } from '../org/org.service';
import { CliOutput, readInputFile, rejectedLinesText } from './cli-output';

@Command({ name: 'org:import', arguments: '<file>', description: 'Import sections and branches, format 8 (匯入組織單位)' })
export class OrgImportCommand extends CommandRunner {
  constructor(
    private readonly org: OrgService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super();
  }

  async run([file]: string[], options: { json?: boolean }): Promise<void> {
    const out = new CliOutput(!!options.json);
    try {
      await this.dataSource.runMigrations({ transaction: 'each' });
      const buffer = await readInputFile(file);
      const s = await this.org.importUnits(buffer, basename(file));
      const lines = rejectedLinesText(s.rejectedLines);
      out.result(
        s,
        [
          `${s.fileName} (${s.encoding}): 新增 created ${s.created}、更新 updated ${s.updated}、未變更 unchanged ${s.unchanged}、拒絕 rejected ${s.rejected}`,
          ...lines,
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
