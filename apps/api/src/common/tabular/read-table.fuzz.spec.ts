import fc from 'fast-check';
import * as iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeXml, odsOf, xlsxOf } from '../../../../../test/support/spreadsheets';
import { DomainError } from '../domain-error';
import { tabularLimits } from './limits';
import { openTable, type TableRow } from './read-table';

const OFFICE = join(__dirname, '../../../../../test/fixtures/office');
/** Small limits, so that generated tables cross them often. */
const LIMITS = { ...tabularLimits('reference'), maxCellChars: 40, maxColumns: 6, maxRows: 60 };
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Characters that stress a CSV reader: separators, quotes, line ends, CJK, emoji, control characters. */
const cellChar = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('a', 'Z', '0', ' ', '稅', '房', '屋', '。', '－', 'é', '😀') },
  { weight: 3, arbitrary: fc.constantFrom(',', '"', '\n', '\r\n', '\t', ';') },
  { weight: 1, arbitrary: fc.constantFrom('\u0000', '\u0001', '\u001f', '\u007f', '\u000b') },
);
const cell = fc.oneof(
  { weight: 8, arbitrary: fc.array(cellChar, { maxLength: 12 }).map((c) => c.join('')) },
  { weight: 1, arbitrary: fc.integer({ min: 41, max: 3000 }).map((n) => '長'.repeat(n)) },
);
const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 30 });

