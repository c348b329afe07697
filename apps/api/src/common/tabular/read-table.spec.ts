import * as iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { odsOf, odsRow, withDeclaredSize, xlsxOf, xlsxRow, zipOf } from '../../../../../test/support/spreadsheets';
import { DomainError } from '../domain-error';
import { tabularLimits } from './limits';
import { openTable, readTable, type Table } from './read-table';

const ROOT = join(__dirname, '../../../../..');
const OFFICE = join(ROOT, 'test/fixtures/office');
const HOSTILE = join(ROOT, 'test/fixtures/import/hostile');

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** The same text, or the same number written differently (Calc stores `0.40` as the number 0.4). */
const sameCell = (a: string, b: string) => a === b || (a.trim() !== '' && b.trim() !== '' && Number(a) === Number(b));

function expectSameTable(actual: Table, expected: Table) {
  expect(actual.headers).toEqual(expected.headers);
  expect(actual.rows.map((r) => r.row)).toEqual(expected.rows.map((r) => r.row));
  const differences: string[] = [];
  expected.rows.forEach((e, i) => {
    const a = actual.rows[i];
    const width = Math.max(a.cells.length, e.cells.length);
    for (let c = 0; c < width; c++)
      if (!sameCell(a.cells[c] ?? '', e.cells[c] ?? '')) differences.push(`row ${e.row} col ${c}: ${a.cells[c]} ≠ ${e.cells[c]}`);
    if (a.problem) differences.push(`row ${a.row}: ${a.problem.reason}`);
  });
  expect(differences).toEqual([]);
}

