import { factsOf, type MessageFacts } from '../reports/cluster-facts';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  CLOSE_REASON_LABELS,
  Role,
  type BulkQueueRequest,
  type BulkQueueResultDto,
  type ClusterSuggestionDto,
  type CloseReason,
  type QueueItemDetailDto,
  type QueueItemDto,
  type QueueItemKind,
  type QueueItemStatus,
  type AnsweredBeforeDto,
  type QueueCycleDto,
  type QueueCyclesDto,
  type QueueQuery,
  type ReviewReason,
} from '@tunedesk/contracts';
import { normalizeText } from '@tunedesk/domain';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, canReadUnit, hasRole, seesAllUnits } from '../common/actor';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { Transactions } from '../database/transactions';
import { KnowledgeService } from '../knowledge/knowledge.service';
import { NotificationsService } from '../notifications/notifications.service';
import { UnitsRepository } from '../org/units.repository';
import { UsersRepository } from '../org/users.repository';
import { MissClusterEntity, ReportMessageEntity, TuningCycleEntity } from '../reports/report.entities';
import { OPEN_WORK } from '../tuning/tuning.entities';
import { ReviewItemEntity } from '../tuning/tuning.entities';
import { ProposalEntity } from './proposal.entities';
import { cycleVisibleTo, seesUnannounced } from '../reports/cycle-visibility';
import { irregularCycle } from '../reports/irregular-cycle';

type Row = MissClusterEntity | ReviewItemEntity;
type Wording = { text: string; count: number; key?: string; suggested?: string[] };
type Example = { sessionId: string | null; channel: string | null; askedAt: string; question: string; responseType: string };

const invalidSplit = (zh: string, en: string, reason: string) =>
  new DomainError('VALIDATION_FAILED', { 'zh-TW': zh, en }, HttpStatus.UNPROCESSABLE_ENTITY, [{ field: 'wordings', reason }]);

/**
 * When the messages are not there to count (no import behind the cycle): the
 * counts by response type in proportion to the part's size (largest remainder),
 * the examples that are the part's own wordings, channels and dates as they were.
 */
function proportionalFacts(c: MissClusterEntity, texts: Set<string>, size: number, otherSize: number): MessageFacts {
  const entries = Object.entries(JSON.parse(c.byResponseType) as Record<string, number>);
  const total = size + otherSize || 1;
  const exact = entries.map(([k, v]) => ({ k, v: (v * size) / total }));
  const floor = exact.map((e) => ({ k: e.k, n: Math.floor(e.v), r: e.v - Math.floor(e.v) }));
  let left = size - floor.reduce((s, e) => s + e.n, 0);
  for (const e of [...floor].sort((a, b) => b.r - a.r)) if (left-- > 0) e.n++;
  return {
    byResponseType: JSON.stringify(Object.fromEntries(floor.filter((e) => e.n > 0).map((e) => [e.k, e.n]))),
    examples: JSON.stringify((JSON.parse(c.examples) as Example[]).filter((e) => texts.has(e.question.trim()))),
    channels: c.channels,
    firstSeen: c.firstSeen,
    lastSeen: c.lastSeen,
  };
}

const notFound = (kind: QueueItemKind, id: number) =>
  new DomainError(
    'QUEUE_ITEM_NOT_FOUND',
    { 'zh-TW': `找不到待辦項目 ${kind === 'cluster' ? '群組' : '檢視項目'} #${id}`, en: `No ${kind} #${id} in the queue` },
    HttpStatus.NOT_FOUND,
  );

const conflict = (code: string, zh: string, en: string) => new DomainError(code, { 'zh-TW': zh, en }, HttpStatus.CONFLICT);

const cycleNotFound = (id: number) =>
  new DomainError('CYCLE_NOT_FOUND', { 'zh-TW': `找不到調校週期 #${id}`, en: `No tuning cycle #${id}` }, HttpStatus.NOT_FOUND);

const ANSWERED = ['approved', 'applied'] as const;

/** The wording keys of a cluster, as the import made them (normalised text). */
function wordingKeys(c: MissClusterEntity): { key: string; text: string }[] {
  return (JSON.parse(c.wordings) as Wording[]).map((w) => ({ key: w.key ?? normalizeText(w.text), text: w.text }));
}

/** Which queue a request reads: a unit code, null for triage, undefined for every unit. */
type Scope = string | null | undefined;

/** A unit code of the item: the cluster's routed unit (null = triage) or the review item's unit. */
function unitOf(kind: QueueItemKind, row: Row): string | null {
  return kind === 'cluster' ? (row as MissClusterEntity).routedUnitCode : (row as ReviewItemEntity).unitCode;
}

/**
 * The work queues: clusters and review items routed to a unit (or to the
 * group leader's triage queue), with claim / release / close / reassign.
 * A claim is a conditional update, so of two contacts claiming at once exactly
 * one wins and the other is told who has it.
 */
