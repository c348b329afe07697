import { InjectDataSource } from '@nestjs/typeorm';
import { Command, CommandRunner, Option } from 'nest-commander';
import { basename } from 'node:path';
import { DataSource } from 'typeorm';
import { systemActor } from '../common/actor';
import { KnowledgeService } from '../knowledge/knowledge.service';
import { CliOutput, readInputFile, rejectedLinesText } from './cli-output';

@Command({ name: 'kb:import', arguments: '<file>', description: "Import the vendor's question bank, format 3 (匯入題庫)" })
export class KbImportCommand extends CommandRunner {
  constructor(
    private readonly kb: KnowledgeService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super();
  }

  async run([file]: string[], options: { json?: boolean }): Promise<void> {
    const out = new CliOutput(!!options.json);
    try {
      await this.dataSource.runMigrations({ transaction: 'each' });
      const buffer = await readInputFile(file);
      const r = await this.kb.import(systemActor('cli'), buffer, basename(file));
      out.result(
        r,
        [
          `${r.fileName} (${r.encoding}): 新增 created ${r.created}、更新 updated ${r.updated}、未變更 unchanged ${r.unchanged}、拒絕 rejected ${r.rejected}`,
          ...rejectedLinesText(r.rejectedLines),
          ...(r.missing.length
            ? [`檔案未包含 ${r.missing.length} 題（未刪除，請管理者決定）/ not in the file (kept): ${r.missing.join(', ')}`]
            : []),
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
