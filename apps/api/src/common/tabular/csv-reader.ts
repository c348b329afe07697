import { CsvError, parse } from 'csv-parse';
import * as iconv from 'iconv-lite';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import type { TabularLimits, TabularProfile } from './limits';
import {
  cellTooLong,
  checkRow,
  headerRefused,
  isBlankRow,
  limitExceeded,
  notParsable,
  tooManyColumns,
  type RowProblem,
  type TableRow,
} from './table-errors';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'big5';

/**
 * The encoding of a CSV from its first bytes, and how many BOM bytes to skip:
 * UTF-8 (with or without BOM), UTF-16 with BOM (Excel "Unicode text"), or
 * Big5/CP950 (Excel's CSV on a Traditional Chinese Windows).
 */
export function detectEncoding(sample: Buffer): { encoding: TextEncodingName; bom: number } {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  return { encoding: isUtf8(sample) ? 'utf-8' : 'big5', bom: 0 };
}

/** Whether a sample is UTF-8; it may end inside a character, so up to three trailing bytes are dropped first. */
export function isUtf8(sample: Buffer): boolean {
  for (let cut = 0; cut <= 3 && cut <= sample.length; cut++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, sample.length - cut));
      return true;
    } catch {
      // try a shorter prefix
    }
  }
  return false;
}

type Limits = TabularLimits & { profile: TabularProfile };

/**
 * Walks the decoded text as csv-parse will (RFC 4180 quoting, a quote opens
 * only at the start of a field) and cuts, before the parser sees them, a field
 * longer than the cell limit and the columns of a record beyond the column
 * limit: memory stays bounded whatever one line holds, and the cut records are
 * remembered so that the row is rejected, not the file.
 */
class FieldGuard extends Transform {
  private inQuotes = false;
  private quoteSeen = false;
  private lastCR = false;
  private fieldLength = 0;
  private column = 0;
  private dropping = false;
  private dropReason: 'cell' | 'columns' = 'cell';
  /** 1-based record number (header = 1) being read. */
  private record = 1;
  readonly cut = new Map<number, RowProblem>();
  /** The characters that end a run outside quotes. */
  private readonly special: RegExp;

  constructor(
    private readonly delimiter: string,
    private readonly limits: Limits,
  ) {
    super({ decodeStrings: false, encoding: 'utf8' });
    this.special = new RegExp(`[${delimiter === '\t' ? '\\t' : ','}"\\r\\n]`, 'g');
  }

  override _transform(chunk: string | Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    const out: string[] = [];
    let keepFrom = this.dropping ? -1 : 0;
    const { maxCellChars, maxColumns } = this.limits;
    const delimiter = this.delimiter;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      if (this.lastCR) {
        this.lastCR = false;
        if (text[i] === '\n' && !this.inQuotes) continue;
      }
      // Skip a run of ordinary characters at once: inside quotes up to the next quote, outside up to the next delimiter, line end or quote.
      if (!this.quoteSeen) {
        let end: number;
        if (this.inQuotes) {
          end = text.indexOf('"', i);
        } else {
          this.special.lastIndex = i;
          end = this.special.exec(text)?.index ?? -1;
        }
        if (end < 0) end = n;
        const run = end - i;
        if (run > 0) {
          if (!this.dropping && this.fieldLength + run > maxCellChars) {
            // (An escaped quote may already have taken the field past the limit: cut at the first ordinary character.)
            const at = i + Math.max(0, maxCellChars - this.fieldLength);
            this.fieldLength = maxCellChars + 1;
            this.startDropping(out, text, keepFrom, at, 'cell');
            keepFrom = -1;
            this.fieldLength += end - at - 1;
          } else this.fieldLength += run;
          i = end;
          if (i >= n) break;
        }
      }
      const c = text[i];
      let endsField = false;
      let endsRecord = false;
      if (this.inQuotes) {
        if (this.quoteSeen) {
          this.quoteSeen = false;
          if (c === '"') {
            this.fieldLength++;
            continue;
          }
          this.inQuotes = false;
          // falls through to unquoted handling of c
        } else {
          if (c === '"') this.quoteSeen = true;
          else this.fieldLength++;
          if (!this.dropping && this.fieldLength > maxCellChars) this.startDropping(out, text, keepFrom, i, 'cell');
          if (this.dropping) keepFrom = -1;
          continue;
        }
      }
      if (c === delimiter) endsField = true;
      else if (c === '\n' || c === '\r') {
        endsRecord = true;
        if (c === '\r') this.lastCR = true;
      } else if (c === '"' && this.fieldLength === 0) {
        this.inQuotes = true;
        continue;
      } else {
        this.fieldLength++;
        if (!this.dropping && this.fieldLength > maxCellChars) {
          this.startDropping(out, text, keepFrom, i, 'cell');
          keepFrom = -1;
        }
        continue;
      }
      // A field ends here.
      this.fieldLength = 0;
      if (endsRecord) {
        if (this.dropping) {
          this.dropping = false;
          keepFrom = i;
        }
        this.column = 0;
        this.record++;
        continue;
      }
      if (endsField) {
        this.column++;
        if (this.dropping && this.dropReason === 'cell') {
          // The long cell is over: keep the rest of the record (the delimiter included).
          this.dropping = false;
          keepFrom = i;
        }
        if (!this.dropping && this.column >= maxColumns) {
          this.startDropping(out, text, keepFrom, i, 'columns');
          keepFrom = -1;
        }
      }
    }
    if (!this.dropping && keepFrom >= 0) out.push(text.slice(keepFrom));
    done(null, out.join(''));
  }

  private startDropping(out: string[], text: string, keepFrom: number, at: number, why: 'cell' | 'columns') {
    if (keepFrom >= 0) out.push(text.slice(keepFrom, at));
    if (why === 'cell' && this.inQuotes) out.push('"'); // close the quote the parser saw open
    this.dropping = true;
    this.dropReason = why;
    if (!this.cut.has(this.record))
      this.cut.set(
        this.record,
        why === 'cell' ? cellTooLong(this.column, this.fieldLength, this.limits) : tooManyColumns(this.column, this.limits),
      );
  }
}

