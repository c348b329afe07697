/**
 * Every bound the tabular readers keep, in one place. Each is a named setting
 * (environment variable) with a default whose source is given beside it; an
 * error that hits one names it, so an administrator knows what to raise.
 *
 * Two profiles: `report` for the vendor's monthly report (up to millions of
 * rows, streamed from disk) and `reference` for the small tables read whole
 * (units, bank, calendar, the vendor's bank for reconciling).
 */
export interface TabularLimits {
  /** Bytes of the file as uploaded. */
  maxFileBytes: number;
  /** Sum of the uncompressed sizes of the zip entries read from an XLSX/ODS. */
  maxUncompressedBytes: number;
  /** Entries in a zip container. */
  maxZipEntries: number;
  /** Uncompressed ÷ compressed size of one zip entry above `inflateRatioGraceBytes`. */
  maxInflateRatio: number;
  inflateRatioGraceBytes: number;
  /** Data rows after the header (a row number beyond header + this refuses the file). */
  maxRows: number;
  /** Columns of any row. */
  maxColumns: number;
  /** Characters of one cell: a longer cell rejects its row, never the file. */
  maxCellChars: number;
}

export type TabularProfile = 'report' | 'reference';

export interface LimitName {
  key: keyof TabularLimits;
  env: (profile: TabularProfile) => string;
}

const MIB = 1024 * 1024;

/**
 * Defaults and their sources.
 * - maxFileBytes: the upload limits the routes already had (512 MiB report, 20 MiB bank/units/calendar).
 * - maxUncompressedBytes: 4× the report upload limit would let a 1 GB XML bomb in; 512 MiB holds a
 *   1,000,000-row month as XLSX (about 250 bytes of sheet XML per row, docs/benchmarks.md) with room.
 * - maxZipEntries: an XLSX or ODS written by Excel or Calc has 10–30 entries; 1,000 leaves room for images.
 * - maxInflateRatio 100 above 100 KiB: Apache POI's ZipSecureFile defaults (MIN_INFLATE_RATIO 0.01,
 *   GRACE_ENTRY_SIZE 100 KiB), the bound Excel-format readers have used against zip bombs since 2014.
 * - maxRows: 2,000,000 for a month (issue 18 plans 1,000,000-row months); 100,000 for reference tables
 *   (the bank holds hundreds of items, the unit file tens, a calendar 366 days a year).
 * - maxColumns 256: the column limit of the .xls format (Excel 97–2003); every TuneDesk format has < 20.
 * - maxCellChars 32,767: the most characters Excel lets a cell hold (Microsoft, "Excel specifications
 *   and limits"); a longer cell cannot have come from a spreadsheet.
 */
const DEFAULTS: Record<TabularProfile, TabularLimits> = {
  report: {
    maxFileBytes: 512 * MIB,
    maxUncompressedBytes: 512 * MIB,
    maxZipEntries: 1000,
    maxInflateRatio: 100,
    inflateRatioGraceBytes: 100 * 1024,
    maxRows: 2_000_000,
    maxColumns: 256,
    maxCellChars: 32_767,
  },
  reference: {
    maxFileBytes: 20 * MIB,
    maxUncompressedBytes: 64 * MIB,
    maxZipEntries: 1000,
    maxInflateRatio: 100,
    inflateRatioGraceBytes: 100 * 1024,
    maxRows: 100_000,
    maxColumns: 256,
    maxCellChars: 32_767,
  },
};

/** The environment variable of each limit: TABULAR_<NAME> for both profiles, TABULAR_REFERENCE_<NAME> for reference tables only. */
export const LIMIT_ENV: Record<keyof TabularLimits, string> = {
  maxFileBytes: 'MAX_FILE_BYTES',
  maxUncompressedBytes: 'MAX_UNCOMPRESSED_BYTES',
  maxZipEntries: 'MAX_ZIP_ENTRIES',
  maxInflateRatio: 'MAX_INFLATE_RATIO',
  inflateRatioGraceBytes: 'INFLATE_RATIO_GRACE_BYTES',
  maxRows: 'MAX_ROWS',
  maxColumns: 'MAX_COLUMNS',
  maxCellChars: 'MAX_CELL_CHARS',
};

export function limitSetting(profile: TabularProfile, key: keyof TabularLimits): string {
  return profile === 'report' ? `TABULAR_${LIMIT_ENV[key]}` : `TABULAR_REFERENCE_${LIMIT_ENV[key]}`;
}

/** The limits of a profile: defaults, overridden by positive integers in the environment. */
export function tabularLimits(profile: TabularProfile, env: NodeJS.ProcessEnv = process.env): TabularLimits & { profile: TabularProfile } {
  const limits = { ...DEFAULTS[profile] };
  for (const key of Object.keys(limits) as (keyof TabularLimits)[]) {
    const raw = env[limitSetting(profile, key)];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value <= 0)
      throw new Error(`${limitSetting(profile, key)} must be a positive whole number (got "${raw}")`);
    limits[key] = value;
  }
  return { ...limits, profile };
}
