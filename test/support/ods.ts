import { parse } from 'csv-parse/sync';
import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';

/** A cell read back from a spreadsheet: text, a number, a date (an instant) or empty. */
export type ReadCell = string | number | Date | null;

export interface OdsReadBack {
  /** Entry names in the order the archive holds them */
  entries: string[];
  /** The `mimetype` entry is the first one, stored (not deflated), without extra fields */
  mimetypeFirstAndStored: boolean;
  mimetype: string;
  manifest: string;
  sheets: { name: string; rows: ReadCell[][] }[];
  /** office:value-type of each cell, same shape as rows */
  types: (string | null)[][][];
}

interface Entry {
  name: string;
  compressionMethod: number;
  extraFieldLength: number;
  body: Buffer;
}

function unzip(file: Buffer): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(file, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('not a zip'));
      const out: Entry[] = [];
      zip.on('error', reject);
      zip.on('end', () => resolve(out));
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            out.push({
              name: entry.fileName,
              compressionMethod: entry.compressionMethod,
              extraFieldLength: entry.extraFieldLength,
              body: Buffer.concat(chunks),
            });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/**
 * Reads an .ods the way an ODF consumer does: the package, then content.xml's tables. A date cell is
 * read as the Asia/Taipei wall-clock time it holds (the exports write Taipei time).
 */
export async function readOds(file: Buffer): Promise<OdsReadBack> {
  const entries = await unzip(file);
  const first = entries[0];
  const content = entries.find((e) => e.name === 'content.xml');
  if (!content) throw new Error('content.xml missing');
  const sheets: OdsReadBack['sheets'] = [];
  const types: OdsReadBack['types'] = [];
  let row: ReadCell[] | null = null;
  let rowTypes: (string | null)[] = [];
  let cell: { type: string | null; value: string | undefined; date: string | undefined; text: string | undefined; repeat: number } | null =
    null;
  let paragraphs: string[] = [];
  let inP = false;
  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', (tag) => {
    const a = tag.attributes as Record<string, string>;
    if (tag.name === 'table:table') {
      sheets.push({ name: a['table:name'], rows: [] });
      types.push([]);
    } else if (tag.name === 'table:table-row') {
      row = [];
      rowTypes = [];
    } else if (tag.name === 'table:table-cell' || tag.name === 'table:covered-table-cell') {
      cell = {
        type: a['office:value-type'] ?? null,
        value: a['office:value'],
        date: a['office:date-value'],
        text: a['office:string-value'],
        repeat: Number(a['table:number-columns-repeated'] ?? 1),
      };
      paragraphs = [];
    } else if (tag.name === 'text:p') {
      inP = true;
      paragraphs.push('');
    } else if (tag.name === 'text:s' && inP) {
      paragraphs[paragraphs.length - 1] += ' '.repeat(Number(a['text:c'] ?? 1));
    } else if (tag.name === 'text:tab' && inP) {
      paragraphs[paragraphs.length - 1] += '\t';
    } else if (tag.name === 'text:line-break' && inP) {
      paragraphs[paragraphs.length - 1] += '\n';
    }
  });
  parser.on('text', (t) => {
    // ODF white-space processing: runs of white space are one space (what <text:s/> is for).
    if (inP) paragraphs[paragraphs.length - 1] += t.replace(/[ \t\r\n]+/g, ' ');
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'text:p') inP = false;
    else if ((tag.name === 'table:table-cell' || tag.name === 'table:covered-table-cell') && cell && row) {
      const c = cell;
      const value: ReadCell =
        c.type === 'float' || c.type === 'percentage' || c.type === 'currency'
          ? Number(c.value)
          : c.type === 'date'
            ? new Date(`${c.date!.length === 10 ? `${c.date}T00:00:00` : c.date}+08:00`)
            : c.type === 'string'
              ? (c.text ?? paragraphs.join('\n'))
              : null;
      for (let i = 0; i < Math.min(c.repeat, 1000); i++) {
        row.push(value);
        rowTypes.push(c.type);
      }
      cell = null;
    } else if (tag.name === 'table:table-row' && row) {
      // Trailing empty cells are padding, not data.
      while (row.length && row[row.length - 1] === null) {
        row.pop();
        rowTypes.pop();
      }
      sheets[sheets.length - 1].rows.push(row);
      types[types.length - 1].push(rowTypes);
      row = null;
    }
  });
  parser.write(content.body.toString('utf8')).close();
  return {
    entries: entries.map((e) => e.name),
    mimetypeFirstAndStored: first?.name === 'mimetype' && first.compressionMethod === 0 && first.extraFieldLength === 0,
    mimetype: entries.find((e) => e.name === 'mimetype')?.body.toString('ascii') ?? '',
    manifest: entries.find((e) => e.name === 'META-INF/manifest.xml')?.body.toString('utf8') ?? '',
    sheets,
    types,
  };
}

/**
 * The cells an ODS export should hold when its CSV twin holds these: every cell text, '' an empty
 * cell, line breaks LF, trailing empty cells dropped (an ODS row has no trailing padding).
 */
export function odsOfCsv(csv: Buffer | string): ReadCell[][] {
  return (parse(csv, { bom: true, relax_column_count: true }) as string[][]).map((row) => {
    const cells: ReadCell[] = row.map((c) => (c === '' ? null : c.replace(/\r\n?/g, '\n')));
    while (cells.length && cells[cells.length - 1] === null) cells.pop();
    return cells;
  });
}
