import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { hostname } from 'node:os';
import { DomainError } from '../common/domain-error';
import { checkCatalogue, JobContext, JobFailure, JobName, JobProcessor } from './job-catalogue';
import { JOB_HANDLER } from './job-handler.decorator';
import { JobRunsRepository } from './job-runs.repository';

export const PROCESS_IDENTITY = `${hostname()}:${process.pid}`;

/**
 * Runs one attempt of a job with its processor and records the attempt in
 * job_run. Both drivers call it, so state, progress and errors look the same
 * whether BullMQ or the in-process runner carried the job.
 */
@Injectable()
export class JobRunner implements OnModuleInit {
  private readonly logger = new Logger('Jobs');
  private readonly processors = new Map<string, JobProcessor>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly runs: JobRunsRepository,
  ) {}

  onModuleInit(): void {
    const found: { name: string; processor: string; instance: JobProcessor }[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      if (!wrapper.metatype || !wrapper.instance) continue;
      const name = this.reflector.get<JobName | undefined>(JOB_HANDLER, wrapper.metatype);
      if (name) found.push({ name, processor: wrapper.metatype.name, instance: wrapper.instance as JobProcessor });
    }
    checkCatalogue(found);
    for (const f of found) this.processors.set(f.name, f.instance);
  }

  /** Throws when the attempt fails, so the driver can retry; `final` says whether it will. */
  async execute(id: string, name: string, data: unknown, attempt: number, maxAttempts: number): Promise<unknown> {
    const processor = this.processors.get(name);
    if (!processor) throw new Error(`No processor for job "${name}"`);
    await this.runs.markRunning(id, attempt, PROCESS_IDENTITY);
    let lastProgress = -1;
    const context: JobContext = {
      jobId: id,
      attempt,
      progress: async (percent) => {
        const p = Math.max(0, Math.min(100, Math.round(percent)));
        if (p === lastProgress) return;
        lastProgress = p;
        await this.runs.setProgress(id, p);
      },
    };
    try {
      const result = await processor.process(data as never, context);
      await this.runs.markSucceeded(id, result);
      return result;
    } catch (error) {
      const final = attempt >= maxAttempts || error instanceof DomainError;
      const code = error instanceof JobFailure || error instanceof DomainError ? error.code : 'JOB_ERROR';
      const message = error instanceof Error ? error.message : String(error);
      await this.runs.markFailed(id, code, message, final);
      this.logger.warn({ jobId: id, job: name, attempt, final, code }, 'Job attempt failed');
      throw error;
    }
  }

  /** A DomainError is the input's fault: retrying cannot help. */
  isRetryable(error: unknown): boolean {
    return !(error instanceof DomainError);
  }
}
