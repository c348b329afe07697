/**
 * Matching a file's header row to the fields an importer expects. Vendors
 * rename columns, add spaces and mix full- and half-width forms, so headers are
 * compared after normalisation, by Chinese name, English field name or alias.
 */

export interface FieldSpec<F extends string = string> {
  field: F;
  /** The format's Chinese header, e.g. 單位代碼 */
  label: string;
  required: boolean;
  /** Further names accepted for this column (import profile aliases). */
  aliases?: readonly string[];
}

export interface HeaderMatch<F extends string = string> {
  /** field → zero-based column index */
  columns: Partial<Record<F, number>>;
  /** Required fields with no column, by their Chinese label. */
  missing: FieldSpec<F>[];
  /** Header cells that matched no field (kept for the import report). */
  unknown: string[];
  /** Fields that more than one column matched: the first wins, the rest are reported. */
  duplicates: { field: F; headers: string[] }[];
}

/** NFKC folds full-width letters, digits and punctuation; spaces of every kind are dropped. */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/^\uFEFF/, '')
    .replace(/[\s\u3000_-]+/g, '')
    .toLowerCase();
}

export function matchHeaders<F extends string>(headers: readonly string[], spec: readonly FieldSpec<F>[]): HeaderMatch<F> {
  const lookup = new Map<string, F>();
  for (const s of spec) {
    for (const name of [s.label, s.field, ...(s.aliases ?? [])]) {
      const key = normalizeHeader(name);
      if (key && !lookup.has(key)) lookup.set(key, s.field);
    }
  }
  const columns: Partial<Record<F, number>> = {};
  const unknown: string[] = [];
  const seen = new Map<F, string[]>();
  headers.forEach((header, index) => {
    const field = lookup.get(normalizeHeader(header));
    if (field === undefined) {
      if (header.trim()) unknown.push(header.trim());
      return;
    }
    const list = seen.get(field) ?? [];
    list.push(header.trim());
    seen.set(field, list);
    if (columns[field] === undefined) columns[field] = index;
  });
  const missing = spec.filter((s) => s.required && columns[s.field] === undefined);
  const duplicates = [...seen.entries()].filter(([, h]) => h.length > 1).map(([field, h]) => ({ field, headers: h }));
  return { columns, missing, unknown, duplicates };
}
