import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../../../../../test/support/app';
import { DATABASE_KINDS, type TestDatabase } from '../../../../../test/support/databases';
import { ProposalListEntity } from '../../proposals/proposal.entities';
import { CycleService } from '../../reports/cycle.service';
import { DemoSeedService } from './demo-seed.service';
import { OfficeCalendarProvider } from '../../calendar/office-calendar.provider';
import { type Actor, systemActor } from '../../common/actor';
import { taipeiDay } from '../../common/clock';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { UsersRepository } from '../../org/users.repository';
import { QueueService } from '../../proposals/queue.service';
import { TuningCycleEntity } from '../../reports/report.entities';
import { EffectService } from '../../dashboard/effect.service';

/** `npm start` on an empty database meets a month in progress: this is what it seeds. */
describe.each(DATABASE_KINDS)('the demo seed on $kind', ({ create }) => {
  let db: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    db = await create();
    t = await startTestApp(db, { SEED_DATA_DIR: 'apps/api/seed-data' });
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  async function actorOf(account: string): Promise<Actor> {
    const u = (await t.app.get(UsersRepository).findByAccount(account))!;
    return {
      userId: u.id,
      account: u.account,
      unitCode: u.unitCode,
      roles: new Set((u.roleRows ?? []).map((r) => r.role)),
      sessionKey: null,
      passwordChangeRequired: null,
      requestId: null,
      clientIp: null,
    };
  }

  it('seeds two announced months, October under way: an approved list, one waiting for its head, claimed work', async () => {
    const seeded = await t.app.get(DemoSeedService).seed();
    expect(seeded.map((u) => u.account)).toEqual(expect.arrayContaining(['svc.chen', 'ht.lee', 'ht.head', 'lv.wu']));
    const lists = t.app.get(DataSource).getRepository(ProposalListEntity);
    let october = null;
    for (let i = 0; i < 240; i++) {
      october = await t.app.get(CycleService).findByMonth('2026-10');
      if (october && (await lists.findOneBy({ cycleId: october.id, unitCode: 'CT' }))) break; // CT is seeded last
      await sleep(250);
    }
    expect(october?.announcedAt).not.toBeNull();
    expect((await t.app.get(CycleService).findByMonth('2026-09'))?.announcedAt).not.toBeNull();
    const byUnit = new Map((await lists.findBy({ cycleId: october!.id })).map((l) => [l.unitCode, l.status]));
    expect(Object.fromEntries(byUnit)).toMatchObject({ HT: 'approved', LV: 'submitted', CT: 'in-progress' });
    const ds = t.app.get(DataSource);
    // This month's bank came in as the clerk saved it in Calc (.ods): three items got a second version from it.
    const fromOds = await ds.query(`SELECT COUNT(*) AS n FROM kb_item_version WHERE reason LIKE ?`, ['匯入 kb-2026-11.ods%']);
    expect(Number(fromOds[0].n)).toBe(3);
    // The website module mid-month: two units reviewed last month after the due date, one correction waiting for 複檢.
    const forms: { month: string; unit_code: string; status: string }[] = await ds.query(
      `SELECT month, unit_code, status FROM review_form ORDER BY month, unit_code`,
    );
    const months = [...new Set(forms.map((f) => f.month))];
    expect(months).toHaveLength(2);
    const status = (month: string, unit: string) => forms.find((f) => f.month === month && f.unit_code === unit)?.status;
    expect([status(months[0], 'HT'), status(months[0], 'LV'), status(months[0], 'SEC')]).toEqual(['filed', 'filed', 'draft']);
    expect([status(months[1], 'HT'), status(months[1], 'LV')]).toEqual(['correcting', 'submitted']);
    const tickets: { status: string; kind: string }[] = await ds.query(`SELECT status, kind FROM web_correction`);
    expect(tickets).toEqual([{ status: 'done', kind: 'content' }]);
    const claimed = await ds.query(`SELECT COUNT(*) AS n FROM miss_cluster WHERE cycle_id = ? AND queue_status <> 'open'`, [october!.id]);
    expect(Number(claimed[0].n)).toBeGreaterThanOrEqual(5);
    const profiles = await ds.query(`SELECT name FROM import_profile`);
    expect(profiles.map((p: { name: string }) => p.name)).toContain('乙廠商（新版報表欄位）');
    // September's changes were applied at the end of September: October's report judges them (調校成效).
    const effect = await t.app.get(EffectService).effect(systemActor('test'), {});
    expect(effect.rows.length).toBeGreaterThanOrEqual(2);
    expect(effect.rows.every((r) => r.appliedMonth === '2026-09' && r.after[0]?.month === '2026-10')).toBe(true);
    expect(effect.rows.some((r) => r.verdict !== 'pending')).toBe(true);

    // The group leader has something to triage: clusters no rule routed, in October's 待分派.
    const triage = await ds.query(
      `SELECT COUNT(*) AS n FROM miss_cluster WHERE cycle_id = ? AND routed_unit_code IS NULL AND queue_status = 'open'`,
      [october!.id],
    );
    expect(Number(triage[0].n)).toBeGreaterThanOrEqual(3);
    const leaderQueue = await t.app.get(QueueService).list(await actorOf('leader'), { cycle: october!.id, unit: 'triage' });
    expect(leaderQueue.length).toBeGreaterThanOrEqual(3);

    // Each month announced on a day of its own, its due date by the rule: CYCLE_DUE_WORKDAYS workdays on the office calendar.
    const cycles = t.app.get(DataSource).getRepository(TuningCycleEntity);
    const sep = (await cycles.findOneBy({ month: '2026-09' }))!;
    const oct = (await cycles.findOneBy({ month: '2026-10' }))!;
    const calendar = t.app.get(OfficeCalendarProvider);
    const workdays = t.app.get<AppConfig>(APP_CONFIG).cycleDueWorkdays;
    const sepDay = taipeiDay(sep.announcedAt!);
    const octDay = taipeiDay(oct.announcedAt!);
    expect(sepDay < octDay).toBe(true);
    expect(sep.dueDate).not.toBe(oct.dueDate);
    for (const [day, cycle] of [
      [sepDay, sep],
      [octDay, oct],
    ] as const) {
      expect(await calendar.isWorkday(day)).toBe(true);
      expect(cycle.dueDate).toBe(await calendar.addWorkdays(day, workdays));
    }
    // October is under way (announced before today, due after it); September a month earlier.
    const today = taipeiDay(t.clock.now());
    expect(octDay < today).toBe(true);
    expect(oct.dueDate! >= today).toBe(true);
    expect(await calendar.workdaysBetween(sepDay, octDay)).toBeGreaterThanOrEqual(15);

    // A wording September's applied change answered comes back in October as answered before, not as new work.
    const htOctober = await t.app.get(QueueService).list(await actorOf('ht.lee'), { cycle: october!.id, kind: 'cluster' });
    const again = htOctober.find((i) => i.answeredBefore);
    expect(again?.answeredBefore).toMatchObject({ status: 'applied', cycleId: sep.id, month: '2026-09', unitCode: 'HT' });
  }, 90_000);
});
