import { getRepositoryToken } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import * as iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UnitKind } from '@tunedesk/contracts';
import { Repository } from 'typeorm';
import { startTestApp } from '../../../../test/support/app';
import { DATABASE_KINDS, TestDatabase } from '../../../../test/support/databases';
import { AuditEventEntity } from '../audit/audit-event.entity';
import { systemActor } from '../common/actor';
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
  let auditRows: Repository<AuditEventEntity>;
  let close: () => Promise<void>;

  beforeAll(async () => {
    db = await create();
    const t = await startTestApp(db);
    const app = t.app;
    org = app.get(OrgService);
    units = app.get(UnitsRepository);
    repo = app.get(getRepositoryToken(UnitEntity));
    auditRows = app.get(getRepositoryToken(AuditEventEntity));
    close = () => app.close();
  });

  afterAll(async () => {
    await close?.();
    await db?.drop();
  });

  beforeEach(async () => {
    await repo.createQueryBuilder().delete().execute();
  });

  it('creates the 12 units of sections.csv with their categories, duties and districts', async () => {
    const s = await org.importUnits(sections, 'sections.csv');
    expect(s).toMatchObject({ encoding: 'utf-8', created: 12, updated: 0, unchanged: 0, rejected: 0 });
    expect(await units.count()).toBe(12);
    const ht = await units.findByCode('HT');
    expect(ht).toMatchObject({
      name: '房屋稅科',
      kind: '科',
      parentCode: null,
      categories: '房屋稅、契稅',
      duties: '房屋稅、契稅、房屋現值、房屋稅籍',
      districts: '',
      active: true,
    });
    const list = await org.listUnits();
    expect(list.find((u) => u.code === 'CT')?.categories).toEqual(['使用牌照稅', '娛樂稅', '印花稅']);
    const leg = list.find((u) => u.code === 'LEG')!;
    expect(leg.duties).toHaveLength(9);
    expect(leg.duties).toEqual(expect.arrayContaining(['行政救濟', '復查', '限制出境', '違章罰鍰']));
    expect(leg.districts).toEqual([]);
    expect(list.find((u) => u.code === 'ZL')).toMatchObject({ categories: [], duties: [], districts: ['中壢區', '平鎮區', '觀音區'] });
    // The longest list of the sample, with a keyword that has a space in it, comes back whole and in order.
    const svc = list.find((u) => u.code === 'SVC')!;
    expect(svc.duties).toHaveLength(15);
    expect(svc.duties?.slice(8, 10)).toEqual(['Facebook 粉絲專頁', 'LINE 官方帳號']);
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

  it('reads a file without 業務職掌 and 轄區 as empty lists, and a later file without them keeps what was imported', async () => {
    const older = readFileSync(join(FIXTURES, 'ok/sections-without-duties.csv'));
    expect(await org.importUnits(older, 'sections-without-duties.csv')).toMatchObject({ created: 12, rejected: 0 });
    const bare = await org.listUnits();
    expect(bare).toHaveLength(12);
    for (const unit of bare) expect(unit).toMatchObject({ duties: [], districts: [] });
    expect(bare.find((u) => u.code === 'HT')?.categories).toEqual(['房屋稅', '契稅']);

    // Every unit of the sample has duties or districts: all 12 change.
    expect(await org.importUnits(sections, 'sections.csv')).toMatchObject({ created: 0, updated: 12, unchanged: 0 });
    // A file that has no such column says nothing about it.
    expect(await org.importUnits(older, 'sections-without-duties.csv')).toMatchObject({ created: 0, updated: 0, unchanged: 12 });
    expect((await org.getUnit('YM')).districts).toEqual(['楊梅區', '新屋區']);

    // A column that is there but empty does clear the list.
    const cleared = Buffer.from(sections.toString('utf8').replace('楊梅區、新屋區', ''));
    expect(await org.importUnits(cleared, 'sections.csv')).toMatchObject({ updated: 1, unchanged: 11 });
    expect((await org.getUnit('YM')).districts).toEqual([]);
  });

  it('finds 業務職掌 and 轄區 under their aliases, in any column order', async () => {
    const file = Buffer.from('單位代碼,服務轄區,單位名稱,職掌,類型\nZL,中壢區、平鎮區,中壢分局,地價稅 、 房屋稅,分局\n');
    expect(await org.importUnits(file, 'aliases.csv')).toMatchObject({ created: 1, rejected: 0 });
    expect(await org.getUnit('ZL')).toMatchObject({ duties: ['地價稅', '房屋稅'], districts: ['中壢區', '平鎮區'] });
  });

  it('refuses a 業務職掌 or 轄區 keyword over 32 characters, naming row and column, and writes nothing', async () => {
    const file = readFileSync(join(FIXTURES, 'not-ok/long-keywords.csv'));
    const error = await rejectionOf(org.importUnits(file, 'long-keywords.csv'));
    expect(error.code).toBe('IMPORT_TOO_MANY_REJECTED');
    expect(error.details?.map((d) => [d.row, d.column])).toEqual([
      [3, '業務職掌'],
      [4, '轄區'],
    ]);
    expect(error.details?.[0].reason).toContain('欠稅案件移送行政執行分署');
    expect(error.details?.[0].reason).toContain('超過 32 字');
    expect(error.details?.[0].reason).toContain('a duties keyword is longer than 32 characters');
    expect(error.details?.[1].reason).toContain('a districts keyword is longer than 32 characters');
    expect(await units.count()).toBe(0);

    const kept = await org.importUnits(file, 'long-keywords.csv', 1);
    expect(kept).toMatchObject({ created: 2, rejected: 2 });
    expect((await org.listUnits()).map((u) => u.code)).toEqual(['HT', 'YM']);
  });

  it('refuses 業務職掌 longer than 1000 characters in all, though each keyword is short', async () => {
    // 40 keywords of 25 characters: 40 × 25 + 39 separators = 1039.
    const many = Array.from({ length: 40 }, (_, i) => `第${String(i).padStart(2, '0')}項業務${'職'.repeat(19)}`);
    const file = Buffer.from(`單位代碼,單位名稱,類型,業務職掌\nLEG,法務科,科,${many.join('、')}\nHT,房屋稅科,科,房屋稅\n`);
    const s = await org.importUnits(file, 'many-duties.csv', 1);
    expect(s).toMatchObject({ created: 1, rejected: 1 });
    expect(s.rejectedLines).toEqual([{ row: 2, column: '業務職掌', reason: expect.stringContaining('1039') }]);
    expect(s.rejectedLines[0].reason).toContain('more than 1000');
    // 38 of them (38 × 25 + 37 = 987) fit the column.
    const fits = Buffer.from(`單位代碼,單位名稱,類型,業務職掌\nLEG,法務科,科,${many.slice(0, 38).join('、')}\n`);
    expect(await org.importUnits(fits, 'many-duties.csv')).toMatchObject({ created: 1, rejected: 0 });
    expect((await org.getUnit('LEG')).duties).toEqual(many.slice(0, 38));
  });

  it('edits duties and districts through the service, refusing an over-long list, and records the change', async () => {
    await org.importUnits(sections, 'sections.csv');
    const admin = systemActor('test');
    const after = await org.updateUnit(admin, 'ZL', { districts: ['中壢區', '平鎮區', '觀音區', '新屋區'], duties: ['地價稅'] });
    expect(after).toMatchObject({ duties: ['地價稅'], districts: ['中壢區', '平鎮區', '觀音區', '新屋區'] });
    expect(await units.findByCode('ZL')).toMatchObject({ duties: '地價稅', districts: '中壢區、平鎮區、觀音區、新屋區' });
    const trail = await auditRows.find({ where: { action: 'unit.update', targetId: 'ZL' } });
    expect(trail).toHaveLength(1);
    expect(JSON.parse(trail[0].changes!)).toEqual([
      { field: 'duties', before: [], after: ['地價稅'] },
      { field: 'districts', before: ['中壢區', '平鎮區', '觀音區'], after: ['中壢區', '平鎮區', '觀音區', '新屋區'] },
    ]);
    // The same lists again change nothing and record nothing.
    await org.updateUnit(admin, 'ZL', { districts: ['中壢區', '平鎮區', '觀音區', '新屋區'] });
    expect(await auditRows.count({ where: { action: 'unit.update', targetId: 'ZL' } })).toBe(1);

    const tooLong = Array.from({ length: 40 }, (_, i) => `第${i}區${'區'.repeat(28)}`);
    const error = await rejectionOf(org.updateUnit(admin, 'ZL', { districts: tooLong }));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual([{ field: 'districts', reason: expect.stringContaining('more than 1000') }]);
    expect(error.messages['zh-TW']).toContain('轄區合計');
    expect((await org.getUnit('ZL')).districts).toHaveLength(4);

    const created = await org.createUnit(admin, { code: 'BD', name: '八德分局', kind: '分局', districts: ['八德區'] });
    expect(created).toMatchObject({ categories: [], duties: [], districts: ['八德區'] });
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
      duties: '',
      districts: '',
      active: true,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    const s = await org.importUnits(sections, 'sections.csv', 1);
    expect(s).toMatchObject({ created: 11, rejected: 1 });
    expect(s.rejectedLines).toEqual([{ row: 10, column: '單位名稱', reason: expect.stringContaining('OLD') }]);
  });
});
