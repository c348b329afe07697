import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { DomainError } from '../domain-error';
import { isUtf8, readCsv } from './csv-reader';
import { tabularLimits, type TabularLimits, type TabularProfile } from './limits';
import { ODS_MIMETYPE, readOds } from './ods-reader';
import { limitExceeded, notTabular, type TableRow } from './table-errors';
import { readXls } from './xls-reader';
import { readXlsx } from './xlsx-reader';
import { ZipBook } from './zip-book';

export type { RowProblem, TableRow } from './table-errors';
export { problemLine } from './table-errors';

/** The format a file turned out to be, from its content. */
export type SourceFormat = 'csv' | 'xlsx' | 'ods' | 'xls';

export interface StreamedTable {
  format: SourceFormat;
  /** utf-8, utf-16le, utf-16be, big5 for text; xlsx, ods or xls for spreadsheets. */
  encoding: string;
  headers: string[];
  /** Rows after the header, numbered as a spreadsheet shows them; a row the reader rejected carries `problem`. */
  rows: AsyncGenerator<TableRow>;
  /** Bytes of the file read so far (estimated for zipped formats), for progress. */
  bytesRead(): number;
  size: number;
}

export interface Table {
  fileName: string;
  format: SourceFormat;
  encoding: string;
  headers: string[];
  rows: TableRow[];
}

type Source = { path: string } | { buffer: Buffer };
type Limits = TabularLimits & { profile: TabularProfile };

const SAMPLE_BYTES = 64 * 1024;
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const startsWith = (sample: Buffer, magic: number[]) => magic.every((b, i) => sample[i] === b);

async function sampleOf(source: Source): Promise<Buffer> {
  if ('buffer' in source) return source.buffer.subarray(0, SAMPLE_BYTES);
  const handle = await open(source.path, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** A buffer as a stream of 64 KiB chunks, so that no single step of the reading holds the event loop long. */
function chunked(buffer: Buffer): Readable {
  return Readable.from(
    (function* () {
      for (let i = 0; i < buffer.length; i += SAMPLE_BYTES) yield buffer.subarray(i, i + SAMPLE_BYTES);
    })(),
  );
}

/**
 * Opens any tabular file the bureau's people send — CSV/TSV (UTF-8 ±BOM,
 * UTF-16, Big5/CP950), XLSX, ODS, XLS — recognised by its content, never by
 * its name, and streams its first sheet's rows within the profile's limits.
 */
export async function openTable(
  source: Source,
  fileName: string,
  limitsOrProfile: TabularProfile | Limits = 'report',
): Promise<StreamedTable> {
  const limits = typeof limitsOrProfile === 'string' ? tabularLimits(limitsOrProfile) : limitsOrProfile;
  const size = 'buffer' in source ? source.buffer.length : (await stat(source.path)).size;
  if (size === 0)
    throw new DomainError('FILE_EMPTY', { 'zh-TW': `檔案「${fileName}」是空的`, en: `The file "${fileName}" is empty` }, 422, [
      { file: fileName, reason: 'empty file' },
    ]);
  if (size > limits.maxFileBytes)
    throw limitExceeded(fileName, limits, 'maxFileBytes', { seen: `${Math.round(size / 1024 / 1024).toLocaleString('en-US')} MiB` });
  const sample = await sampleOf(source);

  if (startsWith(sample, ZIP)) {
    const book = await ZipBook.open(source, fileName, limits);
    try {
      if (book.has('mimetype')) {
        const mimetype = (await book.text('mimetype')).trim();
        if (mimetype !== ODS_MIMETYPE)
          throw notTabular(fileName, `an OpenDocument file that is not a spreadsheet (${mimetype.slice(0, 80)})`);
        const ods = await readOds(book, fileName, limits);
        return {
          format: 'ods',
          encoding: 'ods',
          headers: ods.headers,
          rows: ods.rows,
          bytesRead: () => Math.round(ods.fraction() * size),
          size,
        };
      }
      if (book.has('xl/workbook.xml')) {
        const xlsx = await readXlsx(book, fileName, limits);
        return {
          format: 'xlsx',
          encoding: 'xlsx',
          headers: xlsx.headers,
          rows: xlsx.rows,
          bytesRead: () => Math.round(xlsx.fraction() * size),
          size,
        };
      }
      throw notTabular(fileName, 'a zip file that is neither an XLSX nor an ODS spreadsheet');
    } catch (error) {
      book.close();
      throw error;
    }
  }
  if (startsWith(sample, OLE2)) {
    const buffer = 'buffer' in source ? source.buffer : await readFile(source.path);
    const xls = readXls(buffer, fileName, limits);
    let done = 0;
    async function* counted(): AsyncGenerator<TableRow> {
      for await (const r of xls.rows) {
        done = r.row;
        yield r;
      }
      done = Infinity;
    }
    return { format: 'xls', encoding: 'xls', headers: xls.headers, rows: counted(), bytesRead: () => Math.min(size, done * 60), size };
  }
  // Text: NUL bytes in a file that is neither UTF-16 nor UTF-8 mean binary data (an image, a PDF, a program).
  const utf16 = (sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff);
  if (!utf16 && sample.includes(0) && !isUtf8(sample)) throw notTabular(fileName, 'binary data, not text');
  let read = 0;
  const raw = 'buffer' in source ? chunked(source.buffer) : createReadStream(source.path, { highWaterMark: SAMPLE_BYTES });
  const counting = raw.on('data', (chunk: Buffer) => (read += chunk.length));
  const csv = await readCsv(counting, sample, fileName, limits);
  return { format: 'csv', encoding: csv.encoding, headers: csv.headers, rows: csv.rows, bytesRead: () => read, size };
}

/**
 * Reads a whole small table (units, bank, calendar) from an upload, within
 * the reference limits: the rows are kept, each with its reader problem if any.
 */
export async function readTable(buffer: Buffer, fileName: string, profile: TabularProfile = 'reference'): Promise<Table> {
  const table = await openTable({ buffer }, fileName, profile);
  const rows: TableRow[] = [];
  for await (const r of table.rows) rows.push(r);
  return { fileName, format: table.format, encoding: table.encoding, headers: table.headers, rows };
}
