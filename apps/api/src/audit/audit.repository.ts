import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, LessThan, MoreThan, Repository, SelectQueryBuilder } from 'typeorm';
import { AuditAnchorEntity, AuditEventEntity } from './audit-event.entity';

export interface AuditFilter {
  fromInstant?: Date;
  toInstant?: Date;
  actor?: string;
  unit?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
}

/** The only code that touches the audit tables. There is no update and no delete except the retention purge. */
@Injectable()
export class AuditRepository {
  constructor(@InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>) {}

  /** Reads the chain head, locking it on MySQL so writers from several processes queue up. */
  async lockAnchor(manager: EntityManager): Promise<AuditAnchorEntity> {
    const isMysql = manager.connection.options.type === 'mysql';
    const anchor = await manager
      .getRepository(AuditAnchorEntity)
      .findOne({ where: { id: 1 }, ...(isMysql ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!anchor) throw new Error('audit_anchor row 1 is missing: the migrations did not run');
    return anchor;
  }

  /** Account names of users, for showing who a row is about (never stored in the trail itself). */
  async accountsOf(userIds: number[]): Promise<Map<number, string>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.events.manager
      .createQueryBuilder()
      .select(['u.id AS id', 'u.account AS account'])
      .from('app_user', 'u')
      .where('u.id IN (:...ids)', { ids: userIds })
      .getRawMany<{ id: number; account: string }>();
    return new Map(rows.map((r) => [Number(r.id), r.account]));
  }

  readAnchor(): Promise<AuditAnchorEntity | null> {
    return this.events.manager.getRepository(AuditAnchorEntity).findOneBy({ id: 1 });
  }

  async append(manager: EntityManager, row: Omit<AuditEventEntity, 'id'>): Promise<AuditEventEntity> {
    const saved = await manager.getRepository(AuditEventEntity).save(manager.getRepository(AuditEventEntity).create(row));
    await manager.getRepository(AuditAnchorEntity).update({ id: 1 }, { headId: saved.id, headHash: saved.hash });
    return saved;
  }

  private filtered(filter: AuditFilter): SelectQueryBuilder<AuditEventEntity> {
    const q = this.events.createQueryBuilder('e');
    if (filter.fromInstant) q.andWhere('e.occurred_at >= :from', { from: filter.fromInstant });
    if (filter.toInstant) q.andWhere('e.occurred_at < :to', { to: filter.toInstant });
    if (filter.actor) q.andWhere('e.actor_account = :actor', { actor: filter.actor });
    if (filter.unit) q.andWhere('e.unit_code = :unit', { unit: filter.unit });
    if (filter.action) q.andWhere('e.action = :action', { action: filter.action });
    if (filter.targetType) q.andWhere('e.target_type = :targetType', { targetType: filter.targetType });
    if (filter.targetId) q.andWhere('e.target_id = :targetId', { targetId: filter.targetId });
    return q;
  }

  page(filter: AuditFilter, skip: number, take: number): Promise<[AuditEventEntity[], number]> {
    return this.filtered(filter).orderBy('e.id', 'DESC').skip(skip).take(take).getManyAndCount();
  }

  /** Rows after `afterId` in chain order, `limit` at a time (export and verification walk the table in batches). */
  batchAfter(afterId: number, limit: number, filter: AuditFilter = {}): Promise<AuditEventEntity[]> {
    return this.filtered(filter).andWhere('e.id > :afterId', { afterId }).orderBy('e.id', 'ASC').take(limit).getMany();
  }

  /** The id of the newest row older than `cutoff` such that every row up to it is older too. */
  async purgeBoundary(manager: EntityManager, cutoff: Date): Promise<AuditEventEntity | null> {
    const repo = manager.getRepository(AuditEventEntity);
    const firstKept = await repo.findOne({ where: { occurredAt: MoreThan(new Date(cutoff.getTime() - 1)) }, order: { id: 'ASC' } });
    const where = firstKept ? { id: LessThan(firstKept.id), occurredAt: LessThan(cutoff) } : { occurredAt: LessThan(cutoff) };
    return repo.findOne({ where, order: { id: 'DESC' } });
  }

  async deleteThrough(manager: EntityManager, throughId: number, purged: { id: number; hash: string }): Promise<number> {
    const result = await manager.createQueryBuilder().delete().from(AuditEventEntity).where('id <= :throughId', { throughId }).execute();
    await manager.getRepository(AuditAnchorEntity).update({ id: 1 }, { purgedThroughId: purged.id, purgedThroughHash: purged.hash });
    return result.affected ?? 0;
  }
}
