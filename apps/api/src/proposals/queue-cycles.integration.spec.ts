import { Role, type QueueCyclesDto, type QueueItemDetailDto, type QueueItemDto } from '@tunedesk/contracts';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, In } from 'typeorm';
import { Client, makeUser, seedUnits, signedIn, startTestApp, type TestApp } from '../../../../test/support/app';
import { DATABASE_KINDS, type TestDatabase } from '../../../../test/support/databases';
import { systemActor } from '../common/actor';
import { KnowledgeService } from '../knowledge/knowledge.service';
import { CycleService } from '../reports/cycle.service';
import { ReportImportService } from '../reports/report-import.service';
import { MissClusterEntity } from '../reports/report.entities';

const ROOT = join(__dirname, '../../../..');
const actor = systemActor('test');

/**
 * November's vendor report: October's, a month on (the same questions asked
 * again), so every October wording comes back in November.
 */
function novemberReport(dir: string): string {
  const october = readFileSync(join(ROOT, 'test/fixtures/reports/ok/report-2026-10.csv'), 'utf8');
  const november = october
    .replace(/2026\/10\/31/g, '2026/11/30')
    .replace(/2026\/10\//g, '2026/11/')
    .replace(/2026-10-31/g, '2026-11-30')
    .replace(/2026-10-/g, '2026-11-')
    .replace(/(\w)202610(\d\d)/g, '$1202611$2');
  const path = join(dir, 'report-2026-11.csv');
  writeFileSync(path, november);
  return path;
}

/**
 * Issue 14 point 4: importing a new month does not hide the current one, and
 * a wording answered in an earlier month is shown as such, not as new work.
 */
describe.each(DATABASE_KINDS)('queues follow the work on $kind', ({ create }) => {
  let db: TestDatabase;
  let t: TestApp;
  let kc: Client;
  let svc: Client;
  let leader: Client;
  let head: Client;
  let auditor: Client;
  let octId = 0;
  let novId = 0;
  let scratch = '';

  const importMonth = async (path: string, fileName: string) => {
    const imports = t.app.get(ReportImportService);
    const queued = await imports.submit(actor, { tempPath: path, fileName }, {});
    for (let i = 0; i < 800 && ['queued', 'processing'].includes((await imports.get(queued.id)).status); i++) await sleep(25);
    expect((await imports.get(queued.id)).status).toBe('completed');
  };

  beforeAll(async () => {
    db = await create();
    scratch = mkdtempSync(join(tmpdir(), 'tunedesk-queue-cycles-'));
    t = await startTestApp(db, { FILES_DIR: join(scratch, 'files') });
    await seedUnits(t);
    await makeUser(t, { account: 'kc.ht', unitCode: 'HT', roles: [Role.KnowledgeContact] });
    await makeUser(t, { account: 'head.ht', unitCode: 'HT', roles: [Role.UnitHead] });
    await makeUser(t, { account: 'svc.q', unitCode: 'SVC', roles: [Role.ServiceSection] });
    await makeUser(t, { account: 'leader.q', unitCode: 'SVC', roles: [Role.GroupLeader] });
    await makeUser(t, { account: 'audit.q', unitCode: 'SVC', roles: [Role.Auditor] });
    [kc, head, svc, leader, auditor] = await Promise.all(['kc.ht', 'head.ht', 'svc.q', 'leader.q', 'audit.q'].map((a) => signedIn(t, a)));
    await t.app.get(KnowledgeService).import(actor, readFileSync(join(ROOT, 'test/fixtures/kb/ok/kb.csv')), 'kb.csv');
    const october = join(scratch, 'report-2026-10.csv');
    copyFileSync(join(ROOT, 'test/fixtures/reports/ok/report-2026-10.csv'), october);
    await importMonth(october, 'report-2026-10.csv');
    octId = (await t.app.get(CycleService).findByMonth('2026-10'))!.id;
    expect((await svc.post(`/api/cycles/${octId}/announce`)).status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const queue = async (client: Client, query = '') => (await client.get(`/api/queue?kind=cluster${query}`)).body as QueueItemDto[];
  const choices = async (client: Client, query = '') => (await client.get(`/api/queue/cycles${query}`)).body as QueueCyclesDto;

  it('answers a wording of October in November with the approved October proposal; an unannounced November is the service section’s and the group leader’s only', async () => {
    // October: the contact proposes on a cluster and the head approves the list.
    const mine = await queue(kc);
    expect(mine.length).toBeGreaterThan(2);
    expect(mine.every((i) => i.cycleId === octId && i.unitCode === 'HT')).toBe(true);
    const source = mine.find((i) => i.status === 'open' && i.suggestions[0])!;
    const detail = (await kc.get(`/api/queue/cluster/${source.id}`)).body as QueueItemDetailDto;
    const created = await kc.post('/api/proposals', {
      cycleId: octId,
      kind: 'add',
      source: { kind: 'cluster', id: source.id },
      reason: `民眾問法「${source.title}」未能回答`,
      content: {
        category: '房屋稅',
        question: `${source.title}（十月新增）`,
        alternates: detail.wordings.map((w) => w.text).slice(0, 3),
        answer: '十月核定的答案。',
        keywords: ['房屋稅'],
        ownerUnitCode: 'HT',
      },
    });
    expect(created.status).toBe(201);
    const proposalId = created.body.id as number;
    expect((await kc.post(`/api/cycles/${octId}/lists/HT/submit`)).status).toBe(200);
    expect((await head.post(`/api/cycles/${octId}/lists/HT/approve`)).status).toBe(200);

    // November is imported but not announced.
    await importMonth(novemberReport(scratch), 'report-2026-11.csv');
    novId = (await t.app.get(CycleService).findByMonth('2026-11'))!.id;
    expect(novId).not.toBe(octId);
    const novClusters = await t.app.get(DataSource).getRepository(MissClusterEntity).findBy({ cycleId: novId });
    const novHt = novClusters.find((c) => c.routedUnitCode === 'HT')!;
    expect(novHt).toBeDefined();

    // The contact stays on October: no November in the list, the picker or an item.
    const stillOctober = await queue(kc);
    expect(stillOctober.length).toBeGreaterThan(0);
    expect(stillOctober.every((i) => i.cycleId === octId)).toBe(true);
    const kcChoices = await choices(kc);
    expect(kcChoices.defaultCycleId).toBe(octId);
    expect(kcChoices.cycles.map((c) => c.id)).not.toContain(novId);
    expect(kcChoices.cycles.find((c) => c.id === octId)).toMatchObject({ month: '2026-10', kind: 'regular' });
    expect(kcChoices.cycles.find((c) => c.id === octId)!.announcedAt).not.toBeNull();
    // 不定期調校 is always there, last, for a proposal outside any report.
    expect(kcChoices.cycles.at(-1)).toMatchObject({ kind: 'irregular', label: '不定期調校' });
    const asked = await kc.get(`/api/queue?cycle=${novId}`);
    expect(asked.status).toBe(404);
    expect(asked.body.code).toBe('CYCLE_NOT_FOUND');
    expect((await kc.get(`/api/queue/cluster/${novHt.id}`)).status).toBe(404);
    expect((await kc.post(`/api/queue/cluster/${novHt.id}/claim`)).status).toBe(404);
    // Nor in the cycle list other pages pick from.
    expect(((await kc.get('/api/cycles')).body as { id: number }[]).map((c) => c.id)).not.toContain(novId);
    expect(((await kc.get('/api/cycles')).body as { id: number }[]).map((c) => c.id)).toContain(octId);
    expect((await kc.get(`/api/cycles/${novId}`)).status).toBe(404);
    // Nor can a contact put a proposal on it, and their list state does not exist.
    const early = await kc.post('/api/proposals', { cycleId: novId, kind: 'delete', kbItemId: 'HT-0005', reason: '題目已不適用' });
    expect(early.status).toBe(422);
    expect(early.body.details).toEqual([expect.objectContaining({ field: 'cycleId' })]);
    expect((await kc.get(`/api/cycles/${novId}/list-state`)).status).toBe(404);
    expect(((await svc.get('/api/cycles')).body as { id: number }[]).map((c) => c.id)).toContain(novId);
    expect((await leader.get(`/api/cycles/${novId}`)).status).toBe(200);
    // Nor for the auditor, who reads every unit but is not part of the month's start.
    expect((await choices(auditor)).cycles.map((c) => c.id)).not.toContain(novId);
    expect((await auditor.get(`/api/queue?cycle=${novId}`)).status).toBe(404);

    // The service section and the group leader see November, marked as not announced.
    for (const client of [svc, leader]) {
      const theirs = await choices(client, client === leader ? '?unit=HT' : '');
      const nov = theirs.cycles.find((c) => c.id === novId);
      expect(nov).toMatchObject({ month: '2026-11', announcedAt: null });
      expect(nov!.openCount).toBeGreaterThan(0);
      expect(theirs.cycles[0].id).toBe(novId);
      expect((await client.get(`/api/queue/cluster/${novHt.id}`)).status).toBe(200);
    }
    expect((await queue(svc, `&cycle=${novId}&unit=HT`)).length).toBeGreaterThan(0);

    // November's cluster with October's wording points at the approved October proposal.
    const november = await queue(svc, `&cycle=${novId}&unit=HT`);
    const again = november.find((i) => i.answeredBefore);
    expect(again).toBeDefined();
    expect(again!.answeredBefore).toMatchObject({
      proposalId,
      status: 'approved',
      proposalKind: 'add',
      cycleId: octId,
      month: '2026-10',
      unitCode: 'HT',
    });
    expect(detail.wordings.map((w) => w.text)).toContain(again!.answeredBefore!.wording);
    // Not new work: after every unanswered item, and not under 待處理 (open).
    const firstAnswered = november.findIndex((i) => i.answeredBefore);
    expect(november.slice(firstAnswered).every((i) => i.answeredBefore || i.status !== 'open')).toBe(true);
    expect(november.slice(0, firstAnswered).some((i) => !i.answeredBefore)).toBe(true);
    const openOnly = await queue(svc, `&cycle=${novId}&unit=HT&status=open`);
    expect(openOnly.map((i) => i.id)).not.toContain(again!.id);
    expect(openOnly.length).toBe(november.filter((i) => i.status === 'open' && !i.answeredBefore).length);
    const item = (await svc.get(`/api/queue/cluster/${again!.id}`)).body as QueueItemDetailDto;
    expect(item.answeredBefore?.proposalId).toBe(proposalId);
    // October's own queue does not point at itself.
    expect((await queue(kc, `&cycle=${octId}`)).every((i) => !i.answeredBefore)).toBe(true);

    // Announced, November becomes the contact's default (it has open work), with the earlier answer on it.
    expect((await svc.post(`/api/cycles/${novId}/announce`)).status).toBe(200);
    expect((await choices(kc)).defaultCycleId).toBe(novId);
    const announced = await queue(kc);
    expect(announced.every((i) => i.cycleId === novId)).toBe(true);
    expect(announced.find((i) => i.id === again!.id)?.answeredBefore?.proposalId).toBe(proposalId);
    expect((await kc.get(`/api/queue/cluster/${again!.id}`)).body.answeredBefore.proposalId).toBe(proposalId);

    // With nothing left to do in November, the contact starts on October again (the newest announced month with work).
    const repo = t.app.get(DataSource).getRepository(MissClusterEntity);
    const openNov = (await repo.findBy({ cycleId: novId, routedUnitCode: 'HT' })).filter((c) => c.queueStatus !== 'closed');
    await repo.update({ id: In(openNov.map((c) => c.id)) }, { queueStatus: 'closed', closeReason: 'chit-chat', answeredAt: new Date() });
    await t.app.get(DataSource).query(`UPDATE review_item SET status = 'done', queue_status = 'closed' WHERE cycle_id = ?`, [novId]);
    const after = await choices(kc);
    expect(after.cycles.find((c) => c.id === novId)!.openCount).toBe(0);
    expect(after.defaultCycleId).toBe(octId);
    expect((await queue(kc)).every((i) => i.cycleId === octId)).toBe(true);
  }, 180_000);
});
