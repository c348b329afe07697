import { getRepositoryToken } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import * as iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UnitKind } from '@tunedesk/contracts';
import { Repository } from 'typeorm';
import { startTestApp } from '../../../../test/support/app';
import { DATABASE_KINDS, TestDatabase } from '../../../../test/support/databases';
import { DomainError } from '../common/domain-error';
import { OrgService } from './org.service';
import { UnitEntity } from './unit.entity';
import { UnitsRepository } from './units.repository';

const FIXTURES = join(__dirname, '../../../../test/fixtures/org');
const sections = readFileSync(join(FIXTURES, 'ok/sections.csv'));

async function rejectionOf(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the import to be refused');
}

describe.each(DATABASE_KINDS)('org import on $kind', ({ create }) => {
  let db: TestDatabase;
  let org: OrgService;
  let units: UnitsRepository;
  let repo: Repository<UnitEntity>;
  let close: () => Promise<void>;

  beforeAll(async () => {
    db = await create();
    const t = await startTestApp(db);
    const app = t.app;
    org = app.get(OrgService);
    units = app.get(UnitsRepository);
    repo = app.get(getRepositoryToken(UnitEntity));
    close = () => app.close();
  });

  afterAll(async () => {
    await close?.();
    await db?.drop();
  });

  beforeEach(async () => {
    await repo.createQueryBuilder().delete().execute();
  });

  it('creates the 12 units of sections.csv with their categories', async () => {
    const s = await org.importUnits(sections, 'sections.csv');
    expect(s).toMatchObject({ encoding: 'utf-8', created: 12, updated: 0, unchanged: 0, rejected: 0 });
    expect(await units.count()).toBe(12);
    const ht = await units.findByCode('HT');
    expect(ht).toMatchObject({ name: '房屋稅科', kind: '科', parentCode: null, categories: '房屋稅、契稅', active: true });
    const list = await org.listUnits();
    expect(list.find((u) => u.code === 'CT')?.categories).toEqual(['使用牌照稅', '娛樂稅', '印花稅']);
    expect(
      list
        .filter((u) => u.kind === '分局')
        .map((u) => u.code)
        .sort(),
    ).toEqual(['DX', 'LZ', 'YM', 'ZL']);
  });

  it('changes nothing when the same file is imported twice', async () => {
    await org.importUnits(sections, 'sections.csv');
    const before = await repo.find({ order: { code: 'ASC' } });
    const again = await org.importUnits(sections, 'sections.csv');
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 12, rejected: 0 });
    expect(await repo.find({ order: { code: 'ASC' } })).toEqual(before);
  });

  it('updates a renamed unit and reports it', async () => {
    await org.importUnits(sections, 'sections.csv');
    const edited = Buffer.from(sections.toString('utf8').replace('法務科', '法務行政科'));
    expect(await org.importUnits(edited, 'sections.csv')).toMatchObject({ created: 0, updated: 1, unchanged: 11 });
    expect((await units.findByCode('LEG'))?.name).toBe('法務行政科');
  });

  it('refuses a file with a missing header, naming it, and writes nothing', async () => {
    const file = readFileSync(join(FIXTURES, 'not-ok/missing-kind-header.csv'));
    const error = await rejectionOf(org.importUnits(file, 'missing-kind-header.csv'));
    expect(error.code).toBe('IMPORT_HEADER_MISSING');
    expect(error.messages['zh-TW']).toContain('類型');
    expect(error.messages.en).toContain('類型 (kind)');
    expect(error.details).toEqual([{ file: 'missing-kind-header.csv', row: 1, column: '類型', reason: 'missing header' }]);
    expect(await units.count()).toBe(0);
  });

  it('refuses a file whose rejected rows pass the share, listing row and column, and writes nothing', async () => {
    const file = readFileSync(join(FIXTURES, 'not-ok/bad-rows.csv'));
    const error = await rejectionOf(org.importUnits(file, 'bad-rows.csv'));
    expect(error.code).toBe('IMPORT_TOO_MANY_REJECTED');
    expect(error.details?.map((d) => [d.row, d.column])).toEqual([
      [3, '類型'],
      [4, '單位代碼'],
      [5, '單位代碼'],
    ]);
    expect(await units.count()).toBe(0);
  });

  it('keeps the good rows when the rejected share is within the limit', async () => {
    const file = readFileSync(join(FIXTURES, 'not-ok/bad-rows.csv'));
    const s = await org.importUnits(file, 'bad-rows.csv', 1);
    expect(s).toMatchObject({ created: 2, rejected: 3 });
    expect(s.rejectedLines.map((r) => r.row)).toEqual([3, 4, 5]);
  });

  it('reads the same units from Big5, UTF-16LE, tab-separated and XLSX files', async () => {
    const text = sections.toString('utf8').replace(/^\uFEFF/, '');
    const big5 = await org.importUnits(iconv.encode(text, 'cp950'), 'sections-big5.csv');
    expect(big5).toMatchObject({ encoding: 'big5', created: 12 });
    const utf16 = await org.importUnits(
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/,/g, '\t'), 'utf16le')]),
      'sections.txt',
    );
    expect(utf16).toMatchObject({ encoding: 'utf-16le', unchanged: 12 });
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('單位');
    for (const line of text.split(/\r?\n/).filter(Boolean)) sheet.addRow(line.split(','));
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await org.importUnits(xlsx, 'sections.xlsx')).toMatchObject({ encoding: 'xlsx', unchanged: 12, rejected: 0 });
  });

  it('rolls the whole import back when a write fails midway', async () => {
    // Fault injection: the fifth insert fails as a full disk would; the first four must not stay.
    const original = Repository.prototype.insert;
    let calls = 0;
    const spy = jest.spyOn(Repository.prototype, 'insert').mockImplementation(function (this: Repository<UnitEntity>, ...args) {
      if (++calls === 5) throw new Error('disk full');
      return original.apply(this, args);
    });
    try {
      await expect(org.importUnits(sections, 'sections.csv')).rejects.toThrow('disk full');
    } finally {
      spy.mockRestore();
    }
    expect(calls).toBe(5);
    expect(await units.count()).toBe(0);
  });

  it('rejects a row whose name another unit already has', async () => {
    await repo.insert({
      code: 'OLD',
      name: '中壢分局',
      kind: UnitKind.Branch,
      parentCode: null,
      categories: '',
      active: true,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    const s = await org.importUnits(sections, 'sections.csv', 1);
    expect(s).toMatchObject({ created: 11, rejected: 1 });
    expect(s.rejectedLines).toEqual([{ row: 10, column: '單位名稱', reason: expect.stringContaining('OLD') }]);
  });
});
