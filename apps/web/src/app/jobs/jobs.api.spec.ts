import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { type JobRunDto, JobStatus } from '@tunedesk/contracts';
import { JOB_POLL_INTERVAL_MS, JobsApi } from './jobs.api';

const run = (status: JobStatus, progress: number): JobRunDto => ({
  id: 'system-self-test.abc',
  name: 'system-self-test',
  status,
  progress,
  attempts: 1,
  errorCode: null,
  errorMessage: null,
  result: status === JobStatus.Succeeded ? { processedBy: 'vm:1', attempt: 1 } : null,
  processedBy: status === JobStatus.Succeeded ? 'vm:1' : null,
  createdAt: '2026-11-29T02:00:00Z',
  finishedAt: null,
});

describe('JobsApi.runSelfTest', () => {
  let controller: HttpTestingController;

  beforeEach(() => {
    jest.useFakeTimers();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    controller = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    controller.verify();
    jest.useRealTimers();
  });

  it('posts the self-test, then polls the run every 500 ms until it has finished', () => {
    const seen: JobRunDto[] = [];
    let completed = false;
    TestBed.inject(JobsApi)
      .runSelfTest()
      .subscribe({ next: (r) => seen.push(r), complete: () => (completed = true) });

    const post = controller.expectOne('/api/jobs/self-test');
    expect(post.request.method).toBe('POST');
    post.flush(run(JobStatus.Queued, 0));
    expect(seen.map((r) => r.status)).toEqual([JobStatus.Queued]);

    jest.advanceTimersByTime(JOB_POLL_INTERVAL_MS - 1);
    controller.expectNone('/api/jobs/system-self-test.abc');
    jest.advanceTimersByTime(1);
    controller.expectOne('/api/jobs/system-self-test.abc').flush(run(JobStatus.Running, 50));

    jest.advanceTimersByTime(JOB_POLL_INTERVAL_MS);
    controller.expectOne('/api/jobs/system-self-test.abc').flush(run(JobStatus.Succeeded, 100));

    expect(seen.map((r) => [r.status, r.progress])).toEqual([
      [JobStatus.Queued, 0],
      [JobStatus.Running, 50],
      [JobStatus.Succeeded, 100],
    ]);
    expect(completed).toBe(true);
    jest.advanceTimersByTime(JOB_POLL_INTERVAL_MS * 3);
    controller.expectNone('/api/jobs/system-self-test.abc');
  });

  it('stops at once when the run has already failed', () => {
    const seen: JobStatus[] = [];
    TestBed.inject(JobsApi)
      .runSelfTest()
      .subscribe((r) => seen.push(r.status));
    controller.expectOne('/api/jobs/self-test').flush(run(JobStatus.Failed, 75));
    jest.advanceTimersByTime(JOB_POLL_INTERVAL_MS * 2);
    controller.expectNone('/api/jobs/system-self-test.abc');
    expect(seen).toEqual([JobStatus.Failed]);
  });
});
