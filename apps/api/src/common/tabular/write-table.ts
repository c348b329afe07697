import { stringify as stringifyStream } from 'csv-stringify';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { PassThrough, Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import type { DownloadFile } from '../send-file';

/**
 * The one writer of every table the application hands out as a file (issue 15 item 2, issue 19):
 * CSV (UTF-8 with a BOM, CRLF, as Excel on a Traditional Chinese Windows wants it), XLSX (ExcelJS)
 * and ODS (OpenDocument spreadsheet, the Taiwan government's document standard).
 *
 * Cells are text, numbers, dates or empty. Callers make text formula-safe (spreadsheetSafe) before
 * it comes here; this module writes what it is given.
 *
 * Dates are instants; a spreadsheet cell holds a wall-clock time, so a Date is written as the time in
 * Asia/Taipei (UTC+8, no daylight saving), formatted `yyyy-mm-dd hh:mm:ss` in every format, so
 * Excel, Calc and a CSV reader all show the same text.
 *
 * ODS is written here with yazl rather than with SheetJS (`XLSX.write(wb, { bookType: 'ods' })`):
 * SheetJS builds the whole workbook in memory (the audit export streams its rows and must keep doing
 * so), gives no control over the date number style (Calc then shows a date cell in the locale's
 * default), and its ODS writer is a separate code path we would still have to test cell by cell.
 * The ODF package is small enough to write directly: `mimetype` first and stored, a manifest, and
 * content/styles/meta parts (ODF 1.3).
 */

export const TABLE_FORMATS = ['csv', 'xlsx', 'ods'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

export type TableCell = string | number | Date | null;

export interface TableSheet {
  /** Sheet name; made safe for Excel/Calc (no \ / ? * [ ] :, at most 31 characters) */
  name: string;
  headers: readonly string[];
  rows: readonly (readonly TableCell[])[];
  /** Column widths in Excel character units */
  widths?: readonly number[];
  /** Keep the header row in view when scrolling (XLSX) */
  freezeHeader?: boolean;
}

/** A sheet whose rows arrive one by one (an export too large to hold in memory). */
export interface StreamedTableSheet extends Omit<TableSheet, 'rows'> {
  rows: AsyncIterable<readonly TableCell[]> | Iterable<readonly TableCell[]>;
}

export const TABLE_CONTENT_TYPES: Record<TableFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
};

export const TABLE_EXTENSIONS: Record<TableFormat, string> = { csv: '.csv', xlsx: '.xlsx', ods: '.ods' };

/** The number format of a date cell (Excel code; the ODS date style spells the same). */
export const DATE_CELL_FORMAT = 'yyyy-mm-dd hh:mm:ss';

const ODS_MIME = TABLE_CONTENT_TYPES.ods;
const TAIPEI_OFFSET_MS = 8 * 3600 * 1000;
const BOM = '\uFEFF';

/** Characters XML 1.0 does not allow (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
const XML_FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function isTableFormat(value: unknown): value is TableFormat {
  return typeof value === 'string' && (TABLE_FORMATS as readonly string[]).includes(value);
}

/** `2025-01-02T03:04:05` — the wall-clock time of an instant in Asia/Taipei. */
export function taipeiDateTime(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid date in a table cell');
  return new Date(date.getTime() + TAIPEI_OFFSET_MS).toISOString().slice(0, 19);
}

/** How a date cell reads (CSV text, Calc's and Excel's display with DATE_CELL_FORMAT). */
export function dateCellText(date: Date): string {
  return taipeiDateTime(date).replace('T', ' ');
}

function checkNumber(n: number): number {
  if (!Number.isFinite(n)) throw new RangeError(`Not a finite number in a table cell: ${n}`);
  return n;
}

/** Sheet names Excel and Calc both accept, unique within the workbook. */
function sheetNames(sheets: readonly { name: string }[]): string[] {
  const taken = new Set<string>();
  return sheets.map((s, i) => {
    const base =
      s.name
        .replace(/[\\/?*[\]:]/g, ' ')
        .replace(XML_FORBIDDEN, '')
        .trim()
        .slice(0, 31) || `Sheet${i + 1}`;
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)}-${n}`;
    taken.add(name.toLowerCase());
    return name;
  });
}

// ---------------------------------------------------------------- CSV

function csvCell(cell: TableCell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return dateCellText(cell);
  if (typeof cell === 'number') return String(checkNumber(cell));
  return cell;
}

function onlySheet<T>(sheets: readonly T[]): T {
  if (sheets.length !== 1) throw new Error(`A CSV file holds one table, not ${sheets.length}`);
  return sheets[0];
}

function csvBuffer(sheet: TableSheet): Buffer {
  const text = stringify([[...sheet.headers], ...sheet.rows.map((r) => r.map(csvCell))], { record_delimiter: 'windows' });
  return Buffer.concat([Buffer.from(BOM, 'utf8'), Buffer.from(text, 'utf8')]);
}

function csvStream(sheet: StreamedTableSheet): Readable {
  const out = new PassThrough();
  out.write(BOM);
  const csv = stringifyStream({ record_delimiter: 'windows' });
  csv.on('error', (e) => out.destroy(e));
  csv.pipe(out);
  void (async () => {
    try {
      csv.write([...sheet.headers]);
      for await (const row of sheet.rows) if (!csv.write(row.map(csvCell))) await new Promise((r) => csv.once('drain', r));
      csv.end();
    } catch (e) {
      out.destroy(e as Error);
    }
  })();
  return out;
}

// ---------------------------------------------------------------- XLSX

/** ExcelJS writes a Date by its UTC fields: shift it so the cell shows the Taipei wall-clock time. */
function xlsxValue(cell: TableCell): ExcelJS.CellValue {
  if (cell instanceof Date) return new Date(Date.parse(`${taipeiDateTime(cell)}Z`));
  if (typeof cell === 'number') return checkNumber(cell);
  return cell;
}

function fillXlsxRow(row: ExcelJS.Row, cells: readonly TableCell[]): void {
  cells.forEach((cell, i) => {
    if (cell instanceof Date) row.getCell(i + 1).numFmt = DATE_CELL_FORMAT;
  });
}

function xlsxSheetOptions(sheet: Omit<TableSheet, 'rows'>): Partial<ExcelJS.AddWorksheetOptions> {
  return sheet.freezeHeader ? { views: [{ state: 'frozen', ySplit: 1 }] } : {};
}

async function xlsxBuffer(sheets: readonly TableSheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const names = sheetNames(sheets);
  sheets.forEach((s, k) => {
    const ws = workbook.addWorksheet(names[k], xlsxSheetOptions(s));
    ws.addRow([...s.headers]).font = { bold: true };
    for (const cells of s.rows) fillXlsxRow(ws.addRow(cells.map(xlsxValue)), cells);
    if (s.widths) s.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function xlsxStream(sheet: StreamedTableSheet): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  void (async () => {
    try {
      const ws = workbook.addWorksheet(sheetNames([sheet])[0], xlsxSheetOptions(sheet));
      if (sheet.widths) sheet.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
      const header = ws.addRow([...sheet.headers]);
      header.font = { bold: true };
      header.commit();
      for await (const cells of sheet.rows) {
        // Without shared strings ExcelJS writes plain text as a formula result (t="str") whose
        // leading and trailing spaces are lost; as rich text it is an inline string that keeps them.
        const row = ws.addRow(cells.map((c) => (typeof c === 'string' && c !== '' ? { richText: [{ text: c }] } : xlsxValue(c))));
        fillXlsxRow(row, cells);
        row.commit();
      }
      ws.commit();
      await workbook.commit();
    } catch (e) {
      out.destroy(e as Error);
    }
  })();
  return out;
}

// ---------------------------------------------------------------- ODS

export function xmlEscape(text: string): string {
  return text
    .replace(XML_FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}

/**
 * One paragraph of cell text. ODF collapses runs of white space inside <text:p>, so every space that
 * starts the paragraph or follows another space is a <text:s/>, and a tab is a <text:tab/>.
 */
function odsParagraph(line: string): string {
  let out = '';
  let spaces = 0;
  let atStart = true;
  const flush = (): void => {
    if (spaces === 0) return;
    const literal = atStart ? 0 : 1;
    if (literal) out += ' ';
    const rest = spaces - literal;
    if (rest > 0) out += rest === 1 ? '<text:s/>' : `<text:s text:c="${rest}"/>`;
    spaces = 0;
  };
  for (const ch of line.replace(XML_FORBIDDEN, '')) {
    if (ch === ' ') {
      spaces++;
      continue;
    }
    flush();
    atStart = false;
    if (ch === '\t') {
      out += '<text:tab/>';
      atStart = true; // a space after a tab would be collapsed too
    } else out += xmlEscape(ch);
  }
  flush();
  return `<text:p>${out}</text:p>`;
}

function odsTextParagraphs(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map(odsParagraph)
    .join('');
}

function odsCell(cell: TableCell, header = false): string {
  const style = header ? ' table:style-name="ceH"' : '';
  if (cell === null || cell === '') return `<table:table-cell${style}/>`;
  if (cell instanceof Date) {
    const value = taipeiDateTime(cell);
    return `<table:table-cell table:style-name="ceD" office:value-type="date" office:date-value="${value}"><text:p>${value.replace('T', ' ')}</text:p></table:table-cell>`;
  }
  if (typeof cell === 'number') {
    const n = String(checkNumber(cell));
    return `<table:table-cell${style} office:value-type="float" office:value="${n}"><text:p>${n}</text:p></table:table-cell>`;
  }
  // Calc drops a <text:tab/> when it loads a cell's paragraphs; office:string-value (the cell's value
  // when it differs from its paragraphs' text) keeps the tab.
  const value = cell.includes('\t') ? ` office:string-value="${xmlEscape(cell.replace(/\r\n?/g, '\n'))}"` : '';
  return `<table:table-cell${style} office:value-type="string"${value}>${odsTextParagraphs(cell)}</table:table-cell>`;
}

function odsRow(cells: readonly TableCell[], header = false): string {
  return `<table:table-row>${cells.map((c) => odsCell(c, header)).join('')}</table:table-row>`;
}

const ODS_NS = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
].join(' ');

/** yyyy-mm-dd hh:mm:ss as an ODF date style (DATE_CELL_FORMAT). */
const ODS_DATE_STYLE =
  '<number:date-style style:name="N1">' +
  '<number:year number:style="long"/><number:text>-</number:text>' +
  '<number:month number:style="long"/><number:text>-</number:text>' +
  '<number:day number:style="long"/><number:text> </number:text>' +
  '<number:hours number:style="long"/><number:text>:</number:text>' +
  '<number:minutes number:style="long"/><number:text>:</number:text>' +
  '<number:seconds number:style="long"/>' +
  '</number:date-style>';

/** Excel's width unit is about one "0" at 11 pt; 0.2 cm each is close enough for Calc. */
function odsColumnWidthCm(width: number): string {
  return `${Math.max(0.5, Math.round(width * 0.2 * 100) / 100)}cm`;
}

function odsContentHead(sheets: readonly Omit<TableSheet, 'rows'>[]): string {
  const columnStyles = sheets
    .flatMap((s, k) =>
      (s.widths ?? []).map(
        (w, i) =>
          `<style:style style:name="co${k}-${i}" style:family="table-column"><style:table-column-properties style:column-width="${odsColumnWidthCm(w)}"/></style:style>`,
      ),
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<office:document-content ${ODS_NS} office:version="1.3">` +
    '<office:automatic-styles>' +
    ODS_DATE_STYLE +
    '<style:style style:name="ceD" style:family="table-cell" style:data-style-name="N1"/>' +
    '<style:style style:name="ceH" style:family="table-cell"><style:text-properties fo:font-weight="bold" style:font-weight-asian="bold" style:font-weight-complex="bold"/></style:style>' +
    columnStyles +
    '</office:automatic-styles>' +
    '<office:body><office:spreadsheet>'
  );
}

