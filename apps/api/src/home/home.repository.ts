import { Injectable } from '@nestjs/common';
import { AccountRequestStatus, type QueueItemKind } from '@tunedesk/contracts';
import { DataSource, In, IsNull, LessThan, MoreThan, Not } from 'typeorm';
import { AccountRequestEntity } from '../account-requests/account-request.entity';
import { UnitEntity } from '../org/unit.entity';
import { UserEntity } from '../org/user.entity';
import { ProposalEntity, ProposalListEntity } from '../proposals/proposal.entities';
import { MissClusterEntity, TuningCycleEntity } from '../reports/report.entities';
import { ReviewItemEntity } from '../tuning/tuning.entities';

/** A queue item still to be answered (open or claimed). */
export interface OpenWorkRow {
  kind: QueueItemKind;
  id: number;
  cycleId: number;
  unitCode: string;
  title: string;
  status: 'open' | 'claimed';
  claimedBy: number | null;
}

const OPEN_STATUSES = ['open', 'claimed'];

/** What the home page reads, across features; reads only. */
@Injectable()
export class HomeRepository {
  constructor(private readonly ds: DataSource) {}

  /** Cycles not closed, newest first (announced or not). */
  unclosedCycles(): Promise<TuningCycleEntity[]> {
    return this.ds.getRepository(TuningCycleEntity).find({ where: { closedAt: IsNull() }, order: { id: 'DESC' } });
  }

  units(): Promise<UnitEntity[]> {
    return this.ds.getRepository(UnitEntity).find({ order: { code: 'ASC' } });
  }

  /** Open or claimed queue items of the cycles routed to a unit (every unit when none is given); triage is not a unit's. */
  async openWork(cycleIds: number[], unitCode?: string): Promise<OpenWorkRow[]> {
    if (!cycleIds.length) return [];
    const clusters = await this.ds.getRepository(MissClusterEntity).find({
      select: { id: true, cycleId: true, routedUnitCode: true, representative: true, queueStatus: true, claimedBy: true },
      where: { cycleId: In(cycleIds), queueStatus: In(OPEN_STATUSES), routedUnitCode: unitCode ?? Not(IsNull()) },
      order: { size: 'DESC', id: 'ASC' },
    });
    const reviews = await this.ds.getRepository(ReviewItemEntity).find({
      where: { cycleId: In(cycleIds), queueStatus: In(OPEN_STATUSES), status: 'open', ...(unitCode ? { unitCode } : {}) },
      order: { id: 'ASC' },
    });
    const questions = new Map<string, string>();
    const ids = [...new Set(reviews.map((r) => r.kbItemId))];
    for (let i = 0; i < ids.length; i += 500) {
      const rows: { id: string; question: string }[] = await this.ds
        .createQueryBuilder()
        .select(['k.id AS id', 'k.question AS question'])
        .from('kb_item', 'k')
        .where('k.id IN (:...ids)', { ids: ids.slice(i, i + 500) })
        .getRawMany();
      for (const row of rows) questions.set(row.id, row.question);
    }
    return [
      ...clusters.map((c) => ({
        kind: 'cluster' as const,
        id: c.id,
        cycleId: c.cycleId,
        unitCode: c.routedUnitCode!,
        title: c.representative,
        status: c.queueStatus as 'open' | 'claimed',
        claimedBy: c.claimedBy,
      })),
      ...reviews.map((r) => ({
        kind: 'review' as const,
        id: r.id,
        cycleId: r.cycleId,
        unitCode: r.unitCode,
        title: questions.has(r.kbItemId) ? `${r.kbItemId} ${questions.get(r.kbItemId)}` : r.kbItemId,
        status: r.queueStatus as 'open' | 'claimed',
        claimedBy: r.claimedBy,
      })),
    ];
  }

  /** 待分派: clusters of the cycles that no rule routed and nobody has answered. */
  triageCount(cycleIds: number[]): Promise<number> {
    if (!cycleIds.length) return Promise.resolve(0);
    return this.ds
      .getRepository(MissClusterEntity)
      .count({ where: { cycleId: In(cycleIds), routedUnitCode: IsNull(), queueStatus: In(OPEN_STATUSES) } });
  }

  lists(cycleIds: number[], filter: { unitCode?: string; status?: string } = {}): Promise<ProposalListEntity[]> {
    if (!cycleIds.length) return Promise.resolve([]);
    return this.ds.getRepository(ProposalListEntity).find({
      where: {
        cycleId: In(cycleIds),
        ...(filter.unitCode ? { unitCode: filter.unitCode } : {}),
        ...(filter.status ? { status: filter.status } : {}),
      },
      order: { cycleId: 'ASC', unitCode: 'ASC' },
    });
  }

  async proposalCount(cycleId: number, unitCode: string): Promise<number> {
    return this.ds.getRepository(ProposalEntity).count({ where: { cycleId, unitCode } });
  }

  accountRequests(statuses: AccountRequestStatus[], filter: { approverUnitCode?: string } = {}): Promise<AccountRequestEntity[]> {
    return this.ds.getRepository(AccountRequestEntity).find({
      where: { status: In(statuses), ...(filter.approverUnitCode ? { approverUnitCode: filter.approverUnitCode } : {}) },
      order: { effectiveDate: 'ASC', id: 'ASC' },
    });
  }

  /** Account requests past their effective date that have not been carried out. */
  requestsPastEffective(today: string): Promise<AccountRequestEntity[]> {
    return this.ds.getRepository(AccountRequestEntity).find({
      where: {
        status: In([AccountRequestStatus.Submitted, AccountRequestStatus.Approved, AccountRequestStatus.Scheduled]),
        effectiveDate: LessThan(today),
      },
      order: { effectiveDate: 'ASC', id: 'ASC' },
    });
  }

  /** Active accounts whose password was last set before the cutoff. */
  passwordsOlderThan(cutoff: Date): Promise<UserEntity[]> {
    return this.ds
      .getRepository(UserEntity)
      .find({ where: { active: true, passwordChangedAt: LessThan(cutoff) }, order: { passwordChangedAt: 'ASC', id: 'ASC' } });
  }

  countLocked(now: Date): Promise<number> {
    return this.ds.getRepository(UserEntity).count({ where: { active: true, lockedUntil: MoreThan(now) } });
  }

  user(id: number): Promise<UserEntity | null> {
    return this.ds.getRepository(UserEntity).findOneBy({ id });
  }
}
