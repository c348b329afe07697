import type { EffectDto, ProgressDto, SendBackResultDto } from '@tunedesk/contracts';
import { Role } from '@tunedesk/contracts';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { Client, makeUser, seedUnits, signedIn, startTestApp, type TestApp } from '../../../../test/support/app';
import { DATABASE_KINDS, type TestDatabase } from '../../../../test/support/databases';
import { systemActor } from '../common/actor';
import { KnowledgeService } from '../knowledge/knowledge.service';
import { ProposalEntity } from '../proposals/proposal.entities';
import { MissClusterEntity, TuningCycleEntity } from '../reports/report.entities';
import { ReportImportService } from '../reports/report-import.service';
import { ReviewItemEntity } from '../tuning/tuning.entities';

const ROOT = join(__dirname, '../../../..');
const actor = systemActor('test');
const HEADER = '提問時間,會話編號,管道,使用者問句,回應類型,題目編號,標準問句,信心分數,評價,轉真人';

/** `count` unanswered rows of one wording on a day of the month. */
function misses(month: string, wording: string, count: number, session: string): string[] {
  return Array.from(
    { length: count },
    (_, i) =>
      `${month}-${String(1 + (i % 27)).padStart(2, '0')} 10:${String(i % 60).padStart(2, '0')}:00,${session}${i},官網,${wording},未能回答,,,0.1,,N`,
  );
}

/** A few answered rows so the month has figures besides its misses. */
function answered(month: string, n: number): string[] {
  return Array.from(
    { length: n },
    (_, i) => `${month}-02 09:${String(i).padStart(2, '0')}:00,OK${i},LINE,房屋稅什麼時候繳,直接回答,HT-0001,房屋稅什麼時候繳？,0.9,滿意,N`,
  );
}

// Two topics no item answers. After the changes, one (the e-ticket card) all but disappears, the other does not.
const WORKED = '可以用悠遊卡在超商繳使用牌照稅嗎';
const FAILED = '房屋稅籍證明要去哪裡申請';

