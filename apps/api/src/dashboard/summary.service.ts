import { Injectable } from '@nestjs/common';
import type { MonthlySummaryDto } from '@tunedesk/contracts';
import { DataSource } from 'typeorm';
import { asDate, Clock, taipeiDay } from '../common/clock';
import { UnitsRepository } from '../org/units.repository';
import { ProposalEntity, ProposalListEntity } from '../proposals/proposal.entities';
import { TuningCycleEntity } from '../reports/report.entities';
import { DashboardService } from './dashboard.service';
import { EffectService } from './effect.service';
import { InsightsService } from './insights.service';
import { assertMonth } from './months';

type Num = number | string;
const iso = (v: Date | string | null) => asDate(v)?.toISOString() ?? null;

/** The service section's one page for a month: KPIs, the month's changes by unit, open items, misses, effect. */
@Injectable()
export class SummaryService {
  constructor(
    private readonly ds: DataSource,
    private readonly quality: DashboardService,
    private readonly insights: InsightsService,
    private readonly effect: EffectService,
    private readonly units: UnitsRepository,
    private readonly clock: Clock,
  ) {}

  async summary(month: string): Promise<MonthlySummaryDto> {
    assertMonth(month, 'month');
    const q = await this.quality.quality({ from: month, to: month });
    const cycle = await this.ds.getRepository(TuningCycleEntity).findOneBy({ month });
    const names = new Map((await this.units.findAll()).map((u) => [u.code, u.name]));
    if (!cycle)
      return {
        month,
        generatedAt: this.clock.now().toISOString(),
        quality: q.months[0] ?? null,
        cycle: null,
        changes: [],
        open: [],
        misses: null,
        effect: await this.effect.countsJudgedIn(month),
      };
    const proposals = await this.ds.getRepository(ProposalEntity).findBy({ cycleId: cycle.id });
    const lists = await this.ds.getRepository(ProposalListEntity).findBy({ cycleId: cycle.id });
    const codes = [...new Set([...proposals.map((p) => p.unitCode), ...lists.map((l) => l.unitCode)])].sort();
    const changes = codes.map((code) => {
      const mine = proposals.filter((p) => p.unitCode === code);
      const n = (f: (p: ProposalEntity) => boolean) => mine.filter(f).length;
      return {
        unitCode: code,
        unitName: names.get(code) ?? code,
        add: n((p) => p.kind === 'add'),
        modify: n((p) => p.kind === 'modify'),
        delete: n((p) => p.kind === 'delete'),
        approved: n((p) => p.status === 'approved'),
        applied: n((p) => p.status === 'applied'),
        deferred: n((p) => p.status === 'deferred'),
        listStatus: lists.find((l) => l.unitCode === code)?.status ?? null,
      };
    });
    const today = taipeiDay(this.clock.now());
    const late = !cycle.closedAt && !!cycle.dueDate && today > cycle.dueDate;
    const openRows: { unit: string; queue_status: string; n: Num }[] = await this.ds.query(
      `SELECT routed_unit_code AS unit, queue_status, COUNT(*) AS n FROM miss_cluster
        WHERE cycle_id = ? AND routed_unit_code IS NOT NULL AND queue_status IN ('open', 'claimed') GROUP BY routed_unit_code, queue_status
       UNION ALL
       SELECT unit_code AS unit, queue_status, COUNT(*) AS n FROM review_item
        WHERE cycle_id = ? AND status = 'open' AND queue_status IN ('open', 'claimed') GROUP BY unit_code, queue_status`,
      [cycle.id, cycle.id],
    );
    const open = [...new Set(openRows.map((r) => r.unit))].sort().map((code) => {
      const sum = (status: string) =>
        openRows.filter((r) => r.unit === code && r.queue_status === status).reduce((a, r) => a + Number(r.n), 0);
      const o = sum('open');
      const c = sum('claimed');
      return { unitCode: code, unitName: names.get(code) ?? code, open: o, claimed: c, overdue: late ? o + c : 0 };
    });
    return {
      month,
      generatedAt: this.clock.now().toISOString(),
      quality: q.months[0] ?? null,
      cycle: {
        id: cycle.id,
        label: cycle.label,
        dueDate: cycle.dueDate,
        announcedAt: iso(cycle.announcedAt),
        closedAt: iso(cycle.closedAt),
        changeSetSentAt: iso(cycle.changeSetSentAt),
      },
      changes,
      open,
      misses: await this.insights.misses(month),
      effect: await this.effect.countsJudgedIn(month),
    };
  }
}
