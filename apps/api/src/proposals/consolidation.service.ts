import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  KbItemStatus,
  PROPOSAL_KIND_LABELS,
  Role,
  UNIT_KINDS,
  type ConsolidationDto,
  type KbVersionDto,
  type ListStatus,
  type ProposalContent,
  type ReconcileResultDto,
} from '@tunedesk/contracts';
import { formatRocInstant, normalizeText, spreadsheetSafe } from '@tunedesk/domain';
import { In, IsNull, Not, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import type { DownloadFile } from '../common/send-file';
import { type TableFormat, tableFile } from '../common/tabular/write-table';
import { Transactions } from '../database/transactions';
import { KnowledgeService } from '../knowledge/knowledge.service';
import { NotificationsService } from '../notifications/notifications.service';
import { UnitsRepository } from '../org/units.repository';
import { UsersRepository } from '../org/users.repository';
import { TuningCycleEntity } from '../reports/report.entities';
import { ProposalEntity, ProposalListEntity } from './proposal.entities';
import { ProposalsService } from './proposals.service';

export const CHANGE_SET_HEADERS = [
  '項次',
  '異動類別',
  '題目編號',
  '稅目分類',
  '原標準問句',
  '修正後標準問句',
  '新增相似問句',
  '刪除相似問句',
  '修正後答案',
  '異動原因',
  '提案單位',
  '知識維護窗口',
  '單位主管核定日',
];

const IN_CHANGE_SET = ['approved', 'applied'];

const cycleNotFound = (id: number) =>
  new DomainError('CYCLE_NOT_FOUND', { 'zh-TW': `找不到調校週期 #${id}`, en: `No cycle #${id}` }, HttpStatus.NOT_FOUND);
const conflict = (code: string, zh: string, en: string) => new DomainError(code, { 'zh-TW': zh, en }, HttpStatus.CONFLICT);

const sameText = (a: string, b: string) => normalizeText(a) === normalizeText(b);
const sameSet = (a: string[], b: string[]) => {
  const x = new Set(a.map((t) => normalizeText(t)));
  const y = new Set(b.map((t) => normalizeText(t)));
  return x.size === y.size && [...x].every((t) => y.has(t));
};

type UnitRow = ConsolidationDto['units'][number] & { kind: string };

/** A unit has something to do in the cycle once its list has started or holds a proposal. */
export function hasWork(unit: Pick<UnitRow, 'status' | 'proposals'>): boolean {
  return unit.status !== 'not-started' || unit.proposals > 0;
}

/**
 * Units with work first, then those with nothing to do; within each, in the
 * unit file's grouping (科, 室, 分局) and then by code, so the page reads the
 * same from one visit to the next.
 */
export function orderUnits<T extends Pick<UnitRow, 'status' | 'proposals' | 'kind' | 'unitCode'>>(units: readonly T[]): T[] {
  const kindRank = (kind: string) => {
    const at = (UNIT_KINDS as readonly string[]).indexOf(kind);
    return at < 0 ? UNIT_KINDS.length : at;
  };
  return [...units].sort(
    (a, b) =>
      Number(hasWork(b)) - Number(hasWork(a)) ||
      kindRank(a.kind) - kindRank(b.kind) ||
      (a.unitCode < b.unitCode ? -1 : a.unitCode > b.unitCode ? 1 : 0),
  );
}

/** An item's content as a proposal holds it. */
function contentOfSnapshot(snapshot: KbVersionDto['snapshot']): ProposalContent {
  return {
    category: snapshot.category,
    question: snapshot.question,
    alternates: [...snapshot.alternates],
    answer: snapshot.answer,
    keywords: [...snapshot.keywords],
    ownerUnitCode: snapshot.ownerUnitCode ?? '',
  };
}

/**
 * 服務科彙整: every unit's status for the cycle, the approved changes in the
 * order the vendor should apply them, the change set (format 4), and what the
 * vendor did with it — applied one by one, or found by reconciling the
 * vendor's updated bank. A cycle closes when every change is applied or deferred.
 */
@Injectable()
export class ConsolidationService {
  constructor(
    @InjectRepository(ProposalEntity) private readonly proposals: Repository<ProposalEntity>,
    @InjectRepository(ProposalListEntity) private readonly lists: Repository<ProposalListEntity>,
    @InjectRepository(TuningCycleEntity) private readonly cycles: Repository<TuningCycleEntity>,
    private readonly proposalService: ProposalsService,
    private readonly knowledge: KnowledgeService,
    private readonly units: UnitsRepository,
    private readonly users: UsersRepository,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  private async cycle(id: number): Promise<TuningCycleEntity> {
    const c = await this.cycles.findOneBy({ id });
    if (!c) throw cycleNotFound(id);
    return c;
  }

  private ordered(rows: ProposalEntity[]): ProposalEntity[] {
    return [...rows].sort((a, b) => (a.seq ?? 1e9) - (b.seq ?? 1e9) || a.id - b.id);
  }

  async overview(actor: Actor, cycleId: number): Promise<ConsolidationDto> {
    const c = await this.cycle(cycleId);
    const all = await this.proposals.find({ where: { cycleId } });
    const listRows = new Map((await this.lists.findBy({ cycleId })).map((l) => [l.unitCode, l]));
    const units = orderUnits(
      (await this.units.findAll())
        .filter((u) => u.active)
        .map((u) => {
          const mine = all.filter((p) => p.unitCode === u.code);
          return {
            unitCode: u.code,
            unitName: u.name,
            kind: u.kind as string,
            status: ((listRows.get(u.code)?.status as ListStatus | undefined) ?? 'not-started') as ListStatus,
            proposals: mine.length,
            approved: mine.filter((p) => IN_CHANGE_SET.includes(p.status)).length,
          };
        }),
    ).map(({ kind: _kind, ...unit }) => unit);
    const changes = this.ordered(all.filter((p) => [...IN_CHANGE_SET, 'deferred'].includes(p.status)));
    const dtos = await Promise.all(
      changes.map(async (p) => {
        const dto = await this.proposalService.get(actor, p.id);
        // Once applied, the item as it is now is the proposal itself: the change is read against the version it replaced.
        return p.status === 'applied' && p.kbItemId ? { ...dto, before: (await this.replaced(p)) ?? dto.before } : dto;
      }),
    );
    const carried = await this.proposals.find({ where: { status: 'deferred', cycleId: Not(cycleId) }, order: { id: 'ASC' } });
    return {
      cycleId,
      cycleLabel: c.label,
      dueDate: c.dueDate,
      changeSetSentAt: c.changeSetSentAt?.toISOString() ?? null,
      changeSetSentBy: c.changeSetSentBy,
      closedAt: c.closedAt?.toISOString() ?? null,
      units,
      changes: dtos.map((d, i) => ({
        ...d,
        seq: changes[i].seq,
        newItemId: changes[i].newItemId,
        appliedAt: changes[i].appliedAt?.toISOString() ?? null,
        reconcileNote: changes[i].reconcileNote,
      })),
      carriedOver: await Promise.all(carried.map((p) => this.proposalService.get(actor, p.id))),
    };
  }

  /**
   * The item's content before an applied change: the version before the one
   * the proposal wrote (標示已套用), or, when the vendor's bank brought it
   * (reconcile), before the last version written up to the moment it was applied.
   */
  private async replaced(p: ProposalEntity): Promise<ProposalContent | null> {
    const versions = await this.knowledge.versions(p.kbItemId!).catch(() => [] as KbVersionDto[]);
    const ascending = [...versions].sort((a, b) => a.version - b.version);
    let at = ascending.findIndex((v) => v.source === 'proposal' && v.reason.startsWith(`提案 #${p.id}（`));
    if (at < 0 && p.appliedAt) {
      const until = p.appliedAt.getTime();
      at = ascending.findLastIndex((v) => new Date(v.changedAt).getTime() <= until);
    }
    return at > 0 ? contentOfSnapshot(ascending[at - 1].snapshot) : null;
  }

  /** Defers an approved change to a later cycle, with a reason; the unit is told. */
  async defer(actor: Actor, id: number, reason: string): Promise<void> {
    if (!reason?.trim())
      throw new DomainError('VALIDATION_FAILED', { 'zh-TW': '請說明延期原因', en: 'Give a reason' }, 422, [
        { field: 'reason', reason: 'required' },
      ]);
    const p = await this.proposals.findOneBy({ id });
    if (!p) throw new DomainError('PROPOSAL_NOT_FOUND', { 'zh-TW': `找不到提案 #${id}`, en: `No proposal #${id}` }, 404);
    await this.tx.run(async (m) => {
      const r = await m
        .getRepository(ProposalEntity)
        .update({ id, status: 'approved' }, { status: 'deferred', deferReason: reason.trim().slice(0, 1000), updatedAt: this.clock.now() });
      if (!r.affected)
        throw conflict('PROPOSAL_STATE', '只有已核定、尚未套用的提案可以延期', 'Only an approved, unapplied proposal can be deferred');
      const contacts = await this.users.withRole(Role.KnowledgeContact, p.unitCode);
      await this.notifications.notify(
        contacts.map((u) => u.id),
        {
          kind: 'proposal.deferred',
          title: { 'zh-TW': `提案 #${id} 延至下期：${reason.trim().slice(0, 60)}`, en: `Proposal #${id} was deferred to a later cycle` },
          link: `/proposals/${id}/edit`,
        },
        m,
      );
      await this.audit.record(
        { action: 'proposal.defer', actor, unitCode: p.unitCode, targetType: 'proposal', targetId: id, detail: { reason } },
        m,
      );
    });
    await this.closeIfDone(actor, p.cycleId);
  }

  /** A change deferred earlier joins this cycle's change set. */
  async carry(actor: Actor, id: number, cycleId: number): Promise<void> {
    const c = await this.cycle(cycleId);
    if (c.closedAt) throw conflict('CYCLE_CLOSED', '此週期已結案', 'This cycle is closed');
    await this.tx.run(async (m) => {
      const r = await m
        .getRepository(ProposalEntity)
        .update({ id, status: 'deferred' }, { status: 'approved', cycleId, seq: null, updatedAt: this.clock.now() });
      if (!r.affected) throw conflict('PROPOSAL_STATE', '只有延期的提案可以納入', 'Only a deferred proposal can be carried over');
      await this.audit.record(
        { action: 'proposal.carry', actor, unitCode: null, targetType: 'proposal', targetId: id, detail: { cycleId } },
        m,
      );
    });
  }

  async order(actor: Actor, cycleId: number, ids: number[]): Promise<void> {
    await this.cycle(cycleId);
    const rows = await this.proposals.find({ where: { cycleId, status: In([...IN_CHANGE_SET, 'deferred']) } });
    const known = new Set(rows.map((r) => r.id));
    const unknown = ids.filter((i) => !known.has(i));
    if (unknown.length || new Set(ids).size !== ids.length)
      throw new DomainError(
        'VALIDATION_FAILED',
        { 'zh-TW': `順序中有不屬於本期異動的提案：${unknown.join('、')}`, en: `Not in this change set: ${unknown.join(', ')}` },
        422,
        [{ field: 'proposalIds', reason: 'unknown or repeated' }],
      );
    await this.tx.run(async (m) => {
      for (const [i, id] of ids.entries()) await m.getRepository(ProposalEntity).update({ id }, { seq: i + 1 });
      await this.audit.record(
        { action: 'changeset.order', actor, unitCode: null, targetType: 'cycle', targetId: cycleId, detail: { order: ids } },
        m,
      );
    });
  }

  /** New ids for added items: the owner unit's prefix and the next free number (HT-0012). */
  private async assignNewIds(rows: ProposalEntity[]): Promise<void> {
    const taken = new Set((await this.knowledge.allItems()).map((i) => i.id));
    for (const p of await this.proposals.find({ where: { newItemId: Not(IsNull()) } })) taken.add(p.newItemId!);
    for (const p of rows) {
      if (p.kind !== 'add' || p.newItemId) continue;
      const prefix = (JSON.parse(p.content!) as ProposalContent).ownerUnitCode;
      let max = 0;
      for (const id of taken) {
        const m = new RegExp(`^${prefix}-(\\d+)$`).exec(id);
        if (m) max = Math.max(max, Number(m[1]));
      }
      const id = `${prefix}-${String(max + 1).padStart(4, '0')}`;
      taken.add(id);
      p.newItemId = id;
      await this.proposals.update({ id: p.id }, { newItemId: id });
    }
  }

  /** Format 4, in the service section's order, every cell spreadsheet-safe. */
  async changeSet(actor: Actor, cycleId: number, format: TableFormat): Promise<DownloadFile> {
    const c = await this.cycle(cycleId);
    const rows = this.ordered(await this.proposals.find({ where: { cycleId, status: In(IN_CHANGE_SET) } }));
    await this.assignNewIds(rows);
    const unitNames = new Map((await this.units.findAll()).map((u) => [u.code, u.name]));
    const listRows = new Map((await this.lists.findBy({ cycleId })).map((l) => [l.unitCode, l]));
    const people = new Map((await this.users.list({})).map((u) => [u.account, u.displayName]));
    const table: string[][] = [];
    for (const [i, p] of rows.entries()) {
      const dto = await this.proposalService.get(actor, p.id);
      const before = dto.before;
      const after = dto.content;
      const added = after ? after.alternates.filter((a) => !(before?.alternates ?? []).some((b) => sameText(a, b))) : [];
      const removed = before
        ? after
          ? before.alternates.filter((b) => !after.alternates.some((a) => sameText(a, b)))
          : before.alternates
        : [];
      const approvedAt = listRows.get(p.unitCode)?.approvedAt;
      table.push(
        [
          String(i + 1),
          PROPOSAL_KIND_LABELS[dto.kind],
          p.kind === 'add' ? (p.newItemId ?? '') : (p.kbItemId ?? ''),
          after?.category ?? before?.category ?? '',
          before?.question ?? '',
          after?.question ?? '',
          added.join('｜'),
          removed.join('｜'),
          after?.answer ?? '',
          p.reason,
          unitNames.get(p.unitCode) ?? p.unitCode,
          people.get(p.createdBy) ?? p.createdBy,
          approvedAt ? formatRocInstant(approvedAt) : '',
        ].map(spreadsheetSafe),
      );
    }
    await this.audit.record({
      action: 'changeset.export',
      actor,
      unitCode: null,
      targetType: 'cycle',
      targetId: cycleId,
      detail: { format, rows: table.length },
    });
    const base = `change-set-${c.month ?? 'irregular'}`;
    return tableFile(format, base, [{ name: '題庫異動彙整表', headers: CHANGE_SET_HEADERS, rows: table }]);
  }

  async markSent(actor: Actor, cycleId: number): Promise<void> {
    await this.cycle(cycleId);
    await this.tx.run(async (m) => {
      const r = await m
        .getRepository(TuningCycleEntity)
        .update(
          { id: cycleId, changeSetSentAt: IsNull() },
          { changeSetSentAt: this.clock.now(), changeSetSentBy: actor.account, updatedAt: this.clock.now() },
        );
      if (!r.affected) throw conflict('CHANGE_SET_SENT', '異動彙整表已標示送出', 'The change set is already marked sent');
      await this.audit.record({ action: 'changeset.sent', actor, unitCode: null, targetType: 'cycle', targetId: cycleId }, m);
    });
  }

  /** The vendor applied one change: the bank gets the new version now. */
  async apply(actor: Actor, id: number): Promise<void> {
    const p = await this.proposals.findOneBy({ id });
    if (!p) throw new DomainError('PROPOSAL_NOT_FOUND', { 'zh-TW': `找不到提案 #${id}`, en: `No proposal #${id}` }, 404);
    if (p.status !== 'approved')
      throw conflict('PROPOSAL_STATE', '只有已核定、尚未套用的提案可以標示套用', 'Only an approved proposal can be applied');
    if (p.kind === 'add' && !p.newItemId) await this.assignNewIds([p]);
    await this.tx.run(async (m) => {
      const r = await m
        .getRepository(ProposalEntity)
        .update(
          { id, status: 'approved' },
          { status: 'applied', appliedAt: this.clock.now(), appliedBy: actor.account, updatedAt: this.clock.now() },
        );
      if (!r.affected) throw conflict('PROPOSAL_STATE', '此提案已套用', 'Already applied');
      await this.knowledge.applyProposal(m, actor, {
        proposalId: id,
        kind: p.kind as 'add' | 'modify' | 'delete',
        itemId: p.kind === 'add' ? p.newItemId! : p.kbItemId!,
        content: p.content ? (JSON.parse(p.content) as ProposalContent) : null,
      });
    });
    await this.closeIfDone(actor, p.cycleId);
  }

  /**
   * Imports the vendor's updated bank (format 3) and checks each approved
   * change against it: present → applied (the import wrote the new version);
   * absent or different → flagged with what was seen.
   */
  async reconcile(actor: Actor, cycleId: number, buffer: Buffer, fileName: string): Promise<ReconcileResultDto> {
    await this.cycle(cycleId);
    const pending = await this.proposals.find({ where: { cycleId, status: 'approved' } });
    await this.assignNewIds(pending);
    const result = await this.knowledge.import(actor, buffer, fileName);
    const items = new Map((await this.knowledge.allItems()).map((i) => [i.id, i]));
    const applied: number[] = [];
    const flagged: ReconcileResultDto['flagged'] = [];
    for (const p of pending) {
      const content = p.content ? (JSON.parse(p.content) as ProposalContent) : null;
      const itemId = p.kind === 'add' ? p.newItemId : p.kbItemId;
      const item = itemId ? items.get(itemId) : undefined;
      let problem: { kind: 'missing' | 'different'; detail: string } | null = null;
      if (p.kind === 'delete') {
        if (item && item.status === KbItemStatus.Published) problem = { kind: 'different', detail: '題目仍為已發布 / still published' };
      } else if (!item) problem = { kind: 'missing', detail: `廠商題庫沒有 ${itemId} / ${itemId} is not in the vendor's bank` };
      else {
        const alternates = [...(item.alternateRows ?? [])].map((a) => a.text);
        const diffs = [
          !sameText(item.question, content!.question) && '標準問句 question',
          !sameText(item.answer, content!.answer) && '答案 answer',
          !sameSet(alternates, content!.alternates) && '相似問句 alternates',
        ].filter(Boolean);
        if (diffs.length) problem = { kind: 'different', detail: `與提案不同：${diffs.join('、')}` };
      }
      await this.tx.run(async (m) => {
        if (problem) {
          flagged.push({ proposalId: p.id, kbItemId: itemId ?? null, problem: problem.kind, detail: problem.detail });
          await m.getRepository(ProposalEntity).update({ id: p.id }, { reconcileNote: problem.detail.slice(0, 500) });
        } else {
          applied.push(p.id);
          await m
            .getRepository(ProposalEntity)
            .update(
              { id: p.id, status: 'approved' },
              { status: 'applied', appliedAt: this.clock.now(), appliedBy: actor.account, reconcileNote: null },
            );
        }
      });
    }
    await this.audit.record({
      action: 'changeset.reconcile',
      actor,
      unitCode: null,
      targetType: 'cycle',
      targetId: cycleId,
      detail: { fileName, applied: applied.length, flagged: flagged.length },
    });
    const closed = await this.closeIfDone(actor, cycleId);
    return { fileName, created: result.created, updated: result.updated, applied, flagged, closed };
  }

  /** Closes the cycle once it has changes and each is applied or deferred. */
  private async closeIfDone(actor: Actor, cycleId: number): Promise<boolean> {
    const rows = await this.proposals.find({ where: { cycleId, status: In([...IN_CHANGE_SET, 'deferred']) } });
    if (!rows.length || rows.some((r) => r.status === 'approved')) return false;
    const r = await this.cycles.update({ id: cycleId, closedAt: IsNull() }, { closedAt: this.clock.now(), updatedAt: this.clock.now() });
    if (r.affected) await this.audit.record({ action: 'cycle.closed', actor, unitCode: null, targetType: 'cycle', targetId: cycleId });
    return true;
  }
}