describe.each(DATABASE_KINDS)('team progress and tuning effect on $kind', ({ create }) => {
  let db: TestDatabase;
  let t: TestApp;
  const scratch = mkdtempSync(join(tmpdir(), 'tunedesk-team-'));
  let n = 0;
  let ds: DataSource;

  async function importRows(month: string, rows: string[], replace = false) {
    const path = join(scratch, `${++n}-log-${month}.csv`);
    writeFileSync(path, [HEADER, ...rows].join('\r\n'));
    const temp = join(scratch, `${n}-upload.csv`);
    copyFileSync(path, temp);
    const imports = t.app.get(ReportImportService);
    const queued = await imports.submit(actor, { tempPath: temp, fileName: `log-${month}.csv` }, replace ? { replace: true } : {});
    for (let i = 0; i < 600; i++) {
      const current = await imports.get(queued.id);
      if (!['queued', 'processing'].includes(current.status)) {
        expect(current.status).toBe('completed');
        return current;
      }
      await sleep(25);
    }
    throw new Error('import did not finish');
  }

  async function clusterOf(month: string, wording: string): Promise<MissClusterEntity> {
    const cycle = await ds.getRepository(TuningCycleEntity).findOneByOrFail({ month });
    const clusters = await ds.getRepository(MissClusterEntity).findBy({ cycleId: cycle.id });
    const found = clusters.find((c) => (JSON.parse(c.wordings) as { text: string }[]).some((w) => w.text === wording));
    if (!found) throw new Error(`no cluster of ${wording} in ${month}`);
    return found;
  }

  let worked: ProposalEntity;
  let failed: ProposalEntity;
  let unitOfFailed: string;
  let leader: Client;
  let auditor: Client;

  beforeAll(async () => {
    db = await create();
    t = await startTestApp(db, { FILES_DIR: join(scratch, 'files') });
    ds = t.app.get(DataSource);
    await seedUnits(t);
    await t.app.get(KnowledgeService).import(actor, readFileSync(join(ROOT, 'test/fixtures/kb/ok/kb.csv')), 'kb.csv');
    await makeUser(t, { account: 'gl.team', unitCode: 'SVC', roles: [Role.GroupLeader] });
    await makeUser(t, { account: 'au.team', unitCode: 'SVC', roles: [Role.Auditor] });
    leader = await signedIn(t, 'gl.team');
    auditor = await signedIn(t, 'au.team');

    // May: 12 misses of each topic. June: the e-ticket question twice, the other eleven times.
    await importRows('2026-05', [...answered('2026-05', 5), ...misses('2026-05', WORKED, 12, 'W'), ...misses('2026-05', FAILED, 12, 'F')]);
    const w = await clusterOf('2026-05', WORKED);
    const f = await clusterOf('2026-05', FAILED);
    unitOfFailed = f.routedUnitCode ?? 'SVC';
    const may = await ds.getRepository(TuningCycleEntity).findOneByOrFail({ month: '2026-05' });
    const applied = (sourceId: number, unitCode: string, question: string) =>
      ds.getRepository(ProposalEntity).save({
        cycleId: may.id,
        unitCode,
        kind: 'add',
        kbItemId: null,
        content: JSON.stringify({ category: '其他', question, alternates: [], answer: '可以。', keywords: [], ownerUnitCode: unitCode }),
        reason: '未答問題',
        sourceKind: 'cluster',
        sourceId,
        status: 'applied',
        returnComment: null,
        deferReason: null,
        newItemId: null,
        seq: 1,
        appliedAt: new Date('2026-05-31T08:00:00Z'),
        appliedBy: 'svc',
        reconcileNote: null,
        sentBackKind: null,
        sentBackId: null,
        sentBackAt: null,
        sentBackBy: null,
        createdBy: 'kc',
        createdAt: new Date('2026-05-20T08:00:00Z'),
        updatedAt: new Date('2026-05-31T08:00:00Z'),
      });
    worked = await applied(w.id, w.routedUnitCode ?? 'SVC', WORKED);
    failed = await applied(f.id, unitOfFailed, FAILED);
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('waits for a month after the change, then judges each change by its source wordings', async () => {
    let effect = (await leader.get('/api/dashboard/effect')).body as EffectDto;
    expect(effect.rows.map((r) => r.verdict)).toEqual(['pending', 'pending']);
    expect((await leader.post(`/api/dashboard/effect/${failed.id}/send-back`)).status).toBe(409);

    await importRows('2026-06', [...answered('2026-06', 5), ...misses('2026-06', WORKED, 2, 'W'), ...misses('2026-06', FAILED, 11, 'F')]);
    effect = (await leader.get('/api/dashboard/effect')).body as EffectDto;
    const byId = new Map(effect.rows.map((r) => [r.proposalId, r]));
    // Before: May only (April and March were not imported); after: June.
    expect(byId.get(worked.id)).toMatchObject({
      before: [{ month: '2026-05', misses: 12 }],
      after: [{ month: '2026-06', misses: 2 }],
      beforeMean: 12,
      afterMean: 2,
      change: -0.8333,
      verdict: 'improved',
    });
    expect(byId.get(failed.id)).toMatchObject({
      before: [{ month: '2026-05', misses: 12 }],
      after: [{ month: '2026-06', misses: 11 }],
      change: -0.0833,
      verdict: 'unchanged',
      sentBack: null,
    });
    expect(effect.counts).toEqual({ improved: 1, unchanged: 1, worse: 0, pending: 0 });
    const onlyImproved = (await leader.get('/api/dashboard/effect?verdict=improved')).body as EffectDto;
    expect(onlyImproved.rows.map((r) => r.proposalId)).toEqual([worked.id]);
    expect((await leader.get('/api/dashboard/effect?verdict=better')).status).toBe(400);
  });

  it('sends an unimproved change back to the unit’s queue once; a change that worked stays', async () => {
    expect((await auditor.post(`/api/dashboard/effect/${failed.id}/send-back`)).status).toBe(403);
    expect((await leader.post(`/api/dashboard/effect/${worked.id}/send-back`)).body.code).toBe('EFFECT_NOT_UNIMPROVED');

    // June's cluster of the same question was closed as already answered: sending back reopens it.
    const june = await clusterOf('2026-06', FAILED);
    await ds
      .getRepository(MissClusterEntity)
      .update({ id: june.id }, { queueStatus: 'closed', closeReason: 'answered', answeredAt: new Date() });
    const res = await leader.post(`/api/dashboard/effect/${failed.id}/send-back`);
    expect(res.status).toBe(200);
    expect(res.body as SendBackResultDto).toMatchObject({ kind: 'cluster', id: june.id });
    const reopened = await ds.getRepository(MissClusterEntity).findOneByOrFail({ id: june.id });
    expect(reopened).toMatchObject({ queueStatus: 'open', closeReason: null, answeredAt: null });
    expect(reopened.reassignReason).toContain(`#${failed.id}`);
    const again = await leader.post(`/api/dashboard/effect/${failed.id}/send-back`);
    expect([again.status, again.body.code]).toEqual([409, 'ALREADY_SENT_BACK']);
    const row = ((await auditor.get('/api/dashboard/effect')).body as EffectDto).rows.find((r) => r.proposalId === failed.id)!;
    expect(row.sentBack).toMatchObject({ kind: 'cluster', id: june.id, by: 'gl.team' });
    const audit = await ds.query(`SELECT action, target_id FROM audit_event WHERE action = 'dashboard.send-back'`);
    expect(audit.map((a: { target_id: string }) => String(a.target_id))).toEqual([String(failed.id)]);
  });

  it('queues the item for review when the newest cycle has no cluster of the question', async () => {
    // July: the question is gone from the log, the item remains; the change had been judged unchanged.
    await ds.getRepository(ProposalEntity).update({ id: failed.id }, { sentBackKind: null, sentBackId: null, sentBackAt: null });
    await ds.getRepository(ProposalEntity).update({ id: failed.id }, { newItemId: 'HT-0002' });
    await importRows('2026-07', [
      ...answered('2026-07', 5),
      ...misses('2026-07', FAILED, 0, 'F'),
      ...misses('2026-07', '完全不同的問題', 3, 'X'),
    ]);
    // Verdict now: mean of June (11) and July (0) after = 5.5 against 12 → improved: nothing to send back.
    expect((await leader.post(`/api/dashboard/effect/${failed.id}/send-back`)).body.code).toBe('EFFECT_NOT_UNIMPROVED');
    await ds.query(`UPDATE rollup_miss SET misses = 20 WHERE month = '2026-06' AND misses = 11`);
    const res = await leader.post(`/api/dashboard/effect/${failed.id}/send-back`);
    expect(res.status).toBe(200);
    expect(res.body.kind).toBe('review');
    const item = await ds.getRepository(ReviewItemEntity).findOneByOrFail({ id: res.body.id });
    expect(item).toMatchObject({ kbItemId: 'HT-0002', unitCode: unitOfFailed, status: 'open', queueStatus: 'open' });
    expect(item.reasons.split(',')).toContain('not-improved');
  });

  it('shows progress per unit and contact: contacts their own unit, the leader and the auditor every unit', async () => {
    const june = await ds.getRepository(TuningCycleEntity).findOneByOrFail({ month: '2026-06' });
    await ds.getRepository(TuningCycleEntity).update({ id: june.id }, { dueDate: '2026-07-10' });
    const units = await ds.query(
      `SELECT DISTINCT routed_unit_code AS u FROM miss_cluster WHERE cycle_id = ? AND routed_unit_code IS NOT NULL`,
      [june.id],
    );
    const unit: string = units[0].u;
    const other = unit === 'HT' ? 'LV' : 'HT';
    await makeUser(t, { account: `kc.${unit.toLowerCase()}`, unitCode: unit, roles: [Role.KnowledgeContact] });
    const contact = await signedIn(t, `kc.${unit.toLowerCase()}`);

    const all = (await leader.get(`/api/dashboard/progress?cycle=${june.id}`)).body as ProgressDto;
    const clusters = await ds.getRepository(MissClusterEntity).findBy({ cycleId: june.id });
    const reviews = await ds.getRepository(ReviewItemEntity).findBy({ cycleId: june.id });
    const routed = clusters.filter((c) => c.routedUnitCode);
    expect(all.totals.assigned).toBe(routed.length + reviews.length);
    const isDone = (s: string, r?: string) => s === 'proposed' || s === 'closed' || r === 'done';
    const doneCount = routed.filter((c) => isDone(c.queueStatus)).length + reviews.filter((r) => isDone(r.queueStatus, r.status)).length;
    expect(all.totals.done).toBe(doneCount);
    expect(all.units.reduce((s, u) => s + u.assigned, 0)).toBe(all.totals.assigned);
    expect(all.contacts.reduce((s, c) => s + c.assigned, 0)).toBe(all.totals.assigned);
    // The clock stands in November: June's cycle is long overdue, and every open item is on the list.
    expect(all.totals.overdue).toBe(all.totals.open);
    expect(all.overdue).toHaveLength(all.totals.open);
    expect(all.overdue.every((o) => o.workdaysOverdue > 50)).toBe(true);
    expect(all.burndown.days).toEqual([]);

    // Someone claims and closes one of the unit's items: the contact's row counts it as done.
    const mine = routed.find((c) => c.routedUnitCode === unit && c.queueStatus === 'open')!;
    // A contact works an announced (公告) month only (issue 14).
    await ds.getRepository(TuningCycleEntity).update({ id: june.id }, { announcedAt: new Date('2026-06-26T01:00:00Z') });
    expect((await contact.post(`/api/queue/cluster/${mine.id}/claim`)).status).toBe(200);
    expect((await contact.post(`/api/queue/cluster/${mine.id}/close`, { reason: 'chit-chat' })).status).toBe(200);
    const own = (await contact.get(`/api/dashboard/progress?cycle=${june.id}`)).body as ProgressDto;
    expect(own.unitCode).toBe(unit);
    expect(own.units.map((u) => u.unitCode)).toEqual([unit]);
    const me = own.contacts.find((c) => c.account === `kc.${unit.toLowerCase()}`)!;
    expect(me).toMatchObject({ assigned: 1, done: 1, open: 0, overdue: 0 });
    expect(own.overdue.every((o) => o.unitCode === unit)).toBe(true);
    expect((await contact.get(`/api/dashboard/progress?cycle=${june.id}&unit=${other}`)).status).toBe(403);
    expect((await contact.get(`/api/dashboard/effect?unit=${other}`)).status).toBe(403);
    const contactEffect = (await contact.get('/api/dashboard/effect')).body as EffectDto;
    expect(contactEffect.rows.every((r) => r.unitCode === unit)).toBe(true);

    const read = (await auditor.get(`/api/dashboard/progress?cycle=${june.id}`)).body as ProgressDto;
    expect(read.totals).toEqual({ ...all.totals, done: all.totals.done + 1, open: all.totals.open - 1, overdue: all.totals.overdue - 1 });
    expect((await auditor.get('/api/dashboard/progress?cycle=99999')).status).toBe(404);
  });

  it('draws a burndown from the announcement to the due date', async () => {
    const june = await ds.getRepository(TuningCycleEntity).findOneByOrFail({ month: '2026-06' });
    await ds
      .getRepository(TuningCycleEntity)
      .update({ id: june.id }, { announcedAt: new Date('2026-10-27T01:00:00Z'), dueDate: '2026-11-06' });
    t.clock.set('2026-11-02T01:20:00Z');
    const p = (await leader.get(`/api/dashboard/progress?cycle=${june.id}`)).body as ProgressDto;
    expect(p.burndown.days[0]).toBe('2026-10-27');
    expect(p.burndown.days.at(-1)).toBe('2026-11-06');
    expect(p.burndown.ideal[0]).toBe(p.totals.assigned);
    expect(p.burndown.ideal.at(-1)).toBe(0);
    // Days still to come have no actual figure; today's is what is open now.
    expect(p.burndown.open[p.burndown.days.indexOf('2026-11-02')]).toBe(p.totals.open);
    expect(p.burndown.open[p.burndown.days.indexOf('2026-11-03')]).toBeNull();
    expect(p.totals.overdue).toBe(0);
  });
});
