import { Role } from '@tunedesk/contracts';
import { getRepositoryToken } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Client, makeUser, seedUnits, signedIn, startTestApp, type TestApp } from '../../../../test/support/app';
import { DATABASE_KINDS, type TestDatabase } from '../../../../test/support/databases';
import { AuditEventEntity } from '../audit/audit-event.entity';
import { JobQueue } from '../jobs/job-queue.service';
import { PeriodicJobs } from '../jobs/periodic-jobs.service';
import { AccountRequestsService } from './account-requests.service';

describe.each(DATABASE_KINDS)('account permission requests (附件四) on $kind', ({ create }) => {
  let db: TestDatabase;
  let t: TestApp;
  let audit: Repository<AuditEventEntity>;
  let head: Client;
  let deputy: Client;
  let contact: Client;
  let service: Client;
  let admin: Client;
  let n = 0;

  beforeAll(async () => {
    db = await create();
    t = await startTestApp(db);
    await seedUnits(t);
    audit = t.app.get(getRepositoryToken(AuditEventEntity));
    await makeUser(t, { account: 'ht.head', unitCode: 'HT', roles: [Role.UnitHead] });
    await makeUser(t, { account: 'ht.deputy', unitCode: 'HT', roles: [Role.UnitHead, Role.KnowledgeContact] });
    await makeUser(t, { account: 'ht.contact', unitCode: 'HT', roles: [Role.KnowledgeContact] });
    await makeUser(t, { account: 'lv.head', unitCode: 'LV', roles: [Role.UnitHead] });
    await makeUser(t, { account: 'svc.staff', unitCode: 'SVC', roles: [Role.ServiceSection] });
    await makeUser(t, { account: 'it.admin', unitCode: 'IT', roles: [Role.SystemAdmin] });
    [head, deputy, contact, service, admin] = await Promise.all(
      ['ht.head', 'ht.deputy', 'ht.contact', 'svc.staff', 'it.admin'].map((a) => signedIn(t, a)),
    );
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const today = () => new Date(t.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

  it('runs the whole flow for a new account: filed, approved, accepted, applied', async () => {
    const account = `ht.new${++n}`;
    const filed = await head.post('/api/account-requests', {
      kind: 'create',
      account,
      displayName: '王小明',
      extension: '2231',
      unitCode: 'HT',
      requestedRoles: ['knowledge-contact'],
      reason: 'joined',
      effectiveDate: today(),
    });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({
      status: 'submitted',
      kind: 'create',
      unitName: '房屋稅科',
      filed: { by: 'ht.head' },
      can: { approve: false, cancel: true },
    });
    // The head filed it: another head of the unit decides.
    const own = await head.post(`/api/account-requests/${filed.body.id}/approve`, {});
    expect(own.status).toBe(403);
    expect(own.body.code).toBe('CANNOT_DECIDE_OWN_REQUEST');
    const other = await (await signedIn(t, 'lv.head')).post(`/api/account-requests/${filed.body.id}/approve`, {});
    expect(other.status).toBe(404);
    const approved = await deputy.post(`/api/account-requests/${filed.body.id}/approve`, { comment: '同意' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decided: { by: 'ht.deputy', comment: '同意', approved: true } });
    expect((await contact.post(`/api/account-requests/${filed.body.id}/accept`, {})).status).toBe(403);
    const accepted = await service.post(`/api/account-requests/${filed.body.id}/accept`, { comment: '已開通' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.request).toMatchObject({
      status: 'completed',
      accepted: { by: 'svc.staff' },
      completed: { outcome: expect.stringContaining('帳號已建立') },
    });
    expect(accepted.body.initialPassword).toMatch(/^.{16}$/);
    // The new account exists exactly as approved, and must change its initial password.
    const newcomer = new Client(t);
    expect((await newcomer.login(account, accepted.body.initialPassword)).body).toMatchObject({
      unitCode: 'HT',
      roles: ['knowledge-contact'],
      passwordChangeRequired: 'initial',
    });
    const steps = (
      await audit.find({ where: { targetType: 'account-request', targetId: String(filed.body.id) }, order: { id: 'ASC' } })
    ).map((r) => r.action);
    expect(steps.filter((a) => a.startsWith('account-request.'))).toEqual([
      'account-request.create',
      'account-request.approve',
      'account-request.accept',
      'account-request.execute',
    ]);
    expect(steps.filter((a) => a === 'access.denied')).toHaveLength(2);
  });

  it('lets a user file for themselves; their head decides; nobody decides their own request', async () => {
    const filed = await contact.post('/api/account-requests', {
      kind: 'change-roles',
      account: 'ht.contact',
      unitCode: 'HT',
      requestedRoles: ['knowledge-contact', 'group-leader'],
      reason: 'other',
      reasonNote: '兼任調校小組組長',
      effectiveDate: '2027-02-01',
    });
    expect(filed.status).toBe(201);
    expect((await contact.post(`/api/account-requests/${filed.body.id}/approve`, {})).status).toBe(403);
    const rejected = await head.post(`/api/account-requests/${filed.body.id}/reject`, { comment: '請改由組長推薦' });
    expect(rejected.body).toMatchObject({ status: 'rejected', decided: { approved: false, comment: '請改由組長推薦' } });
    const again = await deputy.post(`/api/account-requests/${filed.body.id}/approve`, {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('REQUEST_ALREADY_DECIDED');
  });

  it('gives one transition when two heads approve at the same moment', async () => {
    const filed = await contact.post('/api/account-requests', {
      kind: 'change-roles',
      account: 'ht.contact',
      unitCode: 'HT',
      requestedRoles: ['knowledge-contact', 'unit-head'],
      reason: 'transferred',
      effectiveDate: '2027-03-01',
    });
    expect(filed.status).toBe(201);
    const answers = await Promise.all(
      [head, deputy].map((c) => c.post(`/api/account-requests/${filed.body.id}/approve`, { comment: 'ok' })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const transitions = await audit.find({ where: { action: 'account-request.approve', targetId: String(filed.body.id) } });
    expect(transitions).toHaveLength(1);
    // Tidy: decide and finish it so ht.contact has no open request left.
    await service.post(`/api/account-requests/${filed.body.id}/accept`, {});
  });

  it('applies an accepted request on its effective date, not before (hourly job)', async () => {
    const target = await makeUser(t, { account: `ht.leaving${++n}`, unitCode: 'HT', roles: [Role.KnowledgeContact] });
    const leaving = await signedIn(t, target.account);
    const effective = new Date(t.clock.now().getTime() + 8 * 3_600_000 + 3 * 86_400_000).toISOString().slice(0, 10);
    const filed = await leaving.post('/api/account-requests', {
      kind: 'disable',
      account: target.account,
      unitCode: 'HT',
      requestedRoles: [],
      reason: 'left',
      effectiveDate: effective,
    });
    expect(filed.status).toBe(201);
    expect((await head.post(`/api/account-requests/${filed.body.id}/approve`, {})).status).toBe(200);
    const accepted = await service.post(`/api/account-requests/${filed.body.id}/accept`, {});
    expect(accepted.body).toMatchObject({ request: { status: 'scheduled' }, initialPassword: null });
    const requests = t.app.get(AccountRequestsService);
    t.clock.advance({ days: 2 });
    expect((await requests.applyDue()).applied).not.toContain(filed.body.id);
    expect((await leaving.get('/api/auth/me')).status).toBe(401); // idle for two days: signed out anyway
    expect((await new Client(t).login(target.account, 'Taoyuan-Tax#2026')).status).toBe(200);
    t.clock.advance({ days: 1 });
    // Through the periodic job, as production runs it.
    const started = await t.app.get(PeriodicJobs).tick();
    expect(started.some((id) => id.startsWith('account-requests-apply.'))).toBe(true);
    const hour = started.find((id) => id.startsWith('account-requests-apply.'))!;
    for (let i = 0; i < 100 && (await t.app.get(JobQueue).get(hour)).status !== 'succeeded'; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect((await t.app.get(JobQueue).get(hour)).result).toEqual({ applied: [filed.body.id] });
    admin = await signedIn(t, 'it.admin');
    expect((await admin.get(`/api/account-requests/${filed.body.id}`)).body.status).toBe('completed');
    expect((await new Client(t).login(target.account, 'Taoyuan-Tax#2026')).status).toBe(401);
    // A second tick in the same hour starts nothing.
    expect((await t.app.get(PeriodicJobs).tick()).some((id) => id.startsWith('account-requests-apply.'))).toBe(false);
  });

  it('refuses bad requests with the field named', async () => {
    [head, contact] = await Promise.all([signedIn(t, 'ht.head'), signedIn(t, 'ht.contact')]);
    const past = await head.post('/api/account-requests', {
      kind: 'disable',
      account: 'ht.contact',
      unitCode: 'HT',
      requestedRoles: [],
      reason: 'left',
      effectiveDate: '2020-01-01',
    });
    expect(past.status).toBe(422);
    expect(past.body.details[0].field).toBe('effectiveDate');
    const other = await head.post('/api/account-requests', {
      kind: 'create',
      account: 'x.y',
      displayName: 'X',
      unitCode: 'HT',
      requestedRoles: [],
      reason: 'joined',
      effectiveDate: '2027-01-04',
    });
    expect(other.body.details[0].field).toBe('requestedRoles');
    const note = await head.post('/api/account-requests', {
      kind: 'disable',
      account: 'ht.contact',
      unitCode: 'HT',
      requestedRoles: [],
      reason: 'other',
      effectiveDate: '2027-01-04',
    });
    expect(note.status).toBe(400);
    expect(JSON.stringify(note.body.details)).toContain('reasonNote');
    const sneaky = await contact.post('/api/account-requests', {
      kind: 'change-roles',
      account: 'ht.head',
      unitCode: 'HT',
      requestedRoles: ['system-admin'],
      reason: 'other',
      reasonNote: 'x',
      effectiveDate: '2027-01-04',
    });
    expect(sneaky.status).toBe(403);
  });
});