describe('one tabular reader for every import', () => {
  describe.each(['report-2026-09', 'kb', 'calendar-2026', 'sections'])('LibreOffice Calc wrote %s', (name) => {
    let csv: Table;
    beforeAll(async () => {
      csv = await readTable(readFileSync(join(OFFICE, `${name}.csv`)), `${name}.csv`);
    });

    it.each(['xlsx', 'ods', 'xls'])('as .%s it reads exactly what the CSV gives', async (ext) => {
      const table = await readTable(readFileSync(join(OFFICE, `${name}.${ext}`)), `${name}.${ext}`);
      expect(table.format).toBe(ext);
      expect(csv.rows.length).toBeGreaterThan(10);
      expectSameTable(table, csv);
    });
  });

  it.each(['xlsx', 'ods', 'xls'])(
    'a .%s date cell at 23:59:59 on the last day of a month stays in that month, to the second',
    async (ext) => {
      const table = await readTable(readFileSync(join(OFFICE, `report-2026-09.${ext}`)), `report.${ext}`);
      const last = table.rows[table.rows.length - 1];
      expect(last.cells[0]).toBe('2026-09-30 23:59:59');
      // An ordinary date-time cell too: not a serial number like 「46327.1739236111」.
      expect(table.rows[0].cells[0]).toMatch(/^2026-09-\d{2} \d{2}:\d{2}:\d{2}$/);
    },
  );

  it('recognises a file by its content, not its name', async () => {
    const xlsx = await readTable(readFileSync(join(OFFICE, 'sections.xlsx')), 'sections.csv');
    expect(xlsx.format).toBe('xlsx');
    const ods = await readTable(readFileSync(join(OFFICE, 'sections.ods')), 'sections.xlsx');
    expect(ods.format).toBe('ods');
    const csv = await readTable(readFileSync(join(OFFICE, 'sections.csv')), 'sections.xls');
    expect(csv.format).toBe('csv');
    expectSameTable(ods, csv);
    expectSameTable(xlsx, csv);
  });

  it('reads Big5 and UTF-16 text the same as UTF-8', async () => {
    const text = '單位代碼,單位名稱\r\nHT,房屋稅科\r\nLV,地價稅科\r\n';
    const utf8 = await readTable(Buffer.from(text), 'u.csv');
    const big5 = await readTable(iconv.encode(text, 'cp950'), 'b.csv');
    const utf16 = await readTable(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'w.csv');
    expect(utf8.rows.map((r) => r.cells)).toEqual([
      ['HT', '房屋稅科'],
      ['LV', '地價稅科'],
    ]);
    expect([big5.encoding, utf16.encoding]).toEqual(['big5', 'utf-16le']);
    expectSameTable(big5, utf8);
    expectSameTable(utf16, utf8);
  });

  describe('a bad cell rejects its row, with row, column and reason; the other rows are kept', () => {
    const rows = (n: number, long: string) =>
      [
        '提問時間,問題,回答類型',
        ...Array.from({ length: n }, (_, i) =>
          i + 2 === 8 ? `2026-09-01 10:00:00,${long},未能回答` : `2026-09-01 10:00:00,問題${i + 2},未能回答`,
        ),
      ].join('\r\n');

    it.each([
      ['unquoted', 'x'.repeat(200_000)],
      ['quoted, with commas, quotes and line breaks', `"${'稅,"" \n'.repeat(40_000)}"`],
    ])('a 200,000-character %s cell in row 8 of 40', async (_, long) => {
      const table = await readTable(Buffer.from(rows(40, long)), 'month.csv', 'report');
      expect(table.rows.map((r) => r.row)).toEqual(Array.from({ length: 40 }, (_, i) => i + 2));
      const bad = table.rows.filter((r) => r.problem);
      expect(bad).toHaveLength(1);
      expect(bad[0]).toMatchObject({ row: 8, problem: { code: 'CELL_TOO_LONG', column: 1 } });
      expect(bad[0].problem!.reason).toContain('TABULAR_MAX_CELL_CHARS');
      expect(table.rows.find((r) => r.row === 9)!.cells).toEqual(['2026-09-01 10:00:00', '問題9', '未能回答']);
      expect(table.rows.find((r) => r.row === 41)!.cells[1]).toBe('問題41');
    });

    it('a NUL character names its row and column', async () => {
      const table = await readTable(Buffer.from('題目編號,分類\nQ-1,\u0000\u0000\nQ-2,房屋稅\n'), 'kb.csv');
      expect(table.rows[0]).toMatchObject({ row: 2, problem: { code: 'CONTROL_CHARACTER', column: 1 } });
      expect(table.rows[0].problem!.reason).toContain('U+0000');
      expect(table.rows[1]).toEqual({ row: 3, cells: ['Q-2', '房屋稅'] });
    });

    it('a NUL in an XLSX cell the same (Excel writes it escaped, _x0000_)', async () => {
      const xlsx = await readTable(
        await xlsxOf(xlsxRow(1, ['題目編號', '分類']) + xlsxRow(2, ['Q-1', 'a_x0000_']) + xlsxRow(3, ['Q_x005F_2', 'b'])),
        'kb.xlsx',
      );
      expect(xlsx.rows[0]).toMatchObject({ row: 2, problem: { code: 'CONTROL_CHARACTER', column: 1 } });
      expect(xlsx.rows[1]).toEqual({ row: 3, cells: ['Q_2', 'b'] });
    });

    it('a stray quote inside a field is read as text, as Excel does, and the rows keep their numbers', async () => {
      const table = await readTable(Buffer.from('a,b\n1,2\n"3"x,4"\n5,6\n'), 'q.csv');
      expect(table.rows.map((r) => [r.row, r.problem?.code ?? r.cells.join('|')])).toEqual([
        [2, '1|2'],
        [3, '"3"x|4"'],
        [4, '5|6'],
      ]);
    });

    it('a row with more columns than the limit is rejected, not the file', async () => {
      const table = await readTable(Buffer.from(`a,b\n1,2\n${'x,'.repeat(300)}\n5,6\n`), 'wide.csv');
      expect(table.rows.map((r) => [r.row, r.problem?.code ?? r.cells.join('|')])).toEqual([
        [2, '1|2'],
        [3, 'TOO_MANY_COLUMNS'],
        [4, '5|6'],
      ]);
    });
  });

  describe('limits refuse the file, name the limit, and stop early', () => {
    it('a header of 1,000,000 columns', async () => {
      const started = Date.now();
      const error = await refusal(readTable(Buffer.from(`${'c,'.repeat(1_000_000)}\n1\n`), 'cols.csv'));
      expect(error.code).toBe('FILE_LIMIT_EXCEEDED');
      expect(error.messages.en).toContain('TABULAR_REFERENCE_MAX_COLUMNS');
      expect(error.messages['zh-TW']).toContain('欄數');
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('a quote never closed refuses the file with its line (it would swallow every later row)', async () => {
      const error = await refusal(readTable(Buffer.from('a,b\n1,2\n"3,4\n5,6\n'), 'q.csv'));
      expect(error.code).toBe('FILE_NOT_PARSABLE');
      expect(error.messages.en).toMatch(/never closed/);
    });

    it.each([
      ['cells-24m.xlsx', /TABULAR_(REFERENCE_)?MAX_(INFLATE_RATIO|UNCOMPRESSED_BYTES)/],
      ['xml-1gb.xlsx', /TABULAR_(REFERENCE_)?MAX_(INFLATE_RATIO|UNCOMPRESSED_BYTES)/],
    ])('%s, on both profiles, before inflating it', async (file, setting) => {
      for (const profile of ['reference', 'report'] as const) {
        const started = Date.now();
        const error = await refusal(openTable({ path: join(HOSTILE, file) }, file, profile));
        expect(error.code).toBe('FILE_LIMIT_EXCEEDED');
        expect(error.messages.en).toMatch(setting);
        expect(Date.now() - started).toBeLessThan(2000);
      }
    });

    it('a zip that declares a small size and inflates to more is stopped at the declared size', async () => {
      const honest = await xlsxOf(xlsxRow(1, ['a']) + Array.from({ length: 2000 }, (_, i) => xlsxRow(i + 2, [`value ${i}`])).join(''));
      const lying = withDeclaredSize(honest, 'xl/worksheets/sheet1.xml', 500);
      const error = await refusal(readTable(lying, 'lying.xlsx'));
      expect(error.code).toBe('FILE_NOT_PARSABLE');
    });

    it('a truncated zip is refused as damaged, not crashed on', async () => {
      const whole = readFileSync(join(OFFICE, 'kb.xlsx'));
      for (const cut of [0.3, 0.6, 0.95]) {
        const error = await refusal(readTable(whole.subarray(0, Math.floor(whole.length * cut)), 'cut.xlsx'));
        expect(['FILE_NOT_PARSABLE', 'FILE_NOT_TABULAR']).toContain(error.code);
      }
    });

    it('an ODS row repeated past the row limit is refused without expanding it; blank repeats cost nothing', async () => {
      const limits = { ...tabularLimits('reference'), maxRows: 1000 };
      const repeated = await odsOf(odsRow(['a', 'b']) + odsRow(['1', '2'], 5000));
      const error = await refusal(
        openTable({ buffer: repeated }, 'r.ods', limits).then(async (t) => {
          for await (const _ of t.rows);
        }),
      );
      expect(error.code).toBe('FILE_LIMIT_EXCEEDED');
      expect(error.messages.en).toContain('TABULAR_REFERENCE_MAX_ROWS');
      const blanks = await odsOf(
        odsRow(['a', 'b']) +
          odsRow(['1', '2'], 3) +
          '<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>',
      );
      const table = await readTable(blanks, 'b.ods');
      expect(table.rows.map((r) => [r.row, ...r.cells])).toEqual([
        [2, '1', '2'],
        [3, '1', '2'],
        [4, '1', '2'],
      ]);
    });

    it('a file that is not a table at all', async () => {
      const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
      expect((await refusal(readTable(png, 'x.csv'))).code).toBe('FILE_NOT_TABULAR');
      const odt = await zipOf([
        { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text', store: true },
        { name: 'content.xml', data: '<office:document-content/>' },
      ]);
      expect((await refusal(readTable(odt, 'x.ods'))).code).toBe('FILE_NOT_TABULAR');
      const zip = await zipOf([{ name: 'photo.jpg', data: 'not really' }]);
      expect((await refusal(readTable(zip, 'x.xlsx'))).code).toBe('FILE_NOT_TABULAR');
    });
  });

  describe('XLSX cells as a person reads them', () => {
    it('shared and inline strings, phonetic runs left out, numbers without float noise, booleans, errors, sparse cells, date formats', async () => {
      const styles =
        '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm:ss"/><numFmt numFmtId="165" formatCode="&quot;第&quot;0&quot;號&quot;"/></numFmts>' +
        '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/><xf numFmtId="165"/><xf numFmtId="20"/></cellXfs>';
      const sheet =
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><r><t>欄</t></r><r><t>三</t></r><rPh><t>ラン</t></rPh></is></c></row>' +
        '<row r="3"><c r="A3" s="1"><v>46295.999988425923</v></c><c r="B3" s="2"><v>46295</v></c><c r="C3"><v>0.30000000000000004</v></c>' +
        '<c r="D3" t="b"><v>1</v></c><c r="E3" t="e"><v>#N/A</v></c><c r="F3" s="3"><v>12</v></c><c r="G3" s="4"><v>0.5</v></c><c r="H3" t="str"><f>A1</f><v>甲</v></c></row>';
      const table = await readTable(await xlsxOf(sheet, { sharedStrings: ['甲'], styles }), 'c.xlsx');
      expect(table.headers).toEqual(['甲', '', '欄三']);
      expect(table.rows).toEqual([{ row: 3, cells: ['2026-09-30 23:59:59', '2026-09-30', '0.3', 'TRUE', '#N/A', '12', '12:00:00', '甲'] }]);
    });

    it('the 1904 date system', async () => {
      const table = await readTable(
        await xlsxOf('<row r="1"><c t="inlineStr"><is><t>d</t></is></c></row><row r="2"><c s="1"><v>0</v></c></row>', {
          styles: '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>',
          date1904: true,
        }),
        'd.xlsx',
      );
      expect(table.rows[0].cells).toEqual(['1904-01-01']);
    });
  });
});
