import { InjectDataSource } from '@nestjs/typeorm';
import { Command, CommandRunner, Option } from 'nest-commander';
import { DataSource } from 'typeorm';
import { CliOutput } from './cli-output';

@Command({ name: 'db:migrate', description: 'Apply pending database migrations (套用資料庫結構更新)' })
export class DbMigrateCommand extends CommandRunner {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async run(_params: string[], options: { json?: boolean }): Promise<void> {
    const out = new CliOutput(!!options.json);
    try {
      const applied = await this.dataSource.runMigrations({ transaction: 'each' });
      const names = applied.map((m) => m.name);
      out.result(
        { applied: names, database: this.dataSource.options.type },
        names.length
          ? `已套用 ${names.length} 項 migration (applied):\n  ${names.join('\n  ')}`
          : '資料庫已是最新 (database is up to date)',
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
