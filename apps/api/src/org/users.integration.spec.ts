import { Role } from '@tunedesk/contracts';
import { Client, GOOD_PASSWORD, makeUser, seedUnits, signedIn, startTestApp, type TestApp } from '../../../../test/support/app';
import { DATABASE_KINDS, type TestDatabase } from '../../../../test/support/databases';
import { JobQueue } from '../jobs/job-queue.service';
import { PeriodicJobs } from '../jobs/periodic-jobs.service';

describe.each(DATABASE_KINDS)('users and units administration on $kind', ({ create }) => {
  let db: TestDatabase;
  let t: TestApp;
  let admin: Client;

  beforeAll(async () => {
    db = await create();
    t = await startTestApp(db);
    await seedUnits(t);
    await makeUser(t, { account: 'it.admin', unitCode: 'IT', roles: [Role.SystemAdmin] });
    admin = await signedIn(t, 'it.admin');
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('creates a user with a one-time password, edits roles and unit, resets and unlocks', async () => {
    const created = await admin.post('/api/users', {
      account: 'LV.Chen',
      displayName: '陳地價',
      unitCode: 'lv',
      roles: ['knowledge-contact'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      account: 'lv.chen',
      user: { unitCode: 'LV', roles: ['knowledge-contact'], passwordChangeRequired: 'initial', active: true },
    });
    expect(created.body.user).not.toHaveProperty('passwordHash');
    const id = created.body.user.id;
    expect((await admin.post('/api/users', { account: 'lv.chen', displayName: 'x', unitCode: 'LV', roles: ['auditor'] })).body.code).toBe(
      'ACCOUNT_EXISTS',
    );
    expect(
      (await admin.post('/api/users', { account: 'lv.two', displayName: 'x', unitCode: 'NOPE', roles: ['auditor'] })).body.details[0].field,
    ).toBe('unitCode');
    expect((await admin.post('/api/users', { account: 'lv.three', displayName: 'x', unitCode: 'LV', roles: ['emperor'] })).status).toBe(
      400,
    );

    expect((await new Client(t).login('lv.chen', created.body.initialPassword)).body.passwordChangeRequired).toBe('initial');
    const edited = await admin.patch(`/api/users/${id}`, { roles: ['knowledge-contact', 'unit-head'], unitCode: 'LI' });
    expect(edited.body).toMatchObject({ roles: ['knowledge-contact', 'unit-head'], unitCode: 'LI' });
    expect((await admin.patch(`/api/users/${id}`, { passwordHash: 'x' })).status).toBe(400);

    const c = new Client(t);
    for (let i = 0; i < 5; i++) await c.login('lv.chen', 'Not-The-Password#1');
    expect((await admin.get(`/api/users/${id}`)).body.lockedUntil).not.toBeNull();
    expect((await admin.post(`/api/users/${id}/unlock`)).body.lockedUntil).toBeNull();
    const reset = await admin.post(`/api/users/${id}/reset-password`);
    expect(reset.body).toMatchObject({ account: 'lv.chen', initialPassword: expect.stringMatching(/^.{16}$/) });
    expect((await c.login('lv.chen', reset.body.initialPassword)).body.passwordChangeRequired).toBe('reset');
    expect((await admin.get('/api/users?unit=LI')).body.map((u: { account: string }) => u.account)).toEqual(['lv.chen']);
    expect((await admin.get('/api/users?q=陳地')).body).toHaveLength(1);
  });

  it('will not let the administrator lock themselves out', async () => {
    const me = (await admin.get('/api/auth/me')).body;
    expect((await admin.patch(`/api/users/${me.id}`, { active: false })).body.code).toBe('SELF_LOCKOUT');
    expect((await admin.patch(`/api/users/${me.id}`, { roles: ['auditor'] })).body.code).toBe('SELF_LOCKOUT');
  });

  it('refuses to delete a unit with people, and deletes an empty one', async () => {
    expect((await admin.delete('/api/units/IT')).body.code).toBe('UNIT_IN_USE');
    expect(
      (await admin.post('/api/units', { code: 'PR', name: '公關室', kind: '室', parentCode: 'SEC', categories: ['綜合服務'] })).body,
    ).toMatchObject({
      code: 'PR',
      parentCode: 'SEC',
      categories: ['綜合服務'],
    });
    expect((await admin.post('/api/units', { code: 'PR2', name: '公關室', kind: '室' })).body.code).toBe('UNIT_NAME_TAKEN');
    expect((await admin.patch('/api/units/PR', { kind: '課' })).status).toBe(400);
    expect((await admin.delete('/api/units/PR')).status).toBe(204);
    expect((await admin.get('/api/units/PR')).status).toBe(404);
  });

  it("edits a unit's 業務職掌 and 轄區 over HTTP, and refuses a keyword over 32 characters", async () => {
    expect((await admin.get('/api/units/LZ')).body).toMatchObject({ duties: [], districts: ['蘆竹區', '大園區', '龜山區'] });
    const edited = await admin.patch('/api/units/LZ', { duties: ['房屋稅籍', '地價稅籍'], districts: ['蘆竹區', '大園區'] });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ code: 'LZ', duties: ['房屋稅籍', '地價稅籍'], districts: ['蘆竹區', '大園區'] });
    expect((await admin.get('/api/units')).body.find((u: { code: string }) => u.code === 'LZ')).toMatchObject({
      duties: ['房屋稅籍', '地價稅籍'],
      districts: ['蘆竹區', '大園區'],
    });
    const refused = await admin.patch('/api/units/LZ', { duties: ['蘆'.repeat(33)] });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(refused.body.details)).toContain('duties');
    expect((await admin.get('/api/units/LZ')).body.duties).toEqual(['房屋稅籍', '地價稅籍']);
    const trail = await admin.get('/api/audit?action=unit.update&targetId=LZ');
    expect(trail.body.total).toBe(1);
    expect(trail.body.items[0].changes).toEqual([
      { field: 'duties', before: [], after: ['房屋稅籍', '地價稅籍'] },
      { field: 'districts', before: ['蘆竹區', '大園區', '龜山區'], after: ['蘆竹區', '大園區'] },
    ]);
  });

  it('disables accounts unused for 90 days through the daily job, and ends their sessions', async () => {
    await makeUser(t, { account: 'zl.idle', unitCode: 'ZL', roles: [Role.KnowledgeContact] });
    await makeUser(t, { account: 'zl.busy', unitCode: 'ZL', roles: [Role.KnowledgeContact] });
    t.clock.advance({ days: 60 });
    await signedIn(t, 'zl.busy');
    // The administrator works (and rotates the password, due at day 90) meanwhile.
    const rotated = 'Rotated-Admin#2027';
    expect(
      (await (await signedIn(t, 'it.admin')).post('/api/auth/password', { currentPassword: GOOD_PASSWORD, newPassword: rotated })).status,
    ).toBe(200);
    t.clock.advance({ days: 31 });
    const started = await t.app.get(PeriodicJobs).tick();
    const job = started.find((id) => id.startsWith('accounts-disable-inactive.'))!;
    expect(job).toBeDefined();
    for (let i = 0; i < 100 && (await t.app.get(JobQueue).get(job)).status !== 'succeeded'; i++)
      await new Promise((r) => setTimeout(r, 20));
    const result = (await t.app.get(JobQueue).get(job)).result as { disabled: string[] };
    expect(result.disabled).toContain('zl.idle');
    expect(result.disabled).not.toContain('zl.busy');
    expect((await new Client(t).login('zl.idle', GOOD_PASSWORD)).status).toBe(401);
    expect((await new Client(t).login('zl.busy', GOOD_PASSWORD)).status).toBe(200);
    admin = await signedIn(t, 'it.admin', rotated);
    const idle = (await admin.get('/api/users?q=zl.idle')).body[0];
    expect(idle).toMatchObject({ active: false, disabledReason: 'inactive' });
    const trail = await admin.get(`/api/audit?action=user.disabled-inactive&targetId=${idle.id}`);
    expect(trail.body.total).toBe(1);
  });
});
