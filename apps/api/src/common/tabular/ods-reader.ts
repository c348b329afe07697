import type { TabularLimits, TabularProfile } from './limits';
import { durationToText, isoToText } from './spreadsheet-values';
import { checkRow, isBlankRow, headerRefused, limitExceeded, notParsable, tooManyColumns, type TableRow } from './table-errors';
import { parseXml, type ZipBook } from './zip-book';

type Limits = TabularLimits & { profile: TabularProfile };

export const ODS_MIMETYPE = 'application/vnd.oasis.opendocument.spreadsheet';

/**
 * Streams the first table of an OpenDocument spreadsheet (ODF 1.2/1.3, what
 * LibreOffice Calc saves and the Taiwan government exchanges) from
 * `content.xml`: the text a cell shows (paragraphs joined by line breaks,
 * `text:s` spaces, tabs), dates and times from their values, repeated rows and
 * columns expanded only up to the limits and trailing blanks never expanded.
 * Comments (`office:annotation`) are not cell text.
 */
export async function readOds(
  book: ZipBook,
  fileName: string,
  limits: Limits,
): Promise<{ headers: string[]; rows: AsyncGenerator<TableRow>; fraction: () => number }> {
  if (!book.has('content.xml')) throw notParsable(fileName, 'ODS', '缺少 content.xml / content.xml is missing');
  /** Rows read from the chunk just parsed; a repeated row is expanded only as the consumer takes it. */
  const ready: { row: TableRow; repeat: number }[] = [];
  let tables = 0;
  let inTable = false;
  let rowNumber = 0;
  let rowRepeat = 1;
  let cells: string[] = [];
  /** Blank cells seen but not yet placed: placed only when a non-blank cell follows. */
  let blanks = 0;
  let tooWide = false;
  let cell: { repeat: number; fixed: string | null } | null = null;
  let paragraphs: string[] = [];
  let paragraph: string[] = [];
  let paragraphLength = 0;
  let inParagraph = 0;
  let inAnnotation = 0;

  const append = (t: string) => {
    if (paragraphLength > limits.maxCellChars) return;
    paragraph.push(t);
    paragraphLength += t.length;
  };

  const placeCell = (text: string, repeat: number) => {
    if (text === '') {
      blanks += repeat;
      return;
    }
    if (cells.length + blanks + repeat > limits.maxColumns) {
      tooWide = true;
      blanks = 0;
      return;
    }
    for (; blanks > 0; blanks--) cells.push('');
    for (let i = 0; i < repeat; i++) cells.push(text);
  };

  const handlers = {
    open(name: string, a: Record<string, string>) {
      if (name === 'table:table') {
        tables++;
        inTable = tables === 1;
        return;
      }
      if (!inTable) return;
      if (name === 'office:annotation') inAnnotation++;
      if (inAnnotation) return;
      switch (name) {
        case 'table:table-row':
          rowRepeat = Math.max(1, Number(a['table:number-rows-repeated'] ?? 1) || 1);
          cells = [];
          blanks = 0;
          tooWide = false;
          break;
        case 'table:table-cell':
        case 'table:covered-table-cell': {
          const repeat = Math.max(1, Number(a['table:number-columns-repeated'] ?? 1) || 1);
          const type = a['office:value-type'] ?? a['calcext:value-type'];
          const fixed =
            type === 'date' && a['office:date-value']
              ? isoToText(a['office:date-value'])
              : type === 'time' && a['office:time-value']
                ? durationToText(a['office:time-value'])
                : null;
          cell = { repeat, fixed };
          paragraphs = [];
          break;
        }
        case 'text:p':
        case 'text:h':
          if (cell) {
            inParagraph++;
            paragraph = [];
            paragraphLength = 0;
          }
          break;
        case 'text:s':
          if (inParagraph) append(' '.repeat(Math.min(limits.maxCellChars, Math.max(1, Number(a['text:c'] ?? 1) || 1))));
          break;
        case 'text:tab':
          if (inParagraph) append('\t');
          break;
        case 'text:line-break':
          if (inParagraph) append('\n');
          break;
      }
    },
    text(t: string) {
      if (inTable && inParagraph && !inAnnotation) append(t);
    },
    close(name: string) {
      if (name === 'table:table') {
        if (inTable) inTable = false;
        return;
      }
      if (!inTable) return;
      if (name === 'office:annotation') {
        inAnnotation--;
        return;
      }
      if (inAnnotation) return;
      switch (name) {
        case 'text:p':
        case 'text:h':
          if (inParagraph) {
            inParagraph--;
            paragraphs.push(paragraph.join(''));
          }
          break;
        case 'table:table-cell':
        case 'table:covered-table-cell':
          if (cell) {
            placeCell(cell.fixed ?? paragraphs.join('\n'), cell.repeat);
            cell = null;
          }
          break;
        case 'table:table-row': {
          const blank = isBlankRow(cells) && !tooWide;
          const first = rowNumber + 1;
          rowNumber += rowRepeat;
          if (blank && first !== 1) break;
          if (!blank && rowNumber - 1 > limits.maxRows)
            throw limitExceeded(fileName, limits, 'maxRows', { row: Math.min(rowNumber, limits.maxRows + 2) });
          const row: TableRow = { row: first, cells };
          const problem = tooWide ? tooManyColumns(limits.maxColumns, limits) : checkRow(cells, limits);
          if (problem) row.problem = problem;
          ready.push({ row, repeat: blank ? 1 : rowRepeat });
          break;
        }
      }
    },
  };
  const progress = { bytes: 0 };
  function* drain(): Generator<TableRow> {
    for (const { row, repeat } of ready.splice(0))
      for (let k = 0; k < repeat; k++) yield k === 0 ? row : { ...row, row: row.row + k, cells: [...row.cells] };
  }
  const all = parseXml(await book.stream('content.xml'), handlers, drain, fileName, 'content.xml', progress);
  let headers: string[] = [];
  const pending: TableRow[] = [];
  const next = await all.next();
  if (!next.done) {
    if (next.value.row === 1) {
      if (next.value.problem) {
        await all.return(undefined);
        book.close();
        throw headerRefused(fileName, 'ODS', next.value.problem, limits);
      }
      headers = next.value.cells.map((h) => h.trim());
    } else pending.push(next.value);
  }
  async function* rows(): AsyncGenerator<TableRow> {
    try {
      yield* pending;
      for await (const r of all) {
        yield r;
      }
    } finally {
      book.close();
    }
  }
  return { headers, rows: rows(), fraction: () => progress.bytes / Math.max(1, book.entries.get('content.xml')!.uncompressedSize) };
}
