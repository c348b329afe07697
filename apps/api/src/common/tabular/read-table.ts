import { CsvError, parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { DomainError } from '../domain-error';
import { decodeText } from './decode-text';

export interface TableRow {
  /** Row number as a spreadsheet shows it: header = 1; a quoted line break starts no new row. */
  row: number;
  cells: string[];
}

export interface Table {
  fileName: string;
  /** utf-8, utf-16le, utf-16be, big5 or xlsx */
  encoding: string;
  headers: string[];
  rows: TableRow[];
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function isXlsx(buffer: Buffer, fileName: string): boolean {
  return ZIP_MAGIC.every((b, i) => buffer[i] === b) || /\.xlsx$/i.test(fileName);
}

/** Reads a CSV (comma or tab, any supported encoding) or the first (or named) sheet of an XLSX. */
export async function readTable(buffer: Buffer, fileName: string, options: { sheet?: string } = {}): Promise<Table> {
  if (buffer.length === 0) {
    throw new DomainError('FILE_EMPTY', { 'zh-TW': `檔案「${fileName}」是空的`, en: `The file "${fileName}" is empty` });
  }
  const { encoding, records } = isXlsx(buffer, fileName) ? await readXlsx(buffer, fileName, options.sheet) : readCsv(buffer, fileName);
  const [header = [], ...body] = records;
  const rows: TableRow[] = [];
  body.forEach((cells, index) => {
    if (cells.some((c) => c.trim() !== '')) rows.push({ row: index + 2, cells });
  });
  return { fileName, encoding, headers: header.map((h) => h.trim()), rows };
}

function readCsv(buffer: Buffer, fileName: string): { encoding: string; records: string[][] } {
  const { text, encoding } = decodeText(buffer);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  try {
    const records = parse(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
    return { encoding, records };
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      throw new DomainError(
        'FILE_NOT_PARSABLE',
        {
          'zh-TW': `檔案「${fileName}」第 ${line ?? '?'} 行無法解析為 CSV：${error.message}`,
          en: `"${fileName}" line ${line ?? '?'} is not valid CSV: ${error.message}`,
        },
        422,
        [{ file: fileName, row: line, reason: error.code }],
      );
    }
    throw error;
  }
}

async function readXlsx(buffer: Buffer, fileName: string, sheetName?: string): Promise<{ encoding: string; records: string[][] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new DomainError('FILE_NOT_PARSABLE', {
      'zh-TW': `檔案「${fileName}」不是有效的 XLSX 活頁簿`,
      en: `"${fileName}" is not a valid XLSX workbook`,
    });
  }
  const sheet = sheetName ? workbook.getWorksheet(sheetName) : workbook.worksheets[0];
  if (!sheet) {
    throw new DomainError('SHEET_NOT_FOUND', {
      'zh-TW': `檔案「${fileName}」沒有名為「${sheetName}」的工作表`,
      en: `"${fileName}" has no sheet named "${sheetName}"`,
    });
  }
  const records: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values = row.values as unknown[];
    records[rowNumber - 1] = values.slice(1).map(cellText);
  });
  for (let i = 0; i < records.length; i++) records[i] ??= [];
  return { encoding: 'xlsx', records };
}

/** The text of a spreadsheet cell as a person reads it (dates as ISO, rich text joined, formula results). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date)
    return value
      .toISOString()
      .replace('T', ' ')
      .replace(/\.000Z$/, '');
  if (typeof value === 'object') {
    const v = value as { text?: unknown; richText?: { text: string }[]; result?: unknown; hyperlink?: string };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (v.text !== undefined) return String(v.text);
    if (v.result !== undefined) return cellText(v.result);
    if (v.hyperlink) return v.hyperlink;
  }
  return String(value);
}
