import * as XLSX from '@e965/xlsx';
import { Role } from '@tunedesk/contracts';
import { parse } from 'csv-parse/sync';
import { getRepositoryToken } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { GOOD_PASSWORD, makeUser, seedUnits, signedIn, startTestApp, type TestApp } from '../../../../test/support/app';
import { odsOfCsv, readOds } from '../../../../test/support/ods';
import { DATABASE_KINDS, type TestDatabase } from '../../../../test/support/databases';
import { systemActor } from '../common/actor';
import { loadConfig } from '../config/app-config';
import { UsersService } from '../org/users.service';
import { AuditEventEntity } from './audit-event.entity';
import { AuditService } from './audit.service';

describe.each(DATABASE_KINDS)('audit trail on $kind', ({ create }) => {
  let db: TestDatabase;
  let t: TestApp;
  let rows: Repository<AuditEventEntity>;
  let auditService: AuditService;

  beforeAll(async () => {
    db = await create();
    t = await startTestApp(db, { AUDIT_RETENTION_DAYS: '731' });
    await seedUnits(t);
    rows = t.app.get(getRepositoryToken(AuditEventEntity));
    auditService = t.app.get(AuditService);
    await makeUser(t, { account: 'auditor.one', unitCode: 'LEG', roles: [Role.Auditor] });
    await makeUser(t, { account: 'admin.one', unitCode: 'IT', roles: [Role.SystemAdmin] });
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('records each audited action with actor, unit, target, changes, request id and client ip', async () => {
    const admin = await signedIn(t, 'admin.one');
    const created = await admin.post('/api/users', {
      account: 'ct.new',
      displayName: '新進人員',
      email: 'ct.new@example.gov.tw',
      unitCode: 'CT',
      roles: ['knowledge-contact'],
    });
    expect(created.status).toBe(201);
    expect(
      (await admin.patch(`/api/users/${created.body.user.id}`, { roles: ['knowledge-contact', 'unit-head'], extension: '3344' })).status,
    ).toBe(200);
    expect((await admin.post('/api/units', { code: 'TMP', name: '臨時單位', kind: '室' })).status).toBe(201);
    expect((await admin.patch('/api/units/TMP', { name: '臨時任務編組' })).status).toBe(200);
    expect((await admin.delete('/api/units/TMP')).status).toBe(204);
    const auditor = await signedIn(t, 'auditor.one');
    expect((await auditor.get('/api/audit/export')).status).toBe(200);

    const all = await rows.find({ order: { id: 'ASC' } });
    const actions = all.map((r) => r.action);
    for (const a of [
      'unit.import',
      'user.create',
      'auth.login',
      'user.update',
      'unit.create',
      'unit.update',
      'unit.delete',
      'audit.export',
    ])
      expect(actions).toContain(a);
    const update = all.find((r) => r.action === 'user.update')!;
    expect(update).toMatchObject({ actorAccount: 'admin.one', unitCode: 'CT', targetType: 'user', targetId: String(created.body.user.id) });
    expect(update.requestId).toMatch(/^[\w-]{8,}$/);
    expect(update.clientIp).toBeTruthy();
    expect(JSON.parse(update.changes!)).toEqual(
      expect.arrayContaining([
        { field: 'roles', before: ['knowledge-contact'], after: ['knowledge-contact', 'unit-head'] },
        { field: 'extension', before: null, after: '[redacted]' },
      ]),
    );
    const rename = all.find((r) => r.action === 'unit.update')!;
    expect(JSON.parse(rename.changes!)).toEqual([{ field: 'name', before: '臨時單位', after: '臨時任務編組' }]);
    // Personal data, passwords and session tokens never reach the trail.
    const text = JSON.stringify(all);
    expect(text).not.toContain('新進人員');
    expect(text).not.toContain('ct.new@example.gov.tw');
    expect(text).not.toContain(GOOD_PASSWORD);
    expect(text).not.toContain(created.body.initialPassword);
    for (const token of admin.cookies.values()) expect(text).not.toContain(token);
  });

  it('filters by time, actor, unit, action and target, and exports spreadsheet-safe CSV', async () => {
    const auditor = await signedIn(t, 'auditor.one');
    const admin = await signedIn(t, 'admin.one');
    // A code and a name that a spreadsheet would run as formulas.
    expect((await admin.post('/api/units', { code: '-X1', name: '=HYPERLINK("http://x")', kind: '室' })).status).toBe(201);
    const page = await auditor.get('/api/audit?actor=admin.one&action=unit.create&unit=-X1');
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(1);
    expect(page.body.items[0]).toMatchObject({ action: 'unit.create', targetId: '-X1', actorAccount: 'admin.one' });
    const today = new Date(t.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect((await auditor.get(`/api/audit?from=${today}&to=${today}&targetType=unit&targetId=-X1`)).body.total).toBe(1);
    expect((await auditor.get('/api/audit?from=2020-01-01&to=2020-01-31')).body.total).toBe(0);
    expect((await auditor.get('/api/audit?from=2026-13-45')).status).toBe(400);
    const csv = await auditor.get('/api/audit/export?unit=-X1');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    const line = csv.text.split('\n').find((l) => l.includes('unit.create'))!;
    const cells = line.split(',');
    expect(cells).toContain(`'-X1`);
    expect(cells).not.toContain('-X1');
    expect(line).toContain('name: — → =HYPERLINK');
    // The same export as ODS and XLSX (issue 15), streamed too: the CSV's cells, formula-safe.
    const csvAgain = await auditor.download('/api/audit/export?unit=-X1&action=unit.create');
    const ods = await auditor.download('/api/audit/export?unit=-X1&action=unit.create&format=ods');
    expect(ods.status).toBe(200);
    expect(ods.headers['content-type']).toBe('application/vnd.oasis.opendocument.spreadsheet');
    expect(ods.headers['content-disposition']).toMatch(/filename="audit-\d{4}-\d{2}-\d{2}\.ods"/);
    const back = await readOds(ods.body as Buffer);
    expect(back.mimetypeFirstAndStored).toBe(true);
    expect(back.sheets[0].rows).toEqual(odsOfCsv(csvAgain.body as Buffer));
    expect(back.sheets[0].rows).toHaveLength(2);
    expect(back.sheets[0].rows[1]).toContain(`'-X1`);
    const xlsx = await auditor.download('/api/audit/export?unit=-X1&action=unit.create&format=xlsx');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = XLSX.read(xlsx.body as Buffer, { type: 'buffer' });
    const xlsxRows = XLSX.utils.sheet_to_json<string[]>(wb.Sheets[wb.SheetNames[0]], { header: 1, raw: false, defval: '' });
    expect(xlsxRows).toEqual(parse(csvAgain.body as Buffer, { bom: true }));
    expect((await auditor.get('/api/audit/export?format=pdf')).status).toBe(400);
    const exports = await rows.find({ where: { action: 'audit.export' }, order: { id: 'DESC' }, take: 2 });
    expect(exports.map((e) => JSON.parse(e.detail!).format)).toEqual(['xlsx', 'ods']);
  });

  it('verifies the chain, and finds a hand-edited row and a deleted row', async () => {
    const intact = await auditService.verify();
    expect(intact).toMatchObject({ ok: true, brokenAt: null });
    expect(intact.checked).toBe(await rows.count());

    const victim = (await rows.find({ where: { action: 'user.update' } }))[0];
    await rows.update({ id: victim.id }, { actorAccount: 'someone.else' });
    expect(await auditService.verify()).toMatchObject({ ok: false, brokenAt: victim.id, reason: 'content-changed' });
    await rows.update({ id: victim.id }, { actorAccount: victim.actorAccount });
    expect((await auditService.verify()).ok).toBe(true);

    const all = await rows.find({ order: { id: 'ASC' } });
    const middle = all[Math.floor(all.length / 2)];
    await rows.delete({ id: middle.id });
    const broken = await auditService.verify();
    expect(broken).toMatchObject({ ok: false, reason: 'link-broken' });
    expect(broken.brokenAt).toBeGreaterThan(middle.id);
    await rows.insert(middle);
    expect((await auditService.verify()).ok).toBe(true);

    const last = all[all.length - 1];
    const newest = (await rows.find({ order: { id: 'DESC' }, take: 1 }))[0];
    await rows.delete({ id: newest.id });
    expect((await auditService.verify()).ok).toBe(false);
    await rows.insert(newest);
    expect(last.id).toBeLessThanOrEqual(newest.id);
    expect((await auditService.verify()).ok).toBe(true);
  });

  it('purges only rows past the retention period, records it, and still verifies', async () => {
    const before = await rows.count();
    expect(await auditService.purge(systemActor('test'))).toMatchObject({ deleted: 0 });
    t.clock.advance({ days: 400 });
    await t.app.get(UsersService).disableInactive(systemActor('test'));
    const recent = await rows.count();
    t.clock.advance({ days: 400 });
    const purged = await auditService.purge(systemActor('test'));
    expect(recent).toBeGreaterThan(before);
    // The first day's rows are older than 731 days now (a no-op purge writes nothing); the day-400 rows are not.
    expect(purged.deleted).toBe(before);
    const remaining = await rows.find({ order: { id: 'ASC' } });
    expect(remaining.length).toBe(recent - purged.deleted + 1);
    const record = remaining[remaining.length - 1];
    expect(record.action).toBe('audit.purge');
    expect(JSON.parse(record.detail!)).toMatchObject({ deleted: purged.deleted, retentionDays: 731 });
    const verdict = await auditService.verify();
    expect(verdict).toMatchObject({ ok: true, startsAfterId: purged.throughId });
  });

  it('never keeps less than six months: a shorter retention is refused at boot, naming the variable', () => {
    expect(() => loadConfig({ AUDIT_RETENTION_DAYS: '182' })).toThrow(/AUDIT_RETENTION_DAYS/);
    expect(loadConfig({ AUDIT_RETENTION_DAYS: '183' }).auditRetentionDays).toBe(183);
    expect(loadConfig({}).auditRetentionDays).toBeGreaterThanOrEqual(730);
  });
});
