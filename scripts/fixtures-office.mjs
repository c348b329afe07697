// Office-written fixtures: LibreOffice Calc (headless) opens chosen CSV fixtures and saves them as
// .xlsx, .ods and .xls, exactly as Calc writes them, into test/fixtures/office/ beside their CSV source.
//
//   npm run fixtures:office            converts the fixtures whose CSV or options changed (or whose outputs are missing)
//   npm run fixtures:office -- --force converts them all again
//
// Every output is converted back to CSV by Calc and must equal its source cell for cell, and its cell
// types (date cells, numbers, text) must be the ones listed below; otherwise nothing is written.
// Calc stamps the time of saving into each file, so outputs are kept unless their source changed: a
// second run leaves the tree as it was (manifest.json records what each output was made from).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import * as XLSX from '@e965/xlsx';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIR = join(ROOT, 'test/fixtures/office');
const MANIFEST = join(DIR, 'manifest.json');

// Column formats for Calc's CSV import (token 5): 1 standard, 2 text. A column goes to text only when
// Calc would otherwise turn its text into a number or date that does not read back the same.
const FIXTURES = [
  {
    name: 'report-2026-09',
    format: '1. Conversation log (對話紀錄)',
    origin:
      'rows of test/fixtures/reports/ok/report-2026-09.csv (every 8th data row and every row with a line break in a cell, source order), ' +
      'plus one added last row asked at 2026-09-30 23:59:59, the last second of the month; the one line break ' +
      'inside a cell that the source wrote as CRLF is LF here, as Calc keeps line breaks in cells (it reads back LF)',
    textColumns: [],
    types: { 提問時間: 'date', 信心分數: 'number' },
  },
  {
    name: 'kb',
    format: '3. Knowledge base (題庫)',
    origin: 'copy of test/fixtures/kb/ok/kb.csv',
    textColumns: [],
    types: {},
  },
  {
    name: 'calendar-2026',
    format: '7. Office calendar (政府行政機關辦公日曆表)',
    origin: 'copy of test/fixtures/calendar/calendar-2026.csv',
    textColumns: [],
    types: { 西元日期: 'number', 是否放假: 'number' },
  },
  {
    name: 'sections',
    format: '8. Organisation units (組織單位)',
    origin: 'copy of test/fixtures/org/ok/sections.csv',
    textColumns: [],
    types: {},
  },
];

const TARGETS = [
  { ext: 'xlsx', filter: 'Calc MS Excel 2007 XML' },
  { ext: 'ods', filter: 'calc8' },
  { ext: 'xls', filter: 'MS Excel 97' },
];

// CSV import options: comma (44), double quote (34), UTF-8 (76), from line 1, column formats,
// language en-US (1033), quoted fields not forced to text, detect special numbers on (ISO date-times
// become date cells), trailing export-only tokens, evaluate formulas off.
function csvImportFilter(textColumns) {
  const columns = textColumns.map((c) => `${c}/2`).join('/');
  return `Text - txt - csv (StarCalc):44,34,76,1,${columns},1033,false,true,false,false,false,-1,false`;
}
// CSV export for the read-back: comma, double quote, UTF-8, cells as shown (dates in their own format).
const CSV_EXPORT = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,true,false,false';

function fail(message) {
  console.error(`fixtures:office: ${message}`);
  process.exit(1);
}

function findSoffice() {
  if (process.env.SOFFICE) return existsSync(process.env.SOFFICE) ? process.env.SOFFICE : undefined;
  const candidates = ['/usr/bin/soffice', '/usr/local/bin/soffice', '/opt/libreoffice/program/soffice'];
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir) candidates.push(join(dir, 'soffice'));
  return candidates.find((c) => existsSync(c));
}

const sha256 = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');

