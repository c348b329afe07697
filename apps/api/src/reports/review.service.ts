import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { KbItemStatus, Role, type ReviewItemDto, type ReviewItemUpdate, type ReviewReason } from '@tunedesk/contracts';
import { pastYearsMentioned } from '@tunedesk/domain';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, canReadUnit, hasRole, seesAllUnits } from '../common/actor';
import { Clock, taipeiDay } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { Transactions } from '../database/transactions';
import { KnowledgeService } from '../knowledge/knowledge.service';
import { UnitsRepository } from '../org/units.repository';
import { OPEN_WORK, ReviewItemEntity } from '../tuning/tuning.entities';
import { ReportsRepository } from './reports.repository';

/** Months of hits looked at: the cycle's month and the two before it. */
export const REVIEW_WINDOW_MONTHS = 3;
/** Low satisfaction: at least this many ratings, and this share of them 不滿意. */
export const LOW_SATISFACTION_MIN_RATINGS = 3;
export const LOW_SATISFACTION_SHARE = 0.5;

interface Detail {
  hits: number;
  ratings: number;
  dissatisfied: number;
  expiryDate: string | null;
  pastYears: string[];
}

/** Sent back from 調校成效 because a change did not cut the item's misses. */
export const sentBack = (r: Pick<ReviewItemEntity, 'reasons'>): boolean => r.reasons.split(',').includes('not-improved');

function monthsBack(month: string, n: number): string[] {
  const [y, m] = month.split('-').map(Number);
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}

const reviewNotFound = (id: number) =>
  new DomainError('REVIEW_ITEM_NOT_FOUND', { 'zh-TW': `找不到檢視項目 #${id}`, en: `No review item #${id}` }, HttpStatus.NOT_FOUND);

/**
 * 檢視原有題庫: when a month's cycle is built, each unit's own items that need
 * a look are queued for it: no hits in three months of logs, low
 * satisfaction, an expiry date passed, or a question or answer that mentions
 * a past year. Rebuilding keeps what people already marked.
 */
