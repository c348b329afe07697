import { CsvError, parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import * as iconv from 'iconv-lite';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { DomainError } from '../domain-error';
import { cellText, type TableRow } from './read-table';

export interface StreamedTable {
  encoding: string;
  headers: string[];
  /** Rows after the header, numbered as a spreadsheet shows them. */
  rows: AsyncGenerator<TableRow>;
  /** Bytes of the file read so far, for progress. */
  bytesRead(): number;
  size: number;
}

const SAMPLE_BYTES = 64 * 1024;

async function sampleOf(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The encoding of a CSV from its first 64 KiB, and how many BOM bytes to skip. */
export function detectEncoding(sample: Buffer): { encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'big5'; bom: number } {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  // A sample may end inside a UTF-8 character: drop up to three trailing bytes before checking.
  for (let cut = 0; cut <= 3 && cut < sample.length; cut++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, sample.length - cut));
      return { encoding: 'utf-8', bom: 0 };
    } catch {
      // try a shorter prefix
    }
  }
  return { encoding: 'big5', bom: 0 };
}

const notText = (fileName: string) =>
  new DomainError(
    'FILE_NOT_TABULAR',
    { 'zh-TW': `檔案「${fileName}」不是 CSV 文字檔或 XLSX 活頁簿`, en: `"${fileName}" is neither a CSV text file nor an XLSX workbook` },
    422,
    [{ file: fileName, row: 1, reason: 'not a text or XLSX file' }],
  );

function parseError(fileName: string, error: CsvError): DomainError {
  const line = (error as CsvError & { lines?: number }).lines;
  return new DomainError(
    'FILE_NOT_PARSABLE',
    {
      'zh-TW': `檔案「${fileName}」第 ${line ?? '?'} 行無法解析為 CSV（${error.code === 'CSV_QUOTE_NOT_CLOSED' ? '引號未閉合' : error.message}）`,
      en: `"${fileName}" line ${line ?? '?'} is not valid CSV: ${error.message}`,
    },
    422,
    [{ file: fileName, row: line, reason: error.code }],
  );
}

/**
 * Reads a CSV (any supported encoding, comma or tab) or the first sheet of an
 * XLSX as a stream of rows: the file is never held whole in memory.
 */
export async function streamTable(path: string, fileName: string, maxCellLength = 10_000): Promise<StreamedTable> {
  const { size } = await stat(path);
  if (size === 0) throw new DomainError('FILE_EMPTY', { 'zh-TW': `檔案「${fileName}」是空的`, en: `The file "${fileName}" is empty` }, 422);
  const sample = await sampleOf(path);
  const isZip = sample[0] === 0x50 && sample[1] === 0x4b && sample[2] === 0x03 && sample[3] === 0x04;
  if (isZip) return streamXlsx(path, fileName, size);
  if (/\.xlsx$/i.test(fileName)) throw notText(fileName);
  const { encoding, bom } = detectEncoding(sample);
  // NUL bytes in a file that is not UTF-16 mean binary data.
  if (!encoding.startsWith('utf-16') && sample.includes(0)) throw notText(fileName);

  const source = createReadStream(path, { start: bom });
  let read = bom;
  source.on('data', (chunk) => (read += chunk.length));
  const decoded: Readable =
    encoding === 'utf-8'
      ? source.setEncoding('utf8')
      : (source.pipe(iconv.decodeStream(encoding === 'big5' ? 'cp950' : encoding)) as unknown as Readable);
  const sampleText =
    encoding === 'utf-8'
      ? sample.subarray(bom).toString('utf8')
      : iconv.decode(sample.subarray(bom), encoding === 'big5' ? 'cp950' : encoding);
  const firstLine = sampleText.slice(0, Math.max(0, sampleText.search(/\r?\n/)) || sampleText.length);
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const parser = decoded.pipe(parse({ delimiter, relax_column_count: true, skip_empty_lines: false, max_record_size: maxCellLength * 4 }));
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  let first: IteratorResult<string[]>;
  try {
    first = await iterator.next();
  } catch (error) {
    source.destroy();
    throw error instanceof CsvError ? parseError(fileName, error) : error;
  }
  const headers = first.done ? [] : first.value.map((h) => h.trim());
  async function* rows(): AsyncGenerator<TableRow> {
    let row = 1;
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        row++;
        if (next.value.some((c) => c.trim() !== '')) yield { row, cells: next.value };
      }
    } catch (error) {
      throw error instanceof CsvError ? parseError(fileName, error) : error;
    } finally {
      source.destroy();
    }
  }
  return { encoding, headers, rows: rows(), bytesRead: () => read, size };
}

async function streamXlsx(path: string, fileName: string, size: number): Promise<StreamedTable> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
  });
  const sheets = reader[Symbol.asyncIterator]();
  let sheet: IteratorResult<ExcelJS.stream.xlsx.WorksheetReader>;
  try {
    sheet = await sheets.next();
  } catch {
    throw new DomainError(
      'FILE_NOT_PARSABLE',
      { 'zh-TW': `檔案「${fileName}」不是有效的 XLSX 活頁簿`, en: `"${fileName}" is not a valid XLSX workbook` },
      422,
    );
  }
  if (sheet.done) throw notText(fileName);
  const rowIterator = (sheet.value as unknown as AsyncIterable<ExcelJS.Row>)[Symbol.asyncIterator]();
  const cellsOf = (r: ExcelJS.Row) => ((r.values as unknown[]) ?? []).slice(1).map(cellText);
  const firstRow = await rowIterator.next();
  const headers = firstRow.done ? [] : cellsOf(firstRow.value).map((h) => h.trim());
  let done = 0;
  async function* rows(): AsyncGenerator<TableRow> {
    for (;;) {
      const next = await rowIterator.next();
      if (next.done) return;
      done = next.value.number;
      const cells = cellsOf(next.value);
      if (cells.some((c) => c.trim() !== '')) yield { row: next.value.number, cells };
    }
  }
  // XLSX rows carry no byte offsets: progress is estimated from rows seen (about 60 bytes each, zipped).
  return { encoding: 'xlsx', headers, rows: rows(), bytesRead: () => Math.min(size, done * 60), size };
}
