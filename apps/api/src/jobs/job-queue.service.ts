import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import type { JobRunDto } from '@tunedesk/contracts';
import { DomainError } from '../common/domain-error';
import { jobId, JobRequest } from './job-catalogue';
import { JOB_DRIVER, JobDriver } from './job-driver';
import { JobRunEntity } from './job-run.entity';
import { JobRunsRepository } from './job-runs.repository';

export function toJobRunDto(run: JobRunEntity): JobRunDto {
  return {
    id: run.id,
    name: run.name,
    status: run.status,
    progress: run.progress,
    attempts: run.attempts,
    errorCode: run.errorCode,
    errorMessage: run.errorMessage,
    result: run.result ? JSON.parse(run.result) : null,
    processedBy: run.processedBy,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt ? run.finishedAt.toISOString() : null,
  };
}

/** The one service producers call to start background work. */
@Injectable()
export class JobQueue implements BeforeApplicationShutdown {
  constructor(
    @Inject(JOB_DRIVER) private readonly driver: JobDriver,
    private readonly runs: JobRunsRepository,
  ) {}

  get driverKind(): JobDriver['kind'] {
    return this.driver.kind;
  }

  /**
   * Enqueues a job whose id is derived from its name and key. A second enqueue
   * with the same key returns the first run and starts nothing.
   */
  async enqueue(request: JobRequest): Promise<{ run: JobRunDto; duplicate: boolean }> {
    const id = jobId(request.name, request.key);
    const created = await this.runs.createIfAbsent(id, request.name, request.data);
    if (created) await this.driver.add(id, request.name, request.data);
    return { run: await this.get(id), duplicate: !created };
  }

  async get(id: string): Promise<JobRunDto> {
    const run = await this.runs.findById(id);
    if (!run) {
      throw new DomainError('JOB_NOT_FOUND', { 'zh-TW': `找不到背景工作 ${id}`, en: `No job ${id}` }, 404);
    }
    return toJobRunDto(run);
  }

  // Before, not on, shutdown: the database must still be open while the running job finishes.
  async beforeApplicationShutdown(): Promise<void> {
    await this.driver.close();
  }
}
