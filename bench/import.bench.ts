import * as iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { readTable } from '../apps/api/src/common/tabular/read-table';
import { writeTable } from '../apps/api/src/common/tabular/write-table';
import { header, measure, table } from './measure';

// Reading a vendor-sized CSV (quoted cells with commas and line breaks) in the encodings the bureau receives.
const ROWS = 50_000;
const lines = ['提問時間,會話編號,管道,使用者問句,回應類型,題目編號'];
for (let i = 0; i < ROWS; i++) {
  const q = i % 7 === 0 ? '"請問\n房屋稅, 怎麼算 ""急"""' : `地價稅自用住宅第${i}題`;
  lines.push(`2026/10/${1 + (i % 28)} 下午 02:22:05,L2026-${i},官網,${q},直接回答,HT-00${i % 10}`);
}
const text = lines.join('\r\n');
const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
const big5 = iconv.encode(text, 'cp950');

async function main() {
  header(`readTable on ${ROWS.toLocaleString('en')} rows (${(utf8.length / 1e6).toFixed(1)} MB UTF-8)`);
  const records = parse(text) as string[][];
  const sheet = { name: 'S', headers: records[0], rows: records.slice(1) };
  const xlsx = await writeTable('xlsx', [sheet]);
  const ods = await writeTable('ods', [sheet]);
  const rows = [
    await measure('readTable UTF-8 with BOM', () => readTable(utf8, 'r.csv', 'report'), 7, 1),
    await measure(
      'baseline: csv-parse/sync on the decoded text (the reader before issue 15: unbounded, no row limits)',
      () => parse(text, { relax_column_count: true }),
      7,
      1,
    ),
    await measure(
      `readTable XLSX (${(xlsx.length / 1e6).toFixed(1)} MB, streamed from the zip)`,
      () => readTable(xlsx, 'r.xlsx', 'report'),
      7,
      1,
    ),
    await measure(
      `readTable ODS (${(ods.length / 1e6).toFixed(1)} MB, streamed from the zip)`,
      () => readTable(ods, 'r.ods', 'report'),
      7,
      1,
    ),
    await measure('readTable Big5 (detect + decode)', () => readTable(big5, 'r.csv', 'report'), 7, 1),
    await measure('baseline: split on CRLF and commas (wrong on quotes)', () => text.split('\r\n').map((l) => l.split(',')), 7, 1),
  ];
  table(rows, { count: ROWS, name: 'rows' });
  const parsed = await readTable(utf8, 'r.csv', 'report');
  if (parsed.rows.length !== ROWS) throw new Error(`expected ${ROWS} rows, read ${parsed.rows.length}`);
}

void main();
