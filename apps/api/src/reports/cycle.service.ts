import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import {
  Role,
  type ClusterSuggestionDto,
  type MissClusterDto,
  type MissClusterSummaryDto,
  type ResponseType,
  type TuningCycleDto,
} from '@tunedesk/contracts';
import {
  compactText,
  DEFAULT_MINHASH,
  formatRoc,
  parseFlexibleDate,
  groupNearDuplicates,
  NgramIndex,
  spreadsheetSafe,
} from '@tunedesk/domain';
import { stringify } from 'csv-stringify/sync';
import { IsNull } from 'typeorm';
import ExcelJS from 'exceljs';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { Clock, taipeiDay } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import { KnowledgeService } from '../knowledge/knowledge.service';
import { UnitsRepository } from '../org/units.repository';
import { UsersRepository } from '../org/users.repository';
import { OfficeCalendarProvider } from '../calendar/office-calendar.provider';
import { MissClusterEntity, ReportMessageEntity, TuningCycleEntity } from './report.entities';
import { ReportsRepository } from './reports.repository';
import { NotificationsService } from '../notifications/notifications.service';
import { ProposalEntity } from '../proposals/proposal.entities';
import { RoutingConfigService } from '../tuning/routing-config.service';
import { OPEN_WORK } from '../tuning/tuning.entities';
import { ReviewService } from './review.service';
import { routeByText, routeCluster, type RoutingConfig } from './routing';

