import * as XLSX from '@e965/xlsx';
import { readOds } from '../../../../test/support/ods';
import { tableExport } from './export-table';

const body = {
  fileName: '品質 2026-09',
  sheet: '每日命中率',
  headers: ['日期', '命中率', '=備註'],
  rows: [
    ['2026-09-01', 0.875, '=HYPERLINK("x")'],
    ['2026-09-02', 12, null],
  ],
};

describe('dashboard table export', () => {
  it('ODS: the table as shown, numbers as numbers, text formula-safe', async () => {
    const file = await tableExport(body, 'ods');
    expect(file.fileName).toBe(`${encodeURIComponent('品質 2026-09')}.ods`);
    expect(file.contentType).toBe('application/vnd.oasis.opendocument.spreadsheet');
    const back = await readOds(file.body);
    expect(back.mimetypeFirstAndStored).toBe(true);
    expect(back.sheets).toEqual([
      {
        name: '每日命中率',
        rows: [
          ['日期', '命中率', "'=備註"],
          ['2026-09-01', 0.875, `'=HYPERLINK("x")`],
          ['2026-09-02', 12],
        ],
      },
    ]);
    expect(back.types[0][1]).toEqual(['string', 'float', 'string']);
  });

  it('XLSX: the same cells', async () => {
    const file = await tableExport(body, 'xlsx');
    expect(file.fileName).toBe(`${encodeURIComponent('品質 2026-09')}.xlsx`);
    const wb = XLSX.read(file.body, { type: 'buffer' });
    expect(wb.SheetNames).toEqual(['每日命中率']);
    expect(XLSX.utils.sheet_to_json(wb.Sheets['每日命中率'], { header: 1, raw: true })).toEqual([
      ['日期', '命中率', "'=備註"],
      ['2026-09-01', 0.875, `'=HYPERLINK("x")`],
      ['2026-09-02', 12],
    ]);
  });

  it('refuses a row wider than the headers', async () => {
    await expect(tableExport({ ...body, rows: [['a', 1, 'b', 'c']] }, 'ods')).rejects.toThrow('too many cells');
  });
});
