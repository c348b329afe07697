import type { KbImportResultDto } from '@tunedesk/contracts';

/** Spreadsheet programs run a cell that starts with one of these as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: a cell that could be read as a formula gets a leading ', then quoting as RFC 4180 asks. */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(',');
}

/** A byte-order mark first, so that Excel reads the file as UTF-8. */
export const UTF8_BOM = '\uFEFF';

export interface RejectedReportLabels {
  row: string;
  column: string;
  reason: string;
}

/** 列,欄位,原因 and one line per rejected row; CRLF line ends. */
export function rejectedReportCsv(
  lines: KbImportResultDto['rejectedLines'],
  labels: RejectedReportLabels,
  reasonText: (reason: string) => string = (reason) => reason,
): string {
  const body = [
    csvLine([labels.row, labels.column, labels.reason]),
    ...lines.map((line) => csvLine([line.row, line.column ?? '', reasonText(line.reason)])),
  ];
  return `${UTF8_BOM}${body.join('\r\n')}\r\n`;
}

/** "115年11月題庫.xlsx" → "115年11月題庫-拒絕列.csv" */
export function reportFileName(fileName: string, suffix: string): string {
  const base = fileName.replace(/\.[^./\\]+$/, '') || 'kb-import';
  return `${base}-${suffix}.csv`;
}

/** Hands the text to the browser as a file download. */
export function downloadText(document: Document, text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL is let go.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
