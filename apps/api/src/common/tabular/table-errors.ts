import { DomainError } from '../domain-error';
import { limitSetting, type TabularLimits, type TabularProfile } from './limits';

/** Why a reader rejected one row (the rest of the file goes on). */
export interface RowProblem {
  /** 0-based column of the offending cell. */
  column: number;
  code: 'CELL_TOO_LONG' | 'CONTROL_CHARACTER' | 'TOO_MANY_COLUMNS' | 'ROW_NOT_PARSABLE';
  /** zh-TW and English in one line, as rejected-row reasons are stored. */
  reason: string;
}

export interface TableRow {
  /** Row number as a spreadsheet shows it: header = 1; a quoted line break starts no new row. */
  row: number;
  cells: string[];
  /** Set when the reader itself rejects the row; `cells` may then be cut short. */
  problem?: RowProblem;
}

const BYTES_LIMITS: (keyof TabularLimits)[] = ['maxFileBytes', 'maxUncompressedBytes', 'inflateRatioGraceBytes'];

function shown(key: keyof TabularLimits, value: number): string {
  if (!BYTES_LIMITS.includes(key)) return value.toLocaleString('en-US');
  return value >= 1024 * 1024 ? `${Math.round(value / 1024 / 1024).toLocaleString('en-US')} MiB` : `${value.toLocaleString('en-US')} bytes`;
}

const LIMIT_LABEL: Record<keyof TabularLimits, { 'zh-TW': string; en: string }> = {
  maxFileBytes: { 'zh-TW': '檔案大小', en: 'file size' },
  maxUncompressedBytes: { 'zh-TW': '解壓縮後大小', en: 'uncompressed size' },
  maxZipEntries: { 'zh-TW': '壓縮檔項目數', en: 'entries in the zip container' },
  maxInflateRatio: { 'zh-TW': '壓縮比', en: 'compression ratio' },
  inflateRatioGraceBytes: { 'zh-TW': '壓縮比檢查門檻', en: 'compression ratio threshold' },
  maxRows: { 'zh-TW': '資料列數', en: 'data rows' },
  maxColumns: { 'zh-TW': '欄數', en: 'columns' },
  maxCellChars: { 'zh-TW': '儲存格字元數', en: 'characters in a cell' },
};

/** The file as a whole is over a limit: refused, naming the limit and its setting. */
export function limitExceeded(
  fileName: string,
  limits: TabularLimits & { profile: TabularProfile },
  key: keyof TabularLimits,
  where: { row?: number; seen?: string } = {},
): DomainError {
  const setting = limitSetting(limits.profile, key);
  const label = LIMIT_LABEL[key];
  const at = where.row ? { zh: `（第 ${where.row} 列）`, en: ` (row ${where.row})` } : { zh: '', en: '' };
  const seen = where.seen ? { zh: `，實際 ${where.seen}`, en: `; found ${where.seen}` } : { zh: '', en: '' };
  return new DomainError(
    'FILE_LIMIT_EXCEEDED',
    {
      'zh-TW': `檔案「${fileName}」超過${label['zh-TW']}上限 ${shown(key, limits[key])}${seen.zh}${at.zh}，整個檔案未匯入（設定 ${setting}）`,
      en: `"${fileName}" exceeds the limit on ${label.en} of ${shown(key, limits[key])}${seen.en}${at.en}; nothing was imported (setting ${setting})`,
    },
    413,
    [{ file: fileName, ...(where.row ? { row: where.row } : {}), field: setting, reason: `${key} ${limits[key]}` }],
  );
}

export function notTabular(fileName: string, why: string): DomainError {
  return new DomainError(
    'FILE_NOT_TABULAR',
    {
      'zh-TW': `檔案「${fileName}」不是 CSV 文字檔、XLSX、ODS 或 XLS 試算表`,
      en: `"${fileName}" is neither a CSV text file nor an XLSX, ODS or XLS spreadsheet`,
    },
    422,
    [{ file: fileName, row: 1, reason: why }],
  );
}

export function notParsable(fileName: string, kind: string, why: string, row?: number): DomainError {
  const at = row ? { zh: `第 ${row} 列`, en: ` at row ${row}` } : { zh: '', en: '' };
  return new DomainError(
    'FILE_NOT_PARSABLE',
    {
      'zh-TW': `檔案「${fileName}」${at.zh}無法讀取為 ${kind}：${why}`,
      en: `"${fileName}" cannot be read as ${kind}${at.en}: ${why}`,
    },
    422,
    [{ file: fileName, ...(row ? { row } : {}), reason: why }],
  );
}

/** Characters XML 1.0 forbids (and so no spreadsheet can hold); tab, line feed and carriage return are allowed. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const columnName = (i: number) => {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
};

export function cellTooLong(column: number, length: number, limits: TabularLimits & { profile: TabularProfile }): RowProblem {
  const setting = limitSetting(limits.profile, 'maxCellChars');
  return {
    column,
    code: 'CELL_TOO_LONG',
    reason: `${columnName(column)} 欄超過 ${limits.maxCellChars.toLocaleString('en-US')} 字元（${length > limits.maxCellChars ? '至少 ' : ''}${length.toLocaleString('en-US')} 字元，設定 ${setting}）/ column ${columnName(column)} is longer than ${limits.maxCellChars.toLocaleString('en-US')} characters (setting ${setting})`,
  };
}

export function tooManyColumns(column: number, limits: TabularLimits & { profile: TabularProfile }): RowProblem {
  const setting = limitSetting(limits.profile, 'maxColumns');
  return {
    column,
    code: 'TOO_MANY_COLUMNS',
    reason: `超過 ${limits.maxColumns} 欄上限（設定 ${setting}）/ more than ${limits.maxColumns} columns (setting ${setting})`,
  };
}

/**
 * The reader's own checks on one row: column count, cell length, characters
 * no spreadsheet can hold. The first problem found is the row's.
 */
export function checkRow(cells: string[], limits: TabularLimits & { profile: TabularProfile }): RowProblem | undefined {
  if (cells.length > limits.maxColumns) return tooManyColumns(limits.maxColumns, limits);
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (cell.length > limits.maxCellChars) return cellTooLong(i, cell.length, limits);
    const bad = CONTROL.exec(cell);
    if (bad) {
      const code = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      return {
        column: i,
        code: 'CONTROL_CHARACTER',
        reason: `${columnName(i)} 欄含控制字元 U+${code}（第 ${bad.index + 1} 字）/ column ${columnName(i)} holds the control character U+${code} (character ${bad.index + 1})`,
      };
    }
  }
  return undefined;
}

/** A row with nothing in it, skipped as spreadsheets do; a control character is something (the row is then rejected). */
export function isBlankRow(cells: string[]): boolean {
  return cells.every((c) => c.trim() === '' && !CONTROL.test(c));
}

/** A rejected-row line for a reader's problem, naming the column by its header when there is one. */
export function problemLine(headers: string[], r: TableRow): { row: number; column: string; reason: string } {
  const p = r.problem!;
  return { row: r.row, column: headers[p.column] || columnName(p.column), reason: p.reason };
}

/** A header row the reader cannot take refuses the file: over the column limit names the limit, anything else the row. */
export function headerRefused(
  fileName: string,
  kind: string,
  problem: RowProblem,
  limits: TabularLimits & { profile: TabularProfile },
): DomainError {
  if (problem.code === 'TOO_MANY_COLUMNS') return limitExceeded(fileName, limits, 'maxColumns', { row: 1 });
  return notParsable(fileName, kind, `標題列 / header row: ${problem.reason}`, 1);
}
