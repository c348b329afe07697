import { csvCell, rejectedReportCsv, reportFileName } from './kb-report';

describe('csvCell', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+886-3-3326181', "'+886-3-3326181"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
  ])('defuses %j, which a spreadsheet would run as a formula', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('quotes commas, quotes and line breaks, and leaves plain text alone', () => {
    expect(csvCell('房屋稅')).toBe('房屋稅');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('說 "是"')).toBe('"說 ""是"""');
    expect(csvCell('一\n二')).toBe('"一\n二"');
    expect(csvCell('=A1,"x"')).toBe(`"'=A1,""x"""`);
    expect(csvCell(18)).toBe('18');
    expect(csvCell(undefined)).toBe('');
  });
});

describe('rejectedReportCsv', () => {
  it('starts with a BOM and the header, one CRLF line per row', () => {
    const text = rejectedReportCsv(
      [{ row: 3, column: '答案', reason: '=不可空白 / must not be empty' }],
      { row: '列', column: '欄位', reason: '原因' },
      (r) => r.split(' / ')[0],
    );
    expect(text).toBe("\uFEFF列,欄位,原因\r\n3,答案,'=不可空白\r\n");
  });

  it('names the report after the imported file', () => {
    expect(reportFileName('115年11月題庫.xlsx', '拒絕列')).toBe('115年11月題庫-拒絕列.csv');
    expect(reportFileName('bank', 'rejected')).toBe('bank-rejected.csv');
  });
});
