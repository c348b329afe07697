import { Role } from '@tunedesk/contracts';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { makeUser, seedUnits, startTestApp, type TestApp } from '../../../../test/support/app';
import { DATABASE_KINDS, type TestDatabase } from '../../../../test/support/databases';
import { Actor, systemActor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { KnowledgeService } from '../knowledge/knowledge.service';
import { UsersRepository } from '../org/users.repository';
import { MissClusterEntity, TuningCycleEntity } from '../reports/report.entities';
import { OPEN_WORK } from '../tuning/tuning.entities';
import { ProposalEntity, ProposalListEntity } from './proposal.entities';
import { ProposalsService } from './proposals.service';
import { QueueService } from './queue.service';

const ROOT = join(__dirname, '../../../..');

type Action =
  | { kind: 'claim' | 'release' | 'close' | 'propose'; who: 0 | 1; item: 0 | 1 | 2 }
  | { kind: 'submit' | 'revise'; who: 0 | 1 }
  | { kind: 'approve' | 'return' | 'approve-twice' };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('claim' as const, 'release' as const, 'close' as const, 'propose' as const),
    who: fc.constantFrom(0 as const, 1 as const),
    item: fc.constantFrom(0 as const, 1 as const, 2 as const),
  }),
  fc.record({ kind: fc.constantFrom('submit' as const, 'revise' as const), who: fc.constantFrom(0 as const, 1 as const) }),
  fc.record({ kind: fc.constantFrom('approve' as const, 'return' as const, 'approve-twice' as const) }),
);

/**
 * Random sequences of queue and list actions by two contacts and a unit head,
 * run against the real services and database: whatever the order, every
 * action either succeeds or is refused with a domain error, and the stored
 * state always satisfies the state machine's invariants.
 */
