import type { RejectedLine } from '@tunedesk/contracts';
import { readFile } from 'node:fs/promises';
import { DomainError } from '../common/domain-error';

/** Reads an input file, or fails with FILE_NOT_FOUND naming it. */
export function readInputFile(file: string): Promise<Buffer> {
  return readFile(file).catch(() => {
    throw new DomainError('FILE_NOT_FOUND', { 'zh-TW': `找不到檔案：${file}`, en: `File not found: ${file}` });
  });
}

/** One line per rejected row, as a spreadsheet numbers it. */
export function rejectedLinesText(lines: RejectedLine[]): string[] {
  return lines.map((r) => `  第 ${r.row} 列 row ${r.row}${r.column ? ` [${r.column}]` : ''}: ${r.reason}`);
}

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
