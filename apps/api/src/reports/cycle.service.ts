import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { Role, type ClusterSuggestionDto, type MissClusterDto, type MissClusterSummaryDto, type TuningCycleDto } from '@tunedesk/contracts';
import { buildMonth, compactText, DEFAULT_MATCHING_PARAMS, formatRoc, parseFlexibleDate, spreadsheetSafe } from '@tunedesk/domain';
import { IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { Clock, taipeiDay } from '../common/clock';
import { DomainError } from '../common/domain-error';
import type { DownloadFile } from '../common/send-file';
import { type TableFormat, tableFile } from '../common/tabular/write-table';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import { UnitsRepository } from '../org/units.repository';
import { UsersRepository } from '../org/users.repository';
import { OfficeCalendarProvider } from '../calendar/office-calendar.provider';
import { MissClusterEntity, ReportMessageEntity, TuningCycleEntity } from './report.entities';
import { ReportsRepository } from './reports.repository';
import { NotificationsService } from '../notifications/notifications.service';
import { ProposalEntity } from '../proposals/proposal.entities';
import { OPEN_WORK } from '../tuning/tuning.entities';
import { ReviewService } from './review.service';
import { factsOf } from './cluster-facts';
import { MonthMatchingRepository } from './month-matching.repository';
import { irregularCycle } from './irregular-cycle';

export function cycleLabel(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${y - 1911}年${m}月定期調校`;
}

function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** Long loops give the event loop a turn, so the job's lock is renewed and requests are answered. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A cluster's wordings with counts, the most typed first (ties: the first seen). */
function wordingsOf(members: ReportMessageEntity[]): { text: string; count: number; key: string }[] {
  const counts = new Map<string, { count: number; first: number; key: string }>();
  for (const m of members) {
    const text = m.question.trim();
    const w = counts.get(text) ?? { count: 0, first: m.id, key: compactText(m.normalized) || text };
    w.count += m.occurrences;
    counts.set(text, w);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1].count - a[1].count || a[1].first - b[1].first)
    .map(([text, w]) => ({ text, count: w.count, key: w.key }));
}

const cycleNotFound = (id: number) =>
  new DomainError('CYCLE_NOT_FOUND', { 'zh-TW': `找不到調校週期 #${id}`, en: `No cycle #${id}` }, HttpStatus.NOT_FOUND);

/** Builds a month's cycle: misses grouped into clusters, suggestions, routing, links to last month. */
@Injectable()
export class CycleService {
  private readonly logger = new Logger(CycleService.name);

  constructor(
    private readonly repo: ReportsRepository,
    private readonly units: UnitsRepository,
    private readonly users: UsersRepository,
    private readonly calendar: OfficeCalendarProvider,
    private readonly audit: AuditService,
    private readonly matching: MonthMatchingRepository,
    private readonly notifications: NotificationsService,
    private readonly reviews: ReviewService,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The month's misses: from the conversation log when there is one, else from the summary. */
  private async monthMisses(
    month: string,
    pending?: { id: number; kind: string },
  ): Promise<{ importId: number | null; misses: ReportMessageEntity[] }> {
    const log = pending?.kind === 'log' ? pending : await this.repo.findCompletedForMonth(month, 'log');
    const chosen = log ?? pending ?? (await this.repo.findCompletedForMonth(month, 'summary'));
    if (!chosen) return { importId: null, misses: [] };
    return { importId: chosen.id, misses: await this.repo.missesOf([chosen.id]) };
  }

  /** `pending`: the import being completed, whose rows count although its status is not "completed" yet. */
  async rebuild(
    month: string,
    progress: (p: { stage: string; percent: number }) => Promise<void> = async () => undefined,
    pending?: { id: number; kind: string },
  ): Promise<TuningCycleDto> {
    const now = this.clock.now();
    const { importId, misses } = await this.monthMisses(month, pending);
    const logPending = pending?.kind === 'log' && pending.id === importId ? { id: pending.id, month } : undefined;
    const matcher = await this.matching.matcher(month, {}, logPending);
    const { input, byKey } = await this.matching.monthInput(month, misses);
    await progress({ stage: 'clustering', percent: 30 });
    // The pipeline (libs/domain): intent clusters, each wording's and each cluster's suggestions, routing.
    const clusters = await buildMonth(input, matcher, DEFAULT_MATCHING_PARAMS, yieldToEventLoop);
    await progress({ stage: 'routing', percent: 60 });
    const contacts = new Map<string, { id: number; account: string }[]>();
    for (const u of await this.users.withRole(Role.KnowledgeContact)) {
      const list = contacts.get(u.unitCode) ?? [];
      list.push({ id: u.id, account: u.account });
      contacts.set(
        u.unitCode,
        list.sort((a, b) => a.account.localeCompare(b.account)),
      );
    }
    const load = new Map<number, number>();
    const prevCycle = await this.repo.cycles.findOneBy({ month: previousMonth(month) });
    const prevByWording = new Map<string, MissClusterEntity>();
    if (prevCycle) {
      for (const c of await this.repo.clusters.findBy({ cycleId: prevCycle.id })) {
        for (const w of JSON.parse(c.wordings) as { key?: string; text: string }[]) prevByWording.set(w.key ?? w.text, c);
      }
    }
    const question = (id: string) => matcher.item(id)?.question ?? id;

    const built: Omit<MissClusterEntity, 'id' | 'cycleId' | 'clusterNo'>[] = [];
    let done = 0;
    for (const cluster of clusters) {
      if (++done % 100 === 0) {
        await yieldToEventLoop();
        await progress({ stage: 'routing', percent: 60 + Math.round((done / clusters.length) * 20) });
      }
      const members = cluster.keys.flatMap((k) => byKey.get(k) ?? []);
      const hitsOf = new Map(cluster.keys.map((k, i) => [k, cluster.wordingHits[i]]));
      const top = cluster.suggestions[0]?.id;
      // A wording's own nearest items travel with it when they disagree with the cluster's (format 9).
      const wordings = wordingsOf(members).map((w) => {
        const own = hitsOf.get(w.key) ?? [];
        return own.length && own[0].id !== top ? { ...w, suggested: own.map((h) => h.id) } : w;
      });
      const representative = wordings[0].text;
      const size = members.reduce((s, m) => s + m.occurrences, 0);
      const suggestions: ClusterSuggestionDto[] = cluster.suggestions.map((h) => ({
        kbItemId: h.id,
        question: question(h.id),
        score: Math.round(h.score * 1000) / 1000,
      }));
      const route = cluster.route;
      const candidates = route.unitCode ? (contacts.get(route.unitCode) ?? []) : [];
      // Least loaded contact of the unit first; ties by account, so the result does not depend on timing.
      const assignee = [...candidates].sort(
        (a, b) => (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0) || a.account.localeCompare(b.account),
      )[0];
      if (assignee) load.set(assignee.id, (load.get(assignee.id) ?? 0) + 1);
      const previous = wordings.map((w) => prevByWording.get(w.key)).find(Boolean) ?? null;
      built.push({
        representative,
        representativeKey: wordings[0].key.slice(0, 500),
        size,
        wordings: JSON.stringify(wordings),
        ...factsOf(members),
        suggestions: JSON.stringify(suggestions),
        previousClusterId: previous?.id ?? null,
        recurringMonths: previous ? previous.recurringMonths + 1 : 1,
        confidence: cluster.confidence,
        basis: cluster.basis,
        routedUnitCode: route.unitCode,
        routedReason: route.reason,
        assigneeId: assignee?.id ?? null,
        ...OPEN_WORK,
      });
    }
    await progress({ stage: 'routing', percent: 80 });
    built.sort((a, b) => b.size - a.size || a.representative.localeCompare(b.representative));
    const cycle = await this.tx.run(async (m) => {
      const cycles = m.getRepository(TuningCycleEntity);
      let c = await cycles.findOneBy({ month });
      const dueDate = await this.calendar.addWorkdays(taipeiDay(now), this.config.cycleDueWorkdays);
      if (!c)
        c = await cycles.save(
          cycles.create({
            kind: 'regular',
            month,
            label: cycleLabel(month),
            dueDate,
            importId,
            announcedAt: null,
            announcedBy: null,
            createdAt: now,
            updatedAt: now,
          }),
        );
      else await cycles.update({ id: c.id }, { importId, dueDate: c.importId === importId ? c.dueDate : dueDate, updatedAt: now });
      // Work done on last build's clusters (claims, closures, reassignments, proposals) follows the same question.
      const worked = new Map(
        (await m.getRepository(MissClusterEntity).findBy({ cycleId: c.id }))
          .filter((k) => k.queueStatus !== 'open' || k.reassignedFrom)
          .map((k) => [k.representativeKey, k]),
      );
      await m.getRepository(MissClusterEntity).delete({ cycleId: c.id });
      const rows = built.map((b, i) => {
        const old = worked.get(b.representativeKey);
        if (!old) return { ...b, cycleId: c.id, clusterNo: i + 1 };
        return {
          ...b,
          cycleId: c.id,
          clusterNo: i + 1,
          ...(old.reassignedFrom ? { routedUnitCode: old.routedUnitCode, routedReason: old.routedReason, assigneeId: null } : {}),
          queueStatus: old.queueStatus,
          claimedBy: old.claimedBy,
          claimedAt: old.claimedAt,
          closeReason: old.closeReason,
          closeNote: old.closeNote,
          reassignedFrom: old.reassignedFrom,
          reassignReason: old.reassignReason,
          answeredAt: old.answeredAt,
        };
      });
      for (let i = 0; i < rows.length; i += 200) await m.getRepository(MissClusterEntity).insert(rows.slice(i, i + 200));
      if (worked.size) {
        const now = await m.getRepository(MissClusterEntity).findBy({ cycleId: c.id });
        for (const k of now) {
          const old = worked.get(k.representativeKey);
          if (old) await m.getRepository(ProposalEntity).update({ sourceKind: 'cluster', sourceId: old.id }, { sourceId: k.id });
        }
      }
      return c;
    });
    await progress({ stage: 'review', percent: 90 });
    const reviewItems = await this.reviews.refresh(cycle.id, month);
    await progress({ stage: 'done', percent: 100 });
    this.logger.log({ month, clusters: built.length, misses: misses.length, reviewItems }, 'Cycle rebuilt');
    return this.get(cycle.id);
  }

  /** 不定期調校: the always-open cycle a contact's proposal outside any report belongs to. */
  async irregular(): Promise<TuningCycleEntity> {
    return irregularCycle(this.repo.cycles, this.clock.now());
  }

  async list(): Promise<TuningCycleDto[]> {
    await this.irregular();
    const cycles = await this.repo.cycles.find({ order: { month: 'DESC' } });
    return Promise.all(cycles.map((c) => this.get(c.id)));
  }

  async get(id: number): Promise<TuningCycleDto> {
    const c = await this.repo.cycles.findOneBy({ id });
    if (!c) throw cycleNotFound(id);
    const clusters = await this.repo.clusters.findBy({ cycleId: id });
    const names = new Map((await this.units.findAll()).map((u) => [u.code, u.name]));
    const byUnit = new Map<string, { clusters: number; misses: number }>();
    for (const k of clusters) {
      if (!k.routedUnitCode) continue;
      const u = byUnit.get(k.routedUnitCode) ?? { clusters: 0, misses: 0 };
      u.clusters++;
      u.misses += k.size;
      byUnit.set(k.routedUnitCode, u);
    }
    return {
      id: c.id,
      kind: c.kind,
      month: c.month,
      label: c.label,
      dueDate: c.dueDate,
      announcedAt: c.announcedAt?.toISOString() ?? null,
      announcedBy: c.announcedBy,
      importId: c.importId,
      clusterCount: clusters.length,
      missCount: clusters.reduce((s, k) => s + k.size, 0),
      byUnit: [...byUnit.entries()]
        .map(([unitCode, v]) => ({ unitCode, unitName: names.get(unitCode) ?? unitCode, ...v }))
        .sort((a, b) => b.misses - a.misses),
      triageClusters: clusters.filter((k) => !k.routedUnitCode).length,
      recurringClusters: clusters.filter((k) => k.recurringMonths > 1).length,
      createdAt: c.createdAt.toISOString(),
    };
  }

  /** 公告: once; every active knowledge contact (and the group leader) is notified in the same transaction. */
  async announce(actor: Actor, id: number): Promise<TuningCycleDto> {
    const c = await this.repo.cycles.findOneBy({ id });
    if (!c) throw cycleNotFound(id);
    if (!c.announcedAt) {
      const recipients = [...(await this.users.withRole(Role.KnowledgeContact)), ...(await this.users.withRole(Role.GroupLeader))];
      const due = c.dueDate ? formatRoc(parseFlexibleDate(c.dueDate)!) : null;
      await this.tx.run(async (m) => {
        // Conditional: two announcements at once notify once.
        const result = await m
          .getRepository(TuningCycleEntity)
          .update(
            { id, announcedAt: IsNull() },
            { announcedAt: this.clock.now(), announcedBy: actor.account, updatedAt: this.clock.now() },
          );
        if (!result.affected) return;
        const sent = await this.notifications.notify(
          recipients.map((u) => u.id),
          {
            kind: 'cycle.announced',
            title: {
              'zh-TW': `${c.label}已公告${due ? `，請於 ${due} 前完成` : ''}`,
              en: `${c.month ? `Tuning for ${c.month}` : 'Irregular tuning'} announced${c.dueDate ? `; due ${c.dueDate}` : ''}`,
            },
            link: `/cycles/${id}`,
          },
          m,
        );
        await this.audit.record(
          {
            action: 'cycle.announce',
            actor,
            unitCode: null,
            targetType: 'cycle',
            targetId: id,
            detail: { label: c.label, notified: sent },
          },
          m,
        );
      });
    }
    return this.get(id);
  }

  private async summaries(rows: MissClusterEntity[]): Promise<MissClusterSummaryDto[]> {
    const names = new Map((await this.units.findAll()).map((u) => [u.code, u.name]));
    const people = new Map(
      (await this.users.findByIds([...new Set(rows.map((r) => r.assigneeId).filter((x): x is number => !!x))])).map((u) => [u.id, u]),
    );
    return rows.map((r) => ({
      id: r.id,
      cycleId: r.cycleId,
      clusterNo: r.clusterNo,
      representative: r.representative,
      size: r.size,
      wordingCount: (JSON.parse(r.wordings) as unknown[]).length,
      channels: JSON.parse(r.channels) as string[],
      firstSeen: r.firstSeen?.toISOString() ?? '',
      lastSeen: r.lastSeen?.toISOString() ?? '',
      recurringMonths: r.recurringMonths,
      previousClusterId: r.previousClusterId,
      routedUnitCode: r.routedUnitCode,
      routedUnitName: r.routedUnitCode ? (names.get(r.routedUnitCode) ?? r.routedUnitCode) : null,
      routedReason: r.routedReason,
      assigneeAccount: r.assigneeId ? (people.get(r.assigneeId)?.account ?? null) : null,
      assigneeName: r.assigneeId ? (people.get(r.assigneeId)?.displayName ?? null) : null,
      suggestions: JSON.parse(r.suggestions) as ClusterSuggestionDto[],
      confidence: r.confidence ?? null,
      basis: r.basis ?? null,
    }));
  }

  async clusters(
    cycleId: number,
    filter: { unit?: string; minSize?: number; recurring?: boolean; channel?: string; triage?: boolean },
  ): Promise<MissClusterSummaryDto[]> {
    if (!(await this.repo.cycles.findOneBy({ id: cycleId }))) throw cycleNotFound(cycleId);
    const rows = (await this.repo.clusters.find({ where: { cycleId }, order: { clusterNo: 'ASC' } })).filter(
      (r) =>
        (!filter.unit || r.routedUnitCode === filter.unit) &&
        (!filter.triage || r.routedUnitCode === null) &&
        (!filter.minSize || r.size >= filter.minSize) &&
        (!filter.recurring || r.recurringMonths > 1) &&
        (!filter.channel || (JSON.parse(r.channels) as string[]).includes(filter.channel)),
    );
    return this.summaries(rows);
  }

  async cluster(id: number): Promise<MissClusterDto> {
    const r = await this.repo.clusters.findOneBy({ id });
    if (!r) throw new DomainError('CLUSTER_NOT_FOUND', { 'zh-TW': `找不到群組 #${id}`, en: `No cluster #${id}` }, HttpStatus.NOT_FOUND);
    const [summary] = await this.summaries([r]);
    return {
      ...summary,
      wordings: (JSON.parse(r.wordings) as { text: string; count: number; suggested?: string[] }[]).map(({ text, count, suggested }) =>
        suggested ? { text, count, suggested } : { text, count },
      ),
      byResponseType: JSON.parse(r.byResponseType),
      examples: JSON.parse(r.examples),
    };
  }

  /** Format 9: one row per wording, clusters largest first, every cell spreadsheet-safe. */
  async exportClusters(actor: Actor, cycleId: number, format: TableFormat): Promise<DownloadFile> {
    const c = await this.repo.cycles.findOneBy({ id: cycleId });
    if (!c) throw cycleNotFound(cycleId);
    const rows: string[][] = [];
    for (const k of await this.repo.clusters.find({ where: { cycleId }, order: { clusterNo: 'ASC' } })) {
      const suggested = (JSON.parse(k.suggestions) as ClusterSuggestionDto[]).map((s) => s.kbItemId);
      // A wording whose own nearest items disagree with its cluster's carries its own (format 9).
      for (const w of JSON.parse(k.wordings) as { text: string; count: number; suggested?: string[] }[])
        rows.push(
          [
            String(k.clusterNo),
            k.representative,
            w.text,
            String(w.count),
            (w.suggested ?? suggested).slice(0, 3).join('、'),
            k.routedUnitCode ?? '',
            String(k.recurringMonths),
          ].map(spreadsheetSafe),
        );
    }
    const header = ['群組編號', '代表問句', '使用者問句', '次數', '建議題目編號', '分派單位', '連續月數'];
    await this.audit.record({
      action: 'misses.export',
      actor,
      unitCode: null,
      targetType: 'cycle',
      targetId: cycleId,
      detail: { format, rows: rows.length },
    });
    const base = `misses-${c.month ?? 'irregular'}`;
    return tableFile(format, base, [{ name: '未能回答問題分群', headers: header, rows }]);
  }

  async findByMonth(month: string): Promise<TuningCycleEntity | null> {
    return this.repo.cycles.findOneBy({ month });
  }
}
