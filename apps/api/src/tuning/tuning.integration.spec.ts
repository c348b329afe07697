import { KbItemStatus, Role, type ReviewItemDto, type SynonymDto } from '@tunedesk/contracts';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, makeUser, seedUnits, signedIn, startTestApp, type TestApp } from '../../../../test/support/app';
import { DATABASE_KINDS, type TestDatabase } from '../../../../test/support/databases';
import { DataSource } from 'typeorm';
import { systemActor } from '../common/actor';
import { KnowledgeService } from '../knowledge/knowledge.service';
import { CycleService } from '../reports/cycle.service';

const ROOT = join(__dirname, '../../../..');
const REPORTS = join(ROOT, 'test/fixtures/reports/ok');
const actor = systemActor('test');

describe.each(DATABASE_KINDS)('tuning settings, review items and notifications on $kind', ({ create }) => {
  let db: TestDatabase;
  let t: TestApp;
  let svc: Client;
  let leader: Client;
  let contactHt: Client;
  let contactLv: Client;
  const scratch = mkdtempSync(join(tmpdir(), 'tunedesk-tuning-'));
  let n = 0;

  async function upload(client: Client, file: string, fields: Record<string, string> = {}) {
    const temp = join(scratch, `${++n}-${file}`);
    copyFileSync(join(REPORTS, file), temp);
    const res = await client.upload('/api/reports/imports', 'file', readFileSync(temp), file, fields);
    if (res.status !== 202) return res;
    for (let i = 0; i < 600; i++) {
      const current = await client.get(`/api/reports/imports/${res.body.id}`);
      if (!['queued', 'processing'].includes(current.body.status)) return current;
      await sleep(25);
    }
    throw new Error('import did not finish');
  }

  beforeAll(async () => {
    db = await create();
    t = await startTestApp(db, { FILES_DIR: join(scratch, 'files') });
    await seedUnits(t);
    await makeUser(t, { account: 'svc.one', unitCode: 'SVC', roles: [Role.ServiceSection] });
    await makeUser(t, { account: 'leader.one', unitCode: 'SVC', roles: [Role.GroupLeader] });
    await makeUser(t, { account: 'kc.ht', unitCode: 'HT', roles: [Role.KnowledgeContact] });
    await makeUser(t, { account: 'kc.lv', unitCode: 'LV', roles: [Role.KnowledgeContact] });
    svc = await signedIn(t, 'svc.one');
    leader = await signedIn(t, 'leader.one');
    contactHt = await signedIn(t, 'kc.ht');
    contactLv = await signedIn(t, 'kc.lv');
    await t.app.get(KnowledgeService).import(actor, readFileSync(join(ROOT, 'test/fixtures/kb/ok/kb.csv')), 'kb.csv');
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('reads a vendor with renamed columns through the import profile whose names fit, and refuses it without one', async () => {
    const without = await upload(svc, 'report-vendor-b-2026-08.csv');
    expect(without.body).toMatchObject({ status: 'refused', errorCode: 'IMPORT_HEADER_MISSING' });
    expect(without.body.errorMessage).toContain('使用者問句');

    const clash = await svc.post('/api/tuning/import-profiles', { name: '乙廠商', aliases: { log: { question: ['回應類型'] } } });
    expect(clash.status).toBe(409);
    expect(clash.body.details).toEqual([{ field: 'aliases.log.question[0]', reason: 'duplicate' }]);
    const unknown = await svc.post('/api/tuning/import-profiles', { name: '乙廠商', aliases: { log: { nosuch: ['x'] } } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.details[0].field).toBe('aliases.log.nosuch');

    const created = await svc.post('/api/tuning/import-profiles', {
      name: '乙廠商',
      note: '2026 年起的新版報表',
      aliases: { log: { askedAt: ['發問時間'], question: [' 民眾提問 '], responseType: ['回覆結果'], kbItemId: ['知識編號'] } },
    });
    expect(created.status).toBe(201);
    expect(created.body.aliases.log.question).toEqual(['民眾提問']);
    expect((await leader.post('/api/tuning/import-profiles', { name: 'x', aliases: {} })).status).toBe(403);

    // The same bytes were refused, not imported: they may come again, now read through the profile.
    const read = await upload(svc, 'report-vendor-b-2026-08.csv', { month: '2026-08' });
    expect(read.body).toMatchObject({ status: 'completed', accepted: 40, rejected: 0, profileId: created.body.id, profileName: '乙廠商' });
    const badProfile = await svc.upload('/api/reports/imports', 'file', Buffer.from('a,b\n1,2\n'), 'x.csv', { profileId: '9999' });
    expect(badProfile.status).toBe(422);
    expect(badProfile.body.details).toEqual([{ field: 'profileId', reason: 'unknown profile' }]);
  });

  it('ships the local-tax synonyms, folds them in search, and rebuilds the index when the list changes', async () => {
    const list = (await leader.get('/api/tuning/synonyms')).body as SynonymDto[];
    // Shipped from the bank's own wording (default-tuning.ts names the source of each).
    expect(list.find((s) => s.term === '土地增值稅')?.variants).toEqual(expect.arrayContaining(['土增稅']));
    const kb = t.app.get(KnowledgeService);
    expect((await kb.search('土增稅怎麼算', 1))[0].item.id).toMatch(/^LI-/);

    // A word the bank has never seen finds nothing in particular, until it is made a variant of 娛樂稅.
    const before = await kb.search('KTV包廂要報什麼', 3);
    expect(before.some((h) => h.item.category === '娛樂稅' && h.score > 0.3)).toBe(false);
    const added = await svc.post('/api/tuning/synonyms', { term: '娛樂稅', variants: ['KTV包廂'] });
    expect(added.status).toBe(201);
    const again = await svc.post('/api/tuning/synonyms', { term: '娛樂稅', variants: ['卡拉OK'] });
    expect(again.status).toBe(409); // 娛樂稅 has an entry now: extend it instead
    const changed = await svc.put(`/api/tuning/synonyms/${added.body.id}`, { term: '娛樂稅', variants: ['KTV包廂', '卡拉OK'] });
    expect(changed.status).toBe(200);
    const after = await kb.search('KTV包廂要報什麼', 3);
    expect(after[0].item.category).toBe('娛樂稅');

    const clash = await svc.post('/api/tuning/synonyms', { term: '土增稅金', variants: ['土增稅'] });
    expect(clash.status).toBe(409);
    expect(clash.body.message['zh-TW']).toContain('土地增值稅');
    const empty = await svc.post('/api/tuning/synonyms', { term: '空', variants: [] });
    expect(empty.status).toBe(422);
  });

  it('routes by keyword rules the service section adds, and tries a question out without saving anything', async () => {
    const tryIt = (text: string) => leader.post('/api/tuning/routing-rules/test', { text });
    // A duty of the unit owning 綜合服務 (a matter of every tax) wins over the tax the question names.
    expect((await tryIt('可以用行動支付繳房屋稅嗎')).body).toMatchObject({ unitCode: 'SVC', reason: 'duty', matched: '行動支付' });
    expect((await tryIt('土增稅怎麼算')).body).toMatchObject({ unitCode: 'LI', reason: 'category-rule', matched: '土地增值稅' });
    expect((await tryIt('被限制出境了怎麼辦')).body).toMatchObject({ unitCode: 'LEG', reason: 'duty', matched: '限制出境' });
    expect((await tryIt('中壢分局幾點開門')).body).toMatchObject({ unitCode: 'ZL', reason: 'named-unit' });
    expect((await tryIt('遺贈的東西要繳什麼')).body).toMatchObject({ unitCode: null, reason: 'triage' });

    const bad = await svc.post('/api/tuning/routing-rules', { keyword: '遺贈', unitCode: 'NOPE' });
    expect(bad.status).toBe(422);
    expect(bad.body.details).toEqual([{ field: 'unitCode', reason: 'unknown unit' }]);
    const rule = await svc.post('/api/tuning/routing-rules', { keyword: '遺贈', unitCode: 'leg', note: '法務科說明' });
    expect(rule.status).toBe(201);
    expect(rule.body).toMatchObject({ unitCode: 'LEG', overridesTaxNames: false });
    expect((await svc.post('/api/tuning/routing-rules', { keyword: ' 遺贈 ', unitCode: 'HT' })).status).toBe(409);
    expect((await tryIt('遺贈的東西要繳什麼')).body).toMatchObject({ unitCode: 'LEG', reason: 'keyword-rule', matched: '遺贈' });
    // A plain keyword loses to a tax the question names.
    expect((await tryIt('遺贈的房子要繳契稅嗎')).body).toMatchObject({ unitCode: 'HT', reason: 'category-rule' });
    expect((await svc.delete(`/api/tuning/routing-rules/${rule.body.id}`)).status).toBe(204);
    expect((await tryIt('遺贈的東西要繳什麼')).body.unitCode).toBeNull();

    const audit = await t.app.get(DataSource).query(`SELECT action FROM audit_event WHERE action LIKE 'tuning.%' ORDER BY id`);
    expect((audit as { action: string }[]).map((a) => a.action)).toEqual(
      expect.arrayContaining(['tuning.profile.create', 'tuning.synonym.update', 'tuning.rule.create', 'tuning.rule.delete']),
    );
  });

  it('queues review items per unit when the cycle is built, keeps what people marked, and limits contacts to their unit', async () => {
    // HT-0007 (withdrawn in the bank) is put back as it was: it still speaks of 114年.
    await t.app.get(KnowledgeService).import(actor, readFileSync(join(ROOT, 'test/fixtures/kb/ok/kb-health.csv')), 'kb-health.csv');
    await t.app.get(KnowledgeService).setStatus(actor, 'HT-0007', KbItemStatus.Published, '測試：重新發布');
    const sep = await upload(svc, 'report-2026-09.csv');
    expect(sep.body.status).toBe('completed');
    const cycle = (await t.app.get(CycleService).findByMonth('2026-09'))!;
    const all = (await leader.get(`/api/cycles/${cycle.id}/review-items`)).body as ReviewItemDto[];
    // HT-0007 speaks of 114年 in a 2026 (115) cycle; withdrawn items are not queued.
    const stale = all.find((r) => r.kbItemId === 'HT-0007')!;
    expect(stale).toMatchObject({ unitCode: 'HT', status: 'open' });
    expect(stale.reasons).toContain('past-year');
    expect(stale.pastYears).toContain('114年');
    // CT-0005 expired on 2026-06-30 (the bank-health fixture gives it that date).
    expect(all.find((r) => r.kbItemId === 'CT-0005')?.reasons).toContain('expired');
    for (const r of all.filter((x) => x.reasons.includes('low-satisfaction'))) {
      expect(r.ratings).toBeGreaterThanOrEqual(3);
      expect(r.dissatisfied / r.ratings).toBeGreaterThanOrEqual(0.5);
    }
    // Two months of logs are not three: nothing is flagged for having no hits.
    expect(all.some((r) => r.reasons.includes('no-hits'))).toBe(false);
    expect(all.length).toBeGreaterThan(0);

    const mine = (await contactLv.get(`/api/cycles/${cycle.id}/review-items`)).body as ReviewItemDto[];
    expect(mine.every((r) => r.unitCode === 'LV')).toBe(true);
    expect((await contactLv.get(`/api/cycles/${cycle.id}/review-items?unit=HT`)).status).toBe(403);
    expect((await contactLv.patch(`/api/review-items/${stale.id}`, { status: 'done' })).status).toBe(404);

    const done = await contactHt.patch(`/api/review-items/${stale.id}`, { status: 'done', note: '已改為 115 年' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', doneBy: 'kc.ht', note: '已改為 115 年' });
    await t.app.get(CycleService).rebuild('2026-09');
    const again = (await contactHt.get(`/api/cycles/${cycle.id}/review-items?status=done`)).body as ReviewItemDto[];
    expect(again.map((r) => r.kbItemId)).toEqual(['HT-0007']);
  });

  it('notifies every knowledge contact once when a cycle is announced', async () => {
    const cycle = (await t.app.get(CycleService).findByMonth('2026-09'))!;
    expect((await svc.post(`/api/cycles/${cycle.id}/announce`)).status).toBe(200);
    expect((await svc.post(`/api/cycles/${cycle.id}/announce`)).status).toBe(200);
    const inbox = (await contactHt.get('/api/notifications')).body;
    const mine = inbox.items.filter((i: { kind: string }) => i.kind === 'cycle.announced');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ link: `/cycles/${cycle.id}`, readAt: null });
    expect(mine[0].title['zh-TW']).toContain('115年9月定期調校已公告');
    expect(inbox.unread).toBe(1);
    expect((await leader.get('/api/notifications')).body.unread).toBe(1);
    // The service section announced it; it is not told about its own announcement.
    const svcInbox = (await svc.get('/api/notifications')).body;
    expect(svcInbox.items.filter((n: { kind: string }) => n.kind === 'cycle.announced')).toEqual([]);
    // It is told how its uploads ended instead (the refused one, the vendor file and September).
    expect(svcInbox.items.map((n: { kind: string }) => n.kind).sort()).toEqual(['report.imported', 'report.imported', 'report.refused']);

    expect((await contactLv.post(`/api/notifications/${mine[0].id}/read`)).status).toBe(404);
    expect((await contactHt.post(`/api/notifications/${mine[0].id}/read`)).status).toBe(204);
    expect((await contactHt.get('/api/notifications')).body.unread).toBe(0);
    expect((await contactLv.get('/api/notifications')).body.unread).toBe(1);
    expect((await contactLv.post('/api/notifications/read-all')).status).toBe(204);
    expect((await contactLv.get('/api/notifications')).body.unread).toBe(0);
  });
});
