import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import type { AuditAction, AuditChange, AuditEventDto, AuditPageDto, AuditQuery, AuditVerifyDto } from '@tunedesk/contracts';
import { canonicalJson, chainHash, parseIsoDate, verifyChain, type ChainedRow } from '@tunedesk/domain';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AccessDenied, Actor, RequestOrigin } from '../common/actor';
import { Clock, DAY_MS } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import { AuditEventEntity } from './audit-event.entity';
import { AuditFilter, AuditRepository } from './audit.repository';

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export interface AuditEntry {
  action: AuditAction;
  /** The signed-in user; null for events before sign-in (failed logins) and for jobs. */
  actor: Actor | null;
  /** For events without an actor: where the request came from. */
  origin?: RequestOrigin;
  /** The unit the event concerns; defaults to the actor's. */
  unitCode?: string | null;
  targetType?: string;
  targetId?: string | number | null;
  changes?: AuditChange[];
  detail?: Record<string, unknown>;
}

/** The hashed content of a row: everything but its id and the hashes themselves. */
function contentOf(row: Omit<AuditEventEntity, 'id' | 'previousHash' | 'hash'>): Record<string, unknown> {
  return {
    occurredAt: row.occurredAt.toISOString(),
    actorId: row.actorId,
    actorAccount: row.actorAccount,
    unitCode: row.unitCode,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    changes: row.changes,
    detail: row.detail,
    requestId: row.requestId,
    clientIp: row.clientIp,
  };
}

export function toAuditEventDto(e: AuditEventEntity): AuditEventDto {
  return {
    id: e.id,
    occurredAt: e.occurredAt.toISOString(),
    actorId: e.actorId,
    actorAccount: e.actorAccount,
    unitCode: e.unitCode,
    action: e.action as AuditAction,
    targetType: e.targetType,
    targetId: e.targetId,
    targetLabel: null,
    changes: e.changes ? (JSON.parse(e.changes) as AuditChange[]) : [],
    detail: e.detail ? (JSON.parse(e.detail) as Record<string, unknown>) : null,
    requestId: e.requestId,
    clientIp: e.clientIp,
  };
}

function isRealDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  try {
    parseIsoDate(value);
    return true;
  } catch {
    return false;
  }
}

