import { parse } from 'csv-parse/sync';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { type TableCell, type TableFormat, type TableSheet, dateCellText, writeTable, writeTableStream } from './write-table';

/**
 * Round trip through LibreOffice: our .xlsx and .ods files converted to CSV by `soffice --headless`
 * must show every cell as written (a date cell as Calc prints it with the file's yyyy-mm-dd hh:mm:ss
 * format). Without soffice the suite is skipped, unless REQUIRE_SERVICES=1 (CI), where it fails.
 */
const SOFFICE = process.env.SOFFICE_PATH ?? '/usr/bin/soffice';
const REQUIRED = process.env.REQUIRE_SERVICES === '1';
const available = existsSync(SOFFICE);
if (!available) {
  if (REQUIRED)
    throw new Error(`REQUIRE_SERVICES=1 but LibreOffice is not installed at ${SOFFICE}: the office round-trip test cannot run.`);
  process.stderr.write(`[skipped] LibreOffice not found at ${SOFFICE} (set SOFFICE_PATH): the office round-trip test is skipped\n`);
}
const describeWithOffice = available ? describe : describe.skip;

const run = promisify(execFile);

/** Calc's text of a cell in the CSV it writes (numbers in the shortest form, dates by the cell's format). */
function calcText(cell: TableCell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return dateCellText(cell);
  if (typeof cell === 'number') return String(cell);
  return cell.replace(/\r\n?/g, '\n');
}

const sheet: TableSheet = {
  name: '測試 LibreOffice',
  headers: ['編號 id', '問句 question', '次數 count', '比例 share', '更新 updated', '備註 note'],
  rows: [
    ['KB-0001', '如何申報綜合所得稅？', 12, 0.375, new Date('2025-03-04T05:06:07Z'), null],
    ['KB-0002', '  兩個空白  在前後  ', -3, 1e-3, new Date('2024-12-31T20:00:00Z'), '跨年（台北時間）'],
    ['KB-0003', '第一行\n第二行\r\n第三行', 0, 123456789, null, `引號 "x" & <tag> 'y'`],
    ['KB-0004', '逗號, 分號; 定位\t之後', 1.5, -0.25, new Date('2025-07-01T00:00:00+08:00'), '😀 emoji 與 罕用字 𠀀'],
    ["'=SUM(A1:A2)", '', null, null, null, '最後一列'],
  ],
  widths: [10, 40, 8, 8, 20, 20],
};

describeWithOffice('writeTable through LibreOffice (soffice --convert-to csv)', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'td-office-'));
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function toCsvRows(file: Buffer, format: TableFormat, name: string): Promise<string[][]> {
    const input = join(dir, `${name}.${format}`);
    const out = join(dir, `out-${name}`);
    await writeFile(input, file);
    // A private profile per conversion: parallel runs (and other agents' soffice) never share one.
    const profile = pathToFileURL(join(dir, `profile-${name}`)).href;
    await run(
      SOFFICE,
      [
        `-env:UserInstallation=${profile}`,
        '--headless',
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76,1',
        '--outdir',
        out,
        input,
      ],
      { timeout: 110_000 },
    );
    const csv = await readFile(join(out, `${name}.csv`), 'utf8');
    return parse(csv, { bom: true, relax_column_count: true }) as string[][];
  }

  const want = (): string[][] => [
    [...sheet.headers],
    ...sheet.rows.map((r) => {
      const cells = r.map(calcText);
      while (cells.length < sheet.headers.length) cells.push('');
      return cells;
    }),
  ];

  /** Calc writes as many columns on every line as the widest row has. */
  const padded = (rows: string[][]): string[][] =>
    rows.map((r) => [...r, ...Array<string>(Math.max(0, sheet.headers.length - r.length)).fill('')]);

  it.each(['ods', 'xlsx'] as const)(
    '%s written at once: every cell as written',
    async (format) => {
      const rows = await toCsvRows(await writeTable(format, [sheet]), format, `whole-${format}`);
      expect(padded(rows)).toEqual(want());
      // Spot checks that make a wrong conversion obvious in the failure output.
      expect(rows[1][4]).toBe('2025-03-04 13:06:07');
      expect(rows[2][4]).toBe('2025-01-01 04:00:00');
      expect(rows[3][1]).toBe('第一行\n第二行\n第三行');
    },
    120_000,
  );

  it.each(['ods', 'xlsx'] as const)(
    '%s streamed row by row: every cell as written',
    async (format) => {
      const chunks: Buffer[] = [];
      for await (const c of writeTableStream(format, sheet)) chunks.push(c as Buffer);
      const rows = await toCsvRows(Buffer.concat(chunks), format, `stream-${format}`);
      expect(padded(rows)).toEqual(want());
    },
    120_000,
  );
});