function run(soffice, profile, args) {
  const full = [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--nologo', ...args];
  const r = spawnSync(soffice, full, { encoding: 'utf8', timeout: 180_000 });
  if (r.status !== 0) fail(`soffice ${full.join(' ')} exited ${r.status}: ${r.stderr || r.stdout}`);
  return full;
}

function readCsv(path) {
  return parse(readFileSync(path), { bom: true, relax_column_count: false, skip_empty_lines: false });
}

// The cell types of one workbook's first sheet, per header: date, number, text or empty.
function columnTypes(path) {
  const wb = XLSX.read(readFileSync(path), { cellNF: true, cellDates: false });
  const sheet = wb.Sheets[wb.SheetNames[0]];
  const range = XLSX.utils.decode_range(sheet['!ref']);
  const result = {};
  for (let c = range.s.c; c <= range.e.c; c++) {
    const header = sheet[XLSX.utils.encode_cell({ r: 0, c })]?.v;
    const kinds = new Set();
    let example;
    for (let r = 1; r <= range.e.r; r++) {
      const cell = sheet[XLSX.utils.encode_cell({ r, c })];
      if (!cell || cell.v === '') continue;
      const kind = cell.t === 'n' && cell.z && XLSX.SSF.is_date(cell.z) ? 'date' : cell.t === 'n' ? 'number' : 'text';
      kinds.add(kind);
      if (kind !== 'text') example ??= { cell: XLSX.utils.encode_cell({ r, c }), value: cell.v, format: cell.z ?? null };
    }
    result[header] = example ? { kinds: [...kinds].sort(), example } : { kinds: [...kinds].sort() };
  }
  return result;
}

function main() {
  const force = process.argv.includes('--force');
  const soffice = findSoffice();
  if (!soffice) {
    fail(
      'LibreOffice (soffice) was not found, so the office fixtures cannot be made.\n' +
        'Install it (Debian: apt-get install -y libreoffice-calc-nogui) or set SOFFICE=/path/to/soffice.',
    );
  }
  const version = spawnSync(soffice, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const manifest = existsSync(MANIFEST) ? JSON.parse(readFileSync(MANIFEST, 'utf8')) : { fixtures: {} };

  const stale = FIXTURES.filter((f) => {
    const csv = join(DIR, `${f.name}.csv`);
    if (!existsSync(csv)) fail(`missing CSV source ${csv}`);
    const was = manifest.fixtures[f.name];
    if (force || !was || was.csvSha256 !== sha256(csv) || was.importFilter !== csvImportFilter(f.textColumns)) return true;
    return TARGETS.some((t) => {
      const out = join(DIR, `${f.name}.${t.ext}`);
      return !existsSync(out) || was.outputs?.[t.ext]?.sha256 !== sha256(out);
    });
  });
  if (stale.length === 0) {
    console.log(`fixtures:office: all ${FIXTURES.length} fixtures are up to date (use --force to convert again)`);
    return;
  }

  const work = mkdtempSync(join(tmpdir(), 'fixtures-office-'));
  // fail() exits at once: remove the work directory (soffice profile, conversions) on any exit.
  process.on('exit', () => rmSync(work, { recursive: true, force: true }));
  const profile = join(work, 'profile');
  try {
    for (const f of stale) {
      const csv = join(DIR, `${f.name}.csv`);
      const src = join(work, 'src');
      const out = join(work, 'out');
      const back = join(work, 'back');
      mkdirSync(src, { recursive: true });
      copyFileSync(csv, join(src, `${f.name}.csv`));
      const filter = csvImportFilter(f.textColumns);
      for (const t of TARGETS) {
        run(soffice, profile, [
          `--infilter=${filter}`,
          '--convert-to',
          `${t.ext}:${t.filter}`,
          '--outdir',
          out,
          join(src, `${f.name}.csv`),
        ]);
      }

      const expected = readCsv(csv);
      const entry = {
        format: f.format,
        origin: f.origin,
        csvSha256: sha256(csv),
        rows: expected.length - 1,
        importFilter: filter,
        outputs: {},
      };
      for (const t of TARGETS) {
        const file = join(out, `${f.name}.${t.ext}`);
        if (!existsSync(file)) fail(`soffice wrote no ${file}`);
        // Read back: Calc converts its own output to CSV; it must equal the source.
        rmSync(back, { recursive: true, force: true });
        run(soffice, profile, ['--convert-to', CSV_EXPORT, '--outdir', back, file]);
        const actual = readCsv(join(back, `${f.name}.csv`));
        // In a number column only the number must survive: Calc shows 0.40 as 0.4.
        const numeric = expected[0].map((h) => f.types[h] === 'number');
        const same = (a, e, c) => a === e || (numeric[c] && e !== '' && Number(a) === Number(e));
        const rows = Math.max(actual.length, expected.length);
        for (let r = 0; r < rows; r++) {
          const a = actual[r] ?? [];
          const e = expected[r] ?? [];
          if (a.length !== e.length || e.some((v, c) => !same(a[c], v, c))) {
            fail(
              `${f.name}.${t.ext} reads back differently at row ${r + 1}:\n  source ${JSON.stringify(e)}\n  Calc   ${JSON.stringify(a)}`,
            );
          }
        }
        const types = columnTypes(file);
        for (const [header, { kinds }] of Object.entries(types)) {
          const want = f.types[header] ?? 'text';
          if (kinds.some((k) => k !== want)) fail(`${f.name}.${t.ext} column ${header}: cells are ${kinds.join('+')}, expected ${want}`);
        }
        entry.outputs[t.ext] = { sha256: sha256(file), columns: types };
      }
      for (const t of TARGETS) copyFileSync(join(out, `${f.name}.${t.ext}`), join(DIR, `${f.name}.${t.ext}`));
      entry.madeAt = new Date().toISOString();
      entry.soffice = version;
      manifest.fixtures[f.name] = entry;
      rmSync(src, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
      console.log(`fixtures:office: ${f.name}.csv -> ${TARGETS.map((t) => t.ext).join(', ')} (${entry.rows} rows, read back equal)`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }

  const ordered = { fixtures: Object.fromEntries(FIXTURES.map((f) => [f.name, manifest.fixtures[f.name]])) };
  writeFileSync(MANIFEST, `${JSON.stringify(ordered, null, 2)}\n`);
  writeFileSync(join(DIR, 'README.md'), readme(ordered));
  const unknown = readdirSync(DIR).filter(
    (n) => !/^(README\.md|manifest\.json)$/.test(n) && !FIXTURES.some((f) => n.startsWith(`${f.name}.`)),
  );
  if (unknown.length) console.log(`fixtures:office: note: files not made by this script: ${unknown.join(', ')}`);
}

function readme(manifest) {
  const lines = [
    '# Office-written fixtures',
    '',
    'Each `<name>.csv` here is the source of `<name>.xlsx`, `<name>.ods` and `<name>.xls`, which LibreOffice Calc',
    'wrote itself (headless `soffice --convert-to`, private profile). Made by `npm run fixtures:office`',
    '(`scripts/fixtures-office.mjs`); do not edit the office files by hand. To change one, edit its CSV and run the',
    'script again; it converts only what changed (`-- --force` converts everything) and refuses when',
    '`soffice` is missing (Debian: `apt-get install -y libreoffice-calc-nogui`).',
    '',
    'CSV import options: UTF-8, comma separated, double-quoted, language en-US, "Detect special numbers" on, formulas',
    'not evaluated; columns are left to Calc unless listed as text. So ISO date-times such as `2026-09-30 23:59:59`',
    'become date cells (xlsx: a numeric `<v>` with a `yyyy-mm-dd hh:mm:ss` number format; ods:',
    '`office:value-type="date"`; xls: a number with a date format), while ids, codes and ROC dates stay text.',
    'The script checks every output: Calc converts it back to CSV and it must equal the source cell for cell (in a',
    'number column as numbers: the source `0.40` is the number 0.4 and reads back `0.4`), and each column must hold',
    'only the cell types listed below (any other column: text only).',
    '',
    'The commands, for each `<name>` and with `<filter>` its import filter below (a fresh profile in `$TMP`):',
    '',
    '```sh',
    ...TARGETS.map(
      (t) =>
        `soffice -env:UserInstallation=file://"$TMP"/profile --headless --norestore --nologo --infilter='<filter>' --convert-to '${t.ext}:${t.filter}' --outdir "$TMP"/out <name>.csv`,
    ),
    `# read-back check, for each output:`,
    `soffice -env:UserInstallation=file://"$TMP"/profile --headless --norestore --nologo --convert-to '${CSV_EXPORT}' --outdir "$TMP"/back "$TMP"/out/<name>.<ext>`,
    '```',
    '',
    'File hashes and the cell types found in each output are in `manifest.json`.',
    '',
  ];
  for (const [name, f] of Object.entries(manifest.fixtures)) {
    lines.push(`## ${name}`, '');
    lines.push(`- Format: ${f.format}`);
    lines.push(`- Source: \`${name}.csv\`, ${f.origin}; ${f.rows} data rows (header is row 1)`);
    lines.push(`- Made: ${f.madeAt.slice(0, 10)} with ${f.soffice}`);
    const typed = Object.entries(f.outputs.xlsx.columns).filter(([, c]) => c.kinds.some((k) => k !== 'text'));
    lines.push(
      `- Non-text columns: ${typed.length ? typed.map(([h, c]) => `${h} (${c.kinds.join('+')}, e.g. ${c.example.cell} = ${c.example.value})`).join('; ') : 'none, every cell is text'}`,
    );
    lines.push(`- Import filter: \`${f.importFilter}\``, '');
  }
  return lines.join('\n');
}

main();
