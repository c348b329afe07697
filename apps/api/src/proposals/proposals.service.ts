import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  KbItemStatus,
  Role,
  type AuditChange,
  type ListStatus,
  type ProposalContent,
  type ProposalDto,
  type ProposalInput,
  type ProposalListDto,
  type ProposalListStateDto,
  type ProposalWarning,
  type QueueItemKind,
} from '@tunedesk/contracts';
import { formatRocInstant, normalizeText, pastYearsMentioned, taipeiDateOf, toIsoDate } from '@tunedesk/domain';
import { EntityManager, In, IsNull, Not, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, canReadUnit, hasRole } from '../common/actor';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { Transactions } from '../database/transactions';
import { KnowledgeService } from '../knowledge/knowledge.service';
import { NotificationsService } from '../notifications/notifications.service';
import { UnitsRepository } from '../org/units.repository';
import { UsersRepository } from '../org/users.repository';
import { TuningCycleEntity } from '../reports/report.entities';
import { ProposalEntity, ProposalListEntity } from './proposal.entities';
import { QueueService } from './queue.service';
import { cycleVisibleTo } from '../reports/cycle-visibility';
import { irregularCycle } from '../reports/irregular-cycle';

/** A new question at least this close to an existing item is probably that item. */
const NEAR_DUPLICATE = 0.6;
const EDITABLE = ['draft', 'returned'];

const invalid = (field: string, zh: string, en: string) =>
  new DomainError('VALIDATION_FAILED', { 'zh-TW': zh, en }, HttpStatus.UNPROCESSABLE_ENTITY, [{ field, reason: en }]);
const conflict = (code: string, zh: string, en: string) => new DomainError(code, { 'zh-TW': zh, en }, HttpStatus.CONFLICT);
const proposalNotFound = (id: number) =>
  new DomainError('PROPOSAL_NOT_FOUND', { 'zh-TW': `找不到提案 #${id}`, en: `No proposal #${id}` }, HttpStatus.NOT_FOUND);

function cleanList(values: unknown, field: string): string[] {
  if (!Array.isArray(values)) throw invalid(field, `${field} 須為清單`, `${field} must be a list`);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    const text = typeof v === 'string' ? v.trim() : '';
    if (!text) continue;
    if ([...text].length > 500) throw invalid(field, `${field} 的每一項最多 500 字`, `each ${field} entry is at most 500 characters`);
    const key = normalizeText(text);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(text);
  }
  return out;
}

/** The text fields of a proposal's content, compared as trimmed text. */
const TEXT_FIELDS = ['category', 'question', 'answer', 'ownerUnitCode'] as const;

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = new Set(a.map((v) => v.trim()));
  const y = new Set(b.map((v) => v.trim()));
  return x.size === y.size && [...x].every((v) => y.has(v));
}

/**
 * An item's content as a proposal for it would hold it: the same trimming and
 * de-duplication the service applies to what a contact sends, so an untouched
 * 修改 form compares equal to it.
 */
export function normalisedContent(content: ProposalContent): ProposalContent {
  const question = content.question.trim();
  return {
    category: content.category.trim(),
    question,
    answer: content.answer.trim(),
    alternates: cleanList(content.alternates ?? [], 'alternates').filter((a) => normalizeText(a) !== normalizeText(question)),
    keywords: cleanList(content.keywords ?? [], 'keywords'),
    ownerUnitCode: (content.ownerUnitCode ?? '').trim().toUpperCase(),
  };
}

/**
 * What `after` changes in `before`, in the audit trail's shape: the text
 * fields (`category`, `question`, `answer`, `ownerUnitCode`) with both values,
 * `alternatesAdded` (after: the new wordings), `alternatesRemoved` (before:
 * the wordings taken away), `keywords` (both lists). Alternates and keywords
 * are sets: order does not count. `before` null: everything is new (新增).
 */
