import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { JobStatus, Role, type JobDaySummary, type JobRunDto } from '@tunedesk/contracts';
import { taipeiDateOf, toIsoDate } from '@tunedesk/domain';
import { randomUUID } from 'node:crypto';
import { Allow, SignedIn } from '../common/access';
import { Actor, CurrentActor } from '../common/actor';
import { JobName } from './job-catalogue';
import { JobQueue, toJobRunDto } from './job-queue.service';
import { JobRunsRepository } from './job-runs.repository';

@ApiTags('jobs')
@Controller('jobs')
export class JobsController {
  constructor(
    private readonly queue: JobQueue,
    private readonly runs: JobRunsRepository,
  ) {}

  @Allow(Role.ItSection, Role.SystemAdmin)
  @Post('self-test')
  @HttpCode(202)
  async selfTest(@CurrentActor() actor: Actor): Promise<JobRunDto> {
    const { run } = await this.queue.enqueue({ name: JobName.SystemSelfTest, key: randomUUID(), data: { requestedBy: actor.account } });
    return run;
  }

  @SignedIn()
  @Get('recent')
  async recent(): Promise<JobRunDto[]> {
    return (await this.runs.recent(20)).map(toJobRunDto);
  }

  /** Runs per day over the last `days` days (Taipei dates), for the status chart. */
  @SignedIn()
  @Get('summary')
  async summary(@Query('days') daysText?: string): Promise<JobDaySummary[]> {
    const days = Math.min(Math.max(Number(daysText) || 14, 1), 90);
    const today = taipeiDateOf(new Date());
    const dayList: string[] = [];
    for (let i = days - 1; i >= 0; i--) {
      dayList.push(toIsoDate(taipeiDateOf(new Date(Date.UTC(today.year, today.month - 1, today.day - i, 4)))));
    }
    const counts = await this.runs.countByDay(dayList[0]);
    return dayList.map((day) => {
      const of = (s: JobStatus) => counts.filter((c) => c.day === day && c.status === s).reduce((n, c) => n + c.count, 0);
      const total = counts.filter((c) => c.day === day).reduce((n, c) => n + c.count, 0);
      const succeeded = of(JobStatus.Succeeded);
      const failed = of(JobStatus.Failed);
      return { day, succeeded, failed, other: total - succeeded - failed };
    });
  }

  @SignedIn()
  @Get(':id')
  get(@Param('id') id: string): Promise<JobRunDto> {
    return this.queue.get(id);
  }
}
