export interface RejectedLine {
  /** Row number as a spreadsheet shows it: header = 1. */
  row: number;
  column?: string;
  reason: string;
}

export interface ImportSummary {
  fileName: string;
  /** Which encoding the file was read as: utf-8, utf-16le, big5, xlsx */
  encoding: string;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejectedLines: RejectedLine[];
}