export function contentChanges(before: ProposalContent | null, after: ProposalContent | null): AuditChange[] {
  if (!after) return [];
  const changes: AuditChange[] = [];
  for (const field of TEXT_FIELDS) {
    const b = before ? (before[field] ?? '').trim() : null;
    const a = (after[field] ?? '').trim();
    if (b !== a) changes.push({ field, before: b, after: a });
  }
  const had = new Set((before?.alternates ?? []).map((v) => v.trim()));
  const has = new Set(after.alternates.map((v) => v.trim()));
  const added = [...has].filter((v) => !had.has(v));
  const removed = [...had].filter((v) => !has.has(v));
  if (added.length) changes.push({ field: 'alternatesAdded', before: null, after: added });
  if (removed.length) changes.push({ field: 'alternatesRemoved', before: removed, after: null });
  if (!sameSet(before?.keywords ?? [], after.keywords))
    changes.push({ field: 'keywords', before: before ? before.keywords : null, after: after.keywords });
  return changes;
}

const noChange = (kbItemId: string) =>
  new DomainError(
    'PROPOSAL_NO_CHANGE',
    {
      'zh-TW': `修改內容與題目 ${kbItemId} 目前的版本完全相同（標準問句、相似問句、答案、稅目分類、關鍵字、權責單位都沒有變更）。請修改要變更的欄位；若此項目不需變更題庫，請在待辦項目以「結案」處理。`,
      en: `The modification is identical to the current version of ${kbItemId} (question, alternates, answer, category, keywords and owner unchanged). Change what should change; if the bank needs no change, close the queue item instead.`,
    },
    HttpStatus.UNPROCESSABLE_ENTITY,
    [{ field: 'content', reason: `identical to the current version of ${kbItemId}` }],
  );

const LOCKED_LIST = ['submitted', 'approved'];

/**
 * Proposals (新增 / 修改 / 刪除) and each unit's list (附件二): a contact
 * drafts and submits, the unit head approves or returns with comments, and an
 * approved proposal can no longer be edited. Transitions are conditional
 * updates, so two approvals at once make one transition.
 */
