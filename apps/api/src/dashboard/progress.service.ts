import { HttpStatus, Injectable } from '@nestjs/common';
import {
  Role,
  type BurndownDto,
  type OverdueItemDto,
  type ProgressContactDto,
  type ProgressCountsDto,
  type ProgressDto,
  type ProgressUnitDto,
  type ProposalKind,
  type ProposalStatus,
  type QueueItemKind,
  type QueueItemStatus,
} from '@tunedesk/contracts';
import { DataSource } from 'typeorm';
import { OfficeCalendarProvider } from '../calendar/office-calendar.provider';
import { Actor } from '../common/actor';
import { unitScope } from './scope';
import { asDate, Clock, DAY_MS, taipeiDay } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { UnitsRepository } from '../org/units.repository';
import { UsersRepository } from '../org/users.repository';
import { ProposalEntity, ProposalListEntity } from '../proposals/proposal.entities';
import { TuningCycleEntity } from '../reports/report.entities';

type Num = number | string;

/** A queue item of the cycle, as progress counts it. */
interface WorkRow {
  kind: QueueItemKind;
  id: number;
  unit: string;
  title: string;
  status: QueueItemStatus;
  claimedBy: number | null;
  /** YYYY-MM-DD (Asia/Taipei) the item was answered; null while open */
  answeredDay: string | null;
}

/** At most this many days are drawn in a burndown. */
const BURNDOWN_MAX_DAYS = 120;

const round1 = (n: number) => Math.round(n * 10) / 10;
const mean = (xs: number[]) => (xs.length ? round1(xs.reduce((a, b) => a + b, 0) / xs.length) : null);
const days = (from: Date, to: Date) => (to.getTime() - from.getTime()) / DAY_MS;

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Team progress of a cycle: per unit and per contact, assigned / done / open /
 * overdue, the proposals, how long routing → proposal and submission →
 * approval took, a burndown against the due date and who to chase.
 */
@Injectable()
export class ProgressService {
  constructor(
    private readonly ds: DataSource,
    private readonly units: UnitsRepository,
    private readonly users: UsersRepository,
    private readonly calendar: OfficeCalendarProvider,
    private readonly clock: Clock,
  ) {}

