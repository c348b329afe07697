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

  /** Counts a failed login in one statement, so concurrent attempts are all counted. */
  async addFailedLogin(userId: number): Promise<number> {
    await this.repo
      .createQueryBuilder()
      .update(UserEntity)
      .set({ failedLogins: () => 'failed_logins + 1' })
      .where('id = :userId', { userId })
      .execute();
    return (await this.repo.findOneByOrFail({ id: userId })).failedLogins;
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
