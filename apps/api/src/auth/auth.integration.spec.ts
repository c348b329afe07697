import { Role, SESSION_COOKIE } from '@tunedesk/contracts';
import { getRepositoryToken } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Client, GOOD_PASSWORD, makeUser, seedUnits, signedIn, startTestApp, type TestApp } from '../../../../test/support/app';
import { DATABASE_KINDS, type TestDatabase } from '../../../../test/support/databases';
import { AuditEventEntity } from '../audit/audit-event.entity';
import { UserEntity } from '../org/user.entity';

describe.each(DATABASE_KINDS)('sign-in, sessions and passwords on $kind', ({ create }) => {
  let db: TestDatabase;
  let t: TestApp;
  let audit: Repository<AuditEventEntity>;
  let n = 0;
  const fresh = () => `u${++n}.${Date.now().toString(36)}`;
  const actions = async (targetId: number) =>
    (await audit.find({ where: { targetType: 'user', targetId: String(targetId) }, order: { id: 'ASC' } })).map((e) => e.action);

  beforeAll(async () => {
    db = await create();
    t = await startTestApp(db);
    await seedUnits(t);
    audit = t.app.get(getRepositoryToken(AuditEventEntity));
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('hashes with argon2id (m ≥ 19 MiB, t ≥ 2) and salts: one password, two users, two hashes', async () => {
    const a = await makeUser(t, { account: fresh(), unitCode: 'HT', roles: [Role.KnowledgeContact] });
    const b = await makeUser(t, { account: fresh(), unitCode: 'HT', roles: [Role.KnowledgeContact] });
    const users = t.app.get<Repository<UserEntity>>(getRepositoryToken(UserEntity));
    const [ha, hb] = [(await users.findOneByOrFail({ id: a.id })).passwordHash, (await users.findOneByOrFail({ id: b.id })).passwordHash];
    expect(ha).toMatch(/^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=\d+\$/);
    const [, m, tc] = /m=(\d+),t=(\d+)/.exec(ha)!;
    expect(Number(m)).toBeGreaterThanOrEqual(19 * 1024);
    expect(Number(tc)).toBeGreaterThanOrEqual(2);
    expect(ha).not.toBe(hb);
  });

  it('signs in, says who is there, and logs out', async () => {
    const u = await makeUser(t, { account: fresh(), unitCode: 'LV', roles: [Role.KnowledgeContact, Role.UnitHead] });
    const c = await signedIn(t, u.account);
    const me = await c.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      account: u.account,
      unitCode: 'LV',
      unitName: '地價稅科',
      roles: ['knowledge-contact', 'unit-head'],
      passwordChangeRequired: null,
      passwordExpiresInDays: 90,
    });
    expect(me.body).not.toHaveProperty('passwordHash');
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    expect(c.cookies.has(SESSION_COOKIE)).toBe(false);
    expect((await c.get('/api/auth/me')).status).toBe(401);
    expect(await actions(u.id)).toEqual(['user.create', 'auth.login', 'auth.logout']);
  });

  it('sets the session cookie httpOnly and SameSite=Strict', async () => {
    const u = await makeUser(t, { account: fresh(), unitCode: 'LV', roles: [Role.KnowledgeContact] });
    const c = new Client(t);
    const res = await c.login(u.account, GOOD_PASSWORD);
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((l) => l.startsWith(`${SESSION_COOKIE}=`))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
  });

  it('answers the same 401 body for an unknown account, a wrong password, a disabled and a locked account', async () => {
    const u = await makeUser(t, { account: fresh(), unitCode: 'HT', roles: [Role.KnowledgeContact] });
    const off = await makeUser(t, { account: fresh(), unitCode: 'HT', roles: [Role.KnowledgeContact] });
    await t.app.get<Repository<UserEntity>>(getRepositoryToken(UserEntity)).update({ id: off.id }, { active: false });
    const c = new Client(t);
    const bodies = [];
    for (const [account, password] of [
      ['nobody.here', GOOD_PASSWORD],
      [u.account, 'Wrong-Password-1'],
      [off.account, GOOD_PASSWORD],
    ]) {
      const res = await c.login(account, password);
      expect(res.status).toBe(401);
      bodies.push({ ...res.body, requestId: undefined });
    }
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
    expect(bodies[0].code).toBe('AUTH_FAILED');
    const failures = await audit.find({ where: { action: 'auth.login-failed' } });
    expect(failures.map((f) => JSON.parse(f.detail!).reason)).toEqual(
      expect.arrayContaining(['unknown-account', 'wrong-password', 'disabled']),
    );
    // No typed password and no unknown account name reach the trail.
    const all = JSON.stringify(await audit.find());
    expect(all).not.toContain('Wrong-Password-1');
    expect(all).not.toContain('nobody.here');
    expect(all).not.toContain(GOOD_PASSWORD);
  });

  it('locks after 5 failures for 15 minutes, even for the right password, then unlocks', async () => {
    const u = await makeUser(t, { account: fresh(), unitCode: 'HT', roles: [Role.KnowledgeContact] });
    const c = new Client(t);
    for (let i = 0; i < 5; i++) expect((await c.login(u.account, `Wrong-Password-${i}`)).status).toBe(401);
    const locked = await c.login(u.account, GOOD_PASSWORD);
    expect(locked.status).toBe(401);
    expect(locked.body.code).toBe('AUTH_FAILED');
    expect(await actions(u.id)).toContain('auth.locked');
    t.clock.advance({ minutes: 14, seconds: 59 });
    expect((await c.login(u.account, GOOD_PASSWORD)).status).toBe(401);
    t.clock.advance({ seconds: 2 });
    expect((await c.login(u.account, GOOD_PASSWORD)).status).toBe(200);
    const lockRows = await audit.find({ where: { action: 'auth.locked', targetId: String(u.id) } });
    expect(lockRows).toHaveLength(1);
  });

  it('counts parallel attempts before the hash check: 40 at once (the 20th right) lock once and let none in after five failures', async () => {
    const u = await makeUser(t, { account: fresh(), unitCode: 'HT', roles: [Role.KnowledgeContact] });
    const attempts = Array.from({ length: 40 }, (_, i) => (i === 19 ? GOOD_PASSWORD : `Wrong-Password-${i}`));
    const answers = await Promise.all(attempts.map((password) => new Client(t).login(u.account, password)));
    const rows = await audit.find({ where: { targetType: 'user', targetId: String(u.id) }, order: { id: 'ASC' } });
    const reasons = rows.map((r) => (r.action === 'auth.login-failed' ? JSON.parse(r.detail!).reason : r.action));
    const succeeded = answers.filter((a) => a.status === 200).length;
    expect(answers.filter((a) => a.status !== 200).every((a) => a.status === 401 && a.body.code === 'AUTH_FAILED')).toBe(true);
    // A sign-in that got through had fewer than five failures counted before it.
    const login = reasons.indexOf('auth.login');
    if (login >= 0) expect(reasons.slice(0, login).filter((r) => r === 'wrong-password').length).toBeLessThan(5);
    expect(succeeded).toBeLessThanOrEqual(1);
    // Each lock is set and audited once; at most five passwords are checked per lock, the rest refused unchecked.
    const locks = reasons.filter((r) => r === 'auth.locked').length;
    expect(locks).toBe(1 + succeeded);
    expect(reasons.filter((r) => r === 'wrong-password').length).toBeLessThanOrEqual(5 * locks);
    expect(reasons.filter((r) => r === 'locked').length).toBeGreaterThanOrEqual(40 - 5 * locks - succeeded);
    const row = await t.app.get<Repository<UserEntity>>(getRepositoryToken(UserEntity)).findOneByOrFail({ id: u.id });
    expect(row.lockedUntil!.getTime()).toBe(t.clock.now().getTime() + 15 * 60_000);
    expect((await new Client(t).login(u.account, GOOD_PASSWORD)).status).toBe(401);
    t.clock.advance({ minutes: 15, seconds: 1 });
    expect((await new Client(t).login(u.account, GOOD_PASSWORD)).status).toBe(200);
  }, 120_000);

  it('counts a wrong current password towards the lockout: the fifth ends the session and the account stays locked', async () => {
    const u = await makeUser(t, { account: fresh(), unitCode: 'HT', roles: [Role.KnowledgeContact] });
    const c = await signedIn(t, u.account);
    const other = await signedIn(t, u.account);
    for (let i = 0; i < 4; i++) {
      const wrong = await c.post('/api/auth/password', { currentPassword: `Wrong-Current-${i}`, newPassword: 'Brand-New-Secret#1' });
      expect(wrong.status).toBe(422);
      expect(wrong.body.code).toBe('CURRENT_PASSWORD_WRONG');
    }
    const fifth = await c.post('/api/auth/password', { currentPassword: 'Wrong-Current-4', newPassword: 'Brand-New-Secret#1' });
    expect(fifth.status).toBe(401);
    expect(fifth.body.code).toBe('ACCOUNT_LOCKED');
    // Every session of the account ended; the right password neither changes it nor signs in until the lock runs out.
    const again = await c.post('/api/auth/password', { currentPassword: GOOD_PASSWORD, newPassword: 'Brand-New-Secret#1' });
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('SESSION_EXPIRED');
    expect((await other.get('/api/auth/me')).body.code).toBe('SESSION_EXPIRED');
    expect((await new Client(t).login(u.account, GOOD_PASSWORD)).status).toBe(401);
    expect((await audit.find({ where: { action: 'auth.locked', targetId: String(u.id) } })).length).toBe(1);
    t.clock.advance({ minutes: 15, seconds: 1 });
    expect((await new Client(t).login(u.account, GOOD_PASSWORD)).status).toBe(200);
  });

  it('counts sign-in and change-password failures together, and a right password starts the count again', async () => {
    const u = await makeUser(t, { account: fresh(), unitCode: 'HT', roles: [Role.KnowledgeContact] });
    const c = await signedIn(t, u.account);
    for (let i = 0; i < 3; i++) expect((await new Client(t).login(u.account, `Wrong-Password-${i}`)).status).toBe(401);
    expect((await c.post('/api/auth/password', { currentPassword: 'Wrong-1', newPassword: 'Brand-New-Secret#1' })).status).toBe(422);
    const locked = await c.post('/api/auth/password', { currentPassword: 'Wrong-2', newPassword: 'Brand-New-Secret#1' });
    expect(locked.body.code).toBe('ACCOUNT_LOCKED');
    t.clock.advance({ minutes: 16 });
    const d = await signedIn(t, u.account);
    for (let i = 0; i < 4; i++) expect((await new Client(t).login(u.account, `Wrong-Password-${i}`)).status).toBe(401);
    expect((await d.post('/api/auth/password', { currentPassword: GOOD_PASSWORD, newPassword: 'Brand-New-Secret#1' })).status).toBe(200);
    expect((await new Client(t).login(u.account, 'Wrong-Password-x')).status).toBe(401);
    expect((await new Client(t).login(u.account, 'Brand-New-Secret#1')).status).toBe(200);
  });

  it('forces an initial password to be changed before anything else, then lets the user in', async () => {
    const u = await makeUser(t, { account: fresh(), unitCode: 'CT', roles: [Role.KnowledgeContact], initial: true });
    const c = await signedIn(t, u.account, u.password);
    expect((await c.get('/api/auth/me')).body.passwordChangeRequired).toBe('initial');
    const blocked = await c.get('/api/units');
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await c.post('/api/auth/password', { currentPassword: u.password, newPassword: 'password1234' });
    expect(weak.status).toBe(422);
    expect(weak.body.code).toBe('PASSWORD_REJECTED');
    expect(weak.body.details.map((d: { field: string }) => d.field)).toEqual(['newPassword', 'newPassword']);
    const changed = await c.post('/api/auth/password', { currentPassword: u.password, newPassword: 'Zhongli-Branch#77' });
    expect(changed.status).toBe(200);
    expect(changed.body.passwordChangeRequired).toBeNull();
    expect((await c.get('/api/units')).status).toBe(200);
  });

  it('accepts a 128-character Unicode password exactly and refuses the last three', async () => {
    const u = await makeUser(t, { account: fresh(), unitCode: 'CT', roles: [Role.KnowledgeContact] });
    const c = await signedIn(t, u.account);
    const long = `桃園地方稅務局${'𠮷'.repeat(60)}Aa1!${'x'.repeat(57)}`;
    expect([...long].length).toBe(128);
    expect((await c.post('/api/auth/password', { currentPassword: GOOD_PASSWORD, newPassword: long })).status).toBe(200);
    expect((await new Client(t).login(u.account, long)).status).toBe(200);
    expect((await new Client(t).login(u.account, long.slice(0, -1))).status).toBe(401);
    const second = 'Second-Choice#2026';
    const third = 'Third-Choice#2026';
    expect((await c.post('/api/auth/password', { currentPassword: long, newPassword: second })).status).toBe(200);
    expect((await c.post('/api/auth/password', { currentPassword: second, newPassword: third })).status).toBe(200);
    const reuse = await c.post('/api/auth/password', { currentPassword: third, newPassword: long });
    expect(reuse.status).toBe(422);
    expect(JSON.stringify(reuse.body.details)).toContain('3');
    const fourth = 'Fourth-Choice#2026';
    expect((await c.post('/api/auth/password', { currentPassword: third, newPassword: fourth })).status).toBe(200);
    expect((await c.post('/api/auth/password', { currentPassword: fourth, newPassword: GOOD_PASSWORD })).status).toBe(200);
  });

  it('ends the other sessions when the password changes, keeping this one', async () => {
    const u = await makeUser(t, { account: fresh(), unitCode: 'ZL', roles: [Role.KnowledgeContact] });
    const here = await signedIn(t, u.account);
    const there = await signedIn(t, u.account);
    expect((await here.get('/api/auth/sessions')).body).toHaveLength(2);
    expect((await here.post('/api/auth/password', { currentPassword: GOOD_PASSWORD, newPassword: 'Another-Secret#91' })).status).toBe(200);
    expect((await here.get('/api/auth/me')).status).toBe(200);
    const gone = await there.get('/api/auth/me');
    expect(gone.status).toBe(401);
    expect(gone.body.code).toBe('SESSION_EXPIRED');
  });

  it('ends a session after 30 idle minutes and after 12 hours whatever happens', async () => {
    const u = await makeUser(t, { account: fresh(), unitCode: 'ZL', roles: [Role.KnowledgeContact] });
    const idle = await signedIn(t, u.account);
    t.clock.advance({ minutes: 29 });
    expect((await idle.get('/api/auth/me')).status).toBe(200);
    t.clock.advance({ minutes: 29 });
    expect((await idle.get('/api/auth/me')).status).toBe(200);
    t.clock.advance({ minutes: 30 });
    expect((await idle.get('/api/auth/me')).status).toBe(401);

    const busy = await signedIn(t, u.account);
    for (let i = 0; i < 24; i++) {
      t.clock.advance({ minutes: 29 });
      expect((await busy.get('/api/auth/me')).status).toBe(200);
    }
    t.clock.advance({ minutes: 25 });
    const res = await busy.get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('SESSION_EXPIRED');
  });

  it("lets a user see and end their own sessions but not another user's", async () => {
    const u = await makeUser(t, { account: fresh(), unitCode: 'ZL', roles: [Role.KnowledgeContact] });
    const other = await makeUser(t, { account: fresh(), unitCode: 'ZL', roles: [Role.KnowledgeContact] });
    const a = await signedIn(t, u.account);
    const b = await signedIn(t, u.account);
    const o = await signedIn(t, other.account);
    const list = (await a.get('/api/auth/sessions')).body as { id: string; current: boolean }[];
    const otherSession = ((await o.get('/api/auth/sessions')).body as { id: string }[])[0];
    expect((await a.delete(`/api/auth/sessions/${otherSession.id}`)).status).toBe(404);
    expect((await o.get('/api/auth/me')).status).toBe(200);
    const notCurrent = list.find((s) => !s.current)!;
    expect((await a.delete(`/api/auth/sessions/${notCurrent.id}`)).status).toBe(204);
    expect((await b.get('/api/auth/me')).status).toBe(401);
    expect((await a.get('/api/auth/me')).status).toBe(200);
  });

  it("refuses a state-changing request without the anti-forgery token, or with another session's", async () => {
    const u = await makeUser(t, { account: fresh(), unitCode: 'ZL', roles: [Role.KnowledgeContact] });
    const c = await signedIn(t, u.account);
    c.sendXsrf = false;
    const res = await c.patch('/api/auth/me', { extension: '1234' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('CSRF_REFUSED');
    const anonymous = new Client(t);
    anonymous.sendXsrf = false;
    expect((await anonymous.login(u.account, GOOD_PASSWORD)).body.code).toBe('CSRF_REFUSED');
    // A token matching the cookie but not the session (a cookie planted by someone else) is refused too.
    c.sendXsrf = true;
    c.cookies.set('XSRF-TOKEN', 'planted-token-value');
    expect((await c.patch('/api/auth/me', { extension: '1234' })).body.code).toBe('CSRF_REFUSED');
  });

  it('rotates: day 89 reminds, day 91 allows only a password change', async () => {
    const u = await makeUser(t, { account: fresh(), unitCode: 'YM', roles: [Role.KnowledgeContact] });
    t.clock.advance({ days: 76 });
    let c = await signedIn(t, u.account);
    expect((await c.get('/api/auth/me')).body).toMatchObject({
      passwordExpiresInDays: 14,
      passwordReminder: true,
      passwordChangeRequired: null,
    });
    t.clock.advance({ days: 15 });
    c = await signedIn(t, u.account);
    const me = (await c.get('/api/auth/me')).body;
    expect(me.passwordChangeRequired).toBe('expired');
    expect(me.passwordExpiresInDays).toBeLessThanOrEqual(-1);
    expect((await c.get('/api/account-requests')).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await c.post('/api/auth/password', { currentPassword: GOOD_PASSWORD, newPassword: 'Rotated-Secret#2027' })).status).toBe(200);
    expect((await c.get('/api/account-requests')).status).toBe(200);
  });

  it('refuses mass assignment: a profile update carrying roles or unitCode changes nothing', async () => {
    const u = await makeUser(t, { account: fresh(), unitCode: 'DX', roles: [Role.KnowledgeContact] });
    const c = await signedIn(t, u.account);
    for (const extra of [{ roles: ['system-admin'] }, { unitCode: 'SVC' }, { unitId: 'SVC' }, { active: true }]) {
      const res = await c.patch('/api/auth/me', { displayName: 'Renamed', ...extra });
      expect(res.status).toBe(400);
    }
    const me = (await c.get('/api/auth/me')).body;
    expect(me).toMatchObject({ displayName: u.account, roles: ['knowledge-contact'], unitCode: 'DX' });
    expect((await c.patch('/api/auth/me', { displayName: '廖小明', extension: '2231' })).body).toMatchObject({
      displayName: '廖小明',
      extension: '2231',
    });
    const row = (await audit.find({ where: { action: 'profile.update', targetId: String(u.id) } }))[0];
    expect(row.changes).toContain('[redacted]');
    expect(row.changes).not.toContain('廖小明');
  });
});
