import { Role, type ConsolidationDto, type ProposalDto, type ProposalListDto, type QueueItemDto } from '@tunedesk/contracts';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { Client, makeUser, seedUnits, signedIn, startTestApp, type TestApp } from '../../../../test/support/app';
import { odsOfCsv, readOds } from '../../../../test/support/ods';
import { DATABASE_KINDS, type TestDatabase } from '../../../../test/support/databases';
import { TEST_REDIS_URL } from '../../../../test/support/services';
import { randomBytes } from 'node:crypto';
import { JobQueue } from '../jobs/job-queue.service';
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
    // On MariaDB the loop runs with its jobs on Redis (BullMQ) when Redis is configured, as in production.
    const redis: Record<string, string> =
      db.kind === 'mariadb' && TEST_REDIS_URL
        ? { REDIS_URL: TEST_REDIS_URL, WORKER_EMBEDDED: 'true', QUEUE_PREFIX: `p${randomBytes(4).toString('hex')}` }
        : {};
    t = await startTestApp(db, { FILES_DIR: join(scratch, 'files'), ...redis });
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
    // 公告: a contact's queue holds announced months only (issue 14).
    await t.app.get(CycleService).announce(actor, cycleId);
    if (db.kind === 'mariadb' && TEST_REDIS_URL) expect(t.app.get(JobQueue).driverKind).toBe('bullmq');
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

  it('merges two clusters that are one question: counts add up, the merged one is gone', async () => {
    const [a, b] = (await htQueue()).filter((i) => i.status === 'open');
    // Long channel lists (2,000+ characters together) are kept whole through the merge, never cut.
    const names = (from: number) =>
      Array.from({ length: 32 }, (_, i) => `Vendor-Channel-${String(from + i).padStart(2, '0')}-${'x'.repeat(14)}`);
    const ds = t.app.get(DataSource);
    await ds.query('UPDATE miss_cluster SET channels = ? WHERE id = ?', [JSON.stringify(names(0)), a.id]);
    await ds.query('UPDATE miss_cluster SET channels = ? WHERE id = ?', [JSON.stringify(names(32)), b.id]);
    const before = (await kc1.get(`/api/queue/cluster/${a.id}`)).body;
    const other = (await kc1.get(`/api/queue/cluster/${b.id}`)).body;
    expect((await kcLv.post(`/api/queue/cluster/${b.id}/merge`, { intoId: a.id })).status).toBe(404);
    expect((await kc1.post(`/api/queue/cluster/${a.id}/merge`, { intoId: a.id })).status).toBe(422);
    const merged = await kc1.post(`/api/queue/cluster/${b.id}/merge`, { intoId: a.id });
    expect(merged.status).toBe(200);
    expect(merged.body.size).toBe(before.size + other.size);
    const detail = (await kc1.get(`/api/queue/cluster/${a.id}`)).body;
    expect(detail.wordings.map((w: { text: string }) => w.text)).toEqual(
      expect.arrayContaining([...before.wordings, ...other.wordings].map((w: { text: string }) => w.text)),
    );
    expect((await kc1.get(`/api/queue/cluster/${b.id}`)).status).toBe(404);
    const [row] = (await ds.query('SELECT channels FROM miss_cluster WHERE id = ?', [a.id])) as { channels: string }[];
    expect(JSON.parse(row.channels)).toEqual([...names(0), ...names(32)]);
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
      reason: '=1+1 補充問法',
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

  it('consolidates: defer one, order, export format 4 safely, mark sent, reconcile the vendor bank and close the cycle', async () => {
    const svc = await (async () => {
      await makeUser(t, { account: 'svc.one', unitCode: 'SVC', roles: [Role.ServiceSection] });
      return signedIn(t, 'svc.one');
    })();
    expect((await kc1.get(`/api/cycles/${cycleId}/consolidation`)).status).toBe(403);
    const view = (await svc.get(`/api/cycles/${cycleId}/consolidation`)).body as ConsolidationDto;
    expect(view.units.find((u) => u.unitCode === 'HT')).toMatchObject({ status: 'approved', proposals: 3, approved: 3 });
    expect(view.units.find((u) => u.unitCode === 'LV')).toMatchObject({ status: 'not-started', proposals: 0 });
    const [add, modify, del] = ['add', 'modify', 'delete'].map((k) => view.changes.find((c) => c.kind === k)!);

    expect((await svc.post(`/api/proposals/${del.id}/defer`, { reason: '' })).status).toBe(422);
    expect((await svc.post(`/api/proposals/${del.id}/defer`, { reason: '待法規修正後再刪' })).status).toBe(204);
    expect((await kc1.get('/api/notifications')).body.items.some((n: { kind: string }) => n.kind === 'proposal.deferred')).toBe(true);
    expect((await svc.put(`/api/cycles/${cycleId}/change-set/order`, { proposalIds: [modify.id, add.id, 999999] })).status).toBe(422);
    expect((await svc.put(`/api/cycles/${cycleId}/change-set/order`, { proposalIds: [modify.id, add.id] })).status).toBe(204);

    const csv = await svc.get(`/api/cycles/${cycleId}/change-set?format=csv`);
    expect(csv.status).toBe(200);
    const rows = parse(csv.text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r['項次'], r['異動類別']])).toEqual([
      ['1', '修改'],
      ['2', '新增'],
    ]);
    expect(rows[0]['異動原因']).toBe("'=1+1 補充問法");
    expect(rows[0]['新增相似問句']).toBe('房屋稅五月要繳嗎');
    expect(rows[0]['刪除相似問句']).toContain('房屋稅幾月開徵');
    const newId = rows[1]['題目編號'];
    expect(newId).toMatch(/^HT-\d{4}$/);
    expect(rows[1]['提案單位']).toBeTruthy();
    expect(rows[1]['單位主管核定日']).toMatch(/^\d{3}\/\d{2}\/\d{2}$/);
    const xlsx = await svc.get(`/api/cycles/${cycleId}/change-set?format=xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const ods = await svc.download(`/api/cycles/${cycleId}/change-set?format=ods`);
    expect(ods.status).toBe(200);
    expect(ods.headers['content-type']).toBe('application/vnd.oasis.opendocument.spreadsheet');
    expect(ods.headers['content-disposition']).toMatch(/filename="change-set-.+\.ods"/);
    const odsBack = await readOds(ods.body as Buffer);
    expect(odsBack.mimetypeFirstAndStored).toBe(true);
    expect(odsBack.sheets[0].name).toBe('題庫異動彙整表');
    expect(odsBack.sheets[0].rows).toEqual(odsOfCsv(csv.text));
    expect((await svc.get(`/api/cycles/${cycleId}/change-set?format=pdf`)).status).toBe(400);
    expect((await svc.post(`/api/cycles/${cycleId}/change-set/sent`)).status).toBe(204);
    expect((await svc.post(`/api/cycles/${cycleId}/change-set/sent`)).status).toBe(409);

    // The vendor sends its updated bank: the added item is there, the modified one only partly.
    const bank = await t.app.get(KnowledgeService).export(actor, 'csv');
    const bankRows = parse(bank.body, { bom: true }) as string[][];
    const header = bankRows[0];
    const col = (name: string) => header.indexOf(name);
    const ht1 = bankRows.find((r) => r[0] === 'HT-0001')!;
    ht1[col('相似問句')] = modify.content!.alternates.join('｜');
    const extra = [...ht1];
    extra[0] = newId;
    extra[col('標準問句')] = add.content!.question;
    extra[col('相似問句')] = add.content!.alternates.join('｜');
    extra[col('答案')] = add.content!.answer;
    const updated = stringify([header, ...bankRows.slice(1), extra].map((r) => r.map((c) => c.replace(/^'/, ''))));
    const rec = await svc.upload(`/api/cycles/${cycleId}/reconcile`, 'file', Buffer.from(updated), 'vendor-bank.csv');
    expect(rec.status).toBe(200);
    expect(rec.body.applied).toEqual([add.id]);
    expect(rec.body.flagged).toEqual([expect.objectContaining({ proposalId: modify.id, kbItemId: 'HT-0001', problem: 'different' })]);
    expect(rec.body.flagged[0].detail).toContain('答案');
    expect(rec.body.closed).toBe(false);
    expect((await t.app.get(KnowledgeService).get(newId)).question).toBe(add.content!.question);

    // The service section marks the modification applied by hand: the bank gets the proposal's version.
    expect((await svc.post(`/api/proposals/${modify.id}/apply`)).status).toBe(204);
    const versions = await t.app.get(KnowledgeService).versions('HT-0001');
    const newest = versions.reduce((a, b) => (b.version > a.version ? b : a));
    expect(newest).toMatchObject({ source: 'proposal', reason: `提案 #${modify.id}（修改）` });
    expect((await t.app.get(KnowledgeService).get('HT-0001')).answer).toBe(modify.content!.answer);
    const closed = (await svc.get(`/api/cycles/${cycleId}/consolidation`)).body as ConsolidationDto;
    expect(closed.closedAt).not.toBeNull();
    expect(closed.changes.map((c) => c.status).sort()).toEqual(['applied', 'applied', 'deferred']);
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
