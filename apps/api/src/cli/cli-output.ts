import { DomainError } from '../common/domain-error';

/** What every command prints: a human summary, or with --json one JSON object as the last line. */
export class CliOutput {
  constructor(private readonly json: boolean) {}

  result(summary: object, human: string): void {
    if (this.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
    else process.stdout.write(`${human}\n`);
  }

  failure(error: unknown): void {
    const known = error instanceof DomainError;
    const code = known ? error.code : 'CLI_ERROR';
    const zh = known ? error.messages['zh-TW'] : '指令執行失敗';
    const en = error instanceof Error ? error.message : String(error);
    process.stderr.write(`錯誤 ${code}: ${zh}\nError ${code}: ${en}\n`);
    if (known && error.details?.length) {
      for (const d of error.details.slice(0, 50)) {
        process.stderr.write(`  ${[d.file, d.row && `row ${d.row}`, d.column].filter(Boolean).join(' ')}: ${d.reason}\n`);
      }
    }
    if (this.json)
      process.stdout.write(
        `${JSON.stringify({ error: { code, message: { 'zh-TW': zh, en }, details: known ? error.details : undefined } })}\n`,
      );
    process.exitCode = 1;
  }
}
