import { Role, type ConsolidationDto, type ProposalDto } from '@tunedesk/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Client, makeUser, seedUnits, signedIn, startTestApp, type TestApp } from '../../../../test/support/app';
import { DATABASE_KINDS, type TestDatabase } from '../../../../test/support/databases';
import { systemActor } from '../common/actor';
import { KnowledgeService } from '../knowledge/knowledge.service';
import { TuningCycleEntity } from '../reports/report.entities';

const ROOT = join(__dirname, '../../../..');

describe.each(DATABASE_KINDS)('服務科彙整: the units in order, and what each change alters, on $kind', ({ create }) => {
  let db: TestDatabase;
  let t: TestApp;
  let kcHt: Client;
  let kcCt: Client;
  let head: Client;
  let svc: Client;
  let cycleId = 0;

  beforeAll(async () => {
    db = await create();
    t = await startTestApp(db);
    await seedUnits(t);
    await makeUser(t, { account: 'kc.ht', unitCode: 'HT', roles: [Role.KnowledgeContact] });
    await makeUser(t, { account: 'kc.ct', unitCode: 'CT', roles: [Role.KnowledgeContact] });
    await makeUser(t, { account: 'head.ht', unitCode: 'HT', roles: [Role.UnitHead] });
    await makeUser(t, { account: 'svc.one', unitCode: 'SVC', roles: [Role.ServiceSection] });
    [kcHt, kcCt, head, svc] = await Promise.all(['kc.ht', 'kc.ct', 'head.ht', 'svc.one'].map((a) => signedIn(t, a)));
    await t.app.get(KnowledgeService).import(systemActor('test'), readFileSync(join(ROOT, 'test/fixtures/kb/ok/kb.csv')), 'kb.csv');
    const cycles = t.app.get(DataSource).getRepository(TuningCycleEntity);
    const now = new Date();
    cycleId = (
      await cycles.save(
        cycles.create({
          kind: 'regular',
          month: '2026-10',
          label: '115年10月定期調校',
          dueDate: '2026-11-20',
          importId: null,
          announcedAt: now,
          announcedBy: 'svc.one',
          createdAt: now,
          updatedAt: now,
        }),
      )
    ).id;
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const overview = async () => {
    const res = await svc.get(`/api/cycles/${cycleId}/consolidation`);
    expect(res.status).toBe(200);
    return res.body as ConsolidationDto;
  };

  it('lists the units with work first, then the rest in the unit file’s grouping (科, 室, 分局) and by code', async () => {
    const item = (await kcHt.get('/api/kb/items/HT-0001')).body as { alternates: string[]; answer: string; question: string };
    // HT: a 修改 that keeps the question and changes only the alternates and the answer, sent and approved.
    const modify = await kcHt.post('/api/proposals', {
      cycleId,
      kind: 'modify',
      kbItemId: 'HT-0001',
      reason: '補充問法與繳納方式',
      content: {
        category: '房屋稅',
        question: item.question,
        alternates: [...item.alternates.slice(1), '房屋稅五月要繳嗎'],
        answer: `${item.answer}\n可使用行動支付繳納。`,
        keywords: ['房屋稅'],
        ownerUnitCode: 'HT',
      },
    });
    expect(modify.status).toBe(201);
    expect((await kcHt.post(`/api/cycles/${cycleId}/lists/HT/submit`)).status).toBe(200);
    expect((await head.post(`/api/cycles/${cycleId}/lists/HT/approve`)).status).toBe(200);
    // CT: a draft only — the list is under way.
    const draft = await kcCt.post('/api/proposals', { cycleId, kind: 'delete', kbItemId: 'CT-0001', reason: '已停徵' });
    expect(draft.status).toBe(201);

    const units = (await overview()).units;
    expect(units.map((u) => u.unitCode)).toEqual([
      // With work: both 科, by code.
      'CT',
      'HT',
      // Nothing to do: 科 by code, then 室, then 分局.
      'IT',
      'LEG',
      'LI',
      'LV',
      'SVC',
      'SEC',
      'DX',
      'LZ',
      'YM',
      'ZL',
    ]);
    expect(units.find((u) => u.unitCode === 'HT')).toMatchObject({ status: 'approved', proposals: 1, approved: 1 });
    expect(units.find((u) => u.unitCode === 'CT')).toMatchObject({ status: 'in-progress', proposals: 1, approved: 0 });
    expect(units.find((u) => u.unitCode === 'LV')).toEqual({
      unitCode: 'LV',
      unitName: '地價稅科',
      status: 'not-started',
      proposals: 0,
      approved: 0,
    });
  });

  it('reads an applied 修改 against the version it replaced, not against itself', async () => {
    const [change] = (await overview()).changes;
    expect(change.kind).toBe('modify');
    const before = change.before!;
    const after = change.content!;
    expect(after.question).toBe(before.question);
    expect(after.alternates).not.toEqual(before.alternates);
    expect(after.answer).not.toBe(before.answer);

    expect((await svc.post(`/api/proposals/${change.id}/apply`)).status).toBe(204);
    const applied = (await overview()).changes.find((c) => c.id === change.id)!;
    expect(applied.status).toBe('applied');
    // The bank now holds the proposal; the row still says what it changed.
    const bank = (await svc.get('/api/kb/items/HT-0001')).body as { alternates: string[]; answer: string };
    expect(bank.alternates).toEqual(after.alternates);
    expect(applied.before).toEqual(before);
    expect(applied.content).toEqual(after);
    // The list page keeps reading the item as it now is.
    const listed = ((await kcHt.get(`/api/cycles/${cycleId}/lists/HT`)).body.proposals as ProposalDto[]).find((p) => p.id === change.id)!;
    expect(listed.before!.answer).toBe(after.answer);
  });
});
