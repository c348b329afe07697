import { InjectDataSource } from '@nestjs/typeorm';
import { Command, CommandRunner, Option } from 'nest-commander';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CliOutput } from './cli-output';

@Command({ name: 'audit:verify', description: 'Check the audit trail hash chain; exit 1 at the first broken link (驗證稽核軌跡)' })
export class AuditVerifyCommand extends CommandRunner {
  constructor(
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super();
  }

  async run(_args: string[], options: { json?: boolean }): Promise<void> {
    const out = new CliOutput(!!options.json);
    try {
      await this.dataSource.runMigrations({ transaction: 'each' });
      const v = await this.audit.verify();
      const start = v.startsAfterId
        ? `（自第 ${v.startsAfterId + 1} 筆起；之前已依保存期限清除 / from row ${v.startsAfterId + 1}; earlier rows purged）`
        : '';
      out.result(
        v,
        v.ok
          ? `稽核軌跡完整：已檢查 ${v.checked} 筆${start}\nAudit trail intact: ${v.checked} rows checked`
          : `稽核軌跡第 ${v.brokenAt} 筆起鏈結中斷（${v.reason === 'content-changed' ? '內容被修改' : '鏈結斷裂，前一筆被刪除或插入'}）\nAudit trail broken at row ${v.brokenAt} (${v.reason}); ${v.checked} rows before it are intact`,
      );
      if (!v.ok) process.exitCode = 1;
    } catch (error) {
      out.failure(error);
    }
  }

  @Option({ flags: '--json', description: 'print one JSON object' })
  parseJson(): boolean {
    return true;
  }
}
