import { Role, type HomeDto } from '@tunedesk/contracts';
import { DataSource } from 'typeorm';
import { Client, makeUser, seedUnits, signedIn, startTestApp, type TestApp } from '../../../../test/support/app';
import { DATABASE_KINDS, type TestDatabase } from '../../../../test/support/databases';
import { UsersRepository } from '../org/users.repository';
import { ProposalEntity, ProposalListEntity } from '../proposals/proposal.entities';
import { MissClusterEntity, TuningCycleEntity } from '../reports/report.entities';
import { OPEN_WORK } from '../tuning/tuning.entities';

describe.each(DATABASE_KINDS)('the home page of each role on $kind', ({ create }) => {
  let db: TestDatabase;
  let t: TestApp;
  let ds: DataSource;
  const ids: Record<string, number> = {};
  const cycles: Record<'sep' | 'oct' | 'nov', number> = { sep: 0, oct: 0, nov: 0 };
  const clusters: Record<string, number> = {};
  let clusterNo = 0;

  async function cycle(month: string, label: string, dueDate: string, announced: boolean): Promise<number> {
    const repo = ds.getRepository(TuningCycleEntity);
    const at = new Date('2026-11-02T01:00:00Z');
    return (
      await repo.save(
        repo.create({
          kind: 'regular',
          month,
          label,
          dueDate,
          importId: null,
          announcedAt: announced ? at : null,
          announcedBy: announced ? 'svc' : null,
          createdAt: at,
          updatedAt: at,
        }),
      )
    ).id;
  }

  async function cluster(cycleId: number, unit: string | null, text: string, claimedBy: number | null = null): Promise<number> {
    const repo = ds.getRepository(MissClusterEntity);
    clusterNo++;
    return (
      await repo.save(
        repo.create({
          cycleId,
          clusterNo,
          representative: text,
          representativeKey: `${text}-${clusterNo}`,
          size: 3,
          wordings: JSON.stringify([{ text, count: 3 }]),
          channels: '[]',
          byResponseType: '{}',
          examples: '[]',
          suggestions: '[]',
          firstSeen: null,
          lastSeen: null,
          previousClusterId: null,
          recurringMonths: 1,
          confidence: null,
          basis: null,
          routedUnitCode: unit,
          routedReason: unit ? 'category-rule' : 'triage',
          assigneeId: null,
          ...OPEN_WORK,
          ...(claimedBy ? { queueStatus: 'claimed', claimedBy, claimedAt: new Date('2026-12-01T01:00:00Z') } : {}),
        }),
      )
    ).id;
  }

  async function list(cycleId: number, unitCode: string, status: string): Promise<void> {
    const at = new Date('2026-12-03T06:00:00Z');
    await ds.getRepository(ProposalListEntity).insert({
      cycleId,
      unitCode,
      status,
      submittedBy: status === 'submitted' ? ids['kc.lv'] : null,
      submittedAt: status === 'submitted' ? at : null,
      approvedBy: null,
      approvedAt: null,
      updatedAt: at,
    });
    const repo = ds.getRepository(ProposalEntity);
    await repo.save(
      repo.create({
        cycleId,
        unitCode,
        kind: 'delete',
        kbItemId: `${unitCode}-0001`,
        content: null,
        reason: 'home',
        sourceKind: null,
        sourceId: null,
        status: status === 'submitted' ? 'submitted' : 'draft',
        returnComment: null,
        deferReason: null,
        newItemId: null,
        createdBy: 'home',
        createdAt: at,
        updatedAt: at,
      }),
    );
  }

  async function home(account: string): Promise<HomeDto> {
    const c: Client = await signedIn(t, account);
    const res = await c.get('/api/home');
    expect(res.status).toBe(200);
    return res.body as HomeDto;
  }

  beforeAll(async () => {
    db = await create();
    t = await startTestApp(db);
    ds = t.app.get(DataSource);
    await seedUnits(t);
    t.clock.set('2026-08-20T01:00:00Z');
    // The compliance check: a password last set in August is past 90 days by December.
    ids['kc.stale'] = (await makeUser(t, { account: 'kc.stale', unitCode: 'CT', roles: [Role.KnowledgeContact] })).id;
    t.clock.set('2026-12-07T01:00:00Z'); // 09:00 in Taipei, 115/12/07
    for (const [account, unitCode, roles] of [
      ['kc.ht', 'HT', [Role.KnowledgeContact]],
      ['kc.ht2', 'HT', [Role.KnowledgeContact]],
      ['kc.lv', 'LV', [Role.KnowledgeContact]],
      ['head.ht', 'HT', [Role.UnitHead]],
      ['head.lv', 'LV', [Role.UnitHead]],
      ['leader', 'SVC', [Role.GroupLeader]],
      ['svc', 'SVC', [Role.ServiceSection]],
      ['comp', 'SEC', [Role.ComplianceOfficer]],
      ['audit', 'SEC', [Role.Auditor]],
      ['admin', 'IT', [Role.SystemAdmin]],
    ] as const)
      ids[account] = (await makeUser(t, { account, unitCode, roles: [...roles] })).id;

    cycles.sep = await cycle('2026-09', '115年9月定期調校', '2026-11-20', true);
    cycles.oct = await cycle('2026-10', '115年10月定期調校', '2026-12-21', true);
    cycles.nov = await cycle('2026-11', '115年11月定期調校', '2027-01-20', false);
    clusters.htMine = await cluster(cycles.oct, 'HT', '房屋稅可以分期繳嗎', ids['kc.ht']);
    clusters.htOpen = await cluster(cycles.oct, 'HT', '房屋稅單不見了');
    clusters.htOther = await cluster(cycles.oct, 'HT', '房屋稅籍證明怎麼申請', ids['kc.ht2']);
    clusters.lvOpen = await cluster(cycles.oct, 'LV', '地價稅怎麼算');
    clusters.triage = await cluster(cycles.oct, null, '停車費可以在這裡繳嗎');
    clusters.htSep = await cluster(cycles.sep, 'HT', '契稅何時繳');
    clusters.htNov = await cluster(cycles.nov, 'HT', '十一月的房屋稅問題');
    await list(cycles.oct, 'LV', 'submitted');
    await list(cycles.oct, 'HT', 'in-progress');
  });

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('answers 401 to nobody', async () => {
    expect((await new Client(t).get('/api/home')).status).toBe(401);
  });

  it("shows a contact their unit's open items of every announced cycle with the due date, not another unit's nor an unannounced month", async () => {
    const h = await home('kc.ht');
    expect(h).toMatchObject({
      today: '2026-12-07',
      unitCode: 'HT',
      unitName: '房屋稅科',
      unitHead: null,
      oversight: null,
      checks: null,
      admin: null,
    });
    expect(h.contact!.cycles.map((c) => [c.label, c.dueDate, c.overdue, c.open, c.claimedByMe, c.unclaimed, c.listStatus])).toEqual([
      ['115年9月定期調校', '2026-11-20', true, 1, 0, 1, 'not-started'],
      ['115年10月定期調校', '2026-12-21', false, 3, 1, 1, 'in-progress'],
    ]);
    const october = h.contact!.cycles[1];
    // Mine first, then the unclaimed, then a colleague's.
    expect(october.items.map((i) => [i.id, i.status, i.mine])).toEqual([
      [clusters.htMine, 'claimed', true],
      [clusters.htOpen, 'open', false],
      [clusters.htOther, 'claimed', false],
    ]);
    const shown = h.contact!.cycles.flatMap((c) => c.items.map((i) => i.id));
    expect(shown).not.toContain(clusters.lvOpen);
    expect(shown).not.toContain(clusters.triage);
    expect(shown).not.toContain(clusters.htNov);

    const lv = await home('kc.lv');
    expect(lv.contact!.cycles.map((c) => [c.label, c.open, c.listStatus])).toEqual([['115年10月定期調校', 1, 'submitted']]);
    expect(lv.contact!.cycles[0].items.map((i) => i.id)).toEqual([clusters.lvOpen]);
  });

  it('shows a unit head the list waiting for 核章 in their unit only', async () => {
    const lv = await home('head.lv');
    expect(lv.contact).toBeNull();
    expect(lv.unitHead!.lists).toEqual([
      {
        cycleId: cycles.oct,
        label: '115年10月定期調校',
        unitCode: 'LV',
        unitName: '地價稅科',
        dueDate: '2026-12-21',
        submittedAt: '2026-12-03T06:00:00.000Z',
        proposals: 1,
      },
    ]);
    expect((await home('head.ht')).unitHead!.lists).toEqual([]);
  });

  it('shows the group leader and the service section the units late or waiting, 待分派 and the month not yet announced', async () => {
    for (const account of ['leader', 'svc']) {
      const h = await home(account);
      expect(h.contact).toBeNull();
      expect(h.unitHead).toBeNull();
      const byCycle = Object.fromEntries(h.oversight!.cycles.map((c) => [c.label, c.units.map((u) => [u.unitName, u.state, u.open])]));
      expect(byCycle).toEqual({
        '115年9月定期調校': [['房屋稅科', 'late', 1]],
        '115年10月定期調校': [
          ['地價稅科', 'awaiting-approval', 1],
          ['房屋稅科', 'not-submitted', 3],
        ],
      });
      expect(h.oversight!.triage).toBe(1);
      expect(h.oversight!.unannounced).toEqual([{ cycleId: cycles.nov, label: '115年11月定期調校' }]);
      expect(h.service === null).toBe(account === 'leader');
    }
  });

  it('gives the compliance officer and the auditor the accounts past password rotation, and the administrator their counts', async () => {
    for (const account of ['comp', 'audit']) {
      const h = await home(account);
      expect(h.oversight).toBeNull();
      expect(h.checks!.passwordMaxAgeDays).toBe(90);
      expect(h.checks!.passwordsOverdue.map((a) => [a.account, a.unitName, a.since])).toEqual([['kc.stale', '消費稅科', '2026-11-18']]);
    }
    const admin = await home('admin');
    expect(admin.checks).toBeNull();
    expect(admin.admin).toEqual({ requests: { submitted: 0, approved: 0, scheduled: 0 }, lockedAccounts: 0 });
    expect(admin.password).toEqual({ expiresOn: '2027-03-07', daysLeft: 90 });
  });

  it('moves a unit from late to gone once its list is approved, and an item from the contact once it is answered', async () => {
    await ds.getRepository(MissClusterEntity).update({ id: clusters.htSep }, { queueStatus: 'closed', closeReason: 'no-action' });
    await ds.getRepository(ProposalListEntity).insert({
      cycleId: cycles.sep,
      unitCode: 'HT',
      status: 'approved',
      submittedBy: null,
      submittedAt: null,
      approvedBy: ids['head.ht'],
      approvedAt: new Date(),
      updatedAt: new Date(),
    });
    const h = await home('leader');
    expect(h.oversight!.cycles.find((c) => c.cycleId === cycles.sep)).toMatchObject({ units: [], approvedUnits: 1 });
    expect((await home('kc.ht')).contact!.cycles.map((c) => c.cycleId)).toEqual([cycles.oct]);
    await t.app.get(UsersRepository).update(ids['kc.stale'], { passwordChangedAt: new Date() });
    expect((await home('comp')).checks!.passwordsOverdue).toEqual([]);
  });
});