@Injectable()
export class ProposalsService {
  constructor(
    @InjectRepository(ProposalEntity) private readonly proposals: Repository<ProposalEntity>,
    @InjectRepository(ProposalListEntity) private readonly lists: Repository<ProposalListEntity>,
    @InjectRepository(TuningCycleEntity) private readonly cycles: Repository<TuningCycleEntity>,
    private readonly queue: QueueService,
    private readonly knowledge: KnowledgeService,
    private readonly units: UnitsRepository,
    private readonly users: UsersRepository,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  private async cleanInput(
    input: ProposalInput,
  ): Promise<{ kbItemId: string | null; content: ProposalContent | null; reason: string; before: ProposalContent | null }> {
    if (!['add', 'modify', 'delete'].includes(input.kind))
      throw invalid('kind', '異動類別須為新增、修改或刪除', 'kind must be add, modify or delete');
    let before: ProposalContent | null = null;
    let kbItemId: string | null = null;
    if (input.kind !== 'add') {
      const item = input.kbItemId ? await this.knowledge.get(input.kbItemId).catch(() => null) : null;
      if (!item) throw invalid('kbItemId', `找不到題目「${input.kbItemId ?? ''}」`, `No item "${input.kbItemId ?? ''}"`);
      kbItemId = item.id;
      before = {
        category: item.category,
        question: item.question,
        alternates: item.alternates,
        answer: item.answer,
        keywords: item.keywords,
        ownerUnitCode: item.ownerUnitCode ?? '',
      };
    }
    const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
    if (!reason) throw invalid('reason', '請填寫原因', 'Give a reason');
    if ([...reason].length > 2000) throw invalid('reason', '原因最多 2000 字', 'The reason is at most 2000 characters');
    if (input.kind === 'delete') return { kbItemId, content: null, reason, before };
    const c = input.content;
    if (!c) throw invalid('content', '請填寫題目內容', 'Give the item');
    const category = typeof c.category === 'string' ? c.category.trim() : '';
    const question = typeof c.question === 'string' ? c.question.trim() : '';
    const answer = typeof c.answer === 'string' ? c.answer.trim() : '';
    if (!category) throw invalid('content.category', '請填寫稅目分類', 'Give the category');
    if (!question || [...question].length > 500)
      throw invalid('content.question', '標準問句須為 1–500 字', 'The question must be 1–500 characters');
    if (!answer || [...answer].length > 10_000)
      throw invalid('content.answer', '答案須為 1–10000 字', 'The answer must be 1–10,000 characters');
    const owner = typeof c.ownerUnitCode === 'string' ? c.ownerUnitCode.trim().toUpperCase() : '';
    if (!(await this.units.findByCode(owner))) throw invalid('content.ownerUnitCode', `找不到權責單位「${owner}」`, `No unit "${owner}"`);
    const content: ProposalContent = {
      category,
      question,
      answer,
      alternates: cleanList(c.alternates ?? [], 'content.alternates').filter((a) => normalizeText(a) !== normalizeText(question)),
      keywords: cleanList(c.keywords ?? [], 'content.keywords'),
      ownerUnitCode: owner,
    };
    return { kbItemId, content, reason, before };
  }

  /** Computed warnings: an alternate another item uses, a near-duplicate question, another open proposal, a past year. */
  async warnings(input: ProposalInput, selfId: number | null = null): Promise<ProposalWarning[]> {
    const out: ProposalWarning[] = [];
    const c = input.content;
    const own = input.kbItemId ?? null;
    if (c && input.kind !== 'delete') {
      const items = await this.knowledge.allItems();
      const texts = new Map<string, string>();
      for (const item of items) {
        if (item.id === own || item.status !== KbItemStatus.Published) continue;
        texts.set(normalizeText(item.question), item.id);
        for (const a of item.alternateRows ?? []) texts.set(normalizeText(a.text), item.id);
      }
      for (const alt of [c.question, ...(c.alternates ?? [])]) {
        const other = texts.get(normalizeText(alt ?? ''));
        if (other)
          out.push({
            code: 'alternate-in-use',
            ref: other,
            message: { 'zh-TW': `「${alt}」已是題目 ${other} 的問句`, en: `"${alt}" is already a wording of ${other}` },
          });
      }
      if (c.question) {
        const near = (await this.knowledge.search(c.question, 3, { publishedOnly: true })).find(
          (h) => h.item.id !== own && h.score >= NEAR_DUPLICATE,
        );
        if (near)
          out.push({
            code: 'near-duplicate',
            ref: near.item.id,
            message: {
              'zh-TW': `標準問句與題目 ${near.item.id}「${near.item.question}」相近（${near.score.toFixed(2)}）`,
              en: `The question is close to ${near.item.id} (${near.score.toFixed(2)})`,
            },
          });
      }
      const years = pastYearsMentioned(`${c.question}\n${c.answer ?? ''}`, Number(this.clock.now().toISOString().slice(0, 4)));
      if (years.length)
        out.push({
          code: 'past-year',
          ref: null,
          message: { 'zh-TW': `內容提到過去的年份：${years.join('、')}`, en: `It mentions past years: ${years.join(', ')}` },
        });
    }
    if (own) {
      const open = await this.proposals.find({ where: { kbItemId: own, status: In(['draft', 'submitted', 'returned', 'approved']) } });
      for (const p of open.filter((p) => p.id !== selfId))
        out.push({
          code: 'open-proposal',
          ref: String(p.id),
          message: {
            'zh-TW': `題目 ${own} 另有未完成的提案 #${p.id}（${p.unitCode}）`,
            en: `${own} has another open proposal #${p.id} (${p.unitCode})`,
          },
        });
    }
    return out;
  }

  private proposerUnit(actor: Actor): string {
    if (!hasRole(actor, Role.KnowledgeContact, Role.GroupLeader))
      throw new DomainError('ACCESS_DENIED', { 'zh-TW': '只有知識維護窗口可以提案', en: 'Only knowledge contacts write proposals' }, 403);
    return actor.unitCode;
  }

  async create(actor: Actor, input: ProposalInput): Promise<ProposalDto> {
    const unitCode = this.proposerUnit(actor);
    const cycle = await this.cycles.findOneBy({ id: input.cycleId });
    // A month not announced yet does not exist for a contact: no proposal goes on it before 公告.
    if (!cycle || !cycleVisibleTo(actor, cycle)) throw invalid('cycleId', `找不到調校週期 #${input.cycleId}`, `No cycle #${input.cycleId}`);
    // A closed list refuses before the content is even looked at: the answer is where to go instead, not a field to fix.
    await this.assertListEditable(this.proposals.manager, cycle.id, unitCode);
    const clean = await this.cleanInput(input);
    if (input.kind === 'modify') this.assertChanges(clean);
    const now = this.clock.now();
    const id = await this.tx.run(async (m) => {
      await this.assertListEditable(m, cycle.id, unitCode);
      if (input.source) await this.queue.markProposed(actor, input.source.kind, input.source.id, m);
      const saved = await m.getRepository(ProposalEntity).save(
        m.getRepository(ProposalEntity).create({
          cycleId: cycle.id,
          unitCode,
          kind: input.kind,
          kbItemId: clean.kbItemId,
          content: clean.content ? JSON.stringify(clean.content) : null,
          reason: clean.reason,
          sourceKind: input.source?.kind ?? null,
          sourceId: input.source?.id ?? null,
          status: 'draft',
          returnComment: null,
          deferReason: null,
          newItemId: null,
          createdBy: actor.account,
          createdAt: now,
          updatedAt: now,
        }),
      );
      await this.touchList(m, cycle.id, unitCode);
      await this.audit.record(
        {
          action: 'proposal.create',
          actor,
          unitCode,
          targetType: 'proposal',
          targetId: saved.id,
          detail: { kind: input.kind, kbItemId: clean.kbItemId },
          // 修改: what it changes in the item as it is now; 新增: the new item's fields.
          changes: contentChanges(clean.before ? normalisedContent(clean.before) : null, clean.content),
        },
        m,
      );
      return saved.id;
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: number, input: ProposalInput): Promise<ProposalDto> {
    const current = await this.proposals.findOneBy({ id });
    if (!current || !canReadUnit(actor, current.unitCode)) throw proposalNotFound(id);
    if (
      !hasRole(actor, Role.KnowledgeContact, Role.GroupLeader) ||
      (actor.unitCode !== current.unitCode && !hasRole(actor, Role.GroupLeader))
    )
      throw await this.audit.denied(actor, {
        reason: 'not the unit contact',
        targetType: 'proposal',
        targetId: id,
        unitCode: current.unitCode,
      });
    if (!EDITABLE.includes(current.status))
      throw conflict(
        'PROPOSAL_LOCKED',
        `提案 #${id} 已${current.status === 'approved' ? '核定' : '送出'}，不能修改`,
        `Proposal #${id} is ${current.status} and cannot be edited`,
      );
    const clean = await this.cleanInput({ ...input, kind: current.kind as ProposalInput['kind'], cycleId: current.cycleId });
    if (current.kind === 'modify') this.assertChanges(clean);
    const previous = current.content ? (JSON.parse(current.content) as ProposalContent) : null;
    // Against the proposal as it was: what this edit changed, and the reason if it was reworded.
    const changes = contentChanges(previous, clean.content);
    if (current.kbItemId !== clean.kbItemId) changes.unshift({ field: 'kbItemId', before: current.kbItemId, after: clean.kbItemId });
    if (current.reason !== clean.reason) changes.push({ field: 'reason', before: current.reason, after: clean.reason });
    await this.tx.run(async (m) => {
      const result = await m.getRepository(ProposalEntity).update(
        { id, status: In(EDITABLE) },
        {
          kbItemId: clean.kbItemId,
          content: clean.content ? JSON.stringify(clean.content) : null,
          reason: clean.reason,
          updatedAt: this.clock.now(),
        },
      );
      if (!result.affected) throw conflict('PROPOSAL_LOCKED', `提案 #${id} 已送出，不能修改`, `Proposal #${id} can no longer be edited`);
      await this.audit.record(
        {
          action: 'proposal.update',
          actor,
          unitCode: current.unitCode,
          targetType: 'proposal',
          targetId: id,
          detail: { kind: current.kind, kbItemId: clean.kbItemId },
          changes,
        },
        m,
      );
    });
    return this.get(actor, id);
  }

  async remove(actor: Actor, id: number): Promise<void> {
    const current = await this.proposals.findOneBy({ id });
    if (!current || !canReadUnit(actor, current.unitCode)) throw proposalNotFound(id);
    if (actor.unitCode !== current.unitCode || !hasRole(actor, Role.KnowledgeContact))
      throw await this.audit.denied(actor, {
        reason: 'not the unit contact',
        targetType: 'proposal',
        targetId: id,
        unitCode: current.unitCode,
      });
    await this.tx.run(async (m) => {
      const result = await m.getRepository(ProposalEntity).delete({ id, status: 'draft' });
      if (!result.affected) throw conflict('PROPOSAL_LOCKED', '只有草稿可以刪除', 'Only a draft can be deleted');
      await this.audit.record({ action: 'proposal.delete', actor, unitCode: current.unitCode, targetType: 'proposal', targetId: id }, m);
    });
  }

  async get(actor: Actor, id: number): Promise<ProposalDto> {
    const p = await this.proposals.findOneBy({ id });
    if (!p || !canReadUnit(actor, p.unitCode)) throw proposalNotFound(id);
    return (await this.toDtos([p]))[0];
  }

  // ---- the unit's list (附件二) ----

  private async listRow(m: EntityManager, cycleId: number, unitCode: string): Promise<ProposalListEntity | null> {
    return m.getRepository(ProposalListEntity).findOneBy({ cycleId, unitCode });
  }

  /** A 修改 that changes nothing would travel to the vendor as a no-op: refused, naming the item. */
  private assertChanges(clean: { kbItemId: string | null; content: ProposalContent | null; before: ProposalContent | null }): void {
    if (!clean.before || !clean.content) return;
    if (!contentChanges(normalisedContent(clean.before), clean.content).length) throw noChange(clean.kbItemId ?? '');
  }

  /** 409 LIST_LOCKED before anything is written, saying when the list closed and where a proposal goes instead. */
  private async assertListEditable(m: EntityManager, cycleId: number, unitCode: string): Promise<void> {
    const list = await this.listRow(m, cycleId, unitCode);
    if (!list || !LOCKED_LIST.includes(list.status)) return;
    const cycle = await m.getRepository(TuningCycleEntity).findOneBy({ id: cycleId });
    const instead = cycle ? await this.openInstead(m, cycle, unitCode) : null;
    const approved = list.status === 'approved';
    const at = approved ? list.approvedAt : list.submittedAt;
    const label = cycle?.label ?? `#${cycleId}`;
    const zh = [
      `本單位「${label}」的資料檢視清單已${approved ? '核定' : '送出'}${at ? `（${formatRocInstant(at)}）` : ''}，不能再加入提案。`,
      instead ? `請改在「${instead.label}」提出。` : '目前沒有開放中的調校週期，請待下一期調校公告後再提出。',
      approved ? '' : '若必須列入本期，請單位主管先退回清單。',
    ].join('');
    const name = (c: TuningCycleEntity | null) => (c?.kind === 'irregular' ? 'irregular tuning (不定期調校)' : (c?.month ?? label));
    const en = [
      `The unit's list for ${name(cycle)} was ${approved ? 'approved' : 'submitted'}${at ? ` on ${toIsoDate(taipeiDateOf(at))}` : ''}; no proposal can be added to it.`,
      instead ? ` Propose in ${name(instead)} instead.` : ' No cycle is open now; propose once the next cycle is announced.',
      approved ? '' : ' To add it to this cycle, the unit head must return the list first.',
    ].join('');
    throw new DomainError('LIST_LOCKED', { 'zh-TW': zh, en }, HttpStatus.CONFLICT, [
      { field: 'cycleId', reason: instead ? `list ${list.status}; open: cycle ${instead.id}` : `list ${list.status}` },
    ]);
  }

  private async listIsOpen(m: EntityManager, cycleId: number, unitCode: string): Promise<boolean> {
    const list = await this.listRow(m, cycleId, unitCode);
    return !list || !LOCKED_LIST.includes(list.status);
  }

  /**
   * Where a proposal goes while the unit's list of `cycle` is closed: the
   * 不定期調校 cycle, else the next announced month after it (for the
   * irregular cycle: the newest announced month), whose list is still open.
   */
  private async openInstead(m: EntityManager, cycle: TuningCycleEntity, unitCode: string): Promise<TuningCycleEntity | null> {
    const cycles = m.getRepository(TuningCycleEntity);
    const irregular = await irregularCycle(cycles, this.clock.now());
    if (irregular.id !== cycle.id && !irregular.closedAt && (await this.listIsOpen(m, irregular.id, unitCode))) return irregular;
    const months = await cycles.find({
      where: { kind: 'regular', announcedAt: Not(IsNull()), closedAt: IsNull() },
      order: { month: cycle.month ? 'ASC' : 'DESC' },
    });
    for (const c of months) {
      if (c.id === cycle.id || (cycle.month && (c.month ?? '') <= cycle.month)) continue;
      if (await this.listIsOpen(m, c.id, unitCode)) return c;
    }
    return null;
  }

  /**
   * The signed-in proposer's own list of the cycle: whether a new proposal can
   * go on it, and if not, where it goes instead. null for someone who writes
   * no proposals (they see the lists themselves).
   */
  async listState(actor: Actor, cycleId: number): Promise<ProposalListStateDto | null> {
    if (!hasRole(actor, Role.KnowledgeContact, Role.GroupLeader)) return null;
    const cycle = await this.cycles.findOneBy({ id: cycleId });
    if (!cycle || !cycleVisibleTo(actor, cycle)) return null;
    const unitCode = actor.unitCode;
    const m = this.proposals.manager;
    const row = await this.listRow(m, cycleId, unitCode);
    const unit = await this.units.findByCode(unitCode);
    const open = !row || !LOCKED_LIST.includes(row.status);
    const instead = open ? null : await this.openInstead(m, cycle, unitCode);
    return {
      cycleId,
      cycleLabel: cycle.label,
      unitCode,
      unitName: unit?.name ?? unitCode,
      status: (row?.status as ListStatus | undefined) ?? 'not-started',
      open,
      submittedAt: row?.submittedAt?.toISOString() ?? null,
      approvedAt: row?.approvedAt?.toISOString() ?? null,
      instead: instead
        ? { cycleId: instead.id, cycleLabel: instead.label, kind: instead.kind as 'regular' | 'irregular', dueDate: instead.dueDate }
        : null,
    };
  }

  private async touchList(m: EntityManager, cycleId: number, unitCode: string): Promise<void> {
    const list = await this.listRow(m, cycleId, unitCode);
    if (!list)
      await m.getRepository(ProposalListEntity).insert({
        cycleId,
        unitCode,
        status: 'in-progress',
        submittedBy: null,
        submittedAt: null,
        approvedBy: null,
        approvedAt: null,
        updatedAt: this.clock.now(),
      });
  }

  async list(actor: Actor, cycleId: number, unitCode: string): Promise<ProposalListDto> {
    if (!canReadUnit(actor, unitCode))
      throw await this.audit.denied(actor, {
        reason: 'other unit',
        targetType: 'proposal-list',
        targetId: `${cycleId}/${unitCode}`,
        unitCode,
      });
    const cycle = await this.cycles.findOneBy({ id: cycleId });
    const unit = await this.units.findByCode(unitCode);
    if (!cycle || !unit) throw new DomainError('LIST_NOT_FOUND', { 'zh-TW': '找不到此清單', en: 'No such list' }, HttpStatus.NOT_FOUND);
    const row = await this.lists.findOneBy({ cycleId, unitCode });
    const proposals = await this.proposals.find({ where: { cycleId, unitCode }, order: { id: 'ASC' } });
    const people = new Map(
      (await this.users.findByIds([row?.submittedBy, row?.approvedBy].filter((x): x is number => !!x))).map((u) => [u.id, u]),
    );
    const person = (id: number | null | undefined) => {
      const u = id ? people.get(id) : undefined;
      return u ? { account: u.account, name: u.displayName } : null;
    };
    return {
      cycleId,
      cycleLabel: cycle.label,
      unitCode,
      unitName: unit.name,
      status: (row?.status as ListStatus | undefined) ?? 'not-started',
      submittedBy: person(row?.submittedBy),
      submittedAt: row?.submittedAt?.toISOString() ?? null,
      approvedBy: person(row?.approvedBy),
      approvedAt: row?.approvedAt?.toISOString() ?? null,
      proposals: await this.toDtos(proposals),
    };
  }

  async listsOf(actor: Actor, cycleId: number): Promise<ProposalListDto[]> {
    const units = (await this.units.findAll()).filter((u) => u.active && canReadUnit(actor, u.code));
    return Promise.all(units.map((u) => this.list(actor, cycleId, u.code)));
  }

  async submit(actor: Actor, cycleId: number, unitCode: string): Promise<ProposalListDto> {
    if (!hasRole(actor, Role.KnowledgeContact) || actor.unitCode !== unitCode)
      throw await this.audit.denied(actor, {
        reason: 'not a contact of the unit',
        targetType: 'proposal-list',
        targetId: `${cycleId}/${unitCode}`,
        unitCode,
      });
    await this.tx.run(async (m) => {
      const count = await m.getRepository(ProposalEntity).count({ where: { cycleId, unitCode, status: In(EDITABLE) } });
      if (!count) throw conflict('LIST_EMPTY', '清單沒有待送出的提案', 'The list has no proposal to submit');
      const now = this.clock.now();
      const result = await m
        .getRepository(ProposalListEntity)
        .update(
          { cycleId, unitCode, status: In(['in-progress', 'returned']) },
          { status: 'submitted', submittedBy: actor.userId, submittedAt: now, updatedAt: now },
        );
      if (!result.affected) throw conflict('LIST_STATE', '清單已送出或已核定', 'The list is already submitted or approved');
      await m.getRepository(ProposalEntity).update({ cycleId, unitCode, status: In(EDITABLE) }, { status: 'submitted', updatedAt: now });
      const heads = await this.users.withRole(Role.UnitHead, unitCode);
      await this.notifications.notify(
        heads.map((u) => u.id),
        {
          kind: 'list.submitted',
          title: {
            'zh-TW': '{cycle} {unit} 資料檢視清單已送出，請核章',
            en: '{cycle}: the review list of {unit} was submitted for your approval',
          },
          link: `/proposals/lists/${cycleId}/${unitCode}`,
          units: { unit: unitCode },
          cycles: { cycle: cycleId },
          settles: ['list.returned'],
        },
        m,
      );
      await this.audit.record(
        {
          action: 'list.submit',
          actor,
          unitCode,
          targetType: 'proposal-list',
          targetId: `${cycleId}/${unitCode}`,
          detail: { proposals: count },
        },
        m,
      );
    });
    return this.list(actor, cycleId, unitCode);
  }

  private async assertHead(actor: Actor, cycleId: number, unitCode: string): Promise<void> {
    if (!hasRole(actor, Role.UnitHead) || actor.unitCode !== unitCode)
      throw await this.audit.denied(actor, {
        reason: 'not the unit head',
        targetType: 'proposal-list',
        targetId: `${cycleId}/${unitCode}`,
        unitCode,
      });
  }

  /** 核章: one transition however many approvals arrive at once. */
  async approve(actor: Actor, cycleId: number, unitCode: string): Promise<ProposalListDto> {
    await this.assertHead(actor, cycleId, unitCode);
    await this.tx.run(async (m) => {
      const now = this.clock.now();
      const result = await m
        .getRepository(ProposalListEntity)
        .update(
          { cycleId, unitCode, status: 'submitted' },
          { status: 'approved', approvedBy: actor.userId, approvedAt: now, updatedAt: now },
        );
      if (!result.affected) throw conflict('LIST_STATE', '清單不在待核章狀態', 'The list is not waiting for approval');
      await m
        .getRepository(ProposalEntity)
        .update({ cycleId, unitCode, status: 'submitted' }, { status: 'approved', returnComment: null, updatedAt: now });
      const contacts = await this.users.withRole(Role.KnowledgeContact, unitCode);
      const service = await this.users.withRole(Role.ServiceSection);
      await this.notifications.notify(
        [...contacts, ...service].map((u) => u.id),
        {
          kind: 'list.approved',
          title: { 'zh-TW': '{cycle} {unit} 資料檢視清單已核章', en: '{cycle}: the review list of {unit} was approved' },
          link: `/proposals/lists/${cycleId}/${unitCode}`,
          units: { unit: unitCode },
          cycles: { cycle: cycleId },
          settles: ['list.submitted'],
        },
        m,
      );
      await this.audit.record(
        { action: 'list.approve', actor, unitCode, targetType: 'proposal-list', targetId: `${cycleId}/${unitCode}` },
        m,
      );
    });
    return this.list(actor, cycleId, unitCode);
  }

  async returnList(actor: Actor, cycleId: number, unitCode: string, comments: Record<string, string>): Promise<ProposalListDto> {
    await this.assertHead(actor, cycleId, unitCode);
    const entries = Object.entries(comments ?? {}).filter(([, c]) => typeof c === 'string' && c.trim());
    if (!entries.length) throw invalid('comments', '請對退回的提案填寫意見', 'Comment on at least one returned proposal');
    await this.tx.run(async (m) => {
      const now = this.clock.now();
      const result = await m
        .getRepository(ProposalListEntity)
        .update({ cycleId, unitCode, status: 'submitted' }, { status: 'returned', updatedAt: now });
      if (!result.affected) throw conflict('LIST_STATE', '清單不在待核章狀態', 'The list is not waiting for approval');
      for (const [id, comment] of entries) {
        const r = await m
          .getRepository(ProposalEntity)
          .update(
            { id: Number(id), cycleId, unitCode, status: 'submitted' },
            { status: 'returned', returnComment: comment.trim().slice(0, 1000), updatedAt: now },
          );
        if (!r.affected) throw invalid(`comments.${id}`, `提案 #${id} 不在此清單中`, `Proposal #${id} is not on this list`);
      }
      const contacts = await this.users.withRole(Role.KnowledgeContact, unitCode);
      await this.notifications.notify(
        contacts.map((u) => u.id),
        {
          kind: 'list.returned',
          title: {
            'zh-TW': `{cycle} {unit} 資料檢視清單被退回（${entries.length} 項待修正）`,
            en: `{cycle}: the review list of {unit} was returned (${entries.length} to revise)`,
          },
          link: `/proposals/lists/${cycleId}/${unitCode}`,
          units: { unit: unitCode },
          cycles: { cycle: cycleId },
          settles: ['list.submitted'],
        },
        m,
      );
      await this.audit.record(
        {
          action: 'list.return',
          actor,
          unitCode,
          targetType: 'proposal-list',
          targetId: `${cycleId}/${unitCode}`,
          detail: { returned: entries.map(([id]) => Number(id)) },
        },
        m,
      );
    });
    return this.list(actor, cycleId, unitCode);
  }

  private async toDtos(rows: ProposalEntity[]): Promise<ProposalDto[]> {
    const out: ProposalDto[] = [];
    for (const p of rows) {
      const content = p.content ? (JSON.parse(p.content) as ProposalContent) : null;
      const item = p.kbItemId ? await this.knowledge.get(p.kbItemId).catch(() => null) : null;
      const before: ProposalContent | null = item
        ? {
            category: item.category,
            question: item.question,
            alternates: item.alternates,
            answer: item.answer,
            keywords: item.keywords,
            ownerUnitCode: item.ownerUnitCode ?? '',
          }
        : null;
      const editable = EDITABLE.includes(p.status);
      out.push({
        id: p.id,
        cycleId: p.cycleId,
        unitCode: p.unitCode,
        kind: p.kind as ProposalDto['kind'],
        kbItemId: p.kbItemId,
        before,
        content,
        reason: p.reason,
        source:
          p.sourceKind && p.sourceId
            ? {
                kind: p.sourceKind as QueueItemKind,
                id: p.sourceId,
                title: await this.queue.titleOf(p.sourceKind as QueueItemKind, p.sourceId),
              }
            : null,
        status: p.status as ProposalDto['status'],
        returnComment: p.returnComment,
        deferReason: p.deferReason,
        // Warnings matter while it can still be changed.
        warnings: editable
          ? await this.warnings(
              { cycleId: p.cycleId, kind: p.kind as ProposalDto['kind'], kbItemId: p.kbItemId, content, reason: p.reason },
              p.id,
            )
          : [],
        createdBy: p.createdBy,
        createdAt: p.createdAt.toISOString(),
        updatedAt: p.updatedAt.toISOString(),
      });
    }
    return out;
  }
}
