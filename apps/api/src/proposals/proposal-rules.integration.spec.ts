import { Role, type AuditChange, type KbItemDto, type ProposalListStateDto, type QueueItemDto } from '@tunedesk/contracts';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { Client, makeUser, seedUnits, signedIn, startTestApp, type TestApp } from '../../../../test/support/app';
import { DATABASE_KINDS, type TestDatabase } from '../../../../test/support/databases';
import { systemActor } from '../common/actor';
import { KnowledgeService } from '../knowledge/knowledge.service';
import { TuningCycleEntity } from '../reports/report.entities';
import { CycleService } from '../reports/cycle.service';
import { ReportImportService } from '../reports/report-import.service';

const ROOT = join(__dirname, '../../../..');
const actor = systemActor('test');

/**
 * Rules at the source (issue 14): a 修改 that changes nothing is refused by
 * name, a closed list refuses a proposal before anything is written and says
 * where to go instead, the queue item says so before the work starts, and the
 * audit trail records what a proposal changes.
 */
describe.each(DATABASE_KINDS)('proposal rules on $kind', ({ create }) => {
  let db: TestDatabase;
  let t: TestApp;
  let kc: Client;
  let head: Client;
  let cycleId = 0;
  let ht1: KbItemDto;

  beforeAll(async () => {
    db = await create();
    const scratch = mkdtempSync(join(tmpdir(), 'tunedesk-rules-'));
    t = await startTestApp(db, { FILES_DIR: join(scratch, 'files') });
    await seedUnits(t);
    await makeUser(t, { account: 'kc.ht', unitCode: 'HT', roles: [Role.KnowledgeContact] });
    await makeUser(t, { account: 'head.ht', unitCode: 'HT', roles: [Role.UnitHead] });
    [kc, head] = await Promise.all(['kc.ht', 'head.ht'].map((a) => signedIn(t, a)));
    await t.app.get(KnowledgeService).import(actor, readFileSync(join(ROOT, 'test/fixtures/kb/ok/kb.csv')), 'kb.csv');
    const temp = join(scratch, 'report-2026-09.csv');
    copyFileSync(join(ROOT, 'test/fixtures/reports/ok/report-2026-09.csv'), temp);
    const imports = t.app.get(ReportImportService);
    const queued = await imports.submit(actor, { tempPath: temp, fileName: 'report-2026-09.csv' }, {});
    for (let i = 0; i < 600 && ['queued', 'processing'].includes((await imports.get(queued.id)).status); i++) await sleep(25);
    cycleId = (await t.app.get(CycleService).findByMonth('2026-09'))!.id;
    // 公告: a contact's queue and list state hold announced months only.
    await t.app.get(CycleService).announce(actor, cycleId);
    ht1 = (await kc.get('/api/kb/items/HT-0001')).body as KbItemDto;
    expect(ht1.alternates.length).toBeGreaterThan(1);
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const count = async (table: 'proposal' | 'audit_event') =>
    Number(((await t.app.get(DataSource).query(`SELECT COUNT(*) AS n FROM ${table}`)) as { n: number | string }[])[0].n);
  const lastAudit = async (action: string) => {
    const rows = (await t.app
      .get(DataSource)
      .query(`SELECT changes FROM audit_event WHERE action = '${action}' ORDER BY id DESC LIMIT 1`)) as { changes: string | null }[];
    return (rows[0]?.changes ? JSON.parse(rows[0].changes) : []) as AuditChange[];
  };
  /** HT-0001 as it is, with the same content retyped: padded, alternates in another order, one repeated. */
  const untouched = () => ({
    category: ` ${ht1.category} `,
    question: `${ht1.question}  `,
    alternates: [...ht1.alternates].reverse().concat(` ${ht1.alternates[0]}`, ''),
    answer: `\n${ht1.answer}\n`,
    keywords: [...ht1.keywords].reverse(),
    ownerUnitCode: (ht1.ownerUnitCode ?? 'HT').toLowerCase(),
  });
  const htQueue = async () => (await kc.get(`/api/queue?cycle=${cycleId}&kind=cluster`)).body as QueueItemDto[];

  it('refuses a 修改 identical to the current version (422 PROPOSAL_NO_CHANGE, field named) and writes nothing', async () => {
    const [proposals, audits] = [await count('proposal'), await count('audit_event')];
    const res = await kc.post('/api/proposals', { cycleId, kind: 'modify', kbItemId: 'HT-0001', reason: '補充', content: untouched() });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('PROPOSAL_NO_CHANGE');
    expect(res.body.details).toEqual([{ field: 'content', reason: 'identical to the current version of HT-0001' }]);
    expect(res.body.message['zh-TW']).toContain('HT-0001');
    expect(res.body.message['zh-TW']).toContain('完全相同');
    expect([await count('proposal'), await count('audit_event')]).toEqual([proposals, audits]);
  });

  it('records what a 修改 changes against the item: alternates added and removed, the answer', async () => {
    const [kept, ...rest] = ht1.alternates;
    const content = { ...untouched(), alternates: [kept, '房屋稅要在幾月繳'], answer: `${ht1.answer}\n可使用行動支付繳納。` };
    const res = await kc.post('/api/proposals', { cycleId, kind: 'modify', kbItemId: 'HT-0001', reason: '補充問法', content });
    expect(res.status).toBe(201);
    const changes = await lastAudit('proposal.create');
    expect(changes.map((c) => c.field).sort()).toEqual(['alternatesAdded', 'alternatesRemoved', 'answer']);
    expect(changes.find((c) => c.field === 'alternatesAdded')).toEqual({
      field: 'alternatesAdded',
      before: null,
      after: ['房屋稅要在幾月繳'],
    });
    expect(changes.find((c) => c.field === 'alternatesRemoved')).toEqual({ field: 'alternatesRemoved', before: rest, after: null });
    expect(changes.find((c) => c.field === 'answer')).toMatchObject({ before: ht1.answer, after: content.answer.trim() });

    // Edited back to the item as it is: refused the same way, and the proposal is left as it was.
    const back = await kc.put(`/api/proposals/${res.body.id}`, {
      cycleId,
      kind: 'modify',
      kbItemId: 'HT-0001',
      reason: '補充問法',
      content: untouched(),
    });
    expect(back.status).toBe(422);
    expect(back.body.code).toBe('PROPOSAL_NO_CHANGE');
    expect(back.body.details[0].field).toBe('content');
    expect((await kc.get(`/api/proposals/${res.body.id}`)).body.content.answer).toBe(content.answer.trim());

    // A real edit: the trail says what changed against the proposal before, not against the item.
    const edited = await kc.put(`/api/proposals/${res.body.id}`, {
      cycleId,
      kind: 'modify',
      kbItemId: 'HT-0001',
      reason: '補充問法（行動支付）',
      content: { ...content, category: '房屋稅', alternates: [kept, '房屋稅要在幾月繳', '房屋稅可以刷卡嗎'] },
    });
    expect(edited.status).toBe(200);
    expect(await lastAudit('proposal.update')).toEqual([
      { field: 'alternatesAdded', before: null, after: ['房屋稅可以刷卡嗎'] },
      { field: 'reason', before: '補充問法', after: '補充問法（行動支付）' },
    ]);
  });

  it('records the fields of a 新增 as new', async () => {
    const res = await kc.post('/api/proposals', {
      cycleId,
      kind: 'add',
      reason: '新問題',
      content: {
        category: '房屋稅',
        question: '房屋稅籍證明怎麼申請？',
        alternates: ['房屋稅籍證明'],
        answer: '臨櫃或線上申請。',
        keywords: [],
        ownerUnitCode: 'HT',
      },
    });
    expect(res.status).toBe(201);
    const changes = await lastAudit('proposal.create');
    expect(changes).toEqual(
      expect.arrayContaining([
        { field: 'question', before: null, after: '房屋稅籍證明怎麼申請？' },
        { field: 'alternatesAdded', before: null, after: ['房屋稅籍證明'] },
      ]),
    );
  });

  it('says on the queue item that the list is open, then closed with the date and where to go, and refuses a proposal before writing anything', async () => {
    const [item, other] = (await htQueue()).filter((i) => i.status === 'open');
    const open = (await kc.get(`/api/queue/cluster/${item.id}`)).body.listState as ProposalListStateDto;
    expect(open).toMatchObject({ cycleId, unitCode: 'HT', status: 'in-progress', open: true, instead: null });

    // October is announced, and 不定期調校 is closed for now: the next month is the way on.
    const cycles = t.app.get(DataSource).getRepository(TuningCycleEntity);
    const now = new Date();
    const irregular = await t.app.get(CycleService).irregular();
    await cycles.update({ id: irregular.id }, { closedAt: now });
    const october = await cycles.save(
      cycles.create({
        kind: 'regular',
        month: '2026-10',
        label: '115年10月',
        dueDate: '2026-11-20',
        importId: null,
        announcedAt: now,
        announcedBy: 'svc',
        createdAt: now,
        updatedAt: now,
      }),
    );
    expect((await kc.post(`/api/cycles/${cycleId}/lists/HT/submit`)).status).toBe(200);
    const closed = (await kc.get(`/api/queue/cluster/${item.id}`)).body.listState as ProposalListStateDto;
    expect(closed).toMatchObject({
      status: 'submitted',
      open: false,
      instead: { cycleId: october.id, cycleLabel: '115年10月', kind: 'regular', dueDate: '2026-11-20' },
    });
    expect(closed.submittedAt).not.toBeNull();

    const [proposals, audits] = [await count('proposal'), await count('audit_event')];
    const refused = await kc.post('/api/proposals', {
      cycleId,
      kind: 'add',
      source: { kind: 'cluster', id: other.id },
      reason: '民眾問法',
      content: {
        category: '房屋稅',
        question: '房屋稅可以分期嗎？',
        alternates: [],
        answer: '可以申請分期。',
        keywords: [],
        ownerUnitCode: 'HT',
      },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('LIST_LOCKED');
    expect(refused.body.message['zh-TW']).toMatch(/已送出（\d{3}\/\d{2}\/\d{2}）/);
    expect(refused.body.message['zh-TW']).toContain('請改在「115年10月」提出');
    expect(refused.body.message.en).toContain('2026-10');
    expect([await count('proposal'), await count('audit_event')]).toEqual([proposals, audits]);
    // The queue item it came from was not marked proposed either.
    expect((await kc.get(`/api/queue/cluster/${other.id}`)).body.status).toBe('open');
    // The closed list answers first: even a proposal with no reason gets the way on, not a field to fix.
    expect((await kc.post('/api/proposals', { cycleId, kind: 'delete', kbItemId: 'HT-0005', reason: '' })).body.code).toBe('LIST_LOCKED');

    // With 不定期調校 open again, that is where a proposal goes; approved lists say 已核定.
    await cycles.update({ id: irregular.id }, { closedAt: null });
    expect((await head.post(`/api/cycles/${cycleId}/lists/HT/approve`)).status).toBe(200);
    const state = (await kc.get(`/api/cycles/${cycleId}/list-state`)).body as ProposalListStateDto;
    expect(state).toMatchObject({ status: 'approved', open: false, instead: { cycleId: irregular.id, kind: 'irregular' } });
    expect(state.approvedAt).not.toBeNull();
    const again = await kc.post('/api/proposals', { cycleId, kind: 'delete', kbItemId: 'HT-0005', reason: '已無此業務' });
    expect(again.status).toBe(409);
    expect(again.body.message['zh-TW']).toContain('已核定');
    expect(again.body.message['zh-TW']).toContain('請改在「不定期調校」提出');
    const moved = await kc.post('/api/proposals', { cycleId: irregular.id, kind: 'delete', kbItemId: 'HT-0005', reason: '已無此業務' });
    expect(moved.status).toBe(201);

    // Only proposers are told; a unit head reads the item without it, and may not ask.
    expect((await head.get(`/api/queue/cluster/${item.id}`)).body.listState).toBeNull();
    expect((await head.get(`/api/cycles/${cycleId}/list-state`)).status).toBe(403);
  });
});
