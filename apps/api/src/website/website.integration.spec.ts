import { getRepositoryToken } from '@nestjs/typeorm';
import { Role, type CorrectionDto, type ReviewFormDto } from '@tunedesk/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, type Repository } from 'typeorm';
import { PagesImportCommand } from '../cli/pages-import.command';
import { Client, makeUser, seedUnits, signedIn, startTestApp, type TestApp } from '../../../../test/support/app';
import { DATABASE_KINDS, type TestDatabase } from '../../../../test/support/databases';
import { AuditEventEntity } from '../audit/audit-event.entity';
import { OfficeCalendarProvider } from '../calendar/office-calendar.provider';
import { systemActor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { writeTable } from '../common/tabular/write-table';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { UsersRepository } from '../org/users.repository';
import { NotificationEntity } from '../tuning/tuning.entities';
import { PagesService } from './pages.service';
import { ReviewsService } from './reviews.service';
import { CorrectionEntity, ReviewEventEntity, ReviewFormEntity, ReviewRowEntity } from './website.entities';
import { WebsiteRetentionProcessor, WebsiteReviewDailyProcessor } from './website.processors';

const FIXTURES = join(__dirname, '../../../../test/fixtures');
const PAGES_CSV = readFileSync(join(FIXTURES, 'website/pages.csv'));
const CALENDAR_CSV = readFileSync(join(FIXTURES, 'calendar/calendar-2026.csv'));
const HT_PAGES = ['P001', 'P002', 'P003', 'P004', 'P005', 'P029', 'P030', 'P034'];

/** 09:00 in Taipei on the given day. */
const morning = (day: string) => `${day}T01:00:00Z`;

describe.each(DATABASE_KINDS)('website content governance on $kind', ({ create }) => {
  let db: TestDatabase;
  let t: TestApp;
  let reviews: ReviewsService;
  let audit: Repository<AuditEventEntity>;
  let contact: Client;
  let head: Client;
  let lvHead: Client;
  let lvContact: Client;
  let service: Client;
  let itDev: Client;
  let auditor: Client;

  beforeAll(async () => {
    db = await create();
    t = await startTestApp(db);
    await seedUnits(t);
    await t.app.get(OfficeCalendarProvider).import(systemActor('test'), CALENDAR_CSV, 'calendar-2026.csv');
    reviews = t.app.get(ReviewsService);
    audit = t.app.get(getRepositoryToken(AuditEventEntity));
    const users: [string, string, Role[]][] = [
      ['ht.contact', 'HT', [Role.KnowledgeContact]],
      ['ht.head', 'HT', [Role.UnitHead]],
      ['lv.head', 'LV', [Role.UnitHead]],
      ['lv.contact', 'LV', [Role.KnowledgeContact]],
      ['svc.web', 'SVC', [Role.ServiceSection]],
      ['it.dev', 'IT', [Role.ItSection]],
      ['audit.1', 'SEC', [Role.Auditor]],
    ];
    for (const [account, unitCode, roles] of users) await makeUser(t, { account, unitCode, roles });
    await signInAll();
  }, 120_000);

  const ACCOUNTS = ['ht.contact', 'ht.head', 'lv.head', 'lv.contact', 'svc.web', 'it.dev', 'audit.1'];
  async function signInAll(): Promise<void> {
    [contact, head, lvHead, lvContact, service, itDev, auditor] = await Promise.all(ACCOUNTS.map((a) => signedIn(t, a)));
  }

  /** Moves the clock to 09:00 in Taipei on the day; sessions end when days pass, so everyone signs in again. */
  async function day(iso: string): Promise<void> {
    t.clock.set(morning(iso));
    await signInAll();
  }

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  async function errorOf(p: Promise<unknown>): Promise<DomainError> {
    try {
      await p;
    } catch (error) {
      return error as DomainError;
    }
    throw new Error('expected an error');
  }

  describe('page inventory (format 5)', () => {
    it('imports the sample, then finds nothing to change on the second import', async () => {
      const first = await service.upload('/api/website/pages/import', 'file', PAGES_CSV, 'pages.csv');
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ fileName: 'pages.csv', created: 40, updated: 0, unchanged: 0, rejected: 0 });
      const again = await t.app.get(PagesService).import(PAGES_CSV, 'pages.csv');
      expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 40, rejected: 0 });
      const ht = await contact.get('/api/website/pages?unit=HT');
      expect(ht.body.map((p: { pageId: string }) => p.pageId).sort()).toEqual(HT_PAGES);
      expect(ht.body.find((p: { pageId: string }) => p.pageId === 'P001')).toMatchObject({
        menuPath: ['稅務資訊', '房屋稅', '開徵期間與繳納'],
        ownerUnitName: '房屋稅科',
      });
    });

    it('reads the same inventory from XLSX, with unit codes in place of names', async () => {
      const rows = PAGES_CSV.toString('utf8')
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/)
        .map((l) => l.split(','));
      const xlsx = await writeTable('xlsx', [
        { name: 'pages', headers: rows[0], rows: rows.slice(1).map((r) => [...r.slice(0, 4), r[4] === '房屋稅科' ? 'HT' : r[4]]) },
      ]);
      const s = await t.app.get(PagesService).import(xlsx, 'pages.xlsx');
      expect(s).toMatchObject({ encoding: 'xlsx', created: 0, unchanged: 40, rejected: 0 });
    });

    it('names the row and column of a rejected line, and refuses the whole file past the reject share', async () => {
      const lines = PAGES_CSV.toString('utf8').trim().split(/\r?\n/);
      const oneBad = [...lines, 'P900,稅務資訊>>空白層,壞網頁,ftp://example,房屋稅科'].join('\r\n');
      const s = await t.app.get(PagesService).import(Buffer.from(oneBad), 'one-bad.csv', undefined, 0.05);
      expect(s.rejected).toBe(1);
      expect(s.rejectedLines).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ row: 42, column: '選單路徑' }),
          expect.objectContaining({ row: 42, column: '網址' }),
        ]),
      );
      const many = [
        lines[0],
        'P901,A>B,好,https://x.gov.tw/1,房屋稅科',
        'P902,A>B,壞,https://x.gov.tw/2,沒有這個科',
        'P001,A,重複,https://x.gov.tw/3,HT',
      ];
      const refused = await service.upload('/api/website/pages/import', 'file', Buffer.from(many.join('\n')), 'many-bad.csv');
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('IMPORT_TOO_MANY_REJECTED');
      expect(refused.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ row: 3, column: '權責單位' })]));
      const after = await contact.get('/api/website/pages');
      expect(after.body.some((p: { pageId: string }) => p.pageId === 'P901')).toBe(false);
    });

    it('adds, moves and retires a page, shows the menu as a tree, and exports the inventory', async () => {
      const added = await service.post('/api/website/pages', {
        pageId: 'P800',
        menuPath: ['測試', '新頁'],
        title: '新頁面',
        url: 'https://www.tytax.gov.tw/cp.aspx?n=9999',
        ownerUnitCode: 'LV',
      });
      expect(added.status).toBe(201);
      expect((await contact.post('/api/website/pages', { ...added.body, pageId: 'P801' })).status).toBe(403);
      const movedPage = await service.patch('/api/website/pages/P800', { menuPath: ['測試', '搬家'], ownerUnitCode: 'CT' });
      expect(movedPage.body).toMatchObject({ menuPath: ['測試', '搬家'], ownerUnitCode: 'CT' });
      expect(await audit.countBy({ action: 'web-page.move', targetId: 'P800' })).toBe(1);
      const tree = await contact.get('/api/website/pages/tree');
      const test = tree.body.find((n: { label: string }) => n.label === '測試');
      expect(test.children).toEqual([expect.objectContaining({ label: '搬家', page: expect.objectContaining({ pageId: 'P800' }) })]);
      expect((await service.post('/api/website/pages/P800/retire')).body.retired).toBe(true);
      const treeAfter = await contact.get('/api/website/pages/tree');
      expect(treeAfter.body.some((n: { label: string }) => n.label === '測試')).toBe(false);
      const csv = await contact.download('/api/website/pages/export?format=csv');
      expect(csv.status).toBe(200);
      const text = (csv.body as Buffer).toString('utf8');
      expect(text).toContain('網頁編號,選單路徑,網頁名稱,網址,權責單位');
      expect(text).toContain('P800,測試>搬家,新頁面');
      for (const format of ['xlsx', 'ods']) expect((await contact.download(`/api/website/pages/export?format=${format}`)).status).toBe(200);
    });
  });

  describe('pages:import', () => {
    it('prints one JSON object as its last line with --json, and fails naming a missing file', async () => {
      const command = new PagesImportCommand(t.app.get(PagesService), t.app.get(DataSource));
      const out: string[] = [];
      const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        out.push(String(chunk));
        return true;
      });
      const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
      try {
        await command.run([join(FIXTURES, 'website/pages.csv')], { json: true });
        const last = out.join('').trim().split('\n').at(-1)!;
        expect(JSON.parse(last)).toEqual({ fileName: 'pages.csv', created: 0, updated: 0, unchanged: 40, rejected: 0, rejectedLines: [] });
        out.length = 0;
        await command.run([join(FIXTURES, 'website/nope.csv')], { json: true });
        expect(JSON.parse(out.join('').trim().split('\n').at(-1)!).error.code).toBe('FILE_NOT_FOUND');
        expect(process.exitCode).toBe(1);
      } finally {
        process.exitCode = 0;
        spy.mockRestore();
        stderr.mockRestore();
      }
    });
  });

  describe('due dates on the office calendar', () => {
    it('rolls a 10th on a Saturday to Monday the 12th, and a 10th on a national holiday to the next workday', async () => {
      expect(await reviews.dueDate('2026-01')).toBe('2026-01-12'); // Saturday 10 January
      expect(await reviews.dueDate('2026-10')).toBe('2026-10-12'); // 國慶日, Saturday
      expect(await reviews.dueDate('2026-11')).toBe('2026-11-10');
      expect(await reviews.dueDate('2026-05')).toBe('2026-05-11'); // Sunday
    });

    it('follows the calendar, not the weekday: a holiday on a Thursday 10th moves the due date to Friday', async () => {
      const cal = t.app.get(OfficeCalendarProvider);
      const changed = CALENDAR_CSV.toString('utf8').replace('20260910,四,0,', '20260910,四,2,測試國定假日');
      await cal.import(systemActor('test'), Buffer.from(changed), 'calendar-2026-holiday.csv');
      try {
        expect(await reviews.dueDate('2026-09')).toBe('2026-09-11');
      } finally {
        await cal.import(systemActor('test'), CALENDAR_CSV, 'calendar-2026.csv');
      }
      expect(await reviews.dueDate('2026-09')).toBe('2026-09-10');
    });

    it('keeps the 10th itself when roll-over is off', async () => {
      const config = t.app.get<AppConfig>(APP_CONFIG);
      config.website.rollOver = false;
      try {
        expect(await reviews.dueDate('2026-01')).toBe('2026-01-10');
        expect(await reviews.dueDate('2026-10')).toBe('2026-10-10');
      } finally {
        config.website.rollOver = true;
      }
    });

    it('refuses a year the calendar does not hold, naming the year', async () => {
      const e = await errorOf(reviews.dueDate('2031-03'));
      expect(e).toBeInstanceOf(DomainError);
      expect(e.code).toBe('CALENDAR_YEAR_MISSING');
      expect(e.messages['zh-TW']).toContain('2031');
      expect(e.message).toContain('2031');
      expect((await errorOf(reviews.openMonth('2031-03'))).code).toBe('CALENDAR_YEAR_MISSING');
    });
  });

  describe('reminders and timeliness (November 2026, due Tuesday the 10th)', () => {
    let htForm = 0;
    let lvForm = 0;

    it('opens one form per unit owning a page on the first workday, once', async () => {
      await day('2026-11-02');
      const result = (await t.app.get(WebsiteReviewDailyProcessor).process({ period: '2026-11-02' })) as {
        opened: { month: string; opened: string[] };
      };
      expect(result.opened.month).toBe('2026-11');
      expect(result.opened.opened).toEqual(expect.arrayContaining(['HT', 'LV', 'SVC', 'IT', 'ZL']));
      const again = await reviews.openMonth('2026-11');
      expect(again.opened).toEqual([]);
      const list = await head.get('/api/website/reviews?month=2026-11');
      expect(list.body).toHaveLength(1);
      expect(list.body[0]).toMatchObject({
        unitCode: 'HT',
        dueDate: '2026-11-10',
        status: 'draft',
        pages: 8,
        reviewed: 0,
        timeliness: 'pending',
      });
      htForm = list.body[0].id;
      lvForm = (await lvHead.get('/api/website/reviews?month=2026-11')).body[0].id;
      expect((await auditor.get('/api/website/reviews?month=2026-11')).body.length).toBe(result.opened.opened.length);
    });

    const forms = (sent: string[]) => sent.filter((s) => s.startsWith(`${htForm}/`) || s.startsWith(`${lvForm}/`));

    it('reminds 3 workdays before, on the day and every overdue workday, once a day, until the head approves', async () => {
      await day('2026-11-04');
      expect(forms(await reviews.remind())).toEqual([]);
      await day('2026-11-05'); // Thu: Fri 6, Mon 9, Tue 10 remain
      expect(forms(await reviews.remind())).toEqual([`${htForm}/HT/due-in-3`, `${lvForm}/LV/due-in-3`]);
      expect(forms(await reviews.remind())).toEqual([]);
      const notices = t.app.get(getRepositoryToken(NotificationEntity)) as Repository<NotificationEntity>;
      const htContactId = (await t.app.get(UsersRepository).findByAccount('ht.contact'))!.id;
      expect(await notices.countBy({ userId: htContactId, kind: 'website-review.due-in-3' })).toBe(1);
      await day('2026-11-06');
      expect(forms(await reviews.remind())).toEqual([]);
      await day('2026-11-07'); // Saturday: no reminders on a day off
      expect(forms(await reviews.remind())).toEqual([]);
      await day('2026-11-10');
      expect(forms(await reviews.remind())).toEqual([`${htForm}/HT/due-today`, `${lvForm}/LV/due-today`]);
      await day('2026-11-11');
      expect(forms(await reviews.remind())).toEqual([`${htForm}/HT/overdue`, `${lvForm}/LV/overdue`]);
      expect(forms(await reviews.remind())).toEqual([]);
      await day('2026-11-12');
      expect(forms(await reviews.remind())).toEqual([`${htForm}/HT/overdue`, `${lvForm}/LV/overdue`]);
      expect((await contact.get(`/api/website/reviews/${htForm}`)).body.timeliness).toBe('overdue');

      // HT reviews everything as correct and its head approves, late.
      for (const page of HT_PAGES)
        expect((await contact.put(`/api/website/reviews/${htForm}/rows/${page}`, { result: 'correct' })).status).toBe(200);
      expect((await contact.post(`/api/website/reviews/${htForm}/submit`)).status).toBe(200);
      const approved = await head.post(`/api/website/reviews/${htForm}/approve`);
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({ status: 'filed', timeliness: 'late' });
      expect(approved.body.filed).toMatchObject({ by: 'ht.head' });

      await day('2026-11-13');
      expect(forms(await reviews.remind())).toEqual([`${lvForm}/LV/overdue`]);
    });

    it('shows the compliance grid: late, overdue, missing; and exports it', async () => {
      const grid = await auditor.get('/api/website/compliance?from=2026-10&to=2026-11');
      expect(grid.status).toBe(200);
      expect(grid.body.months).toEqual(['2026-10', '2026-11']);
      const cell = (unit: string, month: string) =>
        grid.body.units.find((u: { unitCode: string }) => u.unitCode === unit).cells.find((c: { month: string }) => c.month === month);
      expect(cell('HT', '2026-11')).toMatchObject({ formId: htForm, timeliness: 'late', status: 'filed', openCorrections: 0 });
      expect(cell('LV', '2026-11')).toMatchObject({ formId: lvForm, timeliness: 'overdue', status: 'draft' });
      expect(cell('HT', '2026-10')).toMatchObject({ formId: null, timeliness: 'missing' });
      expect((await contact.get('/api/website/compliance?from=2026-10&to=2026-11')).status).toBe(403);
      const csv = await auditor.download('/api/website/compliance/export?from=2026-10&to=2026-11&format=csv');
      expect(csv.status).toBe(200);
      expect((csv.body as Buffer).toString('utf8')).toMatch(/HT,房屋稅科,未建立,,逾期完成,0/);
    });

    it('puts the review on the duties calendar per unit: HT late, LV missing; months before the first form untracked', async () => {
      const year = await auditor.get('/api/duties?year=2026');
      expect(year.status).toBe(200);
      const periods = (
        year.body.duties as { duty: string; period: string; status: string; units: { unitCode: string; status: string }[] }[]
      ).filter((d) => d.duty === 'website-review');
      const november = periods.find((p) => p.period === '2026-11')!;
      expect(november.units.find((u) => u.unitCode === 'HT')?.status).toBe('late');
      expect(november.units.find((u) => u.unitCode === 'LV')?.status).toBe('missing');
      expect(november.status).toBe('missing');
      expect(periods.find((p) => p.period === '2026-10')).toMatchObject({ status: 'unknown', units: [] });
    });
  });

  describe('the December form of 房屋稅科 with one content and one program correction', () => {
    let id = 0;
    let form: ReviewFormDto;

    it('opens on the first workday (Tuesday 1 December) with a due date of the 10th', async () => {
      await day('2026-11-30');
      expect(await reviews.openIfDue()).toEqual({ month: '2026-11', opened: [] }); // November's, all open already
      await day('2026-12-01');
      const r = await reviews.openIfDue();
      expect(r?.opened).toContain('HT');
      form = (await contact.get('/api/website/reviews?month=2026-12')).body[0];
      id = form.id;
      expect(form).toMatchObject({ unitCode: 'HT', dueDate: '2026-12-10', status: 'draft' });
    });

    it('refuses a submission with pages not reviewed, and a needs-fix row without what to change', async () => {
      const early = await contact.post(`/api/website/reviews/${id}/submit`);
      expect(early.status).toBe(422);
      expect(early.body.code).toBe('REVIEW_INCOMPLETE');
      expect((await contact.put(`/api/website/reviews/${id}/rows/P001`, { result: 'needs-fix', fixKind: 'content' })).status).toBe(400);
    });

    it('cannot be edited or read by another unit', async () => {
      expect((await lvContact.put(`/api/website/reviews/${id}/rows/P001`, { result: 'correct' })).status).toBe(404);
      expect((await lvContact.get(`/api/website/reviews/${id}`)).status).toBe(404);
      expect((await auditor.get(`/api/website/reviews/${id}`)).status).toBe(200);
    });

    it('is filled by the contact, returned by the head, and submitted again', async () => {
      await day('2026-12-03');
      for (const page of HT_PAGES) await contact.put(`/api/website/reviews/${id}/rows/${page}`, { result: 'correct' });
      const fixContent = await contact.put(`/api/website/reviews/${id}/rows/P002`, {
        result: 'needs-fix',
        fixKind: 'content',
        fixNote: '自住稅率已調整為 1%，請更新說明',
      });
      expect(fixContent.status).toBe(200);
      await contact.put(`/api/website/reviews/${id}/rows/P034`, { result: 'needs-fix', fixKind: 'program', fixNote: '申請按鈕連結失效' });
      const submitted = await contact.post(`/api/website/reviews/${id}/submit`);
      expect(submitted.body).toMatchObject({ status: 'submitted', reviewed: 8, needsFix: 2 });
      expect(submitted.body.reviewer).toMatchObject({ by: 'ht.contact', at: expect.any(String) });
      expect((await contact.put(`/api/website/reviews/${id}/rows/P001`, { result: 'correct' })).status).toBe(409);
      const returned = await head.post(`/api/website/reviews/${id}/return`, { reason: '請補充 P034 的網址' });
      expect(returned.body).toMatchObject({ status: 'returned', head: { by: 'ht.head', approved: false, note: '請補充 P034 的網址' } });
      await contact.put(`/api/website/reviews/${id}/rows/P034`, {
        result: 'needs-fix',
        fixKind: 'program',
        fixNote: '申請按鈕連結失效（cp.aspx?n=1401）',
      });
      expect((await contact.post(`/api/website/reviews/${id}/submit`)).body.status).toBe('submitted');
    });

    it('cannot be approved by a non-head of the unit, nor by the head of another unit', async () => {
      const asContact = await contact.post(`/api/website/reviews/${id}/approve`);
      expect(asContact.status).toBe(403);
      const asOtherHead = await lvHead.post(`/api/website/reviews/${id}/approve`);
      expect(asOtherHead.status).toBe(403);
      expect(asOtherHead.body.code).toBe('NOT_HEAD_OF_UNIT');
      expect(asOtherHead.body.message.en).toContain("form's own unit");
      expect((await lvHead.post(`/api/website/reviews/${id}/return`, { reason: 'x' })).status).toBe(403);
      expect((await contact.get(`/api/website/reviews/${id}`)).body.status).toBe('submitted');
      expect(await audit.countBy({ action: 'access.denied', targetType: 'review-form', targetId: String(id) })).toBeGreaterThanOrEqual(2);
    });

    let content: CorrectionDto;
    let program: CorrectionDto;

    it('is approved on time by its head, opening a ticket to the service section and one to IT', async () => {
      await day('2026-12-04');
      const approved = await head.post(`/api/website/reviews/${id}/approve`);
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({
        status: 'correcting',
        timeliness: 'on-time',
        openCorrections: 2,
        head: { by: 'ht.head', approved: true },
      });
      const rows = approved.body.rows as ReviewFormDto['rows'];
      content = rows.find((r) => r.pageId === 'P002')!.correction!;
      program = rows.find((r) => r.pageId === 'P034')!.correction!;
      expect(content).toMatchObject({ kind: 'content', sectionCode: 'SVC', status: 'open', what: '自住稅率已調整為 1%，請更新說明' });
      expect(program).toMatchObject({ kind: 'program', sectionCode: 'IT', status: 'open' });
      const svcList = await service.get('/api/website/corrections?status=open&section=SVC');
      expect(svcList.body.map((c: CorrectionDto) => c.id)).toEqual([content.id]);
      expect((await lvContact.get('/api/website/corrections')).body).toEqual([]);
      expect((await contact.get('/api/website/corrections')).body.map((c: CorrectionDto) => c.id).sort()).toEqual(
        [content.id, program.id].sort(),
      );
    });

    it('goes done → re-check (one failed, reopening it) → publish → complete', async () => {
      await day('2026-12-07');
      const wrongSection = await itDev.post(`/api/website/corrections/${content.id}/done`, { note: 'x' });
      expect(wrongSection.status).toBe(403);
      expect(wrongSection.body.code).toBe('CORRECTION_WRONG_SECTION');
      expect((await service.post(`/api/website/corrections/${program.id}/done`, {})).status).toBe(403);
      expect((await contact.post(`/api/website/corrections/${content.id}/recheck`, { ok: true })).status).toBe(409);

      expect((await service.post(`/api/website/corrections/${content.id}/done`, { note: '已更新說明' })).body).toMatchObject({
        status: 'done',
        done: { by: 'svc.web', note: '已更新說明' },
      });
      expect((await itDev.post(`/api/website/corrections/${program.id}/done`, { note: '連結已修復' })).body.status).toBe('done');

      // The first re-check of the content fix fails: back to the service section.
      const failed = await contact.post(`/api/website/corrections/${content.id}/recheck`, { ok: false, note: '稅率仍為舊值' });
      expect(failed.body).toMatchObject({ status: 'open', done: null, rechecked: { by: 'ht.contact', ok: false, note: '稅率仍為舊值' } });
      expect((await lvHead.post(`/api/website/corrections/${program.id}/recheck`, { ok: true })).status).toBe(404);
      expect((await service.post(`/api/website/corrections/${content.id}/publish`, {})).status).toBe(409);
      await day('2026-12-08');
      await service.post(`/api/website/corrections/${content.id}/done`, { note: '已改為 1%' });
      expect((await head.post(`/api/website/corrections/${content.id}/recheck`, { ok: true })).body).toMatchObject({
        status: 'rechecked',
        rechecked: { by: 'ht.head', ok: true },
      });
      expect((await contact.post(`/api/website/corrections/${program.id}/recheck`, { ok: true })).body.status).toBe('rechecked');

      expect((await itDev.post(`/api/website/corrections/${program.id}/publish`, {})).status).toBe(403);
      const first = await service.post(`/api/website/corrections/${content.id}/publish`, { note: '已上線' });
      expect(first.body).toMatchObject({ status: 'published', published: { by: 'svc.web' } });
      expect((await contact.get(`/api/website/reviews/${id}`)).body.status).toBe('correcting');
      await day('2026-12-09');
      await service.post(`/api/website/corrections/${program.id}/publish`, {});
      const done = (await contact.get(`/api/website/reviews/${id}`)).body as ReviewFormDto;
      expect(done).toMatchObject({ status: 'complete', openCorrections: 0, completed: { by: 'svc.web', at: '2026-12-09T01:00:00.000Z' } });
      expect(done.history.map((h) => h.action)).toEqual([
        'open',
        'submit',
        'return',
        'submit',
        'approve',
        'correction-open',
        'correction-open',
        'correction-done',
        'correction-done',
        'correction-reopen',
        'correction-done',
        'correction-recheck-ok',
        'correction-recheck-ok',
        'correction-publish',
        'correction-publish',
        'complete',
      ]);
      for (const action of ['website-review.approve', 'website-correction.reopen', 'website-correction.publish', 'website-review.complete'])
        expect(await audit.countBy({ action })).toBeGreaterThanOrEqual(1);
    });

    it('exports the form as 附件三 with the rows, signatures, corrections and re-checks', async () => {
      const csv = await contact.download(`/api/website/reviews/${id}/export?format=csv`);
      expect(csv.status).toBe(200);
      expect(csv.headers['content-disposition']).toContain('website-review-HT-2026-12.csv');
      const text = (csv.body as Buffer).toString('utf8');
      expect(text).toContain('單位,月份,網頁編號');
      expect(text).toContain('民國115年12月');
      expect(text).toMatch(
        /P002,.*需修正,內容（服務科）,自住稅率已調整為 1%，請更新說明,ht.contact,.*ht.head,.*SVC,svc.web,.*ht.head（通過）/,
      );
      expect(text).toMatch(/P001,.*正確/);
      for (const format of ['xlsx', 'ods'])
        expect((await head.download(`/api/website/reviews/${id}/export?format=${format}`)).status).toBe(200);
      expect((await lvContact.download(`/api/website/reviews/${id}/export?format=csv`)).status).toBe(404);
    });
  });

  describe('retention', () => {
    it('purges only forms older than WEBSITE_RETENTION_DAYS, with their rows, tickets and history, and audits it', async () => {
      const forms = t.app.get(getRepositoryToken(ReviewFormEntity)) as Repository<ReviewFormEntity>;
      const november = (await forms.findBy({ month: '2026-11' })).map((f) => f.id);
      const december = (await forms.findBy({ month: '2026-12' })).map((f) => f.id);
      expect(november.length).toBeGreaterThan(0);
      // 731 days after 2026-11-19: November's forms (opened 2 November) are past it, December's (1 December) are not.
      await day('2028-11-19');
      const r = (await t.app.get(WebsiteRetentionProcessor).process({ period: '2028-11-19' })) as { formIds: number[]; forms: number };
      expect(r.formIds.sort((a, b) => a - b)).toEqual(november.sort((a, b) => a - b));
      expect(r.forms).toBe(november.length);
      expect(await forms.countBy({ month: '2026-11' })).toBe(0);
      expect(await forms.countBy({ month: '2026-12' })).toBe(december.length);
      const rows = t.app.get(getRepositoryToken(ReviewRowEntity)) as Repository<ReviewRowEntity>;
      const events = t.app.get(getRepositoryToken(ReviewEventEntity)) as Repository<ReviewEventEntity>;
      const tickets = t.app.get(getRepositoryToken(CorrectionEntity)) as Repository<CorrectionEntity>;
      for (const formId of november) {
        expect(await rows.countBy({ formId })).toBe(0);
        expect(await events.countBy({ formId })).toBe(0);
      }
      expect(await tickets.count()).toBe(2);
      const purge = await audit.findOneByOrFail({ action: 'website-review.purge' });
      expect(JSON.parse(purge.detail!)).toMatchObject({ forms: november.length, retentionDays: 731 });
      expect(JSON.parse(purge.detail!).formIds.sort((a: number, b: number) => a - b)).toEqual(november);
      expect(((await t.app.get(WebsiteRetentionProcessor).process({ period: '2028-11-19' })) as { forms: number }).forms).toBe(0);
    });
  });
});
