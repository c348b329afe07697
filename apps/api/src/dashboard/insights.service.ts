import { Injectable } from '@nestjs/common';
import {
  KbItemStatus,
  type CategoryChangeDto,
  type DashboardMissDto,
  type IdleItemDto,
  type ItemsOverviewDto,
  type MissesMonthDto,
  type QueueItemStatus,
} from '@tunedesk/contracts';
import { DataSource } from 'typeorm';
import { UnitsRepository } from '../org/units.repository';
import { MissClusterEntity, TuningCycleEntity } from '../reports/report.entities';
import { assertMonth, ratio, shiftMonth } from './months';

type Num = number | string;

/** How many clusters each misses list shows */
const LIST_SIZE = 10;
/** Months of hits shown per item */
const ITEM_MONTHS = 6;
/** Months without a hit that make an item a candidate for deletion */
export const IDLE_MONTHS = 3;

/**
 * The month's misses and the knowledge items' use, for the dashboards. Every
 * figure comes from the rollups and the month's clusters (small tables), never
 * from the raw messages.
 */
@Injectable()
export class InsightsService {
  constructor(
    private readonly ds: DataSource,
    private readonly units: UnitsRepository,
  ) {}

  /** Imported months (those with rollups), oldest first. */
  async months(): Promise<string[]> {
    return (await this.ds.query(`SELECT DISTINCT month FROM rollup_month ORDER BY month`)).map((r: { month: string }) => r.month);
  }

  private async unitNames(): Promise<Map<string, string>> {
    return new Map((await this.units.findAll()).map((u) => [u.code, u.name]));
  }

  async misses(month: string): Promise<MissesMonthDto> {
    assertMonth(month, 'month');
    const cycle = await this.ds.getRepository(TuningCycleEntity).findOneBy({ month });
    const empty: MissesMonthDto = {
      month,
      cycleId: null,
      clusters: 0,
      misses: 0,
      newClusters: 0,
      recurringClusters: 0,
      largest: [],
      appeared: [],
      recurring: [],
    };
    if (!cycle) return empty;
    const [totals]: { clusters: Num; misses: Num | null; fresh: Num | null; recurring: Num | null }[] = await this.ds.query(
      `SELECT COUNT(*) AS clusters, SUM(size) AS misses,
              SUM(CASE WHEN previous_cluster_id IS NULL THEN 1 ELSE 0 END) AS fresh,
              SUM(CASE WHEN recurring_months > 1 THEN 1 ELSE 0 END) AS recurring
         FROM miss_cluster WHERE cycle_id = ?`,
      [cycle.id],
    );
    const repo = this.ds.getRepository(MissClusterEntity);
    const select = {
      id: true,
      cycleId: true,
      representative: true,
      size: true,
      recurringMonths: true,
      previousClusterId: true,
      routedUnitCode: true,
      queueStatus: true,
    } as const;
    const [largest, appeared, recurring] = await Promise.all([
      repo.find({ select, where: { cycleId: cycle.id }, order: { size: 'DESC', id: 'ASC' }, take: LIST_SIZE }),
      repo
        .createQueryBuilder('c')
        .select(Object.keys(select).map((k) => `c.${k}`))
        .where('c.cycle_id = :id AND c.previous_cluster_id IS NULL', { id: cycle.id })
        .orderBy('c.size', 'DESC')
        .addOrderBy('c.id', 'ASC')
        .take(LIST_SIZE)
        .getMany(),
      repo
        .createQueryBuilder('c')
        .select(Object.keys(select).map((k) => `c.${k}`))
        .where('c.cycle_id = :id AND c.recurring_months > 1', { id: cycle.id })
        .orderBy('c.recurring_months', 'DESC')
        .addOrderBy('c.size', 'DESC')
        .addOrderBy('c.id', 'ASC')
        .take(LIST_SIZE)
        .getMany(),
    ]);
    const names = await this.unitNames();
    const dto = (c: MissClusterEntity): DashboardMissDto => ({
      id: c.id,
      cycleId: c.cycleId,
      representative: c.representative,
      size: c.size,
      recurringMonths: c.recurringMonths,
      isNew: c.previousClusterId === null,
      unitCode: c.routedUnitCode,
      unitName: c.routedUnitCode ? (names.get(c.routedUnitCode) ?? c.routedUnitCode) : null,
      status: c.queueStatus as QueueItemStatus,
    });
    return {
      month,
      cycleId: cycle.id,
      clusters: Number(totals.clusters),
      misses: Number(totals.misses ?? 0),
      newClusters: Number(totals.fresh ?? 0),
      recurringClusters: Number(totals.recurring ?? 0),
      largest: largest.map(dto),
      appeared: appeared.map(dto),
      recurring: recurring.map(dto),
    };
  }

