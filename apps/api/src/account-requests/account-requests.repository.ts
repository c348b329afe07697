import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AccountRequestStatus } from '@tunedesk/contracts';
import { Brackets, EntityManager, In, LessThanOrEqual, Repository } from 'typeorm';
import { AccountRequestEntity } from './account-request.entity';

@Injectable()
export class AccountRequestsRepository {
  constructor(@InjectRepository(AccountRequestEntity) private readonly repo: Repository<AccountRequestEntity>) {}

  private r(manager?: EntityManager): Repository<AccountRequestEntity> {
    return manager ? manager.getRepository(AccountRequestEntity) : this.repo;
  }

  findById(id: number, manager?: EntityManager): Promise<AccountRequestEntity | null> {
    return this.r(manager).findOneBy({ id });
  }

  async insert(row: Omit<AccountRequestEntity, 'id'>, manager: EntityManager): Promise<number> {
    const result = await this.r(manager).insert(row);
    return Number(result.identifiers[0].id);
  }

  /** Everything, or what concerns one unit, or what one user filed or is the subject of. */
  list(scope: { all: true } | { unitCode: string; userId: number } | { userId: number }): Promise<AccountRequestEntity[]> {
    const q = this.repo.createQueryBuilder('r').orderBy('r.id', 'DESC');
    if ('unitCode' in scope) {
      q.where(
        new Brackets((b) =>
          b
            .where('r.approver_unit_code = :unit', { unit: scope.unitCode })
            .orWhere('r.unit_code = :unit', { unit: scope.unitCode })
            .orWhere('r.filed_by_id = :user', { user: scope.userId }),
        ),
      );
    } else if ('userId' in scope) {
      q.where(
        new Brackets((b) =>
          b.where('r.filed_by_id = :user', { user: scope.userId }).orWhere('r.subject_user_id = :user', { user: scope.userId }),
        ),
      );
    }
    return q.getMany();
  }

  /** An open request (not decided against, not finished) for the same account. */
  findOpenFor(account: string): Promise<AccountRequestEntity | null> {
    return this.repo.findOneBy({
      account,
      status: In([AccountRequestStatus.Submitted, AccountRequestStatus.Approved, AccountRequestStatus.Scheduled]),
    });
  }

  dueOn(day: string): Promise<AccountRequestEntity[]> {
    return this.repo.find({ where: { status: AccountRequestStatus.Scheduled, effectiveDate: LessThanOrEqual(day) }, order: { id: 'ASC' } });
  }

  /**
   * Moves a request from one status to the next only if it is still in the
   * first: of two concurrent approvals exactly one changes a row.
   */
  async transition(
    id: number,
    from: AccountRequestStatus,
    fields: Partial<AccountRequestEntity>,
    manager: EntityManager,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(AccountRequestEntity)
      .set(fields)
      .where('id = :id', { id })
      .andWhere('status = :from', { from })
      .execute();
    return (result.affected ?? 0) === 1;
  }
}
