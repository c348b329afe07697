import { Role } from '@tunedesk/contracts';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { DataSource } from 'typeorm';
import fc from 'fast-check';
import { makeUser, seedUnits, signedIn, startTestApp, type Client, type TestApp } from '../../../../../test/support/app';
import { DATABASE_KINDS, type TestDatabase } from '../../../../../test/support/databases';
import { OfficeCalendarProvider } from '../../calendar/office-calendar.provider';
import { KnowledgeService } from '../../knowledge/knowledge.service';
import { OrgService } from '../../org/org.service';
import { CycleService } from '../../reports/cycle.service';
import { ReportImportService } from '../../reports/report-import.service';
import { ReportsRepository } from '../../reports/reports.repository';
import { systemActor } from '../actor';
import { DomainError } from '../domain-error';

const ROOT = join(__dirname, '../../../../..');
const OFFICE = join(ROOT, 'test/fixtures/office');
const HOSTILE = join(ROOT, 'test/fixtures/import/hostile');
const actor = systemActor('test');
const office = (name: string) => readFileSync(join(OFFICE, name));

/**
 * Files as offices save them, and files as attackers send them, through the
 * real import paths (services and HTTP routes) on a real database.
 */
describe.each(DATABASE_KINDS)('import boundaries on $kind', ({ create }) => {
  let db: TestDatabase;
  let t: TestApp;
  let admin: Client;
  let service: Client;
  let imports: ReportImportService;
  const scratch = mkdtempSync(join(tmpdir(), 'tunedesk-boundaries-'));
  let n = 0;

  async function importReport(file: string | Buffer, fileName: string, options: { month?: string; replace?: boolean } = {}) {
    const temp = join(scratch, `${++n}-${fileName}`);
    if (typeof file === 'string') copyFileSync(file, temp);
    else writeFileSync(temp, file);
    const queued = await imports.submit(actor, { tempPath: temp, fileName }, options);
    for (let i = 0; i < 1200; i++) {
      const current = await imports.get(queued.id);
      if (!['queued', 'processing'].includes(current.status)) return current;
      await sleep(25);
    }
    throw new Error(`import ${queued.id} did not finish`);
  }

  const messagesOf = async (importId: number) =>
    (await t.app.get(ReportsRepository).messages.find({ where: { importId }, order: { rowNo: 'ASC' } })).map((m) => ({
      row: m.rowNo,
      askedAt: m.askedAt?.toISOString() ?? null,
      month: m.month,
      session: m.sessionId,
      channel: m.channel,
      question: m.question,
      type: m.responseType,
      item: m.kbItemId,
      confidence: m.confidence,
    }));

  beforeAll(async () => {
    db = await create();
    t = await startTestApp(db, { FILES_DIR: join(scratch, 'files') });
    await seedUnits(t);
    await makeUser(t, { account: 'admin', unitCode: 'IT', roles: [Role.SystemAdmin] });
    await makeUser(t, { account: 'svc', unitCode: 'SVC', roles: [Role.ServiceSection] });
    admin = await signedIn(t, 'admin');
    service = await signedIn(t, 'svc');
    imports = t.app.get(ReportImportService);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  }, 60_000);

  describe('LibreOffice Calc files import exactly as their CSV', () => {
    it.each(['xlsx', 'ods', 'xls'])('units (format 8) as .%s: the CSV imported first, the office file changes nothing', async (ext) => {
      const org = t.app.get(OrgService);
      await org.importUnits(office('sections.csv'), 'sections.csv');
      const again = await org.importUnits(office(`sections.${ext}`), `sections.${ext}`);
      expect(again).toMatchObject({ created: 0, updated: 0, rejected: 0 });
      expect(again.unchanged).toBe(12);
    });

    it.each(['xlsx', 'ods', 'xls'])('bank (format 3) as .%s: same items, nothing changed', async (ext) => {
      const kb = t.app.get(KnowledgeService);
      const first = await kb.import(actor, office('kb.csv'), 'kb.csv');
      expect(first.rejected).toBe(0);
      const again = await kb.import(actor, office(`kb.${ext}`), `kb.${ext}`);
      expect(again).toMatchObject({ created: 0, updated: 0, rejected: 0 });
      expect(again.unchanged).toBe(36);
    });

    it.each(['xlsx', 'ods', 'xls'])('calendar (format 7) as .%s: the same 365 days and holidays', async (ext) => {
      const calendar = t.app.get(OfficeCalendarProvider);
      await calendar.import(actor, office('calendar-2026.csv'), 'calendar-2026.csv');
      const fromCsv = await calendar.year(2026);
      const result = await calendar.import(actor, office(`calendar-2026.${ext}`), `calendar-2026.${ext}`);
      expect(result).toMatchObject({ years: [2026], days: 365 });
      expect(await calendar.year(2026)).toEqual(fromCsv);
      expect(fromCsv.filter((d) => d.isHoliday).length).toBeGreaterThan(100);
    });

    it('report month (format 1) as .xlsx, .ods, .xls: the same messages, the 23:59:59 row in September', async () => {
      const csv = await importReport(join(OFFICE, 'report-2026-09.csv'), 'report-2026-09.csv');
      expect(csv).toMatchObject({ status: 'completed', month: '2026-09', accepted: 61, rejected: 0 });
      const expected = await messagesOf(csv.id);
      const last = expected[expected.length - 1];
      expect(last).toMatchObject({ month: '2026-09', row: 62 });
      expect(last.askedAt).toBe('2026-09-30T15:59:59.000Z'); // 23:59:59 in Taipei
      for (const ext of ['xlsx', 'ods', 'xls']) {
        const r = await importReport(join(OFFICE, `report-2026-09.${ext}`), `report-2026-09.${ext}`, { replace: true });
        expect({ ext, status: r.status, month: r.month, accepted: r.accepted, rejected: r.rejected, encoding: r.encoding }).toEqual({
          ext,
          status: 'completed',
          month: '2026-09',
          accepted: 61,
          rejected: 0,
          encoding: ext,
        });
        expect(await messagesOf(r.id)).toEqual(expected);
      }
    }, 120_000);
  });

  describe('bad cells reject their rows, not the file', () => {
    it('a 200,000-character question in row 8 of a 40-row report rejects only row 8', async () => {
      const header = '提問時間,會話編號,管道,使用者問句,回應類型,題目編號,標準問句,信心分數,評價,轉真人';
      const rows = Array.from({ length: 40 }, (_, i) => {
        const question = i + 2 === 8 ? 'x'.repeat(200_000) : `請問房屋稅第${i + 2}題`;
        return `2026-08-${String((i % 28) + 1).padStart(2, '0')} 10:00:00,S${i},官網,${question},未能回答,,,,,N`;
      });
      const r = await importReport(Buffer.from([header, ...rows].join('\r\n')), 'long-question.csv');
      expect(r).toMatchObject({ status: 'completed', accepted: 39, rejected: 1, month: '2026-08' });
      const rejected = await imports.rejected(r.id);
      expect(rejected.lines).toHaveLength(1);
      expect(rejected.lines[0]).toMatchObject({ row: 8, column: '使用者問句' });
      expect(rejected.lines[0].reason).toContain('32,767');
    }, 60_000);

    it('NUL characters in a bank row reject that row with its row and column, and never reach the bank', async () => {
      const csv = office('kb.csv').toString('utf8').split(/\r?\n/);
      const headers = csv[0].split(',');
      const category = headers.findIndex((h) => /分類/.test(h));
      expect(category).toBeGreaterThanOrEqual(0);
      const cells = csv[1].split(',');
      cells[category] = '\u0000\u0000';
      const file = Buffer.from([csv[0], cells.join(','), ...csv.slice(2)].join('\n'));
      const res = await admin.upload('/api/kb/import', 'file', file, 'kb-nul.csv');
      expect(res.status).toBe(200);
      expect(res.body.rejected).toBe(1);
      expect(res.body.rejectedLines[0]).toMatchObject({ row: 2, column: headers[category] });
      expect(res.body.rejectedLines[0].reason).toContain('U+0000');
      const items = await t.app.get(KnowledgeService).allItems();
      expect(items.some((i) => JSON.stringify(i).includes('\u0000'))).toBe(false);
    });
  });

  it('a mutated bank file (truncated, bytes flipped or inserted) is imported or refused whole, never half-written', async () => {
    const kb = t.app.get(KnowledgeService);
    const data = t.app.get(DataSource);
    const count = async () => {
      const rows = (await data.query(
        'SELECT (SELECT COUNT(*) FROM kb_item) AS items, (SELECT COUNT(*) FROM kb_item_version) AS versions, (SELECT COUNT(*) FROM kb_alternate) AS alternates',
      )) as { items: number | string; versions: number | string; alternates: number | string }[];
      return { items: Number(rows[0].items), versions: Number(rows[0].versions), alternates: Number(rows[0].alternates) };
    };
    const seeds = ['kb.csv', 'kb.xlsx', 'kb.ods', 'kb.xls'].map((f) => [f, office(f)] as const);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: seeds.length - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom('truncate', 'flip', 'insert'),
        fc.integer({ min: 1, max: 255 }),
        async (seed, where, kind, byte) => {
          const [name, original] = seeds[seed];
          const at = Math.min(original.length - 1, Math.floor(original.length * where));
          const file =
            kind === 'truncate'
              ? original.subarray(0, at)
              : kind === 'flip'
                ? Buffer.from(original).fill(original[at] ^ byte, at, at + 1)
                : Buffer.concat([original.subarray(0, at), Buffer.from([byte, byte ^ 0x80]), original.subarray(at)]);
          const before = await count();
          try {
            const result = await kb.import(actor, file, name);
            const after = await count();
            // Written: exactly the items the summary reports as created, and a version for each created or updated one.
            expect(after.items - before.items).toBe(result.created);
            expect(after.versions - before.versions).toBe(result.created + result.updated);
          } catch (error) {
            expect(error).toBeInstanceOf(DomainError);
            expect(await count()).toEqual(before);
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 300_000);

  describe('hostile files are refused quickly by every import route, the server answering throughout', () => {
    /** Sends the upload while /api/health is asked every 50 ms; returns the response, the time taken and the health answers. */
    async function whileHealthy(upload: () => Promise<request.Response>) {
      const rssBefore = process.memoryUsage().rss;
      let rssPeak = rssBefore;
      let done = false;
      const health: { status: number; ms: number }[] = [];
      const poll = (async () => {
        while (!done) {
          const started = Date.now();
          const res = await request(t.server()).get('/api/health');
          health.push({ status: res.status, ms: Date.now() - started });
          rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
          await sleep(50);
        }
      })();
      const started = Date.now();
      const res = await upload();
      const ms = Date.now() - started;
      done = true;
      await poll;
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      return { res, ms, health, rssGrowth: rssPeak - rssBefore };
    }

    const hostile = [
      ['cells-24m.xlsx', readFileSync(join(HOSTILE, 'cells-24m.xlsx'))],
      ['xml-1gb.xlsx', readFileSync(join(HOSTILE, 'xml-1gb.xlsx'))],
      ['columns-1m.csv', Buffer.from(`${'欄,'.repeat(1_000_000)}\n1\n`)],
    ] as const;

    it.each(hostile)(
      '%s to the bank, reconcile and calendar imports',
      async (name, file) => {
        // Reconciling needs a month's cycle: the September report makes one (once).
        if (!(await t.app.get(CycleService).findByMonth('2026-09')))
          await importReport(join(OFFICE, 'report-2026-09.csv'), 'report-2026-09.csv');
        const cycle = await t.app.get(CycleService).findByMonth('2026-09');
        expect(cycle).toBeTruthy();
        for (const [client, path] of [
          [admin, '/api/kb/import'],
          [service, `/api/cycles/${cycle!.id}/reconcile`],
          [admin, '/api/calendar/import'],
        ] as const) {
          const { res, ms, health, rssGrowth } = await whileHealthy(() => client.upload(path, 'file', file, name));
          expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 413, code: 'FILE_LIMIT_EXCEEDED' });
          expect(res.body.message.en).toMatch(/TABULAR_REFERENCE_MAX_/);
          expect(res.body.message['zh-TW']).toContain('整個檔案未匯入');
          expect(ms).toBeLessThan(2000);
          expect(rssGrowth).toBeLessThan(100 * 1024 * 1024);
          expect(health.length).toBeGreaterThan(0);
          expect(health.every((h) => h.status === 200)).toBe(true);
        }
      },
      60_000,
    );

    it.each(hostile)(
      '%s to the monthly report import: refused, the limit named, nothing kept',
      async (name, file) => {
        const { res, health } = await whileHealthy(() => service.upload('/api/reports/imports', 'file', file, name, { month: '2026-07' }));
        expect(res.status).toBe(202);
        let current = res.body;
        for (let i = 0; i < 400 && ['queued', 'processing'].includes(current.status); i++) {
          await sleep(25);
          current = (await service.get(`/api/reports/imports/${res.body.id}`)).body;
        }
        expect(current).toMatchObject({ status: 'refused', errorCode: 'FILE_LIMIT_EXCEEDED' });
        expect(current.errorMessage).toMatch(/TABULAR_MAX_/);
        expect(await t.app.get(ReportsRepository).messages.countBy({ importId: res.body.id })).toBe(0);
        expect(health.every((h) => h.status === 200)).toBe(true);
      },
      60_000,
    );
  });
});
