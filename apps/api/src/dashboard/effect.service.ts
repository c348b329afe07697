import { HttpStatus, Injectable } from '@nestjs/common';
import {
  EFFECT_RULE,
  EFFECT_VERDICTS,
  Role,
  type EffectDto,
  type EffectRowDto,
  type EffectVerdict,
  type ProposalKind,
  type QueueItemKind,
  type SendBackResultDto,
} from '@tunedesk/contracts';
import { compactText, normalizeText } from '@tunedesk/domain';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { unitScope } from './scope';
import { asDate, Clock, taipeiDay } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { Transactions } from '../database/transactions';
import { NotificationsService } from '../notifications/notifications.service';
import { UnitsRepository } from '../org/units.repository';
import { UsersRepository } from '../org/users.repository';
import { ProposalEntity } from '../proposals/proposal.entities';
import { MissClusterEntity, TuningCycleEntity } from '../reports/report.entities';
import { OPEN_WORK, ReviewItemEntity } from '../tuning/tuning.entities';
import { InsightsService } from './insights.service';
import { shiftMonth } from './months';

type Num = number | string;

/** The keys a cluster's wordings are followed by in rollup_miss (compactText of the normalized question). */
export function wordingKeys(wordingsJson: string): string[] {
  const wordings = JSON.parse(wordingsJson) as { text: string; key?: string }[];
  return [...new Set(wordings.map((w) => w.key ?? (compactText(normalizeText(w.text)) || w.text.trim())).filter(Boolean))];
}

/** The verdict on mean monthly misses before and after a change (EFFECT_RULE). */
export function verdictOf(before: number, after: number | null): { verdict: EffectVerdict; change: number | null } {
  if (after === null) return { verdict: 'pending', change: null };
  if (before === 0) return { verdict: after >= 2 ? 'worse' : 'unchanged', change: null };
  const change = Math.round(((after - before) / before) * 10_000) / 10_000;
  if (change <= EFFECT_RULE.improvedAtMost) return { verdict: 'improved', change };
  if (change >= EFFECT_RULE.worseAtLeast && after - before >= 2) return { verdict: 'worse', change };
  return { verdict: 'unchanged', change };
}

/** How many rows have each verdict. */
const tally = (rows: EffectRowDto[]) =>
  Object.fromEntries(EFFECT_VERDICTS.map((v) => [v, rows.filter((r) => r.verdict === v).length])) as Record<EffectVerdict, number>;

const mean = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100;

const notFound = (id: number) =>
  new DomainError('PROPOSAL_NOT_FOUND', { 'zh-TW': `找不到提案 #${id}`, en: `No proposal #${id}` }, HttpStatus.NOT_FOUND);

/**
 * Did tuning work: for every applied change answering a miss cluster, the
 * misses of the cluster's wordings in the months before it and after it was
 * applied (from rollup_miss), a verdict, and a way back to the unit's queue.
 */