@Injectable()
export class ReviewService {
  constructor(
    private readonly repo: ReportsRepository,
    @InjectRepository(ReviewItemEntity) private readonly items: Repository<ReviewItemEntity>,
    private readonly knowledge: KnowledgeService,
    private readonly units: UnitsRepository,
    private readonly audit: AuditService,
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  /** What each published item of the bank would be queued for in this month's cycle. */
  async findCandidates(month: string): Promise<{ item: { id: string; ownerUnitCode: string }; reasons: ReviewReason[]; detail: Detail }[]> {
    const window = monthsBack(month, REVIEW_WINDOW_MONTHS);
    const imports = (await Promise.all(window.map((m) => this.repo.findCompletedForMonth(m, 'log')))).filter(
      (i): i is NonNullable<typeof i> => !!i,
    );
    // "No hits in three months" needs three months of logs to say so.
    const fullWindow = imports.length === REVIEW_WINDOW_MONTHS;
    const stats = await this.repo.itemStats(imports.map((i) => i.id));
    const today = taipeiDay(this.clock.now());
    const year = Number(month.slice(0, 4));
    const out: { item: { id: string; ownerUnitCode: string }; reasons: ReviewReason[]; detail: Detail }[] = [];
    for (const item of await this.knowledge.allItems()) {
      if (item.status !== KbItemStatus.Published || !item.ownerUnitCode) continue;
      const s = stats.get(item.id) ?? { hits: 0, ratings: 0, dissatisfied: 0 };
      const pastYears = pastYearsMentioned(`${item.question}\n${item.answer}`, year);
      const reasons: ReviewReason[] = [];
      if (fullWindow && s.hits === 0) reasons.push('no-hits');
      if (s.ratings >= LOW_SATISFACTION_MIN_RATINGS && s.dissatisfied / s.ratings >= LOW_SATISFACTION_SHARE)
        reasons.push('low-satisfaction');
      if (item.expiryDate && item.expiryDate < today) reasons.push('expired');
      if (pastYears.length) reasons.push('past-year');
      if (reasons.length)
        out.push({
          item: { id: item.id, ownerUnitCode: item.ownerUnitCode },
          reasons,
          detail: { ...s, expiryDate: item.expiryDate, pastYears },
        });
    }
    return out;
  }

  /** Queues (or refreshes) the cycle's review items; open items no longer flagged go, marked ones stay. */
  async refresh(cycleId: number, month: string): Promise<number> {
    const candidates = await this.findCandidates(month);
    await this.tx.run(async (m) => {
      const repo = m.getRepository(ReviewItemEntity);
      const existing = new Map((await repo.findBy({ cycleId })).map((r) => [r.kbItemId, r]));
      const wanted = new Set(candidates.map((c) => c.item.id));
      const stale = [...existing.values()]
        // An item sent back from 調校成效 (not-improved) is the unit's work whatever this month's figures say.
        .filter((r) => r.status === 'open' && r.queueStatus === 'open' && !wanted.has(r.kbItemId) && !sentBack(r))
        .map((r) => r.id);
      for (let i = 0; i < stale.length; i += 500) await repo.delete(stale.slice(i, i + 500));
      const inserts: Omit<ReviewItemEntity, 'id'>[] = [];
      for (const c of candidates) {
        const row = existing.get(c.item.id);
        const reasons = row && sentBack(row) ? [...c.reasons, 'not-improved'] : c.reasons;
        const values = { unitCode: c.item.ownerUnitCode, reasons: reasons.join(','), detail: JSON.stringify(c.detail) };
        if (row) await repo.update({ id: row.id }, values);
        else
          inserts.push({ cycleId, kbItemId: c.item.id, ...values, status: 'open', note: null, doneBy: null, doneAt: null, ...OPEN_WORK });
      }
      for (let i = 0; i < inserts.length; i += 200) await repo.insert(inserts.slice(i, i + 200));
    });
    return candidates.length;
  }

  async list(actor: Actor, cycleId: number, filter: { unit?: string; status?: 'open' | 'done' }): Promise<ReviewItemDto[]> {
    if (filter.unit && !canReadUnit(actor, filter.unit))
      throw await this.audit.denied(actor, {
        reason: 'other unit',
        targetType: 'review-items',
        targetId: `${cycleId}/${filter.unit}`,
        unitCode: filter.unit,
      });
    // A knowledge contact or unit head sees their own unit's queue.
    const unit = filter.unit ?? (seesAllUnits(actor) ? undefined : actor.unitCode);
    const rows = await this.items.find({
      where: { cycleId, ...(unit ? { unitCode: unit } : {}), ...(filter.status ? { status: filter.status } : {}) },
      order: { unitCode: 'ASC', kbItemId: 'ASC' },
    });
    return this.toDtos(rows);
  }

  async update(actor: Actor, id: number, body: ReviewItemUpdate): Promise<ReviewItemDto> {
    const repo = this.items;
    const row = await repo.findOneBy({ id });
    if (!row || !canReadUnit(actor, row.unitCode)) throw reviewNotFound(id);
    // A unit head reads the queue; the unit's contacts, the group leader and the service section work it.
    const mayWork =
      hasRole(actor, Role.GroupLeader, Role.ServiceSection, Role.SystemAdmin) ||
      (hasRole(actor, Role.KnowledgeContact) && actor.unitCode === row.unitCode);
    if (!mayWork)
      throw await this.audit.denied(actor, {
        reason: 'may not work the review queue',
        targetType: 'review-item',
        targetId: id,
        unitCode: row.unitCode,
      });
    const now = this.clock.now();
    const next = {
      status: body.status,
      note: body.note === undefined ? row.note : body.note?.trim() || null,
      doneBy: body.status === 'done' ? actor.account : null,
      doneAt: body.status === 'done' ? now : null,
    };
    await this.tx.run(async (m) => {
      await m.getRepository(ReviewItemEntity).update({ id }, next);
      await this.audit.record(
        {
          action: 'review-item.update',
          actor,
          unitCode: row.unitCode,
          targetType: 'review-item',
          targetId: id,
          changes: [
            { field: 'status', before: row.status, after: next.status },
            ...(next.note !== row.note ? [{ field: 'note', before: row.note, after: next.note }] : []),
          ],
        },
        m,
      );
    });
    return (await this.toDtos([{ ...row, ...next }]))[0];
  }

  private async toDtos(rows: ReviewItemEntity[]): Promise<ReviewItemDto[]> {
    const names = new Map((await this.units.findAll()).map((u) => [u.code, u.name]));
    const questions = new Map((await this.knowledge.allItems()).map((i) => [i.id, i.question]));
    return rows.map((r) => {
      const d = JSON.parse(r.detail) as Detail;
      return {
        id: r.id,
        cycleId: r.cycleId,
        unitCode: r.unitCode,
        unitName: names.get(r.unitCode) ?? null,
        kbItemId: r.kbItemId,
        question: questions.get(r.kbItemId) ?? '',
        reasons: r.reasons.split(',').filter(Boolean) as ReviewReason[],
        hits: d.hits,
        ratings: d.ratings,
        dissatisfied: d.dissatisfied,
        expiryDate: d.expiryDate,
        pastYears: d.pastYears,
        status: r.status,
        note: r.note,
        doneBy: r.doneBy,
        doneAt: r.doneAt?.toISOString() ?? null,
      };
    });
  }
}
