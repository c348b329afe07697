import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type JobDaySummary, type JobRunDto, JobStatus } from '@tunedesk/contracts';
import { type Observable, exhaustMap, startWith, switchMap, takeWhile, timer } from 'rxjs';

export const JOB_POLL_INTERVAL_MS = 500;

export function isFinished(run: JobRunDto): boolean {
  return run.status === JobStatus.Succeeded || run.status === JobStatus.Failed;
}

@Injectable({ providedIn: 'root' })
export class JobsApi {
  private readonly http = inject(HttpClient);

  startSelfTest(): Observable<JobRunDto> {
    return this.http.post<JobRunDto>('/api/jobs/self-test', {});
  }

  get(id: string): Observable<JobRunDto> {
    return this.http.get<JobRunDto>(`/api/jobs/${encodeURIComponent(id)}`);
  }

  recent(): Observable<JobRunDto[]> {
    return this.http.get<JobRunDto[]>('/api/jobs/recent');
  }

  summary(days: number): Observable<JobDaySummary[]> {
    return this.http.get<JobDaySummary[]>('/api/jobs/summary', { params: { days } });
  }

  /** Starts the self-test and emits every state of the run until it has finished. */
  runSelfTest(): Observable<JobRunDto> {
    return this.startSelfTest().pipe(
      switchMap((started) =>
        timer(JOB_POLL_INTERVAL_MS, JOB_POLL_INTERVAL_MS).pipe(
          // exhaustMap: a slow answer is not cancelled by the next tick.
          exhaustMap(() => this.get(started.id)),
          startWith(started),
          takeWhile((run) => !isFinished(run), true),
        ),
      ),
    );
  }
}
