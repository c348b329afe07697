import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Role } from '@tunedesk/contracts';
import { Brackets, EntityManager, Repository } from 'typeorm';
import { PasswordHistoryEntity, UserEntity, UserRoleEntity } from './user.entity';

/** Account names compare without regard to case or full-width forms. */
export function normaliseAccount(account: string): string {
  return account.normalize('NFKC').trim().toLowerCase();
}

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(UserEntity) private readonly repo: Repository<UserEntity>) {}

  private users(manager?: EntityManager): Repository<UserEntity> {
    return manager ? manager.getRepository(UserEntity) : this.repo;
  }

  findById(id: number, manager?: EntityManager): Promise<UserEntity | null> {
    return this.users(manager).findOneBy({ id });
  }

  findByAccount(account: string, manager?: EntityManager): Promise<UserEntity | null> {
    return this.users(manager).findOneBy({ account: normaliseAccount(account) });
  }

  findByIds(ids: number[]): Promise<UserEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.repo.createQueryBuilder('u').leftJoinAndSelect('u.roleRows', 'r').where('u.id IN (:...ids)', { ids }).getMany();
  }

  count(): Promise<number> {
    return this.repo.count();
  }

  countInUnit(unitCode: string): Promise<number> {
    return this.repo.countBy({ unitCode });
  }

  list(filter: { unitCode?: string; q?: string }): Promise<UserEntity[]> {
    const q = this.repo
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.roleRows', 'r')
      .orderBy('u.unit_code', 'ASC')
      .addOrderBy('u.account', 'ASC');
    if (filter.unitCode) q.andWhere('u.unit_code = :unit', { unit: filter.unitCode });
    if (filter.q) {
      const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q.andWhere(new Brackets((b) => b.where('u.account LIKE :like', { like }).orWhere('u.display_name LIKE :like', { like })));
    }
    return q.getMany();
  }

  /** Active users holding `role` in `unitCode` (the unit heads who may approve a request). */
  withRole(role: Role, unitCode?: string): Promise<UserEntity[]> {
    const q = this.repo
      .createQueryBuilder('u')
      .innerJoin('u.roleRows', 'has', 'has.role = :role', { role })
      .leftJoinAndSelect('u.roleRows', 'r')
      .where('u.active = :active', { active: true });
    if (unitCode) q.andWhere('u.unit_code = :unit', { unit: unitCode });
    return q.getMany();
  }

  /** Active accounts whose last sign-in (or creation, if never) is before the cutoff. */
  inactiveSince(cutoff: Date): Promise<UserEntity[]> {
    return this.repo
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.roleRows', 'r')
      .where('u.active = :active', { active: true })
      .andWhere(
        new Brackets((b) =>
          b
            .where('u.last_login_at < :cutoff', { cutoff })
            .orWhere(new Brackets((n) => n.where('u.last_login_at IS NULL').andWhere('u.created_at < :cutoff', { cutoff }))),
        ),
      )
      .getMany();
  }

  /** Inserts a user and returns its id; roles are written by setRoles (never through the relation). */
  async insert(fields: Omit<UserEntity, 'id' | 'roleRows'>, manager: EntityManager): Promise<number> {
    const result = await manager.getRepository(UserEntity).insert(fields);
    return Number(result.identifiers[0].id);
  }

  /** Replaces the user's roles. */
  async setRoles(userId: number, roles: Role[], manager: EntityManager): Promise<void> {
    const repo = manager.getRepository(UserRoleEntity);
    await repo.delete({ userId });
    if (roles.length) await repo.insert(roles.map((role) => ({ userId, role })));
  }

  /**
   * Sign-in attempts are counted before the password is checked, each by one
   * conditional statement, so parallel attempts cannot all read "not locked"
   * and then all be verified: the counter holds every attempt in flight or
   * failed since the last success, and no attempt is claimed at the limit.
   */

  /** A lock that has run out ends here, and its count with it; true when one did. */
  async releaseExpiredLock(userId: number, now: Date): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .update(UserEntity)
      .set({ failedLogins: 0, lockedUntil: null })
      .where('id = :userId', { userId })
      .andWhere('locked_until IS NOT NULL')
      .andWhere('locked_until <= :now', { now })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Claims one attempt: counts it unless the account is locked or already at `limit`; false when refused. */
  async claimAttempt(userId: number, limit: number): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .update(UserEntity)
      .set({ failedLogins: () => 'failed_logins + 1' })
      .where('id = :userId', { userId })
      .andWhere('locked_until IS NULL')
      .andWhere('failed_logins < :limit', { limit })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** The attempts counted so far (failed or still being checked). */
  async failedLogins(userId: number): Promise<number> {
    return (await this.repo.findOneByOrFail({ id: userId })).failedLogins;
  }

  /**
   * Locks the account once its count reaches `limit`, keeping the count, so
   * no attempt is claimed until the lock runs out; true only for the one call
   * that set this lock (so it is audited once).
   */
  async lockAtLimit(userId: number, limit: number, until: Date): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .update(UserEntity)
      .set({ lockedUntil: until })
      .where('id = :userId', { userId })
      .andWhere('locked_until IS NULL')
      .andWhere('failed_logins >= :limit', { limit })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** After a right password: the count starts again, unless a lock came first (then false: refuse). */
  async clearFailures(userId: number, fields: Partial<Pick<UserEntity, 'lastLoginAt'>>, manager?: EntityManager): Promise<boolean> {
    const result = await this.users(manager)
      .createQueryBuilder()
      .update(UserEntity)
      .set({ ...fields, failedLogins: 0 })
      .where('id = :userId', { userId })
      .andWhere('locked_until IS NULL')
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async update(userId: number, fields: Partial<Omit<UserEntity, 'roleRows'>>, manager?: EntityManager): Promise<void> {
    await this.users(manager).update({ id: userId }, fields);
  }

  recentPasswordHashes(userId: number, limit: number, manager?: EntityManager): Promise<PasswordHistoryEntity[]> {
    const repo = manager ? manager.getRepository(PasswordHistoryEntity) : this.repo.manager.getRepository(PasswordHistoryEntity);
    return repo.find({ where: { userId }, order: { id: 'DESC' }, take: limit });
  }

  async addPasswordHistory(userId: number, passwordHash: string, at: Date, manager: EntityManager): Promise<void> {
    await manager.getRepository(PasswordHistoryEntity).insert({ userId, passwordHash, createdAt: at });
  }
}
