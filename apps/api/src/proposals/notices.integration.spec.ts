import { AccountRequestKind, AccountRequestReason, Role } from '@tunedesk/contracts';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { Client, makeUser, seedUnits, signedIn, startTestApp, type TestApp } from '../../../../test/support/app';
import { DATABASE_KINDS, type TestDatabase } from '../../../../test/support/databases';
import { MailOutbox } from '../notifications/mail-outbox.service';
import { TuningCycleEntity } from '../reports/report.entities';
import { ProposalListEntity } from './proposal.entities';
import { RemindersService } from './reminders.service';

const ROOT = join(__dirname, '../../../..');

interface Received {
  to: string[];
  body: string;
}

/** A real SMTP server on a free port, keeping what arrives. */
async function smtpServer(): Promise<{ server: SMTPServer; port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), body: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, port: (server.server.address() as AddressInfo).port, received };
}

/** The decoded subject of a received message (nodemailer encodes non-ASCII headers). */
function subjectOf(body: string): string {
  const raw = /^Subject: ((?:.*\r?\n[ \t].*)*.*)$/m.exec(body)?.[1] ?? '';
  return raw.replace(/\r?\n[ \t]/g, ' ').replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

/** The decoded text of a single-part message. */
function textOf(body: string): string {
  const at = body.indexOf('\r\n\r\n');
  const headers = body.slice(0, at);
  const content = body.slice(at + 4);
  const encoding = /^Content-Transfer-Encoding: (\S+)/im.exec(headers)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(content.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable')
    return Buffer.from(
      content.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  return content;
}

describe.each(DATABASE_KINDS)('deadline reminders, the office calendar and notice mail on $kind', ({ create }) => {
  let db: TestDatabase;
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof smtpServer>>;
  let admin: Client;
  let cycleId = 0;

  beforeAll(async () => {
    smtp = await smtpServer();
    db = await create();
    t = await startTestApp(db, { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'TuneDesk <tunedesk@test.local>' });
    await seedUnits(t);
    await makeUser(t, { account: 'admin.one', unitCode: 'SVC', roles: [Role.SystemAdmin] });
    await makeUser(t, { account: 'kc.ht', unitCode: 'HT', roles: [Role.KnowledgeContact], email: 'kc.ht@tax.test' });
    await makeUser(t, { account: 'head.ht', unitCode: 'HT', roles: [Role.UnitHead], email: 'head.ht@tax.test' });
    await makeUser(t, { account: 'kc.lv', unitCode: 'LV', roles: [Role.KnowledgeContact], email: 'kc.lv@tax.test' });
    await makeUser(t, { account: 'head.lv', unitCode: 'LV', roles: [Role.UnitHead], email: 'head.lv@tax.test' });
    admin = await signedIn(t, 'admin.one');
    const cycles = t.app.get(DataSource).getRepository(TuningCycleEntity);
    const now = new Date('2026-02-01T00:00:00Z');
    cycleId = (
      await cycles.save(
        cycles.create({
          kind: 'regular',
          month: '2026-01',
          label: '115年1月定期調校',
          // The Tuesday after the Lunar New Year holidays (2026-02-16 … 02-20).
          dueDate: '2026-02-24',
          importId: null,
          announcedAt: now,
          announcedBy: 'svc',
          createdAt: now,
          updatedAt: now,
        }),
      )
    ).id;
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
    await new Promise<void>((resolve) => smtp?.server.close(() => resolve()));
  });

  it('imports the office calendar all or nothing, naming a bad row and column', async () => {
    const bad = '西元日期,星期,是否放假,備註\n20260101,四,2,元旦\n20260132,五,0,\n';
    const refused = await admin.upload('/api/calendar/import', 'file', Buffer.from(bad), 'calendar-bad.csv');
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('CALENDAR_ROW_INVALID');
    expect(refused.body.details).toEqual([expect.objectContaining({ row: 3, column: '西元日期' })]);
    expect((await admin.get('/api/calendar?year=2026')).body).toEqual([]);
    const ok = await admin.upload(
      '/api/calendar/import',
      'file',
      readFileSync(join(ROOT, 'test/fixtures/calendar/calendar-2026.csv')),
      'calendar-2026.csv',
    );
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ years: [2026], days: 365 });
    const days = (await admin.get('/api/calendar?year=2026')).body as { date: string; isHoliday: boolean; note: string }[];
    expect(days.find((d) => d.date === '2026-02-17')).toEqual({ date: '2026-02-17', isHoliday: true, note: '春節' });
    const kc = await signedIn(t, 'kc.ht');
    expect((await kc.upload('/api/calendar/import', 'file', Buffer.from(bad), 'x.csv')).status).toBe(403);
  });

  it('reminds three workdays before a holiday-shifted due date, on the day and daily when overdue, once a day, by mail too', async () => {
    const reminders = t.app.get(RemindersService);
    const outbox = t.app.get(MailOutbox);
    const at = async (day: string) => {
      t.clock.set(`${day}T01:00:00Z`); // 09:00 in Taipei
      const sent = await reminders.run();
      await outbox.flush();
      return sent;
    };
    // Counting Monday–Friday, 3 workdays before 02-24 would be 02-19 — a holiday. On the calendar it is 02-12.
    expect(await at('2026-02-11')).toEqual([]);
    const first = await at('2026-02-12');
    expect(first).toEqual(expect.arrayContaining([`${cycleId}/HT/due-in-3`, `${cycleId}/LV/due-in-3`]));
    expect(await at('2026-02-12')).toEqual([]); // once a day
    expect(await at('2026-02-13')).toEqual([]);
    expect(await at('2026-02-19')).toEqual([]); // a holiday
    const mail = smtp.received.filter((r) => r.to.includes('kc.ht@tax.test'));
    expect(mail).toHaveLength(1);
    expect(subjectOf(mail[0].body)).toContain('【3 個工作天後到期】115年1月定期調校資料檢視清單尚未送出');
    expect(textOf(mail[0].body)).toContain(`/proposals/lists/${cycleId}/HT`);
    expect(textOf(mail[0].body)).toContain('Due in 3 workdays');

    // HT submits its list: from now on its head is reminded, not its contact.
    await t.app.get(DataSource).getRepository(ProposalListEntity).insert({
      cycleId,
      unitCode: 'HT',
      status: 'submitted',
      submittedBy: null,
      submittedAt: new Date(),
      approvedBy: null,
      approvedAt: null,
      updatedAt: new Date(),
    });
    expect(await at('2026-02-24')).toEqual(expect.arrayContaining([`${cycleId}/HT/due-today`, `${cycleId}/LV/due-today`]));
    expect(await at('2026-02-25')).toEqual(expect.arrayContaining([`${cycleId}/LV/overdue`]));
    expect(await at('2026-02-26')).toEqual(expect.arrayContaining([`${cycleId}/LV/overdue`]));
    const headMail = smtp.received.filter((r) => r.to.includes('head.ht@tax.test')).map((r) => subjectOf(r.body));
    expect(headMail[0]).toContain('【今日到期】115年1月定期調校資料檢視清單待核章');
    expect(smtp.received.filter((r) => r.to.includes('kc.ht@tax.test'))).toHaveLength(1);
    expect(smtp.received.filter((r) => r.to.includes('kc.lv@tax.test')).map((r) => subjectOf(r.body))).toEqual([
      expect.stringContaining('3 個工作天後到期'),
      expect.stringContaining('今日到期'),
      expect.stringContaining('【逾期】'),
      expect.stringContaining('【逾期】'),
    ]);
    // In the app as well, once per list: each reminder replaces the unread one before it.
    const inbox = (await (await signedIn(t, 'kc.lv')).get('/api/notifications')).body;
    const inApp = inbox.items.filter((n: { kind: string }) => n.kind.startsWith('reminder.'));
    expect(inApp.map((n: { title: { 'zh-TW': string } }) => n.title['zh-TW'])).toEqual([expect.stringContaining('【逾期】')]);
  });

  it('tells the unit head of a filed account request (附件四), in the app and by mail', async () => {
    t.clock.set('2026-03-02T01:00:00Z');
    const kc = await signedIn(t, 'kc.lv');
    const filed = await kc.post('/api/account-requests', {
      kind: AccountRequestKind.ChangeRoles,
      account: 'kc.lv',
      unitCode: 'LV',
      requestedRoles: [Role.KnowledgeContact, Role.GroupLeader],
      reason: AccountRequestReason.Transferred,
      effectiveDate: '2026-03-09',
    });
    expect(filed.status).toBe(201);
    await t.app.get(MailOutbox).flush();
    const toHead = smtp.received.filter((r) => r.to.includes('head.lv@tax.test')).map((r) => subjectOf(r.body));
    expect(toHead.some((s) => s.includes(`帳號權限申請 #${filed.body.id}（kc.lv）待您核定`))).toBe(true);
    expect(smtp.received.some((r) => r.to.includes('head.ht@tax.test') && subjectOf(r.body).includes('帳號權限申請'))).toBe(false);
  });
});