  async itemsOverview(month: string): Promise<ItemsOverviewDto> {
    assertMonth(month, 'month');
    const present = await this.months();
    const months = present.filter((m) => m <= month).slice(-ITEM_MONTHS);
    const previous = shiftMonth(month, -1);
    const rows: { month: string; kb_item_id: string; hits: Num; rated: Num; satisfied: Num }[] = months.length
      ? await this.ds.query(
          `SELECT month, kb_item_id, hits, rated, satisfied FROM rollup_item WHERE month IN (${months.map(() => '?').join(',')})`,
          months,
        )
      : [];
    const bank: { id: string; question: string; category: string; owner: string | null; status: string }[] = await this.ds.query(
      `SELECT id, question, category, owner_unit_code AS owner, status FROM kb_item`,
    );
    const byId = new Map(bank.map((b) => [b.id, b]));
    const names = await this.unitNames();

    const perItem = new Map<string, { hitsByMonth: number[]; rated: number; satisfied: number; hits: number }>();
    for (const r of rows) {
      let e = perItem.get(r.kb_item_id);
      if (!e) perItem.set(r.kb_item_id, (e = { hitsByMonth: months.map(() => 0), rated: 0, satisfied: 0, hits: 0 }));
      e.hitsByMonth[months.indexOf(r.month)] = Number(r.hits);
      if (r.month === month) {
        e.hits = Number(r.hits);
        e.rated = Number(r.rated);
        e.satisfied = Number(r.satisfied);
      }
    }
    const items = [...perItem.entries()]
      .map(([kbItemId, e]) => {
        const k = byId.get(kbItemId);
        return {
          kbItemId,
          question: k?.question ?? '',
          category: k?.category ?? '',
          ownerUnitCode: k?.owner ?? null,
          hits: e.hits,
          rated: e.rated,
          satisfied: e.satisfied,
          satisfactionRate: ratio(e.satisfied, e.rated),
          hitsByMonth: e.hitsByMonth,
        };
      })
      .sort((a, b) => b.hits - a.hits || a.kbItemId.localeCompare(b.kbItemId));

    // Idle: published items with no hit in the three months ending with this one (all three imported).
    const window = Array.from({ length: IDLE_MONTHS }, (_, i) => shiftMonth(month, i - IDLE_MONTHS + 1));
    const idleMonths = window.every((m) => present.includes(m)) ? window : [];
    let idle: IdleItemDto[] = [];
    if (idleMonths.length) {
      const hit = new Set(
        (
          await this.ds.query(
            `SELECT DISTINCT kb_item_id FROM rollup_item WHERE hits > 0 AND month IN (${idleMonths.map(() => '?').join(',')})`,
            idleMonths,
          )
        ).map((r: { kb_item_id: string }) => r.kb_item_id),
      );
      const lastHit = new Map<string, string>(
        (await this.ds.query(`SELECT kb_item_id, MAX(month) AS month FROM rollup_item WHERE hits > 0 GROUP BY kb_item_id`)).map(
          (r: { kb_item_id: string; month: string }) => [r.kb_item_id, r.month],
        ),
      );
      const openDeletes = new Map<string, number>(
        (
          await this.ds.query(
            `SELECT kb_item_id, MIN(id) AS id FROM proposal
              WHERE kind = 'delete' AND status NOT IN ('applied', 'deferred') AND kb_item_id IS NOT NULL GROUP BY kb_item_id`,
          )
        ).map((r: { kb_item_id: string; id: Num }) => [r.kb_item_id, Number(r.id)]),
      );
      idle = bank
        .filter((b) => b.status === KbItemStatus.Published && !hit.has(b.id))
        .map((b) => ({
          kbItemId: b.id,
          question: b.question,
          category: b.category,
          ownerUnitCode: b.owner,
          ownerUnitName: b.owner ? (names.get(b.owner) ?? b.owner) : null,
          lastHitMonth: lastHit.get(b.id) ?? null,
          openDeleteProposalId: openDeletes.get(b.id) ?? null,
        }))
        .sort((a, b) => (a.lastHitMonth ?? '').localeCompare(b.lastHitMonth ?? '') || a.kbItemId.localeCompare(b.kbItemId));
    }

    // Categories: the month's hits and satisfaction against the month before.
    let categories: CategoryChangeDto[] = [];
    if (present.includes(previous)) {
      const byCategory: { month: string; category: string | null; hits: Num; rated: Num; satisfied: Num }[] = await this.ds.query(
        `SELECT r.month, k.category, SUM(r.hits) AS hits, SUM(r.rated) AS rated, SUM(r.satisfied) AS satisfied
           FROM rollup_item r LEFT JOIN kb_item k ON k.id = r.kb_item_id
          WHERE r.month IN (?, ?) GROUP BY r.month, k.category`,
        [month, previous],
      );
      const acc = new Map<string, { now: [number, number, number]; before: [number, number, number] }>();
      for (const r of byCategory) {
        const key = r.category ?? '';
        const e = acc.get(key) ?? { now: [0, 0, 0], before: [0, 0, 0] };
        const slot = r.month === month ? e.now : e.before;
        slot[0] += Number(r.hits);
        slot[1] += Number(r.rated);
        slot[2] += Number(r.satisfied);
        acc.set(key, e);
      }
      categories = [...acc.entries()]
        .map(([category, e]) => ({
          category,
          hits: e.now[0],
          previousHits: e.before[0],
          change: e.now[0] - e.before[0],
          satisfactionRate: ratio(e.now[2], e.now[1]),
          previousSatisfactionRate: ratio(e.before[2], e.before[1]),
        }))
        .sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || a.category.localeCompare(b.category));
    }

    const cycles = this.ds.getRepository(TuningCycleEntity);
    const own = await cycles.findOneBy({ month });
    const target = own && !own.closedAt ? own : await cycles.findOneBy({ kind: 'irregular' });
    return { month, months, items, idleMonths, idle, categories, proposalCycleId: target?.id ?? null };
  }
}
