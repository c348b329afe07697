import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Not, Repository } from 'typeorm';
import { SessionEntity } from './session.entity';

@Injectable()
export class SessionsRepository {
  constructor(@InjectRepository(SessionEntity) private readonly repo: Repository<SessionEntity>) {}

  create(session: SessionEntity): Promise<SessionEntity> {
    return this.repo.save(this.repo.create(session));
  }

  findByTokenHash(tokenHash: string): Promise<SessionEntity | null> {
    return this.repo.findOneBy({ tokenHash });
  }

  findOpenByUser(userId: number): Promise<SessionEntity[]> {
    return this.repo.find({ where: { userId, endedAt: IsNull() }, order: { createdAt: 'DESC' } });
  }

  async touch(tokenHash: string, at: Date): Promise<void> {
    await this.repo.update({ tokenHash }, { lastSeenAt: at });
  }

  async end(tokenHash: string, at: Date, reason: string, manager?: EntityManager): Promise<void> {
    const repo = manager ? manager.getRepository(SessionEntity) : this.repo;
    await repo.update({ tokenHash, endedAt: IsNull() }, { endedAt: at, endReason: reason });
  }

  /** Ends every open session of the user except `keep`; returns how many ended. */
  async endAllOf(userId: number, at: Date, reason: string, keep: string | null, manager?: EntityManager): Promise<number> {
    const repo = manager ? manager.getRepository(SessionEntity) : this.repo;
    const where = keep ? { userId, endedAt: IsNull(), tokenHash: Not(keep) } : { userId, endedAt: IsNull() };
    const result = await repo.update(where, { endedAt: at, endReason: reason });
    return result.affected ?? 0;
  }
}