describe.each(DATABASE_KINDS)('the queue and list state machine on $kind (property)', ({ create }) => {
  let db: TestDatabase;
  let t: TestApp;
  let contacts: Actor[];
  let head: Actor;
  let run = 0;

  const actorOf = async (account: string): Promise<Actor> => {
    const u = (await t.app.get(UsersRepository).findByAccount(account))!;
    return {
      userId: u.id,
      account,
      unitCode: u.unitCode,
      roles: new Set(u.roleRows.map((r) => r.role)),
      sessionKey: null,
      passwordChangeRequired: null,
      requestId: null,
      clientIp: null,
    };
  };

  beforeAll(async () => {
    db = await create();
    t = await startTestApp(db);
    await seedUnits(t);
    for (const a of ['p.kc1', 'p.kc2']) await makeUser(t, { account: a, unitCode: 'HT', roles: [Role.KnowledgeContact] });
    await makeUser(t, { account: 'p.head', unitCode: 'HT', roles: [Role.UnitHead] });
    contacts = [await actorOf('p.kc1'), await actorOf('p.kc2')];
    head = await actorOf('p.head');
    await t.app.get(KnowledgeService).import(systemActor('test'), readFileSync(join(ROOT, 'test/fixtures/kb/ok/kb.csv')), 'kb.csv');
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  async function freshCycle(): Promise<{ cycleId: number; items: number[] }> {
    const ds = t.app.get(DataSource);
    const now = new Date();
    const cycle = await ds.getRepository(TuningCycleEntity).save(
      ds.getRepository(TuningCycleEntity).create({
        kind: 'regular',
        month: `${2100 + ++run}-01`,
        label: 'property',
        dueDate: null,
        importId: null,
        // Announced (公告): a contact works an announced month only (issue 14).
        announcedAt: now,
        createdAt: now,
        updatedAt: now,
      }),
    );
    const items: number[] = [];
    for (let i = 0; i < 3; i++) {
      const row = await ds.getRepository(MissClusterEntity).save(
        ds.getRepository(MissClusterEntity).create({
          cycleId: cycle.id,
          clusterNo: i + 1,
          representative: `房屋稅問題 ${i}`,
          representativeKey: `property-${run}-${i}`,
          size: 3 - i,
          wordings: JSON.stringify([{ text: `房屋稅問題 ${i}`, count: 1 }]),
          channels: '[]',
          byResponseType: '{}',
          examples: '[]',
          suggestions: '[]',
          firstSeen: null,
          lastSeen: null,
          previousClusterId: null,
          recurringMonths: 1,
          routedUnitCode: 'HT',
          routedReason: 'category-rule',
          assigneeId: null,
          ...OPEN_WORK,
        }),
      );
      items.push(row.id);
    }
    return { cycleId: cycle.id, items };
  }

  async function check(cycleId: number, approvedContent: Map<number, string | null>): Promise<void> {
    const ds = t.app.get(DataSource);
    for (const c of await ds.getRepository(MissClusterEntity).findBy({ cycleId })) {
      if (c.queueStatus === 'open') expect(c.claimedBy).toBeNull();
      if (c.queueStatus === 'claimed' || c.queueStatus === 'proposed') expect(c.claimedBy).not.toBeNull();
      if (c.queueStatus === 'closed') expect(c.closeReason).not.toBeNull();
      expect(['open', 'claimed', 'proposed', 'closed']).toContain(c.queueStatus);
    }
    const proposals = await ds.getRepository(ProposalEntity).findBy({ cycleId });
    const list = await ds.getRepository(ProposalListEntity).findOneBy({ cycleId, unitCode: 'HT' });
    const statuses = proposals.map((p) => p.status);
    if (!list) expect(proposals).toEqual([]);
    else if (list.status === 'approved') {
      expect(statuses.every((s) => s === 'approved')).toBe(true);
      expect(list.approvedBy).toBe(head.userId);
    } else if (list.status === 'submitted') expect(statuses.every((s) => s === 'submitted')).toBe(true);
    else if (list.status === 'returned') {
      expect(statuses.every((s) => s === 'submitted' || s === 'returned')).toBe(true);
      expect(statuses).toContain('returned');
    } else expect(statuses.every((s) => s === 'draft' || s === 'returned')).toBe(true);
    // Nothing approved changes afterwards.
    for (const p of proposals) {
      if (p.status !== 'approved') continue;
      if (!approvedContent.has(p.id)) approvedContent.set(p.id, p.content);
      expect(p.content).toBe(approvedContent.get(p.id));
    }
  }

  it('never reaches an invalid state, whatever the order of actions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 18 }), async (actions) => {
        const { cycleId, items } = await freshCycle();
        const queue = t.app.get(QueueService);
        const proposals = t.app.get(ProposalsService);
        const approvedContent = new Map<number, string | null>();
        let revision = 0;
        for (const a of actions) {
          const attempt = async (work: () => Promise<unknown>) => {
            try {
              await work();
            } catch (error) {
              // Refusals are fine; anything else (a 500) is not.
              if (!(error instanceof DomainError)) throw error;
              expect(error.status).toBeLessThan(500);
            }
          };
          switch (a.kind) {
            case 'claim':
              await attempt(() => queue.claim(contacts[a.who], 'cluster', items[a.item]));
              break;
            case 'release':
              await attempt(() => queue.release(contacts[a.who], 'cluster', items[a.item]));
              break;
            case 'close':
              await attempt(() => queue.close(contacts[a.who], 'cluster', items[a.item], 'already-answered'));
              break;
            case 'propose':
              await attempt(() =>
                proposals.create(contacts[a.who], {
                  cycleId,
                  kind: 'delete',
                  kbItemId: 'HT-0006',
                  reason: `property ${a.item}`,
                  source: { kind: 'cluster', id: items[a.item] },
                }),
              );
              break;
            case 'submit':
              await attempt(() => proposals.submit(contacts[a.who], cycleId, 'HT'));
              break;
            case 'revise': {
              const editable = (await t.app.get(DataSource).getRepository(ProposalEntity).findBy({ cycleId })).find((p) =>
                ['draft', 'returned'].includes(p.status),
              );
              const target = editable ?? (await t.app.get(DataSource).getRepository(ProposalEntity).findOneBy({ cycleId }));
              if (target)
                await attempt(() =>
                  proposals.update(contacts[a.who], target.id, {
                    cycleId,
                    kind: 'delete',
                    kbItemId: 'HT-0006',
                    reason: `revised ${++revision}`,
                  }),
                );
              break;
            }
            case 'return': {
              const submitted = (await t.app.get(DataSource).getRepository(ProposalEntity).findBy({ cycleId })).find(
                (p) => p.status === 'submitted',
              );
              await attempt(() => proposals.returnList(head, cycleId, 'HT', submitted ? { [submitted.id]: '請修正' } : { 0: '請修正' }));
              break;
            }
            case 'approve':
              await attempt(() => proposals.approve(head, cycleId, 'HT'));
              break;
            case 'approve-twice':
              await Promise.all([
                attempt(() => proposals.approve(head, cycleId, 'HT')),
                attempt(() => proposals.approve(head, cycleId, 'HT')),
              ]);
              break;
          }
          await check(cycleId, approvedContent);
        }
      }),
      { numRuns: 25, seed: 20261129 },
    );
  }, 120_000);
});
