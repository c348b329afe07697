import { HttpClient } from '@angular/common/http';
import { DOCUMENT, Injectable, inject } from '@angular/core';
import { DASHBOARD_ROUTES, type TableExportRequest } from '@tunedesk/contracts';
import { firstValueFrom } from 'rxjs';
import { UTF8_BOM, csvLine } from '../../knowledge/kb-report';

/** A table as the screens hold it: what a user sees, ready to be exported. */
export interface ExportTable {
  /** File name without extension */
  fileName: string;
  /** Shown on the buttons' group label and used as the sheet name */
  title: string;
  headers: readonly string[];
  rows: readonly (readonly (string | number | null)[])[];
}

/** CSV with a BOM so Excel opens it as UTF-8; every cell quoted when needed and formula-safe (csvLine). */
export function exportCsv(table: Pick<ExportTable, 'headers' | 'rows'>): string {
  return UTF8_BOM + [csvLine(table.headers), ...table.rows.map((row) => csvLine(row))].join('\r\n') + '\r\n';
}

/** A file handed to the browser as a download. */
export function saveBlob(document: Document, blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The spreadsheet formats the server writes for a table. */
export type SpreadsheetFormat = 'xlsx' | 'ods';

const SPREADSHEET_ROUTES: Record<SpreadsheetFormat, string> = {
  xlsx: DASHBOARD_ROUTES.exportXlsx,
  ods: DASHBOARD_ROUTES.exportOds,
};

/**
 * Every dashboard table exports as CSV (written here), XLSX and ODS (written by the server's one
 * table writer, so no spreadsheet library enters the browser bundle and the files match the other
 * exports cell for cell).
 */
@Injectable({ providedIn: 'root' })
export class TableExportService {
  private readonly http = inject(HttpClient);
  private readonly document = inject(DOCUMENT);

  csv(table: ExportTable): void {
    saveBlob(this.document, new Blob([exportCsv(table)], { type: 'text/csv;charset=utf-8' }), `${table.fileName}.csv`);
  }

  xlsx(table: ExportTable): Promise<void> {
    return this.spreadsheet(table, 'xlsx');
  }

  ods(table: ExportTable): Promise<void> {
    return this.spreadsheet(table, 'ods');
  }

  async spreadsheet(table: ExportTable, format: SpreadsheetFormat): Promise<void> {
    const body: TableExportRequest = {
      fileName: table.fileName,
      sheet: table.title.slice(0, 31),
      headers: [...table.headers],
      rows: table.rows.map((row) => [...row]),
    };
    const blob = await firstValueFrom(this.http.post(SPREADSHEET_ROUTES[format], body, { responseType: 'blob' }));
    saveBlob(this.document, blob, `${table.fileName}.${format}`);
  }
}