const quote = (c: string) => (/[",\r\n\t]/.test(c) || c === '' ? `"${c.replace(/"/g, '""')}"` : c);

async function readAll(buffer: Buffer, name: string): Promise<{ headers: string[]; rows: TableRow[] }> {
  const t = await openTable({ buffer }, name, LIMITS);
  const rows: TableRow[] = [];
  for await (const r of t.rows) rows.push(r);
  return { headers: t.headers, rows };
}

/**
 * What a correct reader must give for a generated row: its cells, or a
 * rejection for one of the reasons that apply (a reader may find any of them first).
 */
function expectedRow(cells: string[]): { cells?: string[]; problem?: string[] } {
  const problems = new Set<string>();
  if (cells.length > LIMITS.maxColumns) problems.add('TOO_MANY_COLUMNS');
  for (const c of cells) {
    if (c.length > LIMITS.maxCellChars) problems.add('CELL_TOO_LONG');
    if (CONTROL.test(c)) problems.add('CONTROL_CHARACTER');
  }
  return problems.size ? { problem: [...problems] } : { cells };
}

/** A read row in the shape of `expectedRow`: a rejected row matches when its reason is one of those expected. */
function shapeOf(r: TableRow, expected: { problem?: string[] } | undefined, cells: (c: string[]) => string[] = (c) => c) {
  if (!r.problem) return { row: r.row, cells: cells(r.cells) };
  return { row: r.row, problem: expected?.problem?.includes(r.problem.code) ? expected.problem : [r.problem.code] };
}

/** The outcome of reading anything: rows numbered upward, or a refusal that names where. */
function expectWellFormedOutcome(outcome: { headers: string[]; rows: TableRow[] } | DomainError) {
  if (outcome instanceof DomainError) {
    expect(outcome.details?.length).toBeGreaterThan(0);
    expect(outcome.messages['zh-TW'].length).toBeGreaterThan(0);
    expect(outcome.messages.en.length).toBeGreaterThan(0);
    return;
  }
  let last = 1;
  for (const r of outcome.rows) {
    expect(r.row).toBeGreaterThan(last);
    last = r.row;
    if (r.problem) expect(r.problem.reason).toMatch(/\//);
  }
}

async function outcomeOf(buffer: Buffer, name: string) {
  try {
    return await readAll(buffer, name);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw new Error(`${name}: not a DomainError: ${(error as Error).stack}`);
  }
}

describe('every reader under fuzzing', () => {
  const rssBefore = process.memoryUsage().rss;

  it('CSV in any encoding and line end reads back exactly what was written, each bad row rejected for its reason', async () => {
    await fc.assert(
      fc.asyncProperty(
        table,
        fc.constantFrom('\n', '\r\n'),
        fc.constantFrom('utf-8', 'utf-8-bom', 'utf-16le'),
        async (rows, lineEnd, encoding) => {
          const header = ['h1', 'h2', 'h3'];
          const text = [header, ...rows].map((r) => r.map(quote).join(',')).join(lineEnd) + lineEnd;
          const buffer =
            encoding === 'utf-16le'
              ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
              : Buffer.concat([Buffer.from(encoding === 'utf-8-bom' ? [0xef, 0xbb, 0xbf] : []), Buffer.from(text, 'utf8')]);
          const read = await outcomeOf(buffer, 'fuzz.csv');
          if (read instanceof DomainError) {
            // Only more rows than the limit refuses a whole generated file.
            expect(read.code).toBe('FILE_LIMIT_EXCEEDED');
            expect(rows.length).toBeGreaterThan(LIMITS.maxRows);
            return;
          }
          expect(read.headers).toEqual(header);
          const expected = rows
            .map((cells, i) => ({ row: i + 2, ...expectedRow(cells) }))
            .filter((e) => e.problem || e.cells!.some((c) => c.trim() !== ''));
          expect(
            read.rows.map((r) =>
              shapeOf(
                r,
                expected.find((e) => e.row === r.row),
              ),
            ),
          ).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('Big5 CSV reads back the same as UTF-8', async () => {
    const big5Cell = fc
      .array(fc.constantFrom('a', '1', ' ', '稅', '房', '屋', '地', '價', ',', '"', '\n'), { maxLength: 10 })
      .map((c) => c.join(''));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(big5Cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 20 }), async (rows) => {
        const text = [['欄一', '欄二'], ...rows].map((r) => r.map(quote).join(',')).join('\r\n');
        const utf8 = await readAll(Buffer.from(text, 'utf8'), 'u.csv');
        const big5 = await readAll(iconv.encode(text, 'cp950'), 'b.csv');
        expect(big5.headers).toEqual(utf8.headers);
        expect(big5.rows).toEqual(utf8.rows);
      }),
      { numRuns: 60 },
    );
  });

  it('XLSX and ODS read back exactly the table written into them', async () => {
    const trimEnd = (cells: string[]) => {
      const t = [...cells];
      while (t.length && t[t.length - 1] === '') t.pop();
      return t;
    };
    await fc.assert(
      fc.asyncProperty(table, async (rows) => {
        const all = [['h1', 'h2'], ...rows];
        // XLSX carries characters XML cannot (and a carriage return XML would fold) escaped as _xHHHH_, as Excel writes them.
        const ooxml = (c: string) =>
          escapeXml(c.replace(/_x/g, '_x005F_x').replace(OOXML_ESCAPED, (ch) => `_x${ch.charCodeAt(0).toString(16).padStart(4, '0')}_`));
        const xlsx = await xlsxOf(
          all
            .map(
              (r, i) =>
                `<row r="${i + 1}">${r.map((c) => `<c t="inlineStr"><is><t xml:space="preserve">${ooxml(c)}</t></is></c>`).join('')}</row>`,
            )
            .join(''),
        );
        // ODF has no escape for control characters: the ODS gets them removed, paragraphs for line breaks.
        const odfRows = all.map((r) => r.map((c) => c.replace(CONTROL_G, '').replace(/\r\n?/g, '\n')));
        const ods = await odsOf(
          odfRows
            .map(
              (r) =>
                `<table:table-row>${r
                  .map(
                    (c) =>
                      `<table:table-cell office:value-type="string">${c
                        .split('\n')
                        .map((p) => `<text:p>${escapeXml(p).replace(/ {2}/g, ' <text:s/>')}</text:p>`)
                        .join('')}</table:table-cell>`,
                  )
                  .join('')}</table:table-row>`,
            )
            .join(''),
        );
        // Trailing blank cells of an ODS row are not there at all (Calc writes them as one repeated cell).
        for (const [buffer, name, source, shape] of [
          [xlsx, 'f.xlsx', all, (c: string[]) => c],
          [ods, 'f.ods', odfRows, trimEnd],
        ] as const) {
          const read = await outcomeOf(buffer, name);
          if (read instanceof DomainError) {
            expect(read.code).toBe('FILE_LIMIT_EXCEEDED');
            expect(rows.length).toBeGreaterThan(LIMITS.maxRows);
            continue;
          }
          const expected = source
            .slice(1)
            .map((cells, i) => ({ row: i + 2, ...expectedRow(shape(cells)) }))
            .filter((e) => e.problem || e.cells!.some((c) => c.trim() !== ''));
          const got = read.rows.map((r) =>
            shapeOf(
              r,
              expected.find((e) => e.row === r.row),
              shape,
            ),
          );
          expect({ name, rows: got }).toEqual({ name, rows: expected });
        }
      }),
      { numRuns: 80 },
    );
  });

  it('mutated files (truncated, bytes flipped or inserted, invalid UTF-8) never crash a reader and always name where', async () => {
    const seeds = ['kb.csv', 'kb.xlsx', 'kb.ods', 'kb.xls', 'sections.xlsx', 'sections.ods'].map(
      (f) => [f, readFileSync(join(OFFICE, f))] as const,
    );
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
      fc.record({
        kind: fc.constant('flip' as const),
        at: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }),
        byte: fc.integer({ min: 0, max: 255 }),
      }),
      fc.record({
        kind: fc.constant('insert' as const),
        at: fc.double({ min: 0, max: 1, noNaN: true }),
        bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: seeds.length - 1 }), mutation, async (seed, m) => {
        const [name, original] = seeds[seed];
        let buffer: Buffer;
        if (m.kind === 'truncate') buffer = original.subarray(0, Math.floor(original.length * m.at));
        else if (m.kind === 'flip') {
          buffer = Buffer.from(original);
          for (const at of m.at) buffer[Math.min(buffer.length - 1, Math.floor(buffer.length * at))] ^= m.byte || 1;
        } else {
          const at = Math.floor(original.length * m.at);
          buffer = Buffer.concat([original.subarray(0, at), Buffer.from(m.bytes), original.subarray(at)]);
        }
        expectWellFormedOutcome(await outcomeOf(buffer, name));
      }),
      { numRuns: 300 },
    );
  });

  it('memory stays bounded over all the runs above', () => {
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(300 * 1024 * 1024);
  });
});

// eslint-disable-next-line no-control-regex
const CONTROL_G = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
// eslint-disable-next-line no-control-regex
const OOXML_ESCAPED = /[\u0000-\u0008\u000B-\u001F]/g;
