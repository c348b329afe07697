import * as XLSX from '@e965/xlsx';
import type { Readable } from 'node:stream';
import { readOds } from '../../../../../test/support/ods';
import { type TableCell, type TableSheet, dateCellText, tableFile, writeTable, writeTableStream } from './write-table';

const when = new Date('2025-03-04T05:06:07Z'); // 13:06:07 in Taipei
const lateUtc = new Date('2024-12-31T20:00:00Z'); // already 2025-01-01 04:00:00 in Taipei

const sheet: TableSheet = {
  name: '題庫 [測試]: a/b',
  headers: ['編號 id', '文字 text', '數量 n', '時間 time'],
  rows: [
    ['KB-0001', '如何申報綜合所得稅？', 3, when],
    ['KB-0002', '  前後 有  空白 ', -1.25, lateUtc],
    ['KB-0003', '第一行\n第二行\r\n第三行\t定位', 0, null],
    ['KB-0004', `<tag attr="x"> & 'q' 😀`, 1e6, null],
    ["'=SUM(A1)", '', null, when],
  ],
  widths: [10, 30, 8, 20],
};

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * What a spreadsheet should read back as: a line break is LF (XML normalises CRLF; ODF holds a cell's
 * lines as paragraphs), trailing empty cells dropped; ODS has no empty text ('' is an empty cell).
 */
function expected(rows: readonly (readonly TableCell[])[], format: 'ods' | 'xlsx' = 'ods'): TableCell[][] {
  return rows.map((r) => {
    const out = r.map((c) => (c === '' && format === 'ods' ? null : typeof c === 'string' ? c.replace(/\r\n?/g, '\n') : c));
    while (out.length && out[out.length - 1] === null) out.pop();
    return out;
  });
}

async function* slowly<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) {
    await new Promise((r) => setImmediate(r));
    yield item;
  }
}

