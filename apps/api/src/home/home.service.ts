import { Inject, Injectable } from '@nestjs/common';
import {
  AccountRequestStatus,
  HOME_ITEMS_SHOWN,
  Role,
  type HomeAccountCheckDto,
  type HomeAccountRequestDto,
  type HomeChecksDto,
  type HomeCycleWorkDto,
  type HomeDto,
  type HomeListToSignDto,
  type HomeOversightCycleDto,
  type HomeUnitDto,
  type HomeUnitState,
  type ListStatus,
} from '@tunedesk/contracts';
import { AccountRequestEntity } from '../account-requests/account-request.entity';
import { Actor, hasRole } from '../common/actor';
import { asDate, Clock, DAY_MS, taipeiDay } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { UsersRepository } from '../org/users.repository';
import { TuningCycleEntity } from '../reports/report.entities';
import { HomeRepository, OpenWorkRow } from './home.repository';

/** Inactive accounts are listed this many days before the daily job disables them. */
const INACTIVE_WARNING_DAYS = 14;
/** At most this many accounts per check. */
const CHECKS_SHOWN = 20;

const UNIT_STATE_ORDER: Record<HomeUnitState, number> = { late: 0, 'awaiting-approval': 1, returned: 2, 'not-submitted': 3 };

/** Announced cycles with a due date first (earliest due first), then the irregular cycle. */
function byDueDate(a: TuningCycleEntity, b: TuningCycleEntity): number {
  return (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.id - b.id;
}

/**
 * The home page of the signed-in person: what is waiting for them, one section
 * per role they hold, scoped as the role's own pages are (a contact or unit head
 * sees their unit only; the group leader, service section, compliance officer,
 * auditor and administrator see every unit).
 */
@Injectable()
export class HomeService {
  constructor(
    private readonly repo: HomeRepository,
    private readonly users: UsersRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async home(actor: Actor): Promise<HomeDto> {
    const now = this.clock.now();
    const today = taipeiDay(now);
    const units = await this.repo.units();
    const names = new Map(units.map((u) => [u.code, u.name]));
    const nameOf = (code: string) => names.get(code) ?? code;
    const unclosed = await this.repo.unclosedCycles();
    const announced = unclosed.filter((c) => c.announcedAt).sort(byDueDate);
    const me = await this.repo.user(actor.userId);
    const changedAt = asDate(me?.passwordChangedAt ?? null) ?? now;
    const expires = new Date(changedAt.getTime() + this.config.security.passwordMaxAgeDays * DAY_MS);

    const contact = hasRole(actor, Role.KnowledgeContact) && actor.unitCode ? await this.contact(actor, announced, today) : null;
    const unitHead = hasRole(actor, Role.UnitHead) && actor.unitCode ? await this.unitHead(actor, unclosed, nameOf) : null;
    const oversight = hasRole(actor, Role.GroupLeader, Role.ServiceSection)
      ? await this.oversight(announced, unclosed, today, nameOf)
      : null;
    const service = hasRole(actor, Role.ServiceSection)
      ? { accountRequestsToAccept: (await this.repo.accountRequests([AccountRequestStatus.Approved])).map((r) => requestDto(r, nameOf)) }
      : null;
    const checks = hasRole(actor, Role.ComplianceOfficer, Role.Auditor) ? await this.checks(now, today, nameOf) : null;
    const admin = hasRole(actor, Role.SystemAdmin) ? await this.admin(now) : null;

    return {
      today,
      roles: [...actor.roles],
      unitCode: actor.unitCode,
      unitName: nameOf(actor.unitCode),
      password: { expiresOn: taipeiDay(expires), daysLeft: Math.floor((expires.getTime() - now.getTime()) / DAY_MS) },
      contact,
      unitHead,
      oversight,
      service,
      checks,
      admin,
    };
  }

  /** Every announced, unclosed cycle with open work in the contact's unit, the earliest due first. */
  private async contact(actor: Actor, announced: TuningCycleEntity[], today: string): Promise<{ cycles: HomeCycleWorkDto[] }> {
    const work = await this.repo.openWork(
      announced.map((c) => c.id),
      actor.unitCode,
    );
    const lists = new Map(
      (
        await this.repo.lists(
          announced.map((c) => c.id),
          { unitCode: actor.unitCode },
        )
      ).map((l) => [l.cycleId, l]),
    );
    const cycles: HomeCycleWorkDto[] = [];
    for (const cycle of announced) {
      const rows = work.filter((w) => w.cycleId === cycle.id);
      const listStatus = (lists.get(cycle.id)?.status ?? 'not-started') as ListStatus;
      if (!rows.length && (listStatus === 'approved' || listStatus === 'not-started')) continue;
      const mine = rows.filter((w) => w.claimedBy === actor.userId);
      const unclaimed = rows.filter((w) => w.status === 'open');
      const others = rows.filter((w) => w.status === 'claimed' && w.claimedBy !== actor.userId);
      cycles.push({
        cycleId: cycle.id,
        label: cycle.label,
        dueDate: cycle.dueDate,
        overdue: !!cycle.dueDate && today > cycle.dueDate && listStatus !== 'approved',
        listStatus,
        open: rows.length,
        claimedByMe: mine.length,
        unclaimed: unclaimed.length,
        items: [...mine, ...unclaimed, ...others]
          .slice(0, HOME_ITEMS_SHOWN)
          .map((w) => ({ kind: w.kind, id: w.id, title: w.title, status: w.status, mine: w.claimedBy === actor.userId })),
      });
    }
    return { cycles };
  }

  /** The unit's lists waiting for 核章, and account requests (附件四) the head decides. */
  private async unitHead(
    actor: Actor,
    unclosed: TuningCycleEntity[],
    nameOf: (code: string) => string,
  ): Promise<{ lists: HomeListToSignDto[]; accountRequests: HomeAccountRequestDto[] }> {
    const byId = new Map(unclosed.map((c) => [c.id, c]));
    const waiting = await this.repo.lists([...byId.keys()], { unitCode: actor.unitCode, status: 'submitted' });
    const lists: HomeListToSignDto[] = [];
    for (const l of waiting) {
      const cycle = byId.get(l.cycleId)!;
      lists.push({
        cycleId: l.cycleId,
        label: cycle.label,
        unitCode: l.unitCode,
        unitName: nameOf(l.unitCode),
        dueDate: cycle.dueDate,
        submittedAt: asDate(l.submittedAt)?.toISOString() ?? null,
        proposals: await this.repo.proposalCount(l.cycleId, l.unitCode),
      });
    }
    lists.sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.cycleId - b.cycleId);
    // The head does not decide a request they filed or that is about themselves (the service refuses it too).
    const requests = (await this.repo.accountRequests([AccountRequestStatus.Submitted], { approverUnitCode: actor.unitCode })).filter(
      (r) => r.filedById !== actor.userId && r.subjectUserId !== actor.userId,
    );
    return { lists, accountRequests: requests.map((r) => requestDto(r, nameOf)) };
  }

  /** Per announced cycle, the units late or waiting; 待分派; cycles imported but not announced. */
  private async oversight(announced: TuningCycleEntity[], unclosed: TuningCycleEntity[], today: string, nameOf: (code: string) => string) {
    const regular = announced.filter((c) => c.kind === 'regular');
    const work = await this.repo.openWork(regular.map((c) => c.id));
    const lists = await this.repo.lists(regular.map((c) => c.id));
    const cycles: HomeOversightCycleDto[] = regular.map((cycle) => {
      const late = !!cycle.dueDate && today > cycle.dueDate;
      const mine = lists.filter((l) => l.cycleId === cycle.id);
      const openBy = new Map<string, number>();
      for (const w of work.filter((x: OpenWorkRow) => x.cycleId === cycle.id)) openBy.set(w.unitCode, (openBy.get(w.unitCode) ?? 0) + 1);
      const codes = new Set([...openBy.keys(), ...mine.map((l) => l.unitCode)]);
      const units: HomeUnitDto[] = [];
      for (const code of codes) {
        const listStatus = (mine.find((l) => l.unitCode === code)?.status ?? 'not-started') as ListStatus;
        if (listStatus === 'approved') continue;
        const state: HomeUnitState = late
          ? 'late'
          : listStatus === 'submitted'
            ? 'awaiting-approval'
            : listStatus === 'returned'
              ? 'returned'
              : 'not-submitted';
        units.push({ unitCode: code, unitName: nameOf(code), state, listStatus, open: openBy.get(code) ?? 0 });
      }
      units.sort((a, b) => UNIT_STATE_ORDER[a.state] - UNIT_STATE_ORDER[b.state] || a.unitCode.localeCompare(b.unitCode));
      return {
        cycleId: cycle.id,
        label: cycle.label,
        dueDate: cycle.dueDate,
        units,
        approvedUnits: mine.filter((l) => l.status === 'approved').length,
      };
    });
    return {
      cycles,
      triage: await this.repo.triageCount(unclosed.map((c) => c.id)),
      unannounced: unclosed
        .filter((c) => !c.announcedAt && c.kind === 'regular')
        .sort((a, b) => (a.month ?? '').localeCompare(b.month ?? ''))
        .map((c) => ({ cycleId: c.id, label: c.label })),
    };
  }

  /** What the platform can tell a compliance officer or auditor to look at: stale passwords, idle accounts, late account changes. */
  private async checks(now: Date, today: string, nameOf: (code: string) => string): Promise<HomeChecksDto> {
    const { passwordMaxAgeDays, accountInactiveDays } = this.config.security;
    const stale = await this.repo.passwordsOlderThan(new Date(now.getTime() - passwordMaxAgeDays * DAY_MS));
    const idle = await this.users.inactiveSince(
      new Date(now.getTime() - Math.max(1, accountInactiveDays - INACTIVE_WARNING_DAYS) * DAY_MS),
    );
    const account = (u: { account: string; displayName: string; unitCode: string }, since: Date): HomeAccountCheckDto => ({
      account: u.account,
      displayName: u.displayName,
      unitName: nameOf(u.unitCode),
      since: taipeiDay(since),
    });
    return {
      passwordsOverdue: stale
        .slice(0, CHECKS_SHOWN)
        .map((u) => account(u, new Date(asDate(u.passwordChangedAt)!.getTime() + passwordMaxAgeDays * DAY_MS))),
      inactiveSoon: idle
        .sort((a, b) => a.account.localeCompare(b.account))
        .slice(0, CHECKS_SHOWN)
        .map((u) => account(u, asDate(u.lastLoginAt) ?? asDate(u.createdAt)!)),
      requestsPastEffective: (await this.repo.requestsPastEffective(today)).map((r) => requestDto(r, nameOf)),
      passwordMaxAgeDays,
      accountInactiveDays,
    };
  }

  private async admin(now: Date) {
    const open = await this.repo.accountRequests([
      AccountRequestStatus.Submitted,
      AccountRequestStatus.Approved,
      AccountRequestStatus.Scheduled,
    ]);
    const count = (s: AccountRequestStatus) => open.filter((r) => r.status === s).length;
    return {
      requests: {
        submitted: count(AccountRequestStatus.Submitted),
        approved: count(AccountRequestStatus.Approved),
        scheduled: count(AccountRequestStatus.Scheduled),
      },
      lockedAccounts: await this.repo.countLocked(now),
    };
  }
}

function requestDto(r: AccountRequestEntity, nameOf: (code: string) => string): HomeAccountRequestDto {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    account: r.account,
    unitName: nameOf(r.unitCode),
    effectiveDate: r.effectiveDate,
  };
}