@Injectable()
export class QueueService {
  constructor(
    @InjectRepository(MissClusterEntity) private readonly clusters: Repository<MissClusterEntity>,
    @InjectRepository(ReviewItemEntity) private readonly reviews: Repository<ReviewItemEntity>,
    @InjectRepository(TuningCycleEntity) private readonly cycles: Repository<TuningCycleEntity>,
    @InjectRepository(ProposalEntity) private readonly proposals: Repository<ProposalEntity>,
    private readonly knowledge: KnowledgeService,
    private readonly units: UnitsRepository,
    private readonly users: UsersRepository,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  private repo(kind: QueueItemKind, m?: EntityManager): Repository<Row> {
    const entity = kind === 'cluster' ? MissClusterEntity : ReviewItemEntity;
    return (m ? m.getRepository(entity) : kind === 'cluster' ? this.clusters : this.reviews) as Repository<Row>;
  }

  private async row(kind: QueueItemKind, id: number, m?: EntityManager): Promise<Row> {
    const row = await this.repo(kind, m).findOneBy({ id });
    if (!row) throw notFound(kind, id);
    return row;
  }

  /** Who may work an item: the unit's knowledge contacts; the group leader everywhere (and alone in triage). */
  private mayWork(actor: Actor, unit: string | null): boolean {
    if (hasRole(actor, Role.GroupLeader)) return true;
    return unit !== null && hasRole(actor, Role.KnowledgeContact) && actor.unitCode === unit;
  }

  private async checked(actor: Actor, kind: QueueItemKind, id: number, m?: EntityManager): Promise<Row> {
    const row = await this.row(kind, id, m);
    const unit = unitOf(kind, row);
    // Another unit's item does not exist for a contact; triage exists for the all-unit roles.
    if (unit === null ? !seesAllUnits(actor) : !canReadUnit(actor, unit)) throw notFound(kind, id);
    if (!(await this.cycleVisible(actor, row.cycleId))) throw notFound(kind, id);
    if (!this.mayWork(actor, unit))
      throw await this.audit.denied(actor, {
        reason: 'may not work this queue',
        targetType: `queue-${kind}`,
        targetId: id,
        unitCode: unit,
      });
    return row;
  }

  private async cycleVisible(actor: Actor, cycleId: number): Promise<boolean> {
    if (seesUnannounced(actor)) return true;
    const cycle = await this.cycles.findOneBy({ id: cycleId });
    return !!cycle && cycleVisibleTo(actor, cycle);
  }

  /** The queue a request asks for, checked: triage for the all-unit roles, another unit's for them too. */
  private async scopeOf(actor: Actor, unitQuery: string | undefined): Promise<Scope> {
    const triage = unitQuery === 'triage';
    if (triage && !seesAllUnits(actor))
      throw await this.audit.denied(actor, { reason: 'triage queue', targetType: 'queue', targetId: 'triage' });
    if (unitQuery && !triage && !canReadUnit(actor, unitQuery))
      throw await this.audit.denied(actor, { reason: 'other unit', targetType: 'queue', targetId: unitQuery, unitCode: unitQuery });
    return triage ? null : (unitQuery ?? (seesAllUnits(actor) ? undefined : actor.unitCode));
  }

  /**
   * The cycles the queue's picker offers: newest month first, then 不定期調校;
   * a month not yet announced only to the service section and the group leader.
   * The default is the newest one with open work for the person (in the queue
   * asked for), else the newest one.
   */
  async cycleChoices(actor: Actor, unitQuery?: string): Promise<QueueCyclesDto> {
    const scope = await this.scopeOf(actor, unitQuery);
    await irregularCycle(this.cycles, this.clock.now());
    const all = (await this.cycles.find({ order: { month: 'DESC', id: 'DESC' } })).filter((c) => cycleVisibleTo(actor, c));
    const regular = all.filter((c) => c.kind === 'regular');
    const cycles: QueueCycleDto[] = [];
    for (const c of [...regular, ...all.filter((x) => x.kind !== 'regular')])
      cycles.push({
        id: c.id,
        kind: c.kind === 'irregular' ? 'irregular' : 'regular',
        month: c.month,
        label: c.label,
        dueDate: c.dueDate,
        announcedAt: c.announcedAt?.toISOString() ?? null,
        openCount: await this.openWork(actor, c, scope),
      });
    const withWork = cycles.find((c) => c.kind === 'regular' && c.openCount > 0);
    return { cycles, defaultCycleId: withWork?.id ?? regular[0]?.id ?? null };
  }

  /** Open items of the queue that are the person's to do: unclaimed or claimed by them, and not answered in an earlier month. */
  private async openWork(actor: Actor, cycle: TuningCycleEntity, scope: Scope): Promise<number> {
    const mine = (r: Row) => r.queueStatus === 'open' || (r.queueStatus === 'claimed' && r.claimedBy === actor.userId);
    const where = { cycleId: cycle.id, queueStatus: In(['open', 'claimed']) };
    const clusterRows = (
      await this.clusters.find({ where: { ...where, ...(scope === undefined ? {} : { routedUnitCode: scope ?? IsNull() }) } })
    ).filter(mine);
    const reviewRows =
      scope === null
        ? []
        : (await this.reviews.find({ where: { ...where, ...(scope ? { unitCode: scope } : {}) } })).filter(
            (r) => mine(r) && r.status !== 'done',
          );
    const answered = await this.answeredIndex(cycle);
    return clusterRows.filter((c) => !this.answeredFor(answered, c)).length + reviewRows.length;
  }

  /**
   * Wording key → the newest approved or applied proposal of an earlier month
   * whose cluster had that wording. The month of the cycle at hand and later
   * ones do not count: they are this month's work.
   */
  private async answeredIndex(cycle: TuningCycleEntity): Promise<Map<string, AnsweredBeforeDto & { sentBack: number | null }>> {
    const index = new Map<string, AnsweredBeforeDto & { sentBack: number | null }>();
    if (cycle.kind !== 'regular' || !cycle.month) return index;
    const earlier = (await this.cycles.find({ where: { kind: 'regular' } })).filter((c) => c.month && c.month < cycle.month!);
    if (!earlier.length) return index;
    const byId = new Map(earlier.map((c) => [c.id, c]));
    const proposals = await this.proposals.find({
      where: { cycleId: In([...byId.keys()]), status: In([...ANSWERED]), sourceKind: 'cluster' },
    });
    const sourceIds = [...new Set(proposals.map((p) => p.sourceId).filter((id): id is number => id !== null))];
    const sources = new Map<number, MissClusterEntity>();
    for (let i = 0; i < sourceIds.length; i += 500)
      for (const c of await this.clusters.findBy({ id: In(sourceIds.slice(i, i + 500)) })) sources.set(c.id, c);
    // Newest month first, so the first proposal a key meets is the one to show.
    proposals.sort((a, b) => (byId.get(b.cycleId)!.month ?? '').localeCompare(byId.get(a.cycleId)!.month ?? '') || b.id - a.id);
    for (const p of proposals) {
      const source = p.sourceId === null ? undefined : sources.get(p.sourceId);
      if (!source) continue;
      const c = byId.get(p.cycleId)!;
      for (const { key, text } of wordingKeys(source))
        if (!index.has(key))
          index.set(key, {
            proposalId: p.id,
            proposalKind: p.kind as AnsweredBeforeDto['proposalKind'],
            status: p.status as AnsweredBeforeDto['status'],
            kbItemId: p.kbItemId ?? p.newItemId,
            cycleId: c.id,
            cycleLabel: c.label,
            month: c.month,
            unitCode: p.unitCode,
            wording: text,
            sentBack: p.sentBackKind === 'cluster' ? p.sentBackId : null,
          });
    }
    return index;
  }

  /** The earlier answer to one of the cluster's wordings; none when that answer was sent back to this very item (調校成效). */
  private answeredFor(index: Map<string, AnsweredBeforeDto & { sentBack: number | null }>, c: MissClusterEntity): AnsweredBeforeDto | null {
    if (!index.size) return null;
    for (const { key } of wordingKeys(c)) {
      const hit = index.get(key);
      if (hit && hit.sentBack !== c.id) {
        const { sentBack: _sentBack, ...dto } = hit;
        return dto;
      }
    }
    return null;
  }

  async list(actor: Actor, query: QueueQuery): Promise<QueueItemDto[]> {
    const scope = await this.scopeOf(actor, query.unit);
    const triage = scope === null;
    const unit = scope;
    let cycle: TuningCycleEntity | null;
    if (query.cycle) {
      cycle = await this.cycles.findOneBy({ id: query.cycle });
      // A month not announced yet does not exist for a contact (nor its items).
      if (!cycle || !cycleVisibleTo(actor, cycle)) throw cycleNotFound(query.cycle);
    } else {
      const { defaultCycleId } = await this.cycleChoices(actor, query.unit);
      cycle = defaultCycleId ? await this.cycles.findOneBy({ id: defaultCycleId }) : null;
    }
    if (!cycle) return [];
    const clusterRows =
      query.kind === 'review'
        ? []
        : await this.clusters.find({ where: { cycleId: cycle.id, ...(unit === undefined ? {} : { routedUnitCode: unit ?? IsNull() }) } });
    const reviewRows =
      query.kind === 'cluster' || triage
        ? []
        : await this.reviews.find({ where: { cycleId: cycle.id, ...(unit ? { unitCode: unit } : {}) } });
    let items = await this.toDtos(cycle, [
      ...clusterRows.map((r) => ({ kind: 'cluster' as const, row: r })),
      ...reviewRows.map((r) => ({ kind: 'review' as const, row: r })),
    ]);
    // 待處理 is new work: an item answered in an earlier month is listed under 全部, not here.
    if (query.status) items = items.filter((i) => i.status === query.status && !(i.status === 'open' && i.answeredBefore));
    if (query.recurring) items = items.filter((i) => i.recurringMonths > 1);
    if (query.category) items = items.filter((i) => i.category === query.category);
    if (query.q) {
      const q = normalizeText(query.q).replace(/ /g, '');
      const wordings = new Map(clusterRows.map((r) => [r.id, r.wordings]));
      items = items.filter(
        (i) =>
          normalizeText(i.title).replace(/ /g, '').includes(q) ||
          (i.kind === 'cluster' &&
            normalizeText(wordings.get(i.id) ?? '')
              .replace(/ /g, '')
              .includes(q)) ||
          i.kbItemId === query.q,
      );
    }
    // What was answered in an earlier month comes after the new work.
    const later = (i: QueueItemDto) => (i.status === 'open' && i.answeredBefore ? 1 : 0);
    return items.sort(
      (a, b) => later(a) - later(b) || b.impact - a.impact || (a.kind === b.kind ? a.id - b.id : a.kind === 'cluster' ? -1 : 1),
    );
  }

  async get(actor: Actor, kind: QueueItemKind, id: number): Promise<QueueItemDetailDto> {
    const row = await this.row(kind, id);
    const unit = unitOf(kind, row);
    if (unit === null ? !seesAllUnits(actor) : !canReadUnit(actor, unit)) throw notFound(kind, id);
    const cycle = (await this.cycles.findOneBy({ id: row.cycleId }))!;
    if (!cycleVisibleTo(actor, cycle)) throw notFound(kind, id);
    const [dto] = await this.toDtos(cycle, [{ kind, row }]);
    const ids = kind === 'cluster' ? dto.suggestions.map((s) => s.kbItemId) : [dto.kbItemId!];
    const items = [];
    for (const itemId of ids) {
      const item = await this.knowledge.get(itemId).catch(() => null);
      if (item)
        items.push({
          id: item.id,
          question: item.question,
          answer: item.answer,
          alternates: item.alternates,
          ownerUnitCode: item.ownerUnitCode,
          status: item.status,
        });
    }
    const c = kind === 'cluster' ? (row as MissClusterEntity) : null;
    return {
      ...dto,
      wordings: c
        ? (JSON.parse(c.wordings) as Wording[]).map(({ text, count, suggested }) =>
            suggested?.length ? { text, count, suggested } : { text, count },
          )
        : [],
      confidence: c?.confidence ?? null,
      basis: c?.basis ?? null,
      examples: c ? JSON.parse(c.examples) : [],
      items,
    };
  }

  async claim(actor: Actor, kind: QueueItemKind, id: number): Promise<QueueItemDto> {
    await this.checked(actor, kind, id);
    const now = this.clock.now();
    await this.tx.run(async (m) => {
      const result = await this.repo(kind, m).update(
        { id, claimedBy: IsNull(), queueStatus: 'open' } as never,
        { claimedBy: actor.userId, claimedAt: now, queueStatus: 'claimed' } as never,
      );
      if (!result.affected) {
        const current = await this.row(kind, id, m);
        if (current.claimedBy === actor.userId) return;
        if (current.claimedBy) {
          const holder = (await this.users.findByIds([current.claimedBy]))[0];
          throw conflict(
            'QUEUE_ITEM_CLAIMED',
            `${holder?.displayName ?? '另一位同仁'}（${holder?.account ?? '?'}）已認領此項目`,
            `${holder?.account ?? 'someone else'} has claimed this item`,
          );
        }
        throw conflict('QUEUE_ITEM_CLOSED', '此項目已結案', 'This item is closed');
      }
      await this.audit.record({ action: 'queue.claim', actor, unitCode: null, targetType: `queue-${kind}`, targetId: id }, m);
    });
    return this.one(kind, id);
  }

  async release(actor: Actor, kind: QueueItemKind, id: number): Promise<QueueItemDto> {
    const row = await this.checked(actor, kind, id);
    if (row.claimedBy !== actor.userId && !hasRole(actor, Role.GroupLeader))
      throw conflict(
        'QUEUE_ITEM_NOT_YOURS',
        '只有認領人或組長可以釋出此項目',
        'Only the claimant or the group leader can release this item',
      );
    await this.tx.run(async (m) => {
      // Only a claim is released: a proposed or closed item keeps who answered it.
      const result = await this.repo(kind, m).update(
        { id, queueStatus: 'claimed' } as never,
        { claimedBy: null, claimedAt: null, queueStatus: 'open' } as never,
      );
      if (!result.affected)
        throw conflict('QUEUE_ITEM_DONE', '已提案或已結案的項目不能釋出', 'A proposed or closed item cannot be released');
      await this.audit.record({ action: 'queue.release', actor, unitCode: null, targetType: `queue-${kind}`, targetId: id }, m);
    });
    return this.one(kind, id);
  }

  async close(actor: Actor, kind: QueueItemKind, id: number, reason: CloseReason, note: string | null = null): Promise<QueueItemDto> {
    const row = await this.checked(actor, kind, id);
    if (row.claimedBy && row.claimedBy !== actor.userId && !hasRole(actor, Role.GroupLeader))
      throw conflict('QUEUE_ITEM_CLAIMED', '此項目已由他人認領', 'Someone else has claimed this item');
    if (row.queueStatus === 'closed') throw conflict('QUEUE_ITEM_CLOSED', '此項目已結案', 'This item is closed');
    if (reason === 'other' && !note?.trim())
      throw new DomainError('VALIDATION_FAILED', { 'zh-TW': '原因為「其他」時請說明', en: 'Explain a reason of "other"' }, 422, [
        { field: 'note', reason: 'required for other' },
      ]);
    await this.tx.run(async (m) => {
      await this.repo(kind, m).update({ id }, {
        queueStatus: 'closed',
        closeReason: reason,
        closeNote: note?.trim() || null,
        claimedBy: row.claimedBy ?? actor.userId,
        claimedAt: row.claimedAt ?? this.clock.now(),
        answeredAt: this.clock.now(),
        ...(kind === 'review' ? { status: 'done', doneBy: actor.account, doneAt: this.clock.now() } : {}),
      } as never);
      await this.audit.record(
        {
          action: 'queue.close',
          actor,
          unitCode: unitOf(kind, row),
          targetType: `queue-${kind}`,
          targetId: id,
          detail: { reason: CLOSE_REASON_LABELS[reason], note: note?.trim() || null },
        },
        m,
      );
    });
    return this.one(kind, id);
  }

  async reassign(actor: Actor, kind: QueueItemKind, id: number, unitCode: string, reason: string): Promise<QueueItemDto> {
    const row = await this.checked(actor, kind, id);
    const target = await this.units.findByCode(unitCode.trim().toUpperCase());
    if (!target || !target.active)
      throw new DomainError('VALIDATION_FAILED', { 'zh-TW': `找不到單位「${unitCode}」`, en: `No unit "${unitCode}"` }, 422, [
        { field: 'unitCode', reason: 'unknown unit' },
      ]);
    if (!reason?.trim())
      throw new DomainError('VALIDATION_FAILED', { 'zh-TW': '請說明改派原因', en: 'Give a reason' }, 422, [
        { field: 'reason', reason: 'required' },
      ]);
    if (row.queueStatus === 'closed' || row.queueStatus === 'proposed')
      throw conflict('QUEUE_ITEM_CLOSED', '已結案或已提案的項目不能改派', 'A closed or proposed item cannot be reassigned');
    const from = unitOf(kind, row);
    const title = kind === 'cluster' ? (row as MissClusterEntity).representative : (row as ReviewItemEntity).kbItemId;
    await this.tx.run(async (m) => {
      await this.repo(kind, m).update({ id }, {
        ...(kind === 'cluster' ? { routedUnitCode: target.code, routedReason: 'reassigned', assigneeId: null } : { unitCode: target.code }),
        reassignedFrom: from ?? 'TRIAGE',
        reassignReason: reason.trim().slice(0, 500),
        claimedBy: null,
        claimedAt: null,
        queueStatus: 'open',
      } as never);
      // The group leader sees every reassignment; the receiving unit's contacts learn of it.
      const leaders = await this.users.withRole(Role.GroupLeader);
      const contacts = await this.users.withRole(Role.KnowledgeContact, target.code);
      await this.notifications.notify(
        [...leaders, ...contacts].map((u) => u.id).filter((uid) => uid !== actor.userId),
        {
          kind: 'queue.reassigned',
          title: {
            'zh-TW': `「${title.slice(0, 40)}」由 ${from ? '{from}' : '待分派'} 改派至 {unit}：${reason.trim().slice(0, 60)}`,
            en: `"${title.slice(0, 40)}" reassigned from ${from ? '{from}' : 'triage'} to {unit}`,
          },
          link: `/queue/${kind}/${id}`,
          units: { unit: target.code, from },
        },
        m,
      );
      await this.audit.record(
        {
          action: 'queue.reassign',
          actor,
          unitCode: target.code,
          targetType: `queue-${kind}`,
          targetId: id,
          changes: [{ field: 'unit', before: from, after: target.code }],
          detail: { reason: reason.trim() },
        },
        m,
      );
    });
    return this.one(kind, id);
  }

  /**
   * Two clusters that are one question: `id` is folded into `intoId` (same
   * cycle, both unit's or triage, neither closed nor proposed). Wordings and
   * counts add up; a proposal pointing at the merged one follows.
   */
  async merge(actor: Actor, id: number, intoId: number): Promise<QueueItemDto> {
    if (id === intoId)
      throw new DomainError('VALIDATION_FAILED', { 'zh-TW': '不能與自己合併', en: 'A cluster cannot be merged into itself' }, 422, [
        { field: 'intoId', reason: 'same cluster' },
      ]);
    const from = (await this.checked(actor, 'cluster', id)) as MissClusterEntity;
    const into = (await this.checked(actor, 'cluster', intoId)) as MissClusterEntity;
    if (from.cycleId !== into.cycleId)
      throw new DomainError(
        'VALIDATION_FAILED',
        { 'zh-TW': '只能合併同一週期的群組', en: 'Only clusters of one cycle can be merged' },
        422,
        [{ field: 'intoId', reason: 'other cycle' }],
      );
    for (const c of [from, into]) {
      if (c.queueStatus === 'closed' || c.queueStatus === 'proposed')
        throw conflict('QUEUE_ITEM_CLOSED', `群組 #${c.id} 已提案或已結案，不能合併`, `Cluster #${c.id} is proposed or closed`);
      if (c.claimedBy && c.claimedBy !== actor.userId && !hasRole(actor, Role.GroupLeader))
        throw conflict('QUEUE_ITEM_CLAIMED', `群組 #${c.id} 已由他人認領`, `Someone else has claimed cluster #${c.id}`);
    }
    const wordings = new Map<string, { text: string; count: number; key?: string }>();
    for (const c of [into, from])
      for (const w of JSON.parse(c.wordings) as { text: string; count: number; key?: string }[]) {
        const e = wordings.get(w.text);
        if (e) e.count += w.count;
        else wordings.set(w.text, { ...w });
      }
    const byType: Record<string, number> = JSON.parse(into.byResponseType);
    for (const [k, v] of Object.entries(JSON.parse(from.byResponseType) as Record<string, number>)) byType[k] = (byType[k] ?? 0) + v;
    const merged = [...wordings.values()].sort((a, b) => b.count - a.count);
    const earliest = [into.firstSeen, from.firstSeen].filter((d): d is Date => !!d).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
    const latest = [into.lastSeen, from.lastSeen].filter((d): d is Date => !!d).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
    await this.tx.run(async (m) => {
      await m.getRepository(MissClusterEntity).update(
        { id: intoId },
        {
          wordings: JSON.stringify(merged),
          representative: merged[0].text,
          size: into.size + from.size,
          byResponseType: JSON.stringify(byType),
          channels: JSON.stringify(
            [...new Set([...(JSON.parse(into.channels) as string[]), ...(JSON.parse(from.channels) as string[])])].sort(),
          ),
          examples: JSON.stringify([...(JSON.parse(into.examples) as unknown[]), ...(JSON.parse(from.examples) as unknown[])].slice(0, 5)),
          firstSeen: earliest,
          lastSeen: latest,
          recurringMonths: Math.max(into.recurringMonths, from.recurringMonths),
        },
      );
      await m.getRepository(MissClusterEntity).delete({ id });
      await m.getRepository(ProposalEntity).update({ sourceKind: 'cluster', sourceId: id }, { sourceId: intoId });
      await this.audit.record(
        {
          action: 'queue.merge',
          actor,
          unitCode: into.routedUnitCode,
          targetType: 'queue-cluster',
          targetId: intoId,
          detail: { merged: id, wordings: merged.length },
        },
        m,
      );
    });
    return this.one('cluster', intoId);
  }

  /**
   * One cluster that is two questions: the given wordings move out into a new
   * cluster of the same cycle and queue (same unit, same assignee, open, the
   * next number of the cycle, a topic of its own). Both clusters' response
   * types, examples, channels and dates are counted again from the messages of
   * the cycle's import; a cycle without one splits them in proportion.
   */
  async split(actor: Actor, id: number, texts: string[]): Promise<QueueItemDto> {
    const source = (await this.checked(actor, 'cluster', id)) as MissClusterEntity;
    if (source.queueStatus === 'closed' || source.queueStatus === 'proposed')
      throw conflict(
        'QUEUE_ITEM_CLOSED',
        `群組 #${id} 已提案或已結案，不能拆分`,
        `Cluster #${id} is proposed or closed and cannot be split`,
      );
    if (source.claimedBy && source.claimedBy !== actor.userId && !hasRole(actor, Role.GroupLeader))
      throw conflict('QUEUE_ITEM_CLAIMED', `群組 #${id} 已由他人認領`, `Someone else has claimed cluster #${id}`);
    const wordings = JSON.parse(source.wordings) as Wording[];
    const moving = new Set(texts.map((t) => t.trim()).filter(Boolean));
    if (moving.size === 0) throw invalidSplit('請勾選要拆出的問法', 'Choose the wordings to move out', 'none chosen');
    const known = new Set(wordings.map((w) => w.text));
    const unknown = [...moving].filter((t) => !known.has(t));
    if (unknown.length)
      throw invalidSplit(
        `問法「${unknown[0].slice(0, 40)}」不在群組 #${id} 中`,
        `"${unknown[0].slice(0, 40)}" is not a wording of cluster #${id}`,
        'not in the cluster',
      );
    if (moving.size === known.size)
      throw invalidSplit('不能拆出全部問法，請至少留下一個', 'Leave at least one wording in the cluster', 'every wording');
    const byCount = (a: Wording, b: Wording) => b.count - a.count;
    const moved = wordings.filter((w) => moving.has(w.text)).sort(byCount);
    const kept = wordings.filter((w) => !moving.has(w.text)).sort(byCount);
    const movedSize = moved.reduce((n, w) => n + w.count, 0);
    const keyOf = (w: Wording) => (w.key ?? normalizeText(w.text)).slice(0, 500);
    const cycle = (await this.cycles.findOneBy({ id: source.cycleId }))!;

    const newId = await this.tx.run(async (m) => {
      const clusters = m.getRepository(MissClusterEntity);
      if (await m.getRepository(ProposalEntity).existsBy({ sourceKind: 'cluster', sourceId: id }))
        throw conflict('QUEUE_ITEM_PROPOSED', `群組 #${id} 已有提案，不能拆分`, `Cluster #${id} has a proposal and cannot be split`);
      let movedFacts: MessageFacts;
      let keptFacts: MessageFacts;
      const messages = cycle.importId ? await this.messagesOf(m, cycle.importId, wordings) : [];
      if (messages.length) {
        movedFacts = factsOf(messages.filter((x) => moving.has(x.question.trim())));
        keptFacts = factsOf(messages.filter((x) => !moving.has(x.question.trim())));
      } else {
        movedFacts = proportionalFacts(source, moving, movedSize, source.size - movedSize);
        keptFacts = proportionalFacts(source, new Set(kept.map((w) => w.text)), source.size - movedSize, movedSize);
      }
      // Conditional: the cluster as it was read, still open or claimed; a split or merge in between wins.
      const result = await clusters.update(
        { id, wordings: source.wordings, queueStatus: In(['open', 'claimed']) },
        {
          wordings: JSON.stringify(kept),
          representative: kept[0].text,
          representativeKey: keyOf(kept[0]),
          size: source.size - movedSize,
          ...keptFacts,
        },
      );
      if (!result.affected)
        throw conflict(
          'QUEUE_ITEM_CHANGED',
          `群組 #${id} 剛被變更，請重新整理後再試`,
          `Cluster #${id} has just changed; reload and try again`,
        );
      const { max } = (await clusters
        .createQueryBuilder('c')
        .select('MAX(c.cluster_no)', 'max')
        .where('c.cycle_id = :cycleId', { cycleId: source.cycleId })
        .getRawOne<{ max: number | string | null }>()) ?? { max: 0 };
      const created = await clusters.save(
        clusters.create({
          cycleId: source.cycleId,
          clusterNo: Number(max ?? 0) + 1,
          representative: moved[0].text,
          representativeKey: keyOf(moved[0]),
          size: movedSize,
          wordings: JSON.stringify(moved),
          ...movedFacts,
          suggestions: source.suggestions,
          previousClusterId: null,
          recurringMonths: 1,
          confidence: null,
          basis: 'topic',
          routedUnitCode: source.routedUnitCode,
          routedReason: source.routedReason,
          assigneeId: source.assigneeId,
          ...OPEN_WORK,
        }),
      );
      await this.audit.record(
        {
          action: 'cluster.split',
          actor,
          unitCode: source.routedUnitCode,
          targetType: 'queue-cluster',
          targetId: id,
          detail: { from: id, into: created.id, moved: moved.length, messages: movedSize },
        },
        m,
      );
      return created.id;
    });
    return this.one('cluster', newId);
  }

  /** The cycle import's misses whose question is one of the wordings, oldest first (in chunks: a cluster can have many). */
  private async messagesOf(m: EntityManager, importId: number, wordings: Wording[]) {
    const texts = wordings.map((w) => w.text);
    const out: ReportMessageEntity[] = [];
    for (let i = 0; i < texts.length; i += 500)
      out.push(
        ...(await m.getRepository(ReportMessageEntity).find({
          select: { id: true, sessionId: true, channel: true, askedAt: true, question: true, responseType: true, occurrences: true },
          where: { importId, isMiss: true, question: In(texts.slice(i, i + 500)) },
        })),
      );
    return out.sort((a, b) => a.id - b.id);
  }

  async bulk(actor: Actor, body: BulkQueueRequest): Promise<BulkQueueResultDto> {
    const out: BulkQueueResultDto = { done: [], failed: [] };
    for (const item of body.items) {
      try {
        if (body.action === 'close') await this.close(actor, item.kind, item.id, body.reason ?? 'other', body.note ?? null);
        else await this.reassign(actor, item.kind, item.id, body.unitCode ?? '', body.reassignReason ?? '');
        out.done.push(item);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        out.failed.push({ ...item, code: error.code, message: error.messages });
      }
    }
    return out;
  }

  /** Marks a queue item as answered by a proposal (claiming it for the proposer if nobody had). */
  async markProposed(actor: Actor, kind: QueueItemKind, id: number, m: EntityManager): Promise<void> {
    const row = await this.checked(actor, kind, id, m);
    if (row.claimedBy && row.claimedBy !== actor.userId && !hasRole(actor, Role.GroupLeader))
      throw conflict('QUEUE_ITEM_CLAIMED', '此項目已由他人認領', 'Someone else has claimed this item');
    if (row.queueStatus === 'closed') throw conflict('QUEUE_ITEM_CLOSED', '此項目已結案', 'This item is closed');
    await this.repo(kind, m).update({ id }, {
      queueStatus: 'proposed',
      claimedBy: row.claimedBy ?? actor.userId,
      claimedAt: row.claimedAt ?? this.clock.now(),
      answeredAt: row.answeredAt ?? this.clock.now(),
    } as never);
  }

  async titleOf(kind: QueueItemKind, id: number): Promise<string> {
    const row = await this.repo(kind).findOneBy({ id });
    if (!row) return '';
    return kind === 'cluster' ? (row as MissClusterEntity).representative : (row as ReviewItemEntity).kbItemId;
  }

  private async one(kind: QueueItemKind, id: number): Promise<QueueItemDto> {
    const row = await this.row(kind, id);
    const cycle = (await this.cycles.findOneBy({ id: row.cycleId }))!;
    return (await this.toDtos(cycle, [{ kind, row }]))[0];
  }

  private async toDtos(cycle: TuningCycleEntity, rows: { kind: QueueItemKind; row: Row }[]): Promise<QueueItemDto[]> {
    const names = new Map((await this.units.findAll()).map((u) => [u.code, u.name]));
    const people = new Map(
      (await this.users.findByIds([...new Set(rows.map((r) => r.row.claimedBy).filter((x): x is number => !!x))])).map((u) => [u.id, u]),
    );
    const items = new Map((await this.knowledge.allItems()).map((i) => [i.id, i]));
    const answered = rows.some((r) => r.kind === 'cluster') ? await this.answeredIndex(cycle) : new Map();
    return rows.map(({ kind, row }) => {
      const unit = unitOf(kind, row);
      const holder = row.claimedBy ? people.get(row.claimedBy) : undefined;
      const status: QueueItemStatus =
        kind === 'review' && (row as ReviewItemEntity).status === 'done' && row.queueStatus !== 'proposed'
          ? 'closed'
          : (row.queueStatus as QueueItemStatus);
      const base = {
        id: row.id,
        cycleId: cycle.id,
        cycleLabel: cycle.label,
        unitCode: unit,
        unitName: unit ? (names.get(unit) ?? unit) : null,
        status,
        claimedBy: holder ? { account: holder.account, name: holder.displayName } : null,
        claimedAt: row.claimedAt?.toISOString() ?? null,
        closeReason: (row.closeReason as CloseReason | null) ?? null,
        closeNote: row.closeNote,
        reassignedFrom: row.reassignedFrom,
        reassignReason: row.reassignReason,
      };
      if (kind === 'cluster') {
        const c = row as MissClusterEntity;
        const suggestions = JSON.parse(c.suggestions) as ClusterSuggestionDto[];
        return {
          ...base,
          kind,
          title: c.representative,
          size: c.size,
          recurringMonths: c.recurringMonths,
          impact: c.size * c.recurringMonths,
          suggestions,
          reviewReasons: [],
          kbItemId: suggestions[0]?.kbItemId ?? null,
          category: suggestions[0] ? (items.get(suggestions[0].kbItemId)?.category ?? null) : null,
          answeredBefore: this.answeredFor(answered, c),
        };
      }
      const r = row as ReviewItemEntity;
      const item = items.get(r.kbItemId);
      return {
        ...base,
        kind,
        title: item?.question ?? r.kbItemId,
        size: 0,
        recurringMonths: 1,
        impact: 0,
        suggestions: [],
        reviewReasons: r.reasons.split(',').filter(Boolean) as ReviewReason[],
        kbItemId: r.kbItemId,
        category: item?.category ?? null,
        answeredBefore: null,
      };
    });
  }
}