describe('writeTable', () => {
  it('ODS: an ODF package (mimetype first and stored) whose content.xml reads back as the data, dates as dates', async () => {
    const back = await readOds(await writeTable('ods', [sheet]));
    expect(back.mimetypeFirstAndStored).toBe(true);
    expect(back.mimetype).toBe('application/vnd.oasis.opendocument.spreadsheet');
    expect(back.entries).toEqual(['mimetype', 'META-INF/manifest.xml', 'content.xml', 'styles.xml', 'meta.xml']);
    expect(back.manifest).toContain('manifest:full-path="content.xml"');
    expect(back.sheets.map((s) => s.name)).toEqual(['題庫  測試   a b']);
    expect(back.sheets[0].rows).toEqual([[...sheet.headers], ...expected(sheet.rows)]);
    expect(back.types[0][1]).toEqual(['string', 'string', 'float', 'date']);
    expect((back.sheets[0].rows[2][3] as Date).toISOString()).toBe('2024-12-31T20:00:00.000Z');
  });

  it('ODS: characters XML 1.0 forbids are dropped, the rest kept', async () => {
    const back = await readOds(
      await writeTable('ods', [{ name: 'x\u0001', headers: ['a\u0000b'], rows: [['c\u0007d\u000be\uFFFEf\uD800g']] }]),
    );
    expect(back.sheets[0].name).toBe('x');
    expect(back.sheets[0].rows).toEqual([['ab'], ['cdefg']]);
  });

  it('ODS: several sheets, names made unique', async () => {
    const back = await readOds(
      await writeTable('ods', [
        { name: 'Same', headers: ['a'], rows: [[1]] },
        { name: 'same', headers: ['b'], rows: [['x']] },
      ]),
    );
    expect(back.sheets).toEqual([
      { name: 'Same', rows: [['a'], [1]] },
      { name: 'same-2', rows: [['b'], ['x']] },
    ]);
  });

  it('XLSX: read back by SheetJS equals the data; dates are date cells in yyyy-mm-dd hh:mm:ss', async () => {
    const wb = XLSX.read(await writeTable('xlsx', [sheet]), { type: 'buffer', cellDates: true, cellNF: true });
    expect(wb.SheetNames).toEqual(['題庫  測試   a b']);
    const ws = wb.Sheets[wb.SheetNames[0]];
    expect(ws.D2.t).toBe('d');
    expect(ws.D2.z).toBe('yyyy-mm-dd hh:mm:ss');
    const rows = XLSX.utils.sheet_to_json<TableCell[]>(ws, { header: 1, raw: true, defval: null });
    // SheetJS reads a date cell as the wall-clock time in UTC fields: Taipei wall clock here.
    const taipei = (d: Date): Date => new Date(Date.parse(`${dateCellText(d).replace(' ', 'T')}Z`));
    const want = expected(sheet.rows, 'xlsx').map((r) => r.map((c) => (c instanceof Date ? taipei(c) : c)));
    expect(
      rows.map((r) => {
        const out = [...r];
        while (out.length && out[out.length - 1] === null) out.pop();
        return out;
      }),
    ).toEqual([[...sheet.headers], ...want]);
  });

  it('CSV: UTF-8 BOM, CRLF, quoted as needed, dates as yyyy-mm-dd hh:mm:ss (Taipei)', async () => {
    const text = (await writeTable('csv', [sheet])).toString('utf8');
    expect(text.split('\r\n')).toEqual([
      '\uFEFF編號 id,文字 text,數量 n,時間 time',
      'KB-0001,如何申報綜合所得稅？,3,2025-03-04 13:06:07',
      'KB-0002,  前後 有  空白 ,-1.25,2025-01-01 04:00:00',
      'KB-0003,"第一行\n第二行',
      '第三行\t定位",0,',
      `KB-0004,"<tag attr=""x""> & 'q' 😀",1000000,`,
      "'=SUM(A1),,,2025-03-04 13:06:07",
      '',
    ]);
    await expect(writeTable('csv', [sheet, sheet])).rejects.toThrow('A CSV file holds one table, not 2');
  });

  it.each(['csv', 'xlsx', 'ods'] as const)('%s: streamed from async rows reads back the same as written at once', async (format) => {
    const streamed = await collect(writeTableStream(format, { ...sheet, rows: slowly(sheet.rows) }));
    const whole = await writeTable(format, [sheet]);
    if (format === 'csv') expect(streamed.toString('utf8')).toBe(whole.toString('utf8'));
    else if (format === 'ods') expect((await readOds(streamed)).sheets).toEqual((await readOds(whole)).sheets);
    else {
      const read = (b: Buffer): unknown[] => {
        const wb = XLSX.read(b, { type: 'buffer', cellDates: true });
        return XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]], { header: 1, raw: true });
      };
      expect(read(streamed)).toEqual(read(whole));
    }
  });

  it('a stream whose rows fail ends in an error, not a truncated file', async () => {
    async function* broken(): AsyncGenerator<TableCell[]> {
      yield ['a'];
      throw new Error('database went away');
    }
    for (const format of ['csv', 'xlsx', 'ods'] as const)
      await expect(collect(writeTableStream(format, { name: 's', headers: ['h'], rows: broken() }))).rejects.toThrow('database went away');
  });

  it('refuses numbers that are not finite and invalid dates', async () => {
    await expect(writeTable('ods', [{ name: 's', headers: ['h'], rows: [[Infinity]] }])).rejects.toThrow('finite');
    await expect(writeTable('xlsx', [{ name: 's', headers: ['h'], rows: [[new Date(NaN)]] }])).rejects.toThrow('Invalid date');
  });

  it('tableFile names the file and its content type', async () => {
    const f = await tableFile('ods', 'kb-2025-03-04', [sheet]);
    expect(f.fileName).toBe('kb-2025-03-04.ods');
    expect(f.contentType).toBe('application/vnd.oasis.opendocument.spreadsheet');
    expect(f.body.subarray(30, 38).toString('ascii')).toBe('mimetype');
  });
});
