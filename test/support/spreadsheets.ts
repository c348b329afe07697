import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';

/** A zip of the given entries (text or a stream), as a Buffer. The first entry may be stored uncompressed (ODF's mimetype). */
export function zipOf(entries: { name: string; data: string | Buffer | Readable; store?: boolean }[]): Promise<Buffer> {
  const zip = new ZipFile();
  for (const e of entries) {
    if (e.data instanceof Readable) zip.addReadStream(e.data, e.name, { compress: !e.store });
    else zip.addBuffer(Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data, 'utf8'), e.name, { compress: !e.store });
  }
  zip.end();
  const parts: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (c: Buffer) => parts.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(parts)));
    zip.outputStream.on('error', reject);
  });
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A minimal XLSX whose first sheet has the given sheetData (XML text or a stream of it). */
export function xlsxOf(sheetData: string | Readable, options: { sharedStrings?: string[]; styles?: string; date1904?: boolean } = {}) {
  const sheet =
    typeof sheetData === 'string'
      ? `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>${sheetData}</sheetData></worksheet>`
      : sheetData;
  return zipOf([
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${REL}">${options.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    },
    ...(options.styles
      ? [{ name: 'xl/styles.xml', data: `<?xml version="1.0"?><styleSheet xmlns="${MAIN}">${options.styles}</styleSheet>` }]
      : []),
    ...(options.sharedStrings
      ? [
          {
            name: 'xl/sharedStrings.xml',
            data: `<?xml version="1.0"?><sst xmlns="${MAIN}">${options.sharedStrings.map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join('')}</sst>`,
          },
        ]
      : []),
    { name: 'xl/worksheets/sheet1.xml', data: sheet },
  ]);
}

/** A minimal ODS whose first table has the given rows (XML of table:table-row elements). */
export function odsOf(rowsXml: string) {
  const content = `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:spreadsheet><table:table table:name="S">${rowsXml}</table:table></office:spreadsheet></office:body></office:document-content>`;
  return zipOf([
    { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', store: true },
    {
      name: 'META-INF/manifest.xml',
      data: '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
    },
    { name: 'content.xml', data: content },
  ]);
}

/** An ODS row of text cells. */
export const odsRow = (cells: string[], repeat = 1) =>
  `<table:table-row${repeat > 1 ? ` table:number-rows-repeated="${repeat}"` : ''}>${cells
    .map((c) => `<table:table-cell office:value-type="string"><text:p>${escapeXml(c)}</text:p></table:table-cell>`)
    .join('')}</table:table-row>`;

/** An XLSX row of inline-string cells. */
export const xlsxRow = (row: number, cells: string[]) =>
  `<row r="${row}">${cells.map((c) => `<c t="inlineStr"><is><t xml:space="preserve">${escapeXml(c)}</t></is></c>`).join('')}</row>`;

/**
 * Sets the declared uncompressed size of one entry in a zip's central
 * directory (the size a reader checks before inflating): a zip that lies.
 */
export function withDeclaredSize(zip: Buffer, entryName: string, size: number): Buffer {
  const out = Buffer.from(zip);
  const eocd = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = out.readUInt16LE(eocd + 10);
  let p = out.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const nameLength = out.readUInt16LE(p + 28);
    const name = out.subarray(p + 46, p + 46 + nameLength).toString('utf8');
    if (name === entryName) {
      out.writeUInt32LE(size, p + 24);
      const local = out.readUInt32LE(p + 42);
      out.writeUInt32LE(size, local + 22);
      return out;
    }
    p += 46 + nameLength + out.readUInt16LE(p + 30) + out.readUInt16LE(p + 32);
  }
  throw new Error(`no entry ${entryName}`);
}
