import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { BullMqDriver } from './bullmq.driver';
import { InProcessDriver } from './in-process.driver';
import { JOB_DRIVER, JobDriver } from './job-driver';
import { JobQueue } from './job-queue.service';
import { JobRunEntity } from './job-run.entity';
import { JobRunner } from './job-runner';
import { JobRunsRepository } from './job-runs.repository';
import { JobsController } from './jobs.controller';
import { PeriodicJobs } from './periodic-jobs.service';
import { SelfTestProcessor } from './self-test.processor';

export interface JobsModuleOptions {
  /** The worker app always processes; the api does when there is no Redis or WORKER_EMBEDDED=true. */
  role: 'api' | 'worker' | 'cli';
}

@Global()
@Module({})
export class JobsModule {
  static forRoot(options: JobsModuleOptions): DynamicModule {
    return {
      module: JobsModule,
      imports: [DiscoveryModule, TypeOrmModule.forFeature([JobRunEntity])],
      controllers: options.role === 'api' ? [JobsController] : [],
      providers: [
        JobRunsRepository,
        JobRunner,
        JobQueue,
        SelfTestProcessor,
        ...(options.role === 'api' ? [PeriodicJobs] : []),
        {
          provide: JOB_DRIVER,
          inject: [APP_CONFIG, JobRunner],
          useFactory: (config: AppConfig, runner: JobRunner): JobDriver => {
            if (!config.redisUrl) return new InProcessDriver(runner, config.jobConcurrency);
            return new BullMqDriver(runner, {
              redisUrl: config.redisUrl,
              prefix: config.queuePrefix,
              processJobs: options.role === 'worker' || (options.role === 'api' && config.workerEmbedded),
              concurrency: config.jobConcurrency,
              lockMs: config.jobLockMs,
            });
          },
        },
      ],
      exports: [JobQueue, JobRunsRepository],
    };
  }
}
