import { Role, type QueueItemDetailDto, type QueueItemDto } from '@tunedesk/contracts';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { Client, makeUser, seedUnits, signedIn, startTestApp, type TestApp } from '../../../../test/support/app';
import { DATABASE_KINDS, type TestDatabase } from '../../../../test/support/databases';
import { systemActor } from '../common/actor';
import { KnowledgeService } from '../knowledge/knowledge.service';
import { CycleService } from '../reports/cycle.service';
import { ReportImportService } from '../reports/report-import.service';
import { MissClusterEntity } from '../reports/report.entities';

const ROOT = join(__dirname, '../../../..');
const actor = systemActor('test');

describe.each(DATABASE_KINDS)('splitting a cluster on $kind', ({ create }) => {
  let db: TestDatabase;
  let t: TestApp;
  let kc1: Client;
  let kc2: Client;
  let kcLv: Client;
  let cycleId = 0;
  /** October's cycle: the refusal tests take their clusters from it, so September keeps enough to split. */
  let octId = 0;

  beforeAll(async () => {
    db = await create();
    const scratch = mkdtempSync(join(tmpdir(), 'tunedesk-split-'));
    t = await startTestApp(db, { FILES_DIR: join(scratch, 'files') });
    await seedUnits(t);
    await makeUser(t, { account: 'kc.ht1', unitCode: 'HT', roles: [Role.KnowledgeContact] });
    await makeUser(t, { account: 'kc.ht2', unitCode: 'HT', roles: [Role.KnowledgeContact] });
    await makeUser(t, { account: 'kc.lv', unitCode: 'LV', roles: [Role.KnowledgeContact] });
    [kc1, kc2, kcLv] = await Promise.all(['kc.ht1', 'kc.ht2', 'kc.lv'].map((a) => signedIn(t, a)));
    await t.app.get(KnowledgeService).import(actor, readFileSync(join(ROOT, 'test/fixtures/kb/ok/kb.csv')), 'kb.csv');
    const imports = t.app.get(ReportImportService);
    for (const month of ['2026-09', '2026-10']) {
      const temp = join(scratch, `report-${month}.csv`);
      copyFileSync(join(ROOT, `test/fixtures/reports/ok/report-${month}.csv`), temp);
      const queued = await imports.submit(actor, { tempPath: temp, fileName: `report-${month}.csv` }, {});
      for (let i = 0; i < 600 && ['queued', 'processing'].includes((await imports.get(queued.id)).status); i++) await sleep(25);
    }
    cycleId = (await t.app.get(CycleService).findByMonth('2026-09'))!.id;
    octId = (await t.app.get(CycleService).findByMonth('2026-10'))!.id;
    // 公告: a contact's queue holds announced months only (issue 14).
    for (const id of [cycleId, octId]) await t.app.get(CycleService).announce(actor, id);
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const clusters = () => t.app.get(DataSource).getRepository(MissClusterEntity);
  const openHt = async (cycle: number) =>
    ((await kc1.get(`/api/queue?cycle=${cycle}&kind=cluster&status=open`)).body as QueueItemDto[]).filter((i) => i.unitCode === 'HT');
  /** An open cluster of HT with at least `n` wordings in the cycle (the month's build, or one made from it). */
  const withWordings = async (n: number, cycle = cycleId): Promise<QueueItemDetailDto> => {
    for (const item of await openHt(cycle)) {
      const detail = (await kc1.get(`/api/queue/cluster/${item.id}`)).body as QueueItemDetailDto;
      if (detail.wordings.length >= n) return detail;
    }
    throw new Error(`no open HT cluster with ${n} wordings`);
  };
  const sum = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);

  it('moves the chosen wordings into a new cluster of the same queue: sizes add up, wordings partition, an audit row', async () => {
    const before = await withWordings(2);
    const row = (await clusters().findOneBy({ id: before.id }))!;
    const moving = before.wordings.slice(1).map((w) => w.text);
    const movedSize = before.wordings.slice(1).reduce((n, w) => n + w.count, 0);
    const maxNo = Math.max(...(await clusters().findBy({ cycleId })).map((c) => c.clusterNo));

    const res = await kc1.post(`/api/queue/cluster/${before.id}/split`, { wordings: moving });
    expect(res.status).toBe(200);
    const created = res.body as QueueItemDto;
    expect(created.id).not.toBe(before.id);
    expect(created).toMatchObject({ kind: 'cluster', cycleId, unitCode: 'HT', status: 'open', size: movedSize, title: moving[0] });

    const source = (await kc1.get(`/api/queue/cluster/${before.id}`)).body as QueueItemDetailDto;
    const split = (await kc1.get(`/api/queue/cluster/${created.id}`)).body as QueueItemDetailDto;
    expect(source.size + split.size).toBe(before.size);
    expect(source.wordings.map((w) => w.text)).toEqual([before.wordings[0].text]);
    expect(source.title).toBe(before.wordings[0].text);
    expect(split.wordings.map((w) => w.text).sort()).toEqual([...moving].sort());
    expect(split).toMatchObject({ basis: 'topic', confidence: null });

    const [src, made] = [(await clusters().findOneBy({ id: before.id }))!, (await clusters().findOneBy({ id: created.id }))!];
    expect(made).toMatchObject({
      cycleId,
      clusterNo: maxNo + 1,
      routedUnitCode: row.routedUnitCode,
      assigneeId: row.assigneeId,
      queueStatus: 'open',
      claimedBy: null,
      basis: 'topic',
      confidence: null,
    });
    // Counted again from the month's messages: each side's response types add up to its size.
    expect(sum(JSON.parse(src.byResponseType))).toBe(src.size);
    expect(sum(JSON.parse(made.byResponseType))).toBe(made.size);
    const byType = JSON.parse(row.byResponseType) as Record<string, number>;
    for (const [k, v] of Object.entries(byType))
      expect((JSON.parse(src.byResponseType)[k] ?? 0) + (JSON.parse(made.byResponseType)[k] ?? 0)).toBe(v);
    for (const e of JSON.parse(made.examples) as { question: string }[]) expect(moving).toContain(e.question);
    for (const e of JSON.parse(src.examples) as { question: string }[]) expect(moving).not.toContain(e.question);
    expect(src.representativeKey).toBe(JSON.parse(src.wordings)[0].key);
    expect(made.representativeKey).toBe(JSON.parse(made.wordings)[0].key);

    const audit = (await t.app
      .get(DataSource)
      .query(`SELECT actor_account, target_id, detail FROM audit_event WHERE action = 'cluster.split'`)) as {
      actor_account: string;
      target_id: string;
      detail: string;
    }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_account: 'kc.ht1', target_id: String(before.id) });
    expect(JSON.parse(audit[0].detail)).toMatchObject({ from: before.id, into: created.id, moved: moving.length });
  });

  it('refuses moving nothing, moving everything, a wording not in the cluster, and says so in both languages', async () => {
    const detail = await withWordings(2, octId);
    const url = `/api/queue/cluster/${detail.id}/split`;
    const none = await kc1.post(url, { wordings: [] });
    expect(none.status).toBe(422);
    expect(none.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'wordings', reason: 'none chosen' }] });
    expect(none.body.message['zh-TW']).toBe('請勾選要拆出的問法');
    const all = await kc1.post(url, { wordings: detail.wordings.map((w) => w.text) });
    expect(all.status).toBe(422);
    expect(all.body.details).toEqual([{ field: 'wordings', reason: 'every wording' }]);
    expect(all.body.message.en).toBe('Leave at least one wording in the cluster');
    const stranger = await kc1.post(url, { wordings: ['這句不在群組裡'] });
    expect(stranger.status).toBe(422);
    expect(stranger.body.details).toEqual([{ field: 'wordings', reason: 'not in the cluster' }]);
    expect(stranger.body.message['zh-TW']).toContain('這句不在群組裡');
    expect((await kc1.post(url, { wordings: 'x' })).status).toBeGreaterThanOrEqual(400);
    expect(((await kc1.get(`/api/queue/cluster/${detail.id}`)).body as QueueItemDetailDto).wordings).toEqual(detail.wordings);
  });

  it("refuses another unit's cluster (it does not exist for them), a claimed one of someone else, a closed and a proposed one", async () => {
    const detail = await withWordings(2, octId);
    const body = { wordings: [detail.wordings[1].text] };
    expect((await kcLv.post(`/api/queue/cluster/${detail.id}/split`, body)).status).toBe(404);

    expect((await kc2.post(`/api/queue/cluster/${detail.id}/claim`)).status).toBe(200);
    const claimed = await kc1.post(`/api/queue/cluster/${detail.id}/split`, body);
    expect(claimed.status).toBe(409);
    expect(claimed.body.code).toBe('QUEUE_ITEM_CLAIMED');
    expect((await kc2.post(`/api/queue/cluster/${detail.id}/release`)).status).toBe(200);

    expect((await kc1.post(`/api/queue/cluster/${detail.id}/close`, { reason: 'chit-chat' })).status).toBe(200);
    const closed = await kc1.post(`/api/queue/cluster/${detail.id}/split`, body);
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('QUEUE_ITEM_CLOSED');
    expect(closed.body.message['zh-TW']).toContain('不能拆分');

    const other = await withWordings(2, octId);
    const proposal = await kc1.post('/api/proposals', {
      cycleId: octId,
      kind: 'delete',
      kbItemId: 'HT-0006',
      reason: '已無此業務',
      source: { kind: 'cluster', id: other.id },
    });
    expect(proposal.status).toBe(201);
    const proposed = await kc1.post(`/api/queue/cluster/${other.id}/split`, { wordings: [other.wordings[1].text] });
    expect(proposed.status).toBe(409);
    expect(proposed.body.code).toBe('QUEUE_ITEM_CLOSED');
    expect(await clusters().countBy({ cycleId: octId, representative: other.wordings[1].text })).toBe(0);
  });

  it('splits the counts in proportion when the cycle has no import to count them from', async () => {
    const cycles = t.app.get(DataSource).getRepository('tuning_cycle');
    const importId = ((await cycles.findOneBy({ id: cycleId })) as { importId: number }).importId;
    await cycles.update({ id: cycleId }, { importId: null });
    try {
      const detail = await withWordings(2);
      const row = (await clusters().findOneBy({ id: detail.id }))!;
      const res = await kc1.post(`/api/queue/cluster/${detail.id}/split`, { wordings: [detail.wordings[1].text] });
      expect(res.status).toBe(200);
      const [src, made] = [(await clusters().findOneBy({ id: detail.id }))!, (await clusters().findOneBy({ id: res.body.id }))!];
      expect(src.size + made.size).toBe(row.size);
      expect(sum(JSON.parse(made.byResponseType))).toBe(made.size);
      expect(sum(JSON.parse(src.byResponseType))).toBe(src.size);
      expect(made.channels).toBe(row.channels);
    } finally {
      await cycles.update({ id: cycleId }, { importId });
    }
  });
});
