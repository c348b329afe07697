import { posix } from 'node:path';
import type { TabularLimits, TabularProfile } from './limits';
import { dateKindOfFormat, generalNumber, serialToText, type DateKind } from './spreadsheet-values';
import { checkRow, isBlankRow, headerRefused, limitExceeded, notParsable, tooManyColumns, type TableRow } from './table-errors';
import { local, parseXml, type ZipBook } from './zip-book';

type Limits = TabularLimits & { profile: TabularProfile };

/** Collects the text of every `<t>` of an element, skipping phonetic runs (`<rPh>`), up to a bound. */
class TextCollector {
  private parts: string[] = [];
  private length = 0;
  private inT = 0;
  private inPhonetic = 0;
  overflow = false;

  constructor(private readonly max: number) {}

  open(name: string) {
    if (name === 'rPh') this.inPhonetic++;
    else if (name === 't' && !this.inPhonetic) this.inT++;
  }

  close(name: string) {
    if (name === 'rPh') this.inPhonetic--;
    else if (name === 't' && !this.inPhonetic) this.inT--;
  }

  text(t: string, always = false) {
    if (!always && (!this.inT || this.inPhonetic)) return;
    if (this.length > this.max) {
      this.overflow = true;
      return;
    }
    this.parts.push(t);
    this.length += t.length;
  }

  take(): string {
    // OOXML escapes characters XML cannot carry as _xHHHH_ (ECMA-376 Part 1, 22.9.2.19 ST_Xstring).
    const s = this.parts.join('').replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    this.parts = [];
    this.length = 0;
    this.inT = 0;
    this.inPhonetic = 0;
    return s;
  }
}

/** `B12` → 1 (0-based column); `undefined` when the reference has no letters. */
function columnOf(ref: string | undefined): number | undefined {
  if (!ref) return undefined;
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
  }
  return i === 0 ? undefined : n - 1;
}

async function workbookParts(book: ZipBook, fileName: string): Promise<{ sheetPath: string; date1904: boolean }> {
  if (!book.has('xl/workbook.xml')) throw notParsable(fileName, 'XLSX', '缺少 xl/workbook.xml / xl/workbook.xml is missing');
  const workbook = await book.text('xl/workbook.xml');
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904="(?:1|true)"/.test(workbook);
  const firstSheet = /<(?:\w+:)?sheet\b[^>]*?\br:id="([^"]+)"/.exec(workbook) ?? /<(?:\w+:)?sheet\b[^>]*?:id="([^"]+)"/.exec(workbook);
  if (!firstSheet) throw notParsable(fileName, 'XLSX', '活頁簿沒有工作表 / the workbook has no sheet');
  let sheetPath = 'xl/worksheets/sheet1.xml';
  if (book.has('xl/_rels/workbook.xml.rels')) {
    const rels = await book.text('xl/_rels/workbook.xml.rels');
    for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
      const id = /\bId="([^"]+)"/.exec(m[1])?.[1];
      const target = /\bTarget="([^"]+)"/.exec(m[1])?.[1];
      if (id === firstSheet[1] && target) {
        sheetPath = target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join('xl', target));
        break;
      }
    }
  }
  if (!book.has(sheetPath)) throw notParsable(fileName, 'XLSX', `缺少工作表 ${sheetPath} / sheet ${sheetPath} is missing`);
  return { sheetPath, date1904 };
}

/** For each cell style index, whether its number format shows a date or a time. */
async function dateStyles(book: ZipBook): Promise<(DateKind | null)[]> {
  if (!book.has('xl/styles.xml')) return [];
  const styles = await book.text('xl/styles.xml');
  const formats = new Map<number, string>();
  for (const m of styles.matchAll(/<(?:\w+:)?numFmt\b([^>]*)\/?>/g)) {
    const id = /\bnumFmtId="(\d+)"/.exec(m[1])?.[1];
    const code = /\bformatCode="([^"]*)"/.exec(m[1])?.[1];
    if (id && code !== undefined) formats.set(Number(id), code.replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
  }
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(styles)?.[1] ?? '';
  const kinds: (DateKind | null)[] = [];
  for (const m of xfs.matchAll(/<(?:\w+:)?xf\b([^>]*)>/g)) {
    const id = Number(/\bnumFmtId="(\d+)"/.exec(m[1])?.[1] ?? 0);
    kinds.push(formats.has(id) ? dateKindOfFormat(formats.get(id)) : dateKindOfFormat(undefined, id));
  }
  return kinds;
}

async function sharedStrings(book: ZipBook, fileName: string, limits: Limits): Promise<string[]> {
  const strings: string[] = [];
  const name = ['xl/sharedStrings.xml', 'xl/SharedStrings.xml'].find((n) => book.has(n));
  if (!name) return strings;
  const text = new TextCollector(limits.maxCellChars);
  const handlers = {
    open: (n: string) => text.open(local(n)),
    close: (n: string) => {
      const l = local(n);
      if (l === 'si') strings.push(text.take());
      else text.close(l);
    },
    text: (t: string) => text.text(t),
  };
  for await (const _ of parseXml(await book.stream(name), handlers, () => [], fileName, name)) {
    // strings are collected by the handlers
  }
  return strings;
}