export interface CsvTable {
  encoding: TextEncodingName;
  headers: string[];
  rows: AsyncGenerator<TableRow>;
}

/**
 * Streams a CSV or TSV: the delimiter from the first line (tab when it has
 * tabs and no commas), records of any length, a row the reader cannot take
 * (too long a cell, too many columns, a control character, a broken quote)
 * rejected with its row number, the file refused only for what no row can
 * fix (a quote never closed, more rows than the limit).
 */
export async function readCsv(source: Readable, sample: Buffer, fileName: string, limits: Limits): Promise<CsvTable> {
  const { encoding, bom } = detectEncoding(sample);
  const codec = encoding === 'big5' ? 'cp950' : encoding;
  const sampleText = encoding === 'utf-8' ? sample.subarray(bom).toString('utf8') : iconv.decode(sample.subarray(bom), codec);
  const lineEnd = sampleText.search(/\r?\n|\r/);
  const firstLine = lineEnd < 0 ? sampleText : sampleText.slice(0, lineEnd);
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';

  let skippedBom = 0;
  const stripBom = new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (skippedBom < bom) {
        const skip = Math.min(bom - skippedBom, chunk.length);
        skippedBom += skip;
        chunk = chunk.subarray(skip);
      }
      done(null, chunk);
    },
  });
  const decoder = iconv.decodeStream(codec) as unknown as Transform;
  const guard = new FieldGuard(delimiter, limits);
  /** Records csv-parse skipped as malformed, by how many records it had emitted before each. */
  const skipped: { after: number; why: string }[] = [];
  let unclosed: CsvError | null = null;
  const parser = parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined) => {
      // A quote never closed swallows every later line into one record: that refuses the file, not a row.
      if (error?.code === 'CSV_QUOTE_NOT_CLOSED') unclosed = error;
      else skipped.push({ after: parser.info.records, why: error?.code ?? 'CSV_ERROR' });
    },
  });
  const stream = source.pipe(stripBom).pipe(decoder).pipe(guard).pipe(parser);
  const fail = (error: unknown) => {
    stream.destroy();
    source.destroy();
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      return notParsable(
        fileName,
        'CSV',
        error.code === 'CSV_QUOTE_NOT_CLOSED' ? '引號未閉合 / a quote is never closed' : error.message,
        line,
      );
    }
    return error;
  };
  for (const s of [source, stripBom, decoder, guard]) s.on('error', (e) => parser.destroy(e));
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  let first: IteratorResult<string[]>;
  try {
    first = await iterator.next();
  } catch (error) {
    throw fail(error);
  }
  if (unclosed) throw fail(unclosed);
  if (skipped.length && skipped[0].after === 0)
    throw notParsable(fileName, 'CSV', `標題列格式錯誤 / the header row is malformed (${skipped[0].why})`, 1);
  const headerProblem = guard.cut.get(1) ?? (first.done ? undefined : checkRow(first.value, limits));
  if (headerProblem) {
    stream.destroy();
    source.destroy();
    throw headerRefused(fileName, 'CSV', headerProblem, limits);
  }
  const headers = first.done ? [] : first.value.map((h) => h.trim());

  async function* rows(): AsyncGenerator<TableRow> {
    let row = 1;
    /** Records taken from the parser, the header included. */
    let taken = 1;
    let nextSkip = 0;
    const skippedRow = (): TableRow => {
      row++;
      const s = skipped[nextSkip++];
      return {
        row,
        cells: [],
        problem: { column: 0, code: 'ROW_NOT_PARSABLE', reason: `此列的引號格式錯誤 / the row's quotes are malformed (${s.why})` },
      };
    };
    try {
      for (;;) {
        const next = await iterator.next();
        // Records the parser skipped before this one are rows too.
        while (nextSkip < skipped.length && (next.done || skipped[nextSkip].after <= taken)) yield skippedRow();
        if (next.done) {
          if (unclosed) throw unclosed;
          return;
        }
        taken++;
        row++;
        if (row - 1 > limits.maxRows) throw limitExceeded(fileName, limits, 'maxRows', { row });
        const cut = guard.cut.get(row);
        if (cut) guard.cut.delete(row);
        const cells = next.value;
        if (!cut && isBlankRow(cells)) continue;
        const problem = cut ?? checkRow(cells, limits);
        yield problem ? { row, cells, problem } : { row, cells };
      }
    } catch (error) {
      throw fail(error);
    } finally {
      stream.destroy();
      source.destroy();
    }
  }
  return { encoding, headers, rows: rows() };
}