  async progress(actor: Actor, q: { cycle?: number; unit?: string }): Promise<ProgressDto> {
    const unitCode = unitScope(actor, q.unit, { 'zh-TW': '只能查看本單位的進度', en: "Only your own unit's progress can be read" });

    const cycleRepo = this.ds.getRepository(TuningCycleEntity);
    const all = await cycleRepo.find();
    const listed = all.sort(
      (a, b) => (a.kind === b.kind ? (b.month ?? '').localeCompare(a.month ?? '') : a.kind === 'regular' ? -1 : 1) || b.id - a.id,
    );
    const cycle = q.cycle
      ? all.find((c) => c.id === q.cycle)
      : (listed.find((c) => c.kind === 'regular' && c.announcedAt) ?? listed.find((c) => c.kind === 'regular'));
    if (!cycle)
      throw new DomainError(
        'CYCLE_NOT_FOUND',
        q.cycle
          ? { 'zh-TW': `找不到調校週期 #${q.cycle}`, en: `No cycle #${q.cycle}` }
          : { 'zh-TW': '尚無調校週期', en: 'No tuning cycle yet' },
        HttpStatus.NOT_FOUND,
      );

    const today = taipeiDay(this.clock.now());
    const names = new Map((await this.units.findAll()).map((u) => [u.code, u.name]));
    const work = (await this.work(cycle.id)).filter((w) => !unitCode || w.unit === unitCode);
    const overdueNow = !cycle.closedAt && !!cycle.dueDate && today > cycle.dueDate;
    const isDone = (w: WorkRow) => w.answeredDay !== null;
    const count = (rows: WorkRow[]): ProgressCountsDto => {
      const done = rows.filter(isDone).length;
      return { assigned: rows.length, done, open: rows.length - done, overdue: overdueNow ? rows.length - done : 0 };
    };

    const proposals = (await this.ds.getRepository(ProposalEntity).findBy({ cycleId: cycle.id })).filter(
      (p) => !unitCode || p.unitCode === unitCode,
    );
    const lists = (await this.ds.getRepository(ProposalListEntity).findBy({ cycleId: cycle.id })).filter(
      (l) => !unitCode || l.unitCode === unitCode,
    );
    const announced = asDate(cycle.announcedAt);

    const unitCodes = [...new Set([...work.map((w) => w.unit), ...proposals.map((p) => p.unitCode), ...lists.map((l) => l.unitCode)])];
    if (unitCode && !unitCodes.includes(unitCode)) unitCodes.push(unitCode);
    const units: ProgressUnitDto[] = unitCodes
      .map((code) => {
        const mine = proposals.filter((p) => p.unitCode === code);
        const list = lists.find((l) => l.unitCode === code) ?? null;
        const byKind: Record<ProposalKind, number> = { add: 0, modify: 0, delete: 0 };
        const byStatus: Partial<Record<ProposalStatus, number>> = {};
        for (const p of mine) {
          byKind[p.kind as ProposalKind]++;
          byStatus[p.status as ProposalStatus] = (byStatus[p.status as ProposalStatus] ?? 0) + 1;
        }
        const submitted = asDate(list?.submittedAt ?? null);
        const approved = asDate(list?.approvedAt ?? null);
        return {
          unitCode: code,
          unitName: names.get(code) ?? code,
          ...count(work.filter((w) => w.unit === code)),
          proposals: byKind,
          proposalStatus: byStatus,
          listStatus: list?.status ?? null,
          submittedAt: submitted?.toISOString() ?? null,
          approvedAt: approved?.toISOString() ?? null,
          daysToProposal: announced
            ? mean(mine.filter((p) => p.sourceKind).map((p) => Math.max(0, days(announced, asDate(p.createdAt)!))))
            : null,
          daysToApproval: submitted && approved ? round1(Math.max(0, days(submitted, approved))) : null,
        };
      })
      .sort((a, b) => a.unitCode.localeCompare(b.unitCode));

    const people = new Map(
      (await this.users.findByIds([...new Set(work.map((w) => w.claimedBy).filter((x): x is number => !!x))])).map((u) => [u.id, u]),
    );
    const contactKeys = [...new Set(work.map((w) => `${w.unit}/${w.claimedBy ?? ''}`))];
    const contacts: ProgressContactDto[] = contactKeys
      .map((key) => {
        const [unit, id] = key.split('/');
        const userId = id ? Number(id) : null;
        const u = userId ? people.get(userId) : undefined;
        return {
          userId,
          account: u?.account ?? null,
          name: u?.displayName ?? null,
          unitCode: unit,
          ...count(work.filter((w) => w.unit === unit && (w.claimedBy ?? null) === userId)),
        };
      })
      .sort((a, b) => a.unitCode.localeCompare(b.unitCode) || (a.userId === null ? 1 : b.userId === null ? -1 : a.userId - b.userId));

    const kinds: ProposalKind[] = ['add', 'modify', 'delete'];
    const statuses: ProposalStatus[] = ['draft', 'submitted', 'returned', 'approved', 'deferred', 'applied'];
    const proposalsByKindStatus = kinds.flatMap((kind) =>
      statuses.map((status) => ({ kind, status, count: proposals.filter((p) => p.kind === kind && p.status === status).length })),
    );

    const overdue: OverdueItemDto[] = [];
    if (overdueNow) {
      const late = await this.calendar.workdaysBetween(cycle.dueDate!, today);
      const contactsOf = new Map<string, { account: string; name: string; email: string | null; extension: string | null }[]>();
      for (const w of work.filter((x) => !isDone(x))) {
        let chase: { account: string; name: string; email: string | null; extension: string | null }[];
        const holder = w.claimedBy ? people.get(w.claimedBy) : undefined;
        if (holder) chase = [{ account: holder.account, name: holder.displayName, email: holder.email, extension: holder.extension }];
        else {
          if (!contactsOf.has(w.unit))
            contactsOf.set(
              w.unit,
              (await this.users.withRole(Role.KnowledgeContact, w.unit))
                .filter((u) => u.active)
                .map((u) => ({ account: u.account, name: u.displayName, email: u.email, extension: u.extension })),
            );
          chase = contactsOf.get(w.unit)!;
        }
        overdue.push({
          kind: w.kind,
          id: w.id,
          title: w.title,
          unitCode: w.unit,
          unitName: names.get(w.unit) ?? w.unit,
          status: w.status,
          claimedBy: holder ? { account: holder.account, name: holder.displayName } : null,
          chase,
          workdaysOverdue: late,
        });
      }
      overdue.sort((a, b) => b.workdaysOverdue - a.workdaysOverdue || a.unitCode.localeCompare(b.unitCode) || a.id - b.id);
    }

    return {
      cycle: {
        id: cycle.id,
        label: cycle.label,
        month: cycle.month,
        dueDate: cycle.dueDate,
        announcedAt: announced?.toISOString() ?? null,
        closedAt: asDate(cycle.closedAt)?.toISOString() ?? null,
      },
      cycles: listed.map((c) => ({ id: c.id, label: c.label, month: c.month })),
      unitCode,
      today,
      totals: count(work),
      units,
      contacts,
      proposalsByKindStatus,
      burndown: this.burndown(work, cycle, today),
      overdue,
    };
  }

