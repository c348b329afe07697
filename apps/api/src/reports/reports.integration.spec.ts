import * as XLSX from '@e965/xlsx';
import { Role } from '@tunedesk/contracts';
import { parse } from 'csv-parse/sync';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { makeUser, seedUnits, signedIn, startTestApp, type TestApp } from '../../../../test/support/app';
import { odsOfCsv, readOds } from '../../../../test/support/ods';
import { DATABASE_KINDS, type TestDatabase } from '../../../../test/support/databases';
import { systemActor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { KnowledgeService } from '../knowledge/knowledge.service';
import { CycleService } from './cycle.service';
import { ReportImportService } from './report-import.service';
import { ReportsRepository } from './reports.repository';
import { ReportImportProcessor } from './report-import.processor';
import { NotificationsService } from '../notifications/notifications.service';
import { UsersRepository } from '../org/users.repository';

const ROOT = join(__dirname, '../../../..');
const REPORTS = join(ROOT, 'test/fixtures/reports/ok');
const NOT_OK = join(ROOT, 'test/fixtures/import/not-ok');
const actor = systemActor('test');

describe.each(DATABASE_KINDS)('monthly report import on $kind', ({ create }) => {
  let db: TestDatabase;
  let t: TestApp;
  let imports: ReportImportService;
  let cycles: CycleService;
  const scratch = mkdtempSync(join(tmpdir(), 'tunedesk-reports-'));
  let n = 0;

  /** Submits a copy of the file (the import moves it into the store) and waits for the job. */
  async function importFile(path: string, options: { month?: string; replace?: boolean; name?: string } = {}) {
    const temp = join(scratch, `${++n}-${options.name ?? path.split('/').pop()}`);
    copyFileSync(path, temp);
    const queued = await imports.submit(actor, { tempPath: temp, fileName: options.name ?? path.split('/').pop()! }, options);
    for (let i = 0; i < 600; i++) {
      const current = await imports.get(queued.id);
      if (!['queued', 'processing'].includes(current.status)) return current;
      await sleep(25);
    }
    throw new Error(`import ${queued.id} did not finish`);
  }

  async function refusal(promise: Promise<unknown>): Promise<DomainError> {
    try {
      await promise;
    } catch (error) {
      if (error instanceof DomainError) return error;
      throw error;
    }
    throw new Error('expected a refusal');
  }

  beforeAll(async () => {
    db = await create();
    t = await startTestApp(db, { FILES_DIR: join(scratch, 'files') });
    await seedUnits(t);
    for (const [account, unit] of [
      ['ht.a', 'HT'],
      ['ht.b', 'HT'],
      ['lv.a', 'LV'],
      ['svc.a', 'SVC'],
    ])
      await makeUser(t, { account, unitCode: unit, roles: [Role.KnowledgeContact] });
    await t.app.get(KnowledgeService).import(actor, readFileSync(join(ROOT, 'test/fixtures/kb/ok/kb.csv')), 'kb.csv');
    imports = t.app.get(ReportImportService);
    cycles = t.app.get(CycleService);
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('imports September with the expected counts by response type', async () => {
    const r = await importFile(join(REPORTS, 'report-2026-09.csv'));
    expect(r).toMatchObject({
      status: 'completed',
      month: '2026-09',
      kind: 'log',
      encoding: 'utf-8',
      accepted: 452,
      rejected: 0,
      progress: 100,
    });
    expect(r.byResponseType).toEqual({ answered: 272, suggested: 54, unanswered: 81, 'chit-chat': 27, invalid: 18 });
  });

  it('says "already imported" for the same file again and changes nothing', async () => {
    const again = await refusal(importFile(join(REPORTS, 'report-2026-09.csv')));
    expect(again.code).toBe('REPORT_DUPLICATE_FILE');
    expect(again.details?.[0].reason).toMatch(/import #\d+/);
  });

  it('builds the September cycle: clusters, suggestions, routing to a contact, ROC label, due date', async () => {
    const cycle = await cycles.findByMonth('2026-09');
    const dto = await cycles.get(cycle!.id);
    expect(dto.label).toBe('115年9月定期調校');
    expect(dto.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(dto.missCount).toBe(145);
    expect(dto.clusterCount).toBeGreaterThan(10);
    expect(dto.clusterCount).toBeLessThan(145);
    const clusters = await cycles.clusters(cycle!.id, {});
    expect(clusters[0].size).toBeGreaterThanOrEqual(clusters[clusters.length - 1].size);
    const routed = clusters.filter((c) => c.routedUnitCode === 'HT');
    expect(routed.length).toBeGreaterThan(0);
    expect(routed.every((c) => ['ht.a', 'ht.b'].includes(c.assigneeAccount!))).toBe(true);
    // Least loaded first: the two HT contacts share HT's clusters evenly.
    const a = routed.filter((c) => c.assigneeAccount === 'ht.a').length;
    expect(Math.abs(a - (routed.length - a))).toBeLessThanOrEqual(1);
    const detail = await cycles.cluster(clusters[0].id);
    expect(detail.wordings.reduce((s, w) => s + w.count, 0)).toBe(detail.size);
    expect(detail.examples.length).toBeGreaterThan(0);
  });

  it('gives the same clusters for the same misses (deterministic)', async () => {
    const cycle = await cycles.findByMonth('2026-09');
    const before = (await cycles.clusters(cycle!.id, {})).map((c) => [c.clusterNo, c.representative, c.size, c.routedUnitCode]);
    await cycles.rebuild('2026-09');
    const after = (await cycles.clusters(cycle!.id, {})).map((c) => [c.clusterNo, c.representative, c.size, c.routedUnitCode]);
    expect(after).toEqual(before);
  });

  it("imports October from the zh-TW Excel date form and marks September's misses as recurring", async () => {
    const r = await importFile(join(REPORTS, 'report-2026-10.csv'));
    expect(r).toMatchObject({ status: 'completed', month: '2026-10', accepted: 478, rejected: 0 });
    expect(r.byResponseType).toEqual({ answered: 287, suggested: 57, unanswered: 86, 'chit-chat': 29, invalid: 19 });
    const october = await cycles.get((await cycles.findByMonth('2026-10'))!.id);
    expect(october.label).toBe('115年10月定期調校');
    expect(october.recurringClusters).toBeGreaterThan(5);
    const recurring = await cycles.clusters(october.id, { recurring: true });
    expect(recurring.every((c) => c.recurringMonths === 2 && c.previousClusterId !== null)).toBe(true);
  });

  it('refuses a second October report unless asked to replace, then swaps it in atomically', async () => {
    const big5 = join(REPORTS, 'report-2026-10-big5.csv');
    const refused = await refusal(importFile(big5, { month: '2026-10' }));
    expect(refused.code).toBe('REPORT_MONTH_EXISTS');
    const replaced = await importFile(big5, { month: '2026-10', replace: true, name: 'report-2026-10-big5-b.csv' });
    expect(replaced).toMatchObject({ status: 'completed', encoding: 'big5', accepted: 50, rejected: 0 });
    expect(replaced.replacesImportId).not.toBeNull();
    expect((await imports.get(replaced.replacesImportId!)).status).toBe('superseded');
    const october = await cycles.get((await cycles.findByMonth('2026-10'))!.id);
    expect(october.importId).toBe(replaced.id);
  });

  it('imports the unanswered summary for a month given on the command', async () => {
    const r = await importFile(join(REPORTS, 'unanswered-summary-2026-10.csv'), { month: '2026-10' });
    expect(r).toMatchObject({ status: 'completed', kind: 'summary', accepted: 46, rejected: 0 });
    expect(r.byResponseType).toEqual({ unanswered: 86 });
  });

  it.each([
    ['no-header.csv', 'IMPORT_HEADER_MISSING'],
    ['wrong-format-kb.csv', 'IMPORT_HEADER_MISSING'],
    ['binary.csv', 'FILE_NOT_TABULAR'],
    ['unterminated-quote.csv', 'FILE_NOT_PARSABLE'],
  ])('refuses %s with %s and keeps nothing of it', async (file, code) => {
    const r = await importFile(join(NOT_OK, file));
    expect(r).toMatchObject({ status: 'refused', errorCode: code });
    expect(await t.app.get(ReportsRepository).messages.countBy({ importId: r.id })).toBe(0);
  });

  it('keeps the good rows when the rejected share is under 5 %, naming the bad row', async () => {
    const under = await importFile(join(NOT_OK, 'over-long-field-under-share.csv'));
    expect(under).toMatchObject({ status: 'completed', accepted: 39, rejected: 1 });
    expect((await imports.rejected(under.id)).lines).toEqual([{ row: 22, column: '使用者問句', reason: expect.stringContaining('500') }]);
    expect(await t.app.get(ReportsRepository).messages.countBy({ importId: under.id })).toBe(39);
  });

  it('refuses the whole file when the rejected share passes 5 %, listing each row', async () => {
    const over = await importFile(join(NOT_OK, 'bad-rows-over-share.csv'));
    expect(over).toMatchObject({ status: 'refused', errorCode: 'IMPORT_TOO_MANY_REJECTED', accepted: 10, rejected: 3 });
    expect((await imports.rejected(over.id)).lines.map((l) => [l.row, l.column])).toEqual([
      [12, '提問時間'],
      [13, '提問時間'],
      [14, '提問時間'],
    ]);
    expect(await t.app.get(ReportsRepository).messages.countBy({ importId: over.id })).toBe(0);

    // The rejected rows download as CSV, XLSX and ODS (issue 15), the same cells in each.
    await makeUser(t, { account: 'svc.rejected', unitCode: 'HT', roles: [Role.ServiceSection] });
    const svc = await signedIn(t, 'svc.rejected');
    const csv = await svc.download(`/api/reports/imports/${over.id}/rejected.csv`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const csvRows = parse(csv.body as Buffer, { bom: true }) as string[][];
    expect(csvRows.map((r) => r.slice(0, 2))).toEqual([
      ['列 row', '欄位 column'],
      ['12', '提問時間'],
      ['13', '提問時間'],
      ['14', '提問時間'],
    ]);
    const ods = await svc.download(`/api/reports/imports/${over.id}/rejected.ods`);
    expect(ods.status).toBe(200);
    expect(ods.headers['content-type']).toBe('application/vnd.oasis.opendocument.spreadsheet');
    expect(ods.headers['content-disposition']).toBe(`attachment; filename="import-${over.id}-rejected.ods"`);
    const back = await readOds(ods.body as Buffer);
    expect(back.mimetypeFirstAndStored).toBe(true);
    expect(back.sheets[0].rows).toEqual(odsOfCsv(csv.body as Buffer));
    const xlsx = await svc.download(`/api/reports/imports/${over.id}/rejected.xlsx`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = XLSX.read(xlsx.body as Buffer, { type: 'buffer' });
    expect(XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]], { header: 1, raw: false, defval: '' })).toEqual(csvRows);
  });

  it('stores every character of a question as typed: tabs, backslashes, quotes, line breaks, \\N and emoji', async () => {
    const odd = ['房屋稅\t怎麼繳', 'C:\\稅單\\N 路徑', '他說"可以"嗎', '第一行\n第二行', '地價稅 🏠 要繳嗎', '\\N'];
    const csv = [
      '提問時間,會話編號,管道,使用者問句,回應類型,題目編號,標準問句,信心分數,評價,轉真人',
      ...odd.map((q, i) => `2026-07-0${i + 1} 10:00:00,S${i},官網,"${q.replace(/"/g, '""')}",未能回答,,,0.1,,N`),
    ].join('\r\n');
    const path = join(scratch, 'odd-2026-07.csv');
    writeFileSync(path, csv);
    const r = await importFile(path);
    expect(r).toMatchObject({ status: 'completed', accepted: odd.length, rejected: 0, month: '2026-07' });
    const stored = await t.app.get(ReportsRepository).messages.find({ where: { importId: r.id }, order: { rowNo: 'ASC' } });
    expect(stored.map((m) => m.question)).toEqual(odd);
    expect(stored.map((m) => m.rowNo)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(stored[0].askedAt?.toISOString()).toBe('2026-07-01T02:00:00.000Z');
    expect(stored.every((m) => m.isMiss && m.feedback === null && m.kbItemId === null)).toBe(true);
  });

  it("keeps a cluster's channel list whole and valid, however long: 64 channel names of 32 characters (2,048) reach the cluster list", async () => {
    const channels = Array.from({ length: 64 }, (_, i) => `Vendor-Channel-${String(i).padStart(2, '0')}-${'x'.repeat(14)}`);
    expect(channels.join('').length).toBe(2048);
    const csv = [
      '提問時間,會話編號,管道,使用者問句,回應類型,題目編號,標準問句,信心分數,評價,轉真人',
      ...channels.map(
        (c, i) => `2026-05-${String((i % 28) + 1).padStart(2, '0')} 09:00:00,C${i},${c},使用牌照稅的繳費管道有哪些,未能回答,,,0.1,,N`,
      ),
    ].join('\r\n');
    const path = join(scratch, 'channels-2026-05.csv');
    writeFileSync(path, csv);
    expect(await importFile(path)).toMatchObject({ status: 'completed', accepted: 64, rejected: 0, month: '2026-05' });
    const cycle = await cycles.findByMonth('2026-05');
    const clusters = await cycles.clusters(cycle!.id, {});
    const cluster = clusters.find((c) => c.size === 64)!;
    expect(cluster.channels).toEqual([...channels].sort());
    expect(JSON.stringify(cluster.channels).length).toBeGreaterThan(2048);
    // The channel filter reads the same list.
    expect((await cycles.clusters(cycle!.id, { channel: channels[63] })).map((c) => c.id)).toEqual([cluster.id]);
  });

  it('marks an import failed after its last attempt (not before), keeps nothing of it and tells the uploader', async () => {
    const repo = t.app.get(ReportsRepository);
    const lost = await repo.imports.save(
      repo.imports.create({
        month: '2026-06',
        kind: 'log',
        fileName: 'lost.csv',
        filePath: join(scratch, 'no-such-file.csv'),
        sha256: 'f'.repeat(64),
        encoding: null,
        status: 'queued',
        stage: null,
        progress: 0,
        rowsRead: 0,
        accepted: 0,
        rejected: 0,
        byResponseType: null,
        rejectedLines: null,
        errorCode: null,
        errorMessage: null,
        replacesImportId: null,
        profileId: null,
        cancelRequested: false,
        createdBy: 'svc.a',
        createdAt: new Date(),
        finishedAt: null,
      }),
    );
    const processor = t.app.get(ReportImportProcessor);
    const context = (attempt: number) => ({ jobId: `import-${lost.id}`, attempt, progress: async () => undefined });
    await expect(processor.process({ importId: lost.id }, context(1))).rejects.toThrow(/no-such-file/);
    expect((await imports.get(lost.id)).status).toBe('processing');
    await expect(processor.process({ importId: lost.id }, context(3))).rejects.toThrow(/no-such-file/);
    expect(await imports.get(lost.id)).toMatchObject({ status: 'failed', errorCode: 'REPORT_IMPORT_FAILED' });
    const svc = (await t.app.get(UsersRepository).findByAccount('svc.a'))!;
    const inbox = await t.app.get(NotificationsService).list({ userId: svc.id } as never);
    expect(inbox.items.map((n) => n.kind)).toContain('report.failed');
  });

  it('keeps an always-open irregular cycle beside the monthly ones', async () => {
    const list = await cycles.list();
    const irregular = list.filter((c) => c.kind === 'irregular');
    expect(irregular).toHaveLength(1);
    expect(irregular[0]).toMatchObject({ label: '不定期調校', month: null, dueDate: null });
    expect((await cycles.list()).filter((c) => c.kind === 'irregular')).toHaveLength(1);
  });

  it('deletes report originals only after the retention period, keeping the import and auditing it', async () => {
    const september = (await imports.list()).find((i) => i.fileName === 'report-2026-09.csv')!;
    const path = (await t.app.get(ReportsRepository).findImport(september.id))!.filePath;
    expect(existsSync(path)).toBe(true);
    expect((await imports.purgeOriginals(actor)).deleted).toEqual([]);
    t.clock.advance({ days: 732 });
    const purged = await imports.purgeOriginals(actor);
    expect(purged.deleted).toContain(september.id);
    expect(existsSync(path)).toBe(false);
    expect(await imports.get(september.id)).toMatchObject({ status: 'completed', accepted: 452 });
    t.clock.advance({ days: -732 });
  });
});
