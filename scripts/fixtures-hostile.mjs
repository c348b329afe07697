// Writes the hostile spreadsheets the input-boundary tests use (issue 15), into
// test/fixtures/import/hostile/: both are committed, since deflating a gigabyte
// takes longer than a test should. Run: node scripts/fixtures-hostile.mjs
//  - cells-24m.xlsx: 16,384 columns × 1,465 rows = 24 M cells (the widest sheet Excel allows), ~0.7 MB zipped, 384 MB of XML
//  - xml-1gb.xlsx: one column × 40 M rows, 1.04 GB of sheet XML in ~2.5 MB (a zip bomb)
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import yazl from 'yazl';

const OUT = join(fileURLToPath(new URL('..', import.meta.url)), 'test/fixtures/import/hostile');

function sheetXml(rows, cols) {
  return Readable.from(
    (function* () {
      yield '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
      const row = '<row>' + '<c><v>1</v></c>'.repeat(cols) + '</row>';
      let batch = '';
      for (let r = 0; r < rows; r++) {
        batch += row;
        if (batch.length > 1 << 20) {
          yield batch;
          batch = '';
        }
      }
      yield batch + '</sheetData></worksheet>';
    })(),
  );
}

function write(name, rows, cols) {
  const zip = new yazl.ZipFile();
  zip.addBuffer(
    Buffer.from(
      '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    'xl/workbook.xml',
  );
  zip.addBuffer(
    Buffer.from(
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    'xl/_rels/workbook.xml.rels',
  );
  zip.addReadStream(sheetXml(rows, cols), 'xl/worksheets/sheet1.xml', { compressionLevel: 9 });
  zip.end();
  return new Promise((resolve) => zip.outputStream.pipe(createWriteStream(join(OUT, name))).on('close', resolve));
}

await write('cells-24m.xlsx', 1465, 16384);
await write('xml-1gb.xlsx', 40_000_000, 1);
console.log(`written to ${OUT}`);