/** The audit trail: append-only, hash-chained, kept for the retention period and no longer. */
@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(
    private readonly repo: AuditRepository,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Appends one event. Pass the caller's transaction manager so the change and
   * its audit row commit together; without one the row gets its own transaction.
   */
  async record(entry: AuditEntry, manager?: EntityManager): Promise<void> {
    const work = async (m: EntityManager) => {
      const anchor = await this.repo.lockAnchor(m);
      const base = {
        occurredAt: this.clock.now(),
        actorId: entry.actor && entry.actor.userId > 0 ? entry.actor.userId : null,
        actorAccount: entry.actor?.account ?? null,
        unitCode: entry.unitCode !== undefined ? entry.unitCode : entry.actor?.unitCode || null,
        action: entry.action,
        targetType: entry.targetType ?? null,
        targetId: entry.targetId != null ? String(entry.targetId) : null,
        changes: entry.changes?.length ? canonicalJson(entry.changes) : null,
        detail: entry.detail ? canonicalJson(entry.detail) : null,
        requestId: entry.actor?.requestId ?? entry.origin?.requestId ?? null,
        clientIp: entry.actor?.clientIp ?? entry.origin?.clientIp ?? null,
      };
      const hash = chainHash(anchor.headHash, contentOf(base), sha256);
      await this.repo.append(m, { ...base, previousHash: anchor.headHash, hash });
    };
    if (manager) await work(manager);
    else await this.tx.run(work);
  }

  /** Records a denial and returns the error to throw (403, or 404 so that existence is not revealed). */
  async denied(
    actor: Actor,
    what: { reason: string; targetType?: string; targetId?: string | number | null; unitCode?: string | null },
    status: HttpStatus.FORBIDDEN | HttpStatus.NOT_FOUND = HttpStatus.FORBIDDEN,
  ): Promise<AccessDenied> {
    await this.record({
      action: 'access.denied',
      actor,
      targetType: what.targetType,
      targetId: what.targetId,
      unitCode: what.unitCode,
      detail: { reason: what.reason, status },
    });
    return new AccessDenied(what.reason, status);
  }

  toFilter(query: AuditQuery): AuditFilter {
    for (const [field, value] of [
      ['from', query.from],
      ['to', query.to],
    ] as const) {
      if (value !== undefined && !isRealDay(value))
        throw new DomainError(
          'AUDIT_BAD_DATE',
          { 'zh-TW': `日期格式應為 YYYY-MM-DD（${field}）`, en: `${field} must be a date as YYYY-MM-DD` },
          HttpStatus.BAD_REQUEST,
          [{ field, reason: `not a date: ${value}` }],
        );
    }
    // Days are office (Asia/Taipei) days; stored instants are UTC.
    return {
      fromInstant: query.from ? new Date(`${query.from}T00:00:00+08:00`) : undefined,
      toInstant: query.to ? new Date(new Date(`${query.to}T00:00:00+08:00`).getTime() + DAY_MS) : undefined,
      actor: query.actor || undefined,
      unit: query.unit || undefined,
      action: query.action || undefined,
      targetType: query.targetType || undefined,
      targetId: query.targetId || undefined,
    };
  }

  async list(query: AuditQuery): Promise<AuditPageDto> {
    const page = Math.max(1, query.page ?? 1);
    const pageSize = Math.min(500, Math.max(1, query.pageSize ?? 50));
    const [rows, total] = await this.repo.page(this.toFilter(query), (page - 1) * pageSize, pageSize);
    const userIds = [...new Set(rows.filter((r) => r.targetType === 'user' && r.targetId).map((r) => Number(r.targetId)))];
    const accounts = await this.repo.accountsOf(userIds);
    const items = rows.map((r) => ({
      ...toAuditEventDto(r),
      targetLabel: r.targetType === 'user' ? (accounts.get(Number(r.targetId)) ?? null) : null,
    }));
    return { items, total, page, pageSize };
  }

  /** Rows matching the filter in chain order, a batch at a time. */
  async *rows(filter: AuditFilter, batch = 1000): AsyncGenerator<AuditEventEntity> {
    let after = 0;
    for (;;) {
      const rows = await this.repo.batchAfter(after, batch, filter);
      if (rows.length === 0) return;
      yield* rows;
      after = rows[rows.length - 1].id;
    }
  }

  /** Walks the whole chain from the retention anchor; reports the first broken link. */
  async verify(): Promise<AuditVerifyDto> {
    const anchor = await this.repo.readAnchor();
    if (!anchor) throw new Error('audit_anchor row 1 is missing');
    let previous = anchor.purgedThroughHash;
    let checked = 0;
    let lastId = anchor.purgedThroughId;
    const verifiedAt = this.clock.now().toISOString();
    const startsAfterId = anchor.purgedThroughId || null;
    for (;;) {
      const rows = await this.repo.batchAfter(lastId, 1000);
      if (rows.length === 0) break;
      const chained: ChainedRow[] = rows.map((r) => ({ id: r.id, content: contentOf(r), previousHash: r.previousHash, hash: r.hash }));
      const verdict = verifyChain(chained, sha256, previous);
      if (!verdict.ok) {
        return {
          ok: false,
          checked: checked + verdict.checked,
          brokenAt: Number(verdict.brokenAt),
          reason: verdict.reason,
          startsAfterId,
          verifiedAt,
        };
      }
      checked += verdict.checked;
      previous = rows[rows.length - 1].hash;
      lastId = rows[rows.length - 1].id;
    }
    // Rows deleted from the end leave the head pointing past the last row.
    if (anchor.headId !== 0 && (anchor.headId !== lastId || anchor.headHash !== previous)) {
      return { ok: false, checked, brokenAt: anchor.headId, reason: 'link-broken', startsAfterId, verifiedAt };
    }
    return { ok: true, checked, brokenAt: null, reason: null, startsAfterId, verifiedAt };
  }

  /**
   * Deletes rows older than the retention period (never below six months) and
   * records what it deleted, in the same transaction.
   */
  async purge(actor: Actor): Promise<{ deleted: number; throughId: number | null; cutoff: string }> {
    const days = Math.max(183, this.config.auditRetentionDays);
    const cutoff = new Date(this.clock.now().getTime() - days * DAY_MS);
    return this.tx.run(async (m) => {
      await this.repo.lockAnchor(m);
      const last = await this.repo.purgeBoundary(m, cutoff);
      if (!last) return { deleted: 0, throughId: null, cutoff: cutoff.toISOString() };
      const deleted = await this.repo.deleteThrough(m, last.id, { id: last.id, hash: last.hash });
      await this.record(
        {
          action: 'audit.purge',
          actor,
          unitCode: null,
          targetType: 'audit_event',
          detail: { deleted, throughId: last.id, throughHash: last.hash, olderThan: cutoff.toISOString(), retentionDays: days },
        },
        m,
      );
      this.logger.log({ deleted, throughId: last.id }, 'Audit rows past retention purged');
      return { deleted, throughId: last.id, cutoff: cutoff.toISOString() };
    });
  }
}