@Injectable()
export class EffectService {
  constructor(
    private readonly ds: DataSource,
    private readonly insights: InsightsService,
    private readonly units: UnitsRepository,
    private readonly users: UsersRepository,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  async effect(actor: Actor, q: { cycle?: number; unit?: string; verdict?: EffectVerdict }): Promise<EffectDto> {
    const unitCode = unitScope(actor, q.unit, { 'zh-TW': '只能查看本單位的調校成效', en: "Only your own unit's changes can be read" });
    if (q.verdict && !EFFECT_VERDICTS.includes(q.verdict))
      throw new DomainError('VALIDATION_FAILED', { 'zh-TW': '不明的判定', en: 'Unknown verdict' }, HttpStatus.BAD_REQUEST, [
        { field: 'verdict', reason: EFFECT_VERDICTS.join('|') },
      ]);
    const where: Record<string, unknown> = { status: 'applied', sourceKind: 'cluster' };
    if (q.cycle) where.cycleId = q.cycle;
    if (unitCode) where.unitCode = unitCode;
    const proposals = await this.ds.getRepository(ProposalEntity).find({ where, order: { appliedAt: 'DESC', id: 'DESC' } });
    const rows = await this.rows(proposals);
    const counts = tally(rows);
    return { rows: q.verdict ? rows.filter((r) => r.verdict === q.verdict) : rows, counts, rule: EFFECT_RULE };
  }

  /** Verdict counts of the changes whose first month after being applied is `month` (what that month's report judged). */
  async countsJudgedIn(month: string): Promise<Record<EffectVerdict, number>> {
    const proposals = await this.ds.getRepository(ProposalEntity).findBy({ status: 'applied', sourceKind: 'cluster' });
    const rows = (await this.rows(proposals)).filter((r) => r.after[0]?.month === month);
    return tally(rows);
  }

  private async rows(proposals: ProposalEntity[]): Promise<EffectRowDto[]> {
    const withSource = proposals.filter((p) => p.appliedAt && p.sourceId);
    if (!withSource.length) return [];
    const present = await this.insights.months();
    const clusters = new Map(
      (await this.ds.getRepository(MissClusterEntity).findBy({ id: In([...new Set(withSource.map((p) => p.sourceId!))]) })).map((c) => [
        c.id,
        c,
      ]),
    );
    const cycles = new Map((await this.ds.getRepository(TuningCycleEntity).find()).map((c) => [c.id, c]));
    const names = new Map((await this.units.findAll()).map((u) => [u.code, u.name]));
    const itemIds = [...new Set(withSource.map((p) => p.kbItemId ?? p.newItemId).filter((x): x is string => !!x))];
    const questions = new Map<string, string>(
      itemIds.length
        ? (await this.ds.query(`SELECT id, question FROM kb_item WHERE id IN (${itemIds.map(() => '?').join(',')})`, itemIds)).map(
            (r: { id: string; question: string }) => [r.id, r.question],
          )
        : [],
    );
    const out: EffectRowDto[] = [];
    for (const p of withSource) {
      const source = clusters.get(p.sourceId!);
      const cycle = cycles.get(p.cycleId);
      if (!source || !cycle) continue;
      const sourceMonth = cycles.get(source.cycleId)?.month ?? cycle.month;
      const appliedAt = asDate(p.appliedAt)!;
      const appliedMonth = taipeiDay(appliedAt).slice(0, 7);
      // Before: the source's month and the two before it; after: the first three imported months after the change's month.
      const beforeMonths = sourceMonth
        ? Array.from({ length: EFFECT_RULE.months }, (_, i) => shiftMonth(sourceMonth, i - EFFECT_RULE.months + 1)).filter(
            (m) => present.includes(m) && m <= appliedMonth,
          )
        : [];
      const afterMonths = present.filter((m) => m > appliedMonth).slice(0, EFFECT_RULE.months);
      const keys = wordingKeys(source.wordings);
      const misses = await this.missesByMonth(keys, [...beforeMonths, ...afterMonths]);
      const before = beforeMonths.map((month) => ({ month, misses: misses.get(month) ?? 0 }));
      const after = afterMonths.map((month) => ({ month, misses: misses.get(month) ?? 0 }));
      const beforeMean = before.length ? mean(before.map((b) => b.misses)) : source.size;
      const afterMean = after.length ? mean(after.map((a) => a.misses)) : null;
      const { verdict, change } = verdictOf(beforeMean, afterMean);
      const content = p.content ? (JSON.parse(p.content) as { question?: string }) : null;
      const itemId = p.kbItemId ?? p.newItemId;
      out.push({
        proposalId: p.id,
        cycleId: p.cycleId,
        cycleLabel: cycle.label,
        unitCode: p.unitCode,
        unitName: names.get(p.unitCode) ?? p.unitCode,
        kind: p.kind as ProposalKind,
        kbItemId: itemId,
        title: content?.question ?? (itemId ? (questions.get(itemId) ?? '') : ''),
        appliedAt: appliedAt.toISOString(),
        appliedMonth,
        sourceClusterId: source.id,
        sourceRepresentative: source.representative,
        wordings: keys.length,
        before,
        after,
        beforeMean,
        afterMean,
        change,
        verdict,
        sentBack:
          p.sentBackKind && p.sentBackId && p.sentBackAt
            ? {
                kind: p.sentBackKind as QueueItemKind,
                id: p.sentBackId,
                at: asDate(p.sentBackAt)!.toISOString(),
                by: p.sentBackBy ?? '',
              }
            : null,
      });
    }
    return out;
  }

  private async missesByMonth(keys: string[], months: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (!keys.length || !months.length) return out;
    for (let i = 0; i < keys.length; i += 400) {
      const slice = keys.slice(i, i + 400);
      const rows: { month: string; misses: Num }[] = await this.ds.query(
        `SELECT month, SUM(misses) AS misses FROM rollup_miss
          WHERE wording_key IN (${slice.map(() => '?').join(',')}) AND month IN (${months.map(() => '?').join(',')})
          GROUP BY month`,
        [...slice, ...months],
      );
      for (const r of rows) out.set(r.month, (out.get(r.month) ?? 0) + Number(r.misses));
    }
    return out;
  }

  /**
   * Puts an unimproved change back in the owning unit's queue, in the newest
   * open cycle: the cluster there that shares the most wordings with the
   * change's source is reopened if it was closed; without one, the item is
   * queued for review with the reason 「調校後未改善」.
   */
  async sendBack(actor: Actor, proposalId: number): Promise<SendBackResultDto> {
    const p = await this.ds.getRepository(ProposalEntity).findOneBy({ id: proposalId });
    if (!p || p.status !== 'applied' || p.sourceKind !== 'cluster') throw notFound(proposalId);
    const [row] = await this.rows([p]);
    if (!row) throw notFound(proposalId);
    if (row.sentBack)
      throw new DomainError(
        'ALREADY_SENT_BACK',
        {
          'zh-TW': `提案 #${proposalId} 已於 ${taipeiDay(new Date(row.sentBack.at))} 送回`,
          en: `Proposal #${proposalId} was sent back on ${taipeiDay(new Date(row.sentBack.at))}`,
        },
        HttpStatus.CONFLICT,
      );
    if (row.verdict !== 'unchanged' && row.verdict !== 'worse')
      throw new DomainError(
        'EFFECT_NOT_UNIMPROVED',
        {
          'zh-TW': row.verdict === 'pending' ? '套用後尚無月份資料，還不能判定' : '此項調校已改善，不需送回',
          en: row.verdict === 'pending' ? 'No month after the change has been imported yet' : 'This change worked; nothing to send back',
        },
        HttpStatus.CONFLICT,
      );
    const cycles = this.ds.getRepository(TuningCycleEntity);
    const target =
      (await cycles.find({ where: { kind: 'regular' }, order: { month: 'DESC' } })).find((c) => !c.closedAt) ??
      (await cycles.findOneBy({ kind: 'irregular' }));
    if (!target) throw notFound(proposalId);
    const source = (await this.ds.getRepository(MissClusterEntity).findOneBy({ id: p.sourceId! }))!;
    const keys = new Set(wordingKeys(source.wordings));
    const now = this.clock.now();
    const result = await this.tx.run(async (m): Promise<SendBackResultDto> => {
      const sent = await this.place(m, p, target, keys, now);
      const done = await m
        .getRepository(ProposalEntity)
        .update(
          { id: p.id, sentBackAt: IsNull() },
          { sentBackKind: sent.kind, sentBackId: sent.id, sentBackAt: now, sentBackBy: actor.account },
        );
      if (!done.affected)
        throw new DomainError('ALREADY_SENT_BACK', { 'zh-TW': `提案 #${p.id} 已送回`, en: `Proposal #${p.id} was sent back` }, 409);
      const contacts = await this.users.withRole(Role.KnowledgeContact, p.unitCode);
      await this.notifications.notify(
        contacts.map((u) => u.id).filter((id) => id !== actor.userId),
        {
          kind: 'effect.sent-back',
          title: {
            'zh-TW': `提案 #${p.id}「${row.title.slice(0, 30)}」套用後未答問題未減少，已送回重新檢視`,
            en: `Proposal #${p.id} did not cut its misses and was sent back for another look`,
          },
          link: `/queue/${sent.kind}/${sent.id}`,
        },
        m,
      );
      await this.audit.record(
        {
          action: 'dashboard.send-back',
          actor,
          unitCode: p.unitCode,
          targetType: 'proposal',
          targetId: p.id,
          detail: { verdict: row.verdict, change: row.change, to: `${sent.kind}#${sent.id}`, cycleId: sent.cycleId },
        },
        m,
      );
      return sent;
    });
    return result;
  }

  private async place(
    m: EntityManager,
    p: ProposalEntity,
    target: TuningCycleEntity,
    keys: Set<string>,
    now: Date,
  ): Promise<SendBackResultDto> {
    const clusters = await m.getRepository(MissClusterEntity).findBy({ cycleId: target.id });
    let best: MissClusterEntity | null = null;
    let bestShared = 0;
    for (const c of clusters) {
      const shared = wordingKeys(c.wordings).filter((k) => keys.has(k)).length;
      if (shared > bestShared || (shared === bestShared && shared > 0 && best && c.size > best.size)) {
        best = c;
        bestShared = shared;
      }
    }
    if (best) {
      if (best.queueStatus === 'closed')
        await m.getRepository(MissClusterEntity).update(
          { id: best.id },
          {
            ...OPEN_WORK,
            routedUnitCode: best.routedUnitCode ?? p.unitCode,
            reassignReason: `調校未改善（提案 #${p.id}）`.slice(0, 500),
          },
        );
      return { kind: 'cluster', id: best.id, cycleId: target.id };
    }
    const itemId = p.kbItemId ?? p.newItemId;
    const exists = itemId ? (await m.query(`SELECT id FROM kb_item WHERE id = ?`, [itemId])).length > 0 : false;
    if (!itemId || !exists)
      throw new DomainError(
        'NOTHING_TO_SEND_BACK',
        {
          'zh-TW': `${target.label}沒有相同問題的群組，題目也已不在題庫，無法送回`,
          en: `${target.label} has no cluster of these questions and the item is no longer in the bank`,
        },
        HttpStatus.CONFLICT,
      );
    const reviews = m.getRepository(ReviewItemEntity);
    const existing = await reviews.findOneBy({ cycleId: target.id, kbItemId: itemId });
    if (existing) {
      const reasons = [...new Set([...existing.reasons.split(',').filter(Boolean), 'not-improved'])].join(',');
      await reviews.update(
        { id: existing.id },
        {
          reasons,
          ...(existing.status === 'done' || existing.queueStatus === 'closed'
            ? { ...OPEN_WORK, status: 'open', doneAt: null, doneBy: null }
            : {}),
        },
      );
      return { kind: 'review', id: existing.id, cycleId: target.id };
    }
    const inserted = await reviews.insert({
      cycleId: target.id,
      unitCode: p.unitCode,
      kbItemId: itemId,
      reasons: 'not-improved',
      detail: JSON.stringify({ hits: 0, ratings: 0, dissatisfied: 0, expiryDate: null, pastYears: [], sentBackFrom: p.id, at: now }),
      status: 'open',
      note: null,
      doneBy: null,
      doneAt: null,
      ...OPEN_WORK,
    });
    return { kind: 'review', id: Number(inserted.identifiers[0].id), cycleId: target.id };
  }
}