  /** Open items at the end of each day from the announcement, against a straight line to the due date. */
  private burndown(work: WorkRow[], cycle: TuningCycleEntity, today: string): BurndownDto {
    const announced = asDate(cycle.announcedAt);
    if (!announced) return { days: [], open: [], ideal: [] };
    const start = taipeiDay(announced);
    const closed = asDate(cycle.closedAt);
    const last = [cycle.dueDate ?? start, closed ? taipeiDay(closed) : today].sort().pop()!;
    const span: string[] = [];
    for (let d = start; d <= last && span.length < BURNDOWN_MAX_DAYS; d = addDays(d, 1)) span.push(d);
    const total = work.length;
    const dueIndex = cycle.dueDate ? span.indexOf(cycle.dueDate) : -1;
    return {
      days: span,
      open: span.map((d) => (d > today ? null : work.filter((w) => w.answeredDay === null || w.answeredDay > d).length)),
      ideal: span.map((_, i) => (dueIndex <= 0 ? null : i > dueIndex ? null : Math.round((total * (dueIndex - i)) / dueIndex))),
    };
  }

  /** The cycle's queue items routed to a unit (triage is the group leader's, not a unit's). */
  private async work(cycleId: number): Promise<WorkRow[]> {
    const clusters: {
      id: Num;
      unit: string;
      title: string;
      queue_status: string;
      claimed_by: Num | null;
      claimed_at: Date | string | null;
      answered_at: Date | string | null;
    }[] = await this.ds.query(
      `SELECT id, routed_unit_code AS unit, representative AS title, queue_status, claimed_by, claimed_at, answered_at
         FROM miss_cluster WHERE cycle_id = ? AND routed_unit_code IS NOT NULL`,
      [cycleId],
    );
    const reviews: {
      id: Num;
      unit: string;
      title: string | null;
      kb_item_id: string;
      status: string;
      queue_status: string;
      claimed_by: Num | null;
      claimed_at: Date | string | null;
      answered_at: Date | string | null;
      done_at: Date | string | null;
    }[] = await this.ds.query(
      `SELECT r.id, r.unit_code AS unit, k.question AS title, r.kb_item_id, r.status, r.queue_status, r.claimed_by, r.claimed_at,
              r.answered_at, r.done_at
         FROM review_item r LEFT JOIN kb_item k ON k.id = r.kb_item_id WHERE r.cycle_id = ?`,
      [cycleId],
    );
    const answered = (status: string, ...times: (Date | string | null)[]): string | null => {
      if (status !== 'proposed' && status !== 'closed') return null;
      const at = times.map(asDate).find((t): t is Date => !!t);
      return at ? taipeiDay(at) : '0000-00-00';
    };
    return [
      ...clusters.map((c) => ({
        kind: 'cluster' as const,
        id: Number(c.id),
        unit: c.unit,
        title: c.title,
        status: c.queue_status as QueueItemStatus,
        claimedBy: c.claimed_by == null ? null : Number(c.claimed_by),
        answeredDay: answered(c.queue_status, c.answered_at, c.claimed_at),
      })),
      ...reviews.map((r) => {
        const status = (r.status === 'done' && r.queue_status !== 'proposed' ? 'closed' : r.queue_status) as QueueItemStatus;
        return {
          kind: 'review' as const,
          id: Number(r.id),
          unit: r.unit,
          title: r.title ? `${r.kb_item_id} ${r.title}` : r.kb_item_id,
          status,
          claimedBy: r.claimed_by == null ? null : Number(r.claimed_by),
          answeredDay: answered(status, r.answered_at, r.done_at, r.claimed_at),
        };
      }),
    ];
  }
}