/**
 * Streams the first sheet of an XLSX: shared and inline strings, formula
 * results, date cells as the date-time they show, numbers as General shows
 * them; sparse cells filled with blanks; rows numbered as the sheet numbers them.
 */
export async function readXlsx(
  book: ZipBook,
  fileName: string,
  limits: Limits,
): Promise<{ headers: string[]; rows: AsyncGenerator<TableRow>; fraction: () => number }> {
  const { sheetPath, date1904 } = await workbookParts(book, fileName);
  const kinds = await dateStyles(book);
  const strings = await sharedStrings(book, fileName, limits);

  const ready: TableRow[] = [];
  let rowNumber = 0;
  let cells: string[] = [];
  let cell: { column: number; type: string; style: number } | null = null;
  let inValue = false;
  let inInline = false;
  let value = '';
  const inline = new TextCollector(limits.maxCellChars);
  let tooWide = false;

  const handlers = {
    open(name: string, a: Record<string, string>) {
      const n = local(name);
      if (n === 'row') {
        const r = Number(a.r);
        rowNumber = Number.isSafeInteger(r) && r > rowNumber ? r : rowNumber + 1;
        if (rowNumber - 1 > limits.maxRows) throw limitExceeded(fileName, limits, 'maxRows', { row: rowNumber });
        cells = [];
        tooWide = false;
      } else if (n === 'c') {
        const column = columnOf(a.r) ?? cells.length;
        cell = { column, type: a.t ?? 'n', style: Number(a.s ?? 0) };
        value = '';
      } else if (n === 'v' && cell) {
        inValue = true;
      } else if (n === 'is' && cell) {
        inInline = true;
      } else if (inInline) {
        inline.open(n);
      } else if (n === 'dimension') {
        // The declared extent refuses an oversized sheet before its rows are read (a lie is caught by the row count).
        const m = /:([A-Z]+)(\d+)$/i.exec(a.ref ?? '');
        if (m && Number(m[2]) - 1 > limits.maxRows) throw limitExceeded(fileName, limits, 'maxRows', { seen: a.ref });
      }
    },
    text(t: string) {
      if (inValue) {
        if (value.length <= limits.maxCellChars) value += t;
      } else if (inInline) inline.text(t);
    },
    close(name: string) {
      const n = local(name);
      if (n === 'v') inValue = false;
      else if (n === 'is') inInline = false;
      else if (inInline) inline.close(n);
      else if (n === 'c' && cell) {
        const c = cell;
        cell = null;
        const inlineText = c.type === 'inlineStr' ? inline.take() : '';
        if (c.column >= limits.maxColumns) {
          tooWide = true;
          return;
        }
        let text: string;
        switch (c.type) {
          case 's':
            text = strings[Number(value)] ?? '';
            break;
          case 'inlineStr':
            text = inlineText;
            break;
          case 'b':
            text = value === '1' ? 'TRUE' : value === '0' ? 'FALSE' : value;
            break;
          case 'str':
          case 'e':
            text = value;
            break;
          case 'd':
            text = value.replace('T', ' ').replace(/(\.\d+)?Z?$/, '');
            break;
          default: {
            const number = Number(value);
            const kind = kinds[c.style];
            text = value === '' || !Number.isFinite(number) ? value : kind ? serialToText(number, kind, date1904) : generalNumber(number);
          }
        }
        while (cells.length < c.column) cells.push('');
        cells[c.column] = text;
      } else if (n === 'row') {
        if (rowNumber === 1 || !isBlankRow(cells) || tooWide) {
          const row: TableRow = { row: rowNumber, cells };
          const problem = tooWide ? tooManyColumns(limits.maxColumns, limits) : checkRow(cells, limits);
          if (problem) row.problem = problem;
          ready.push(row);
        }
      }
    },
  };
  const progress = { bytes: 0 };
  const drain = () => ready.splice(0);
  const all = parseXml(await book.stream(sheetPath), handlers, drain, fileName, sheetPath, progress);
  // The header is the sheet's first row (row 1), whatever rows are numbered.
  let headers: string[] = [];
  const pending: TableRow[] = [];
  for (;;) {
    const next = await all.next();
    if (next.done) break;
    if (next.value.row === 1) {
      if (next.value.problem) {
        await all.return(undefined);
        throw headerRefused(fileName, 'XLSX', next.value.problem, limits);
      }
      headers = next.value.cells.map((h) => h.trim());
      break;
    }
    pending.push(next.value);
    break;
  }
  async function* rows(): AsyncGenerator<TableRow> {
    try {
      yield* pending;
      yield* all;
    } finally {
      book.close();
    }
  }
  return { headers, rows: rows(), fraction: () => progress.bytes / Math.max(1, book.entries.get(sheetPath)!.uncompressedSize) };
}