function odsTableHead(sheet: Omit<TableSheet, 'rows'>, name: string, k: number): string {
  const columns = sheet.widths?.length
    ? sheet.widths.map((_, i) => `<table:table-column table:style-name="co${k}-${i}"/>`).join('')
    : `<table:table-column table:number-columns-repeated="${Math.max(1, sheet.headers.length)}"/>`;
  return `<table:table table:name="${xmlEscape(name)}">${columns}${odsRow(sheet.headers, true)}`;
}

const ODS_CONTENT_TAIL = '</office:spreadsheet></office:body></office:document-content>';

const ODS_STYLES =
  '<?xml version="1.0" encoding="UTF-8"?>' +
  `<office:document-styles ${ODS_NS} office:version="1.3">` +
  '<office:styles><style:default-style style:family="table-cell"/></office:styles>' +
  '</office:document-styles>';

const ODS_MANIFEST =
  '<?xml version="1.0" encoding="UTF-8"?>' +
  '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">' +
  `<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="${ODS_MIME}"/>` +
  '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>' +
  '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>' +
  '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>' +
  '</manifest:manifest>';

function odsMeta(now: Date): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<office:document-meta ${ODS_NS} office:version="1.3"><office:meta>` +
    '<meta:generator>TuneDesk</meta:generator>' +
    `<meta:creation-date>${now.toISOString().slice(0, 19)}</meta:creation-date>` +
    '</office:meta></office:document-meta>'
  );
}

/**
 * The ODF package around a content.xml stream: `mimetype` first, stored (not deflated) and without
 * extra fields, so that a reader can tell the type from the first bytes of the file.
 */
function odsPackage(content: Readable): Readable {
  const zip = new ZipFile();
  const mtime = new Date();
  zip.addBuffer(Buffer.from(ODS_MIME, 'ascii'), 'mimetype', { compress: false, forceDosTimestamp: true, mtime });
  zip.addBuffer(Buffer.from(ODS_MANIFEST, 'utf8'), 'META-INF/manifest.xml', { mtime });
  zip.addReadStream(content, 'content.xml', { mtime });
  zip.addBuffer(Buffer.from(ODS_STYLES, 'utf8'), 'styles.xml', { mtime });
  zip.addBuffer(Buffer.from(odsMeta(mtime), 'utf8'), 'meta.xml', { mtime });
  zip.end();
  const out = new PassThrough();
  content.on('error', (e) => out.destroy(e));
  zip.outputStream.pipe(out);
  return out;
}

function odsStream(sheets: readonly StreamedTableSheet[]): Readable {
  const names = sheetNames(sheets);
  async function* parts(): AsyncGenerator<string> {
    yield odsContentHead(sheets);
    for (const [k, sheet] of sheets.entries()) {
      yield odsTableHead(sheet, names[k], k);
      let chunk = '';
      for await (const row of sheet.rows) {
        chunk += odsRow(row);
        if (chunk.length > 64 * 1024) {
          yield chunk;
          chunk = '';
        }
      }
      yield `${chunk}</table:table>`;
    }
    yield ODS_CONTENT_TAIL;
  }
  return odsPackage(Readable.from(parts()));
}

// ---------------------------------------------------------------- entry points

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/** The file of one or more tables (CSV: exactly one). */
export async function writeTable(format: TableFormat, sheets: readonly TableSheet[]): Promise<Buffer> {
  if (format === 'csv') return csvBuffer(onlySheet(sheets));
  if (format === 'xlsx') return xlsxBuffer(sheets);
  return collect(odsStream(sheets));
}

/** The file of one table written as its rows arrive; the caller pipes it to the response. */
export function writeTableStream(format: TableFormat, sheet: StreamedTableSheet): Readable {
  if (format === 'csv') return csvStream(sheet);
  if (format === 'xlsx') return xlsxStream(sheet);
  return odsStream([sheet]);
}

/** `base` + the format's extension, its content type and body: ready for sendFile(). */
export async function tableFile(format: TableFormat, base: string, sheets: readonly TableSheet[]): Promise<DownloadFile> {
  return {
    fileName: `${base}${TABLE_EXTENSIONS[format]}`,
    contentType: TABLE_CONTENT_TYPES[format],
    body: await writeTable(format, sheets),
  };
}
