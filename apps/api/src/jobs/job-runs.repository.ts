import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { JobStatus } from '@tunedesk/contracts';
import { taipeiDateOf, toIsoDate } from '@tunedesk/domain';
import { MoreThanOrEqual, Repository } from 'typeorm';
import { JobRunEntity } from './job-run.entity';

@Injectable()
export class JobRunsRepository {
  constructor(@InjectRepository(JobRunEntity) private readonly repo: Repository<JobRunEntity>) {}

  findById(id: string): Promise<JobRunEntity | null> {
    return this.repo.findOneBy({ id });
  }

  /**
   * Records a queued job. Returns false when a run with that id exists already
   * (a duplicate enqueue), which the caller then does not pass to the driver.
   */
  async createIfAbsent(id: string, name: string, data: unknown): Promise<boolean> {
    const now = new Date();
    try {
      await this.repo.insert({
        id,
        name,
        status: JobStatus.Queued,
        progress: 0,
        attempts: 0,
        data: JSON.stringify(data),
        day: toIsoDate(taipeiDateOf(now)),
        createdAt: now,
        updatedAt: now,
      });
      return true;
    } catch (error) {
      if (await this.repo.existsBy({ id })) return false;
      throw error;
    }
  }

  async markRunning(id: string, attempt: number, processedBy: string): Promise<void> {
    const now = new Date();
    await this.repo.update({ id }, { status: JobStatus.Running, attempts: attempt, processedBy, startedAt: now, updatedAt: now });
  }

  async setProgress(id: string, progress: number): Promise<void> {
    await this.repo.update({ id }, { progress, updatedAt: new Date() });
  }

  async markSucceeded(id: string, result: unknown): Promise<void> {
    const now = new Date();
    await this.repo.update(
      { id },
      {
        status: JobStatus.Succeeded,
        progress: 100,
        result: result === undefined ? null : JSON.stringify(result),
        errorCode: null,
        errorMessage: null,
        finishedAt: now,
        updatedAt: now,
      },
    );
  }

  /** A failed attempt: `final` when no retry follows. */
  async markFailed(id: string, code: string, message: string, final: boolean): Promise<void> {
    const now = new Date();
    await this.repo.update(
      { id },
      {
        status: final ? JobStatus.Failed : JobStatus.Queued,
        errorCode: code,
        errorMessage: message,
        finishedAt: final ? now : null,
        updatedAt: now,
      },
    );
  }

  recent(limit: number): Promise<JobRunEntity[]> {
    return this.repo.find({ order: { createdAt: 'DESC' }, take: limit });
  }

  /** Runs per day and status since `fromDay` (YYYY-MM-DD), grouped on the stored `day` column. */
  async countByDay(fromDay: string): Promise<{ day: string; status: JobStatus; count: number }[]> {
    const rows = await this.repo
      .createQueryBuilder('j')
      .select('j.day', 'day')
      .addSelect('j.status', 'status')
      .addSelect('COUNT(*)', 'count')
      .where({ day: MoreThanOrEqual(fromDay) })
      .groupBy('j.day')
      .addGroupBy('j.status')
      .orderBy('j.day', 'ASC')
      .getRawMany<{ day: string; status: JobStatus; count: string | number }>();
    return rows.map((r) => ({ day: r.day, status: r.status, count: Number(r.count) }));
  }
}
