import * as XLSX from '@e965/xlsx';
import type { TabularLimits, TabularProfile } from './limits';
import { dateKindOfFormat, generalNumber, serialToText } from './spreadsheet-values';
import { checkRow, isBlankRow, headerRefused, limitExceeded, notParsable, tooManyColumns, type TableRow } from './table-errors';

type Limits = TabularLimits & { profile: TabularProfile };

/**
 * Reads the first sheet of an Excel 97–2003 workbook (.xls, BIFF in an OLE2
 * container) through SheetJS 0.20.3 (the `@e965/xlsx` republication of the
 * SheetJS CDN build; the `xlsx` 0.18.5 left on the registry has known
 * prototype-pollution and ReDoS advisories). The format cannot be streamed,
 * but it is bounded by nature (65,536 rows × 256 columns) and the file size
 * limit is checked before parsing; `sheetRows` stops SheetJS at the row limit.
 */
export function readXls(buffer: Buffer, fileName: string, limits: Limits): { headers: string[]; rows: AsyncGenerator<TableRow> } {
  let workbook: XLSX.WorkBook;
  try {
    workbook = XLSX.read(buffer, {
      type: 'buffer',
      dense: true,
      cellDates: false,
      cellNF: true,
      cellHTML: false,
      cellFormula: false,
      sheetRows: limits.maxRows + 2,
      WTF: false,
    });
  } catch (error) {
    throw notParsable(fileName, 'XLS', (error as Error).message.split('\n')[0]);
  }
  const name = workbook.SheetNames[0];
  const sheet = name ? workbook.Sheets[name] : undefined;
  if (!sheet) throw notParsable(fileName, 'XLS', '活頁簿沒有工作表 / the workbook has no sheet');
  const date1904 = !!workbook.Workbook?.WBProps?.date1904;
  const data = ((sheet as unknown as { '!data'?: (XLSX.CellObject | undefined)[][] })['!data'] ?? []) as (
    (XLSX.CellObject | undefined)[] | undefined
  )[];
  if (data.length - 1 > limits.maxRows) throw limitExceeded(fileName, limits, 'maxRows', { row: limits.maxRows + 2 });

  const text = (c: XLSX.CellObject | undefined): string => {
    if (!c || c.v === undefined || c.v === null) return '';
    switch (c.t) {
      case 'n': {
        const kind = dateKindOfFormat(typeof c.z === 'string' ? c.z : undefined);
        return kind ? serialToText(c.v as number, kind, date1904) : generalNumber(c.v as number);
      }
      case 'b':
        return c.v ? 'TRUE' : 'FALSE';
      case 'e':
        return c.w ?? '#ERROR';
      case 'd':
        return (c.v as Date)
          .toISOString()
          .replace('T', ' ')
          .replace(/\.\d+Z$/, '');
      default:
        return String(c.v);
    }
  };
  const rowOf = (index: number): TableRow => {
    const raw = data[index] ?? [];
    if (raw.length > limits.maxColumns) return { row: index + 1, cells: [], problem: tooManyColumns(limits.maxColumns, limits) };
    const cells = Array.from({ length: raw.length }, (_, i) => text(raw[i]));
    const problem = checkRow(cells, limits);
    return problem ? { row: index + 1, cells, problem } : { row: index + 1, cells };
  };
  const header = rowOf(0);
  if (header.problem) throw headerRefused(fileName, 'XLS', header.problem, limits);
  async function* rows(): AsyncGenerator<TableRow> {
    for (let i = 1; i < data.length; i++) {
      const r = rowOf(i);
      if (!r.problem && isBlankRow(r.cells)) continue;
      yield r;
      // Let other requests in between rows of a large sheet.
      if (i % 2000 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return { headers: header.cells.map((h) => h.trim()), rows: rows() };
}
