import { HttpStatus } from '@nestjs/common';
import type { TableExportRequest } from '@tunedesk/contracts';
import { spreadsheetSafe } from '@tunedesk/domain';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { DownloadFile } from '../common/send-file';
import { DomainError } from '../common/domain-error';
import { tableFile } from '../common/tabular/write-table';

/** Rows × columns one export may carry (a year of days × a dozen series is far below). */
export const EXPORT_MAX_ROWS = 50_000;
export const EXPORT_MAX_COLUMNS = 60;

export class TableExportBody implements TableExportRequest {
  @IsString()
  @MaxLength(120)
  @Matches(/^[^\\/:*?"<>|\r\n]+$/, { message: 'fileName must not contain \\ / : * ? " < > | or line breaks' })
  fileName!: string;

  @IsOptional()
  @IsString()
  @MaxLength(31)
  sheet?: string;

  @IsArray()
  @ArrayMaxSize(EXPORT_MAX_COLUMNS)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  headers!: string[];

  @IsArray()
  @ArrayMaxSize(EXPORT_MAX_ROWS)
  rows!: (string | number | null)[][];
}

function invalid(row: number, column: number, reason: string): DomainError {
  return new DomainError(
    'VALIDATION_FAILED',
    {
      'zh-TW': `第 ${row + 1} 列第 ${column + 1} 欄：${reason}`,
      en: `Row ${row + 1}, column ${column + 1}: ${reason}`,
    },
    HttpStatus.BAD_REQUEST,
    [{ field: `rows[${row}][${column}]`, row: row + 1, column: String(column + 1), reason }],
  );
}

/** The workbook of one table (XLSX or ODS): a bold header row, numbers as numbers, text made formula-safe. */
export async function tableExport(body: TableExportRequest, format: 'xlsx' | 'ods'): Promise<DownloadFile> {
  const width = body.headers.length;
  body.rows.forEach((row, r) => {
    if (!Array.isArray(row) || row.length > width) throw invalid(r, Math.min(Array.isArray(row) ? row.length : 0, width), 'too many cells');
    row.forEach((cell, c) => {
      if (cell !== null && typeof cell !== 'string' && typeof cell !== 'number') throw invalid(r, c, 'a cell is text, a number or empty');
      if (typeof cell === 'number' && !Number.isFinite(cell)) throw invalid(r, c, 'not a finite number');
      if (typeof cell === 'string' && cell.length > 32_000) throw invalid(r, c, 'text longer than 32,000 characters');
    });
  });
  const widths = body.headers.map((header, i) => {
    const longest = Math.max(String(header ?? '').length, ...body.rows.slice(0, 500).map((r) => String(r[i] ?? '').length));
    return Math.min(60, Math.max(8, longest * 1.6));
  });
  const file = await tableFile(format, encodeURIComponent(body.fileName), [
    {
      name: body.sheet || body.fileName,
      headers: body.headers.map(spreadsheetSafe),
      rows: body.rows.map((row) => row.map((cell) => (typeof cell === 'string' ? spreadsheetSafe(cell) : cell))),
      widths,
      freezeHeader: true,
    },
  ]);
  return file;
}
