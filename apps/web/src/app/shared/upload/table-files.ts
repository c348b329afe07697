/**
 * The tabular files every import takes (the server recognises the format by
 * content: CSV/TSV/TXT in UTF-8, UTF-16 or Big5; Excel's .xlsx; ODF's .ods,
 * the Taiwan government's standard; Excel 97–2003's .xls). The extension
 * check here only saves a user the upload of, say, a PDF.
 */
export const TABLE_FILE_EXTENSIONS = ['.csv', '.tsv', '.txt', '.xlsx', '.ods', '.xls'] as const;

export function acceptsTableFile(name: string): boolean {
  const lower = name.toLowerCase();
  return TABLE_FILE_EXTENSIONS.some((extension) => lower.endsWith(extension));
}