export function cycleLabel(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${y - 1911}年${m}月定期調校`;
}

function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** Wordings whose n-gram cosine is at least this are paraphrases of one question. */
const PARAPHRASE_SCORE = 0.5;
const PARAPHRASE_PASS_MAX = 5_000;

/** Long loops give the event loop a turn, so the job's lock is renewed and requests are answered. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
/** A group's top suggestion at least this strong, and this far ahead of the second, names its intent. */
const INTENT_MERGE_SCORE = 0.45;
const INTENT_MERGE_MARGIN = 0.05;
/** Wordings of questions no item answers join at this n-gram score (when they route to the same unit). */
const NEW_TOPIC_SCORE = 0.25;

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

/** Below this a nearest item is not worth showing. */
const MIN_SUGGESTION = 0.08;
/** Weight of the bot's own match among the text-search votes. */
const BOT_VOTE = 0.5;

const cycleNotFound = (id: number) =>
  new DomainError('CYCLE_NOT_FOUND', { 'zh-TW': `找不到調校週期 #${id}`, en: `No cycle #${id}` }, HttpStatus.NOT_FOUND);

/** Builds a month's cycle: misses grouped into clusters, suggestions, routing, links to last month. */
@Injectable()
export class CycleService {
  private readonly logger = new Logger(CycleService.name);

  constructor(
    private readonly repo: ReportsRepository,
    private readonly knowledge: KnowledgeService,
    private readonly units: UnitsRepository,
    private readonly users: UsersRepository,
    private readonly calendar: OfficeCalendarProvider,
    private readonly audit: AuditService,
    private readonly routingConfig: RoutingConfigService,
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
    // One entry per exact normalised wording, with its messages.
    const byKey = new Map<string, ReportMessageEntity[]>();
    for (const m of misses) {
      const key = compactText(m.normalized) || m.question.trim();
      let list = byKey.get(key);
      if (!list) byKey.set(key, (list = []));
      list.push(m);
    }
    const keys = [...byKey.keys()].sort();
    // Near-duplicates by shingles, joined with paraphrases whose n-gram vectors are close.
    const wordingIndex =
      keys.length <= PARAPHRASE_PASS_MAX
        ? new NgramIndex(keys.map((k, i) => ({ key: i, kind: 'q', text: k })))
        : new NgramIndex<number>([]);
    const paraphrases: [number, number][] = [];
    // The paraphrase pass compares every wording with every other through the index: worth it for a
    // month's few thousand distinct misses, not for a synthetic flood (MinHash alone then).
    if (keys.length <= PARAPHRASE_PASS_MAX) {
      for (let i = 0; i < keys.length; i++) {
        for (const hit of wordingIndex.search(keys[i], 5, { kinds: ['q'], exclude: i, minScore: PARAPHRASE_SCORE }))
          paraphrases.push([i, hit.key]);
        if (i % 200 === 199) await yieldToEventLoop();
      }
    }
    const groups = groupNearDuplicates(keys, DEFAULT_MINHASH, paraphrases);
    await progress({ stage: 'clustering', percent: 30 });
    const routing = await this.routingConfig.config();
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

    const built: Omit<MissClusterEntity, 'id' | 'cycleId' | 'clusterNo'>[] = [];
    const itemCache = new Map<string, { question: string; owner: string | null } | null>();
    let done = 0;
    const intents = await this.mergeByIntent(
      groups.map((g) => g.flatMap((i) => byKey.get(keys[i])!)),
      itemCache,
      routing,
    );
    await progress({ stage: 'routing', percent: 45 });
    for (const { members, hits: known } of intents) {
      if (++done % 100 === 0) {
        await yieldToEventLoop();
        await progress({ stage: 'routing', percent: 45 + Math.round((done / intents.length) * 40) });
      }
      const wordings = wordingsOf(members);
      const representative = wordings[0].text;
      const size = members.reduce((s, m) => s + m.occurrences, 0);
      const byType: Partial<Record<ResponseType, number>> = {};
      for (const m of members) byType[m.responseType] = (byType[m.responseType] ?? 0) + m.occurrences;
      const times = members.map((m) => m.askedAt?.getTime()).filter((t): t is number => t !== undefined);
      const hits = (known ?? (await this.suggest(wordings, members, itemCache))).slice(0, 3);
      const suggestions: ClusterSuggestionDto[] = hits
        .filter((h) => h.score >= MIN_SUGGESTION)
        .map((h) => ({ kbItemId: h.id, question: h.question, score: Math.round(h.score * 1000) / 1000 }));
      const matchedCounts = new Map<string, number>();
      for (const m of members)
        if (m.kbItemId && m.responseType !== 'unanswered')
          matchedCounts.set(m.kbItemId, (matchedCounts.get(m.kbItemId) ?? 0) + m.occurrences);
      const matched = [...matchedCounts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
      const matchedOwner = matched ? ((await this.itemInfo(matched, itemCache))?.owner ?? null) : null;
      const route = routeCluster(
        {
          matchedItemOwner: matchedOwner,
          suggestion: hits[0] ? { owner: hits[0].owner, score: hits[0].score } : null,
          text: representative,
        },
        routing,
      );
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
        channels: JSON.stringify([...new Set(members.map((m) => m.channel).filter(Boolean))].sort()).slice(0, 255),
        byResponseType: JSON.stringify(byType),
        examples: JSON.stringify(
          members
            .filter((m) => m.askedAt)
            .slice(0, 5)
            .map((m) => ({
              sessionId: m.sessionId,
              channel: m.channel,
              askedAt: m.askedAt!.toISOString(),
              question: m.question,
              responseType: m.responseType,
            })),
        ),
        suggestions: JSON.stringify(suggestions),
        // A loop, not Math.min(...times): a large cluster has more members than the stack has room for arguments.
        firstSeen: times.length ? new Date(times.reduce((a, b) => (b < a ? b : a))) : null,
        lastSeen: times.length ? new Date(times.reduce((a, b) => (b > a ? b : a))) : null,
        previousClusterId: previous?.id ?? null,
        recurringMonths: previous ? previous.recurringMonths + 1 : 1,
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

  /**
   * Near-duplicate groups that ask for the same item are one question in
   * different words: groups whose top suggestion is the same item, clearly
   * (a score of at least INTENT_MERGE_SCORE and clearly ahead of the second),
   * are merged. Groups with no clear item stay as they are (new topics).
   * Returns each merged group's members, with its hits when it was not merged.
   */
  private async mergeByIntent(
    groups: ReportMessageEntity[][],
    cache: Map<string, { question: string; owner: string | null } | null>,
    routing: RoutingConfig,
  ): Promise<{ members: ReportMessageEntity[]; hits?: Awaited<ReturnType<CycleService['suggest']>> }[]> {
    const out: { members: ReportMessageEntity[]; hits?: Awaited<ReturnType<CycleService['suggest']>>; clear?: boolean }[] = [];
    const byItem = new Map<string, number>();
    for (let i = 0; i < groups.length; i++) {
      if (i % 100 === 99) await yieldToEventLoop();
      const members = groups[i];
      const hits = await this.suggest(wordingsOf(members), members, cache);
      const [top, second] = hits;
      const clear = top && top.score >= INTENT_MERGE_SCORE && top.score - (second?.score ?? 0) >= INTENT_MERGE_MARGIN;
      const into = clear ? byItem.get(top.id) : undefined;
      if (into === undefined) {
        if (clear) byItem.set(top.id, out.length);
        out.push({ members: members.slice(), hits, clear: !!clear });
      } else {
        const target = out[into].members;
        for (const m of members) target.push(m);
        out[into].hits = undefined;
      }
    }
    // Questions no item answers (new topics) in different words: joined when their wordings are close enough
    // and the question's own words route them to the same unit.
    const open = out.map((o, i) => ({ o, i })).filter(({ o }) => !o.clear);
    if (open.length > 1 && open.length <= PARAPHRASE_PASS_MAX) {
      const index = new NgramIndex(
        open.flatMap(({ o }, k) =>
          wordingsOf(o.members)
            .slice(0, 5)
            .map((w) => ({ key: k, kind: 'q', text: w.text })),
        ),
      );
      const parent = open.map((_, k) => k);
      const find = (k: number): number => (parent[k] === k ? k : (parent[k] = find(parent[k])));
      const unitOf = open.map(({ o }) => routeByText(wordingsOf(o.members)[0].text, routing).unitCode);
      for (let k = 0; k < open.length; k++) {
        for (const w of wordingsOf(open[k].o.members).slice(0, 5))
          for (const hit of index.search(w.text, 5, { minScore: NEW_TOPIC_SCORE, exclude: k }))
            if (unitOf[k] === unitOf[hit.key]) {
              const [x, y] = [find(k), find(hit.key)];
              if (x !== y) parent[Math.max(x, y)] = Math.min(x, y);
            }
        if (k % 200 === 199) await yieldToEventLoop();
      }
      const drop = new Set<number>();
      for (let k = 0; k < open.length; k++) {
        const root = find(k);
        if (root === k) continue;
        const target = open[root].o;
        for (const m of open[k].o.members) target.members.push(m);
        target.hits = undefined;
        drop.add(open[k].i);
      }
      return out.filter((_, i) => !drop.has(i));
    }
    return out;
  }

  /**
   * Items for a cluster: every wording's nearest items weighted by how often it
   * was typed, plus the bot's own (low-confidence) match as one more vote.
   */
  private async itemInfo(id: string, cache: Map<string, { question: string; owner: string | null } | null>) {
    if (!cache.has(id)) {
      const item = await this.knowledge.get(id).catch(() => null);
      cache.set(id, item ? { question: item.question, owner: item.ownerUnitCode } : null);
    }
    return cache.get(id)!;
  }

  private async suggest(
    wordings: { text: string; count: number }[],
    members: ReportMessageEntity[],
    cache: Map<string, { question: string; owner: string | null } | null>,
  ): Promise<{ id: string; question: string; owner: string | null; score: number }[]> {
    const total = wordings.reduce((s, w) => s + w.count, 0) || 1;
    const scores = new Map<string, { question: string; owner: string | null; score: number }>();
    for (const w of wordings.slice(0, 10)) {
      // Disabled items count too: a miss about a withdrawn item (停用) is a reason to revise it.
      for (const h of await this.knowledge.search(w.text, 5)) {
        const e = scores.get(h.item.id) ?? { question: h.item.question, owner: h.item.ownerUnitCode, score: 0 };
        e.score += (w.count / total) * h.score;
        scores.set(h.item.id, e);
      }
    }
    for (const m of members) {
      if (!m.kbItemId) continue;
      let e = scores.get(m.kbItemId);
      if (!e) {
        const item = await this.itemInfo(m.kbItemId, cache);
        if (!item) continue;
        scores.set(m.kbItemId, (e = { ...item, score: 0 }));
      }
      // The bot's own nearest item, however unsure, is one more vote.
      e.score += (m.occurrences / total) * BOT_VOTE * Math.max(m.confidence ?? 0, 0.3);
    }
    const ranked = [...scores.entries()]
      .map(([id, e]) => ({ id, ...e, score: Math.min(1, e.score) }))
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
    // The bot saw something: the item it matched most often is always among the three shown.
    const botCounts = new Map<string, number>();
    for (const m of members)
      if (m.kbItemId && scores.has(m.kbItemId)) botCounts.set(m.kbItemId, (botCounts.get(m.kbItemId) ?? 0) + m.occurrences);
    const botTop = [...botCounts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
    const at = botTop ? ranked.findIndex((r) => r.id === botTop) : -1;
    if (at > 2) ranked.splice(2, 0, ...ranked.splice(at, 1));
    return ranked;
  }

  /** 不定期調校: the always-open cycle a contact's proposal outside any report belongs to. */
  async irregular(): Promise<TuningCycleEntity> {
    const existing = await this.repo.cycles.findOneBy({ kind: 'irregular' });
    if (existing) return existing;
    const now = this.clock.now();
    return this.repo.cycles.save(
      this.repo.cycles.create({
        kind: 'irregular',
        month: null,
        label: '不定期調校',
        dueDate: null,
        importId: null,
        announcedAt: null,
        announcedBy: null,
        createdAt: now,
        updatedAt: now,
      }),
    );
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
      wordings: (JSON.parse(r.wordings) as { text: string; count: number }[]).map(({ text, count }) => ({ text, count })),
      byResponseType: JSON.parse(r.byResponseType),
      examples: JSON.parse(r.examples),
    };
  }

  /** Format 9: one row per wording, clusters largest first, every cell spreadsheet-safe. */
  async exportClusters(
    actor: Actor,
    cycleId: number,
    format: 'csv' | 'xlsx',
  ): Promise<{ fileName: string; contentType: string; body: Buffer }> {
    const c = await this.repo.cycles.findOneBy({ id: cycleId });
    if (!c) throw cycleNotFound(cycleId);
    const rows: string[][] = [];
    for (const k of await this.repo.clusters.find({ where: { cycleId }, order: { clusterNo: 'ASC' } })) {
      const suggested = (JSON.parse(k.suggestions) as ClusterSuggestionDto[]).map((s) => s.kbItemId).join('、');
      for (const w of JSON.parse(k.wordings) as { text: string; count: number }[])
        rows.push(
          [
            String(k.clusterNo),
            k.representative,
            w.text,
            String(w.count),
            suggested,
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
    if (format === 'csv')
      return {
        fileName: `${base}.csv`,
        contentType: 'text/csv; charset=utf-8',
        body: Buffer.concat([Buffer.from('\uFEFF'), Buffer.from(stringify([header, ...rows], { record_delimiter: 'windows' }))]),
      };
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('未能回答問題分群');
    sheet.addRow(header).font = { bold: true };
    for (const row of rows) sheet.addRow(row);
    return {
      fileName: `${base}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body: Buffer.from(await workbook.xlsx.writeBuffer()),
    };
  }

  async findByMonth(month: string): Promise<TuningCycleEntity | null> {
    return this.repo.cycles.findOneBy({ month });
  }
}
