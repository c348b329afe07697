import { Role, type ProposalDto, type ProposalListDto, type QueueItemDto } from '@tunedesk/contracts';
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

const ROOT = join(__dirname, '../../../..');
const actor = systemActor('test');

describe.each(DATABASE_KINDS)('queues, proposals and the unit list on $kind', ({ create }) => {
  let db: TestDatabase;
  let t: TestApp;
  let kc1: Client;
  let kc2: Client;
  let kcLv: Client;
  let head: Client;
  let headLv: Client;
  let leader: Client;
  let cycleId = 0;

  beforeAll(async () => {
    db = await create();
    const scratch = mkdtempSync(join(tmpdir(), 'tunedesk-proposals-'));
    t = await startTestApp(db, { FILES_DIR: join(scratch, 'files') });
    await seedUnits(t);
    await makeUser(t, { account: 'kc.ht1', unitCode: 'HT', roles: [Role.KnowledgeContact] });
    await makeUser(t, { account: 'kc.ht2', unitCode: 'HT', roles: [Role.KnowledgeContact] });
    await makeUser(t, { account: 'kc.lv', unitCode: 'LV', roles: [Role.KnowledgeContact] });
    await makeUser(t, { account: 'head.ht', unitCode: 'HT', roles: [Role.UnitHead] });
    await makeUser(t, { account: 'head.lv', unitCode: 'LV', roles: [Role.UnitHead] });
    await makeUser(t, { account: 'leader', unitCode: 'SVC', roles: [Role.GroupLeader] });
    [kc1, kc2, kcLv, head, headLv, leader] = await Promise.all(
      ['kc.ht1', 'kc.ht2', 'kc.lv', 'head.ht', 'head.lv', 'leader'].map((a) => signedIn(t, a)),
    );
    await t.app.get(KnowledgeService).import(actor, readFileSync(join(ROOT, 'test/fixtures/kb/ok/kb.csv')), 'kb.csv');
    const temp = join(scratch, 'report-2026-09.csv');
    copyFileSync(join(ROOT, 'test/fixtures/reports/ok/report-2026-09.csv'), temp);
    const imports = t.app.get(ReportImportService);
    const queued = await imports.submit(actor, { tempPath: temp, fileName: 'report-2026-09.csv' }, {});
    for (let i = 0; i < 600 && ['queued', 'processing'].includes((await imports.get(queued.id)).status); i++) await sleep(25);
    cycleId = (await t.app.get(CycleService).findByMonth('2026-09'))!.id;
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const htQueue = async (client = kc1) => (await client.get(`/api/queue?cycle=${cycleId}&kind=cluster`)).body as QueueItemDto[];

  it("shows a contact their unit's queue by impact, and never another unit's", async () => {
    const mine = await htQueue();
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((i) => i.unitCode === 'HT')).toBe(true);
    const impacts = mine.map((i) => i.impact);
    expect([...impacts].sort((a, b) => b - a)).toEqual(impacts);
    expect((await kc1.get(`/api/queue?cycle=${cycleId}&unit=LV`)).status).toBe(403);
    expect((await kc1.get(`/api/queue?cycle=${cycleId}&unit=triage`)).status).toBe(403);
    const lvItem = ((await kcLv.get(`/api/queue?cycle=${cycleId}&kind=cluster`)).body as QueueItemDto[])[0];
    expect((await kc1.get(`/api/queue/cluster/${lvItem.id}`)).status).toBe(404);
    expect((await kc1.post(`/api/queue/cluster/${lvItem.id}/claim`)).status).toBe(404);
    const detail = await kc1.get(`/api/queue/cluster/${mine[0].id}`);
    expect(detail.body.wordings.length).toBeGreaterThan(0);
    expect(detail.body.items.length).toBeGreaterThan(0);
    expect(detail.body.items[0]).toHaveProperty('answer');
  });

  it('lets exactly one of two contacts claiming at once win, and tells the other who has it', async () => {
    const item = (await htQueue()).find((i) => i.status === 'open')!;
    const [a, b] = await Promise.all([kc1.post(`/api/queue/cluster/${item.id}/claim`), kc2.post(`/api/queue/cluster/${item.id}/claim`)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    const winner = a.status === 200 ? 'kc.ht1' : 'kc.ht2';
    expect(loser.body.code).toBe('QUEUE_ITEM_CLAIMED');
    expect(loser.body.message.en).toContain(winner);
    const winnerClient = winner === 'kc.ht1' ? kc1 : kc2;
    const loserClient = winner === 'kc.ht1' ? kc2 : kc1;
    expect((await loserClient.post(`/api/queue/cluster/${item.id}/release`)).status).toBe(409);
    const released = await winnerClient.post(`/api/queue/cluster/${item.id}/release`);
    expect(released.body).toMatchObject({ status: 'open', claimedBy: null });
  });

  it('closes with a reason (其他 needs a note), reassigns with a notice to the group leader, and reports bulk failures per item', async () => {
    const [first, second, third] = (await htQueue()).filter((i) => i.status === 'open');
    const noNote = await kc1.post(`/api/queue/cluster/${first.id}/close`, { reason: 'other' });
    expect(noNote.status).toBe(422);
    expect(noNote.body.details).toEqual([{ field: 'note', reason: 'required for other' }]);
    const closed = await kc1.post(`/api/queue/cluster/${first.id}/close`, { reason: 'chit-chat' });
    expect(closed.body).toMatchObject({ status: 'closed', closeReason: 'chit-chat' });

    const moved = await kc1.post(`/api/queue/cluster/${second.id}/reassign`, { unitCode: 'LV', reason: '問的是地價稅' });
    expect(moved.body).toMatchObject({ unitCode: 'LV', reassignedFrom: 'HT', reassignReason: '問的是地價稅', status: 'open' });
    const inbox = (await leader.get('/api/notifications')).body;
    expect(
      inbox.items.some((n: { kind: string; link: string }) => n.kind === 'queue.reassigned' && n.link === `/queue/cluster/${second.id}`),
    ).toBe(true);
    expect((await kcLv.get(`/api/queue/cluster/${second.id}`)).status).toBe(200);
    expect((await kc1.get(`/api/queue/cluster/${second.id}`)).status).toBe(404);

    const bulk = await kc1.post('/api/queue/bulk', {
      action: 'close',
      reason: 'already-answered',
      items: [
        { kind: 'cluster', id: third.id },
        { kind: 'cluster', id: first.id },
      ],
    });
    expect(bulk.status).toBe(200);
    expect(bulk.body.done).toEqual([{ kind: 'cluster', id: third.id }]);
    expect(bulk.body.failed).toEqual([expect.objectContaining({ kind: 'cluster', id: first.id, code: 'QUEUE_ITEM_CLOSED' })]);
  });

  it('carries proposals through submit, return, revise, resubmit and one approval; approved ones are locked', async () => {
    const source = (await htQueue()).find((i) => i.status === 'open')!;
    const add = await kc1.post('/api/proposals', {
      cycleId,
      kind: 'add',
      source: { kind: 'cluster', id: source.id },
      reason: '民眾問法：房屋稅可以用手機繳嗎',
      content: {
        category: '房屋稅',
        question: '房屋稅可以用手機行動支付繳納嗎？',
        alternates: ['房屋稅手機怎麼繳', '房屋稅什麼時候繳？'],
        answer: '可以，114年起可使用行動支付繳納。',
        keywords: ['房屋稅', '行動支付'],
        ownerUnitCode: 'HT',
      },
    });
    expect(add.status).toBe(201);
    const codes = (add.body as ProposalDto).warnings.map((w) => w.code);
    expect(codes).toEqual(expect.arrayContaining(['alternate-in-use', 'past-year']));
    expect((await kc1.get(`/api/queue/cluster/${source.id}`)).body.status).toBe('proposed');

    const modify = await kc1.post('/api/proposals', {
      cycleId,
      kind: 'modify',
      kbItemId: 'HT-0001',
      reason: '補充問法',
      content: {
        category: '房屋稅',
        question: '房屋稅什麼時候繳？',
        alternates: ['房屋稅繳納期限是哪一天', '房屋稅五月要繳嗎'],
        answer: '房屋稅每年5月1日至5月31日繳納。',
        keywords: ['房屋稅'],
        ownerUnitCode: 'HT',
      },
    });
    expect(modify.status).toBe(201);
    expect(modify.body.before.question).toBe('房屋稅什麼時候繳？');
    const again = await kc2.post('/api/proposals/warnings', { cycleId, kind: 'delete', kbItemId: 'HT-0001', reason: 'x' });
    expect(again.body.map((w: { code: string }) => w.code)).toContain('open-proposal');
    const del = await kc1.post('/api/proposals', { cycleId, kind: 'delete', kbItemId: 'HT-0006', reason: '' });
    expect(del.status).toBe(422);
    expect(del.body.details[0].field).toBe('reason');
    const delOk = await kc1.post('/api/proposals', { cycleId, kind: 'delete', kbItemId: 'HT-0006', reason: '已無此業務' });
    expect(delOk.status).toBe(201);

    // A contact cannot approve; the list must be submitted first anyway.
    expect((await kc1.post(`/api/cycles/${cycleId}/lists/HT/approve`)).status).toBe(403);
    expect((await head.post(`/api/cycles/${cycleId}/lists/HT/approve`)).body.code).toBe('LIST_STATE');
    const submitted = await kc1.post(`/api/cycles/${cycleId}/lists/HT/submit`);
    expect(submitted.body).toMatchObject({ status: 'submitted', submittedBy: { account: 'kc.ht1' } });
    expect((submitted.body as ProposalListDto).proposals.every((p) => p.status === 'submitted')).toBe(true);
    expect(
      (
        await kc1.put(`/api/proposals/${modify.body.id}`, {
          cycleId,
          kind: 'modify',
          kbItemId: 'HT-0001',
          content: modify.body.content,
          reason: '改',
        })
      ).body.code,
    ).toBe('PROPOSAL_LOCKED');
    expect((await kc1.post('/api/proposals', { cycleId, kind: 'delete', kbItemId: 'HT-0005', reason: 'x' })).body.code).toBe('LIST_LOCKED');

    // Another unit's head cannot sign this list off.
    expect((await headLv.post(`/api/cycles/${cycleId}/lists/HT/approve`)).status).toBe(403);
    const returned = await head.post(`/api/cycles/${cycleId}/lists/HT/return`, { comments: { [add.body.id]: '答案的年份請更新' } });
    expect(returned.body.status).toBe('returned');
    const back = (returned.body as ProposalListDto).proposals.find((p) => p.id === add.body.id)!;
    expect(back).toMatchObject({ status: 'returned', returnComment: '答案的年份請更新' });
    const revised = await kc1.put(`/api/proposals/${add.body.id}`, {
      cycleId,
      kind: 'add',
      reason: add.body.reason,
      content: { ...add.body.content, answer: '可以，使用行動支付繳納。', alternates: ['房屋稅手機怎麼繳'] },
    });
    expect(revised.status).toBe(200);
    expect(revised.body.warnings).toEqual([]);
    expect((await kc1.post(`/api/cycles/${cycleId}/lists/HT/submit`)).body.status).toBe('submitted');

    const [x, y] = await Promise.all([
      head.post(`/api/cycles/${cycleId}/lists/HT/approve`),
      head.post(`/api/cycles/${cycleId}/lists/HT/approve`),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    const approved = (await kc1.get(`/api/cycles/${cycleId}/lists/HT`)).body as ProposalListDto;
    expect(approved).toMatchObject({ status: 'approved', approvedBy: { account: 'head.ht' } });
    expect(approved.proposals.map((p) => p.status)).toEqual(['approved', 'approved', 'approved']);
    expect(
      (await kc1.put(`/api/proposals/${add.body.id}`, { cycleId, kind: 'add', reason: 'x', content: revised.body.content })).body.code,
    ).toBe('PROPOSAL_LOCKED');
    expect((await kc1.delete(`/api/proposals/${delOk.body.id}`)).status).toBe(409);
    const audit = await t.app.get(DataSource).query(`SELECT action FROM audit_event WHERE action LIKE 'list.%' ORDER BY id`);
    expect((audit as { action: string }[]).map((r) => r.action)).toEqual(['list.submit', 'list.return', 'list.submit', 'list.approve']);
    // The service section hears of the approval, the contacts too.
    expect((await kc2.get('/api/notifications')).body.items.some((n: { kind: string }) => n.kind === 'list.approved')).toBe(true);
  });

  it('keeps the work on a cluster when the month is rebuilt', async () => {
    const item = (await htQueue()).find((i) => i.status === 'open')!;
    await kc2.post(`/api/queue/cluster/${item.id}/claim`);
    await t.app.get(CycleService).rebuild('2026-09');
    const after = (await htQueue()).find((i) => i.title === item.title)!;
    expect(after).toMatchObject({ status: 'claimed', claimedBy: { account: 'kc.ht2' } });
    const proposed = (await htQueue()).filter((i) => i.status === 'proposed');
    expect(proposed).toHaveLength(1);
    const list = (await kc1.get(`/api/cycles/${cycleId}/lists/HT`)).body as ProposalListDto;
    expect(list.proposals.find((p) => p.kind === 'add')!.source?.id).toBe(proposed[0].id);
  });
});
