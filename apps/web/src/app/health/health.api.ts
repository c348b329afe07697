import { HttpClient, HttpContext, HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { HealthReport } from '@tunedesk/contracts';
import { type Observable, catchError, of, throwError } from 'rxjs';
import { HANDLED_STATUSES } from '../http/error.interceptor';

function isHealthReport(body: unknown): body is HealthReport {
  return typeof body === 'object' && body !== null && Array.isArray((body as HealthReport).components);
}

@Injectable({ providedIn: 'root' })
export class HealthApi {
  private readonly http = inject(HttpClient);

  /** A 503 carries the same report naming the failing component: it is data, not a failure. */
  report(): Observable<HealthReport> {
    return this.http
      .get<HealthReport>('/api/health', { context: new HttpContext().set(HANDLED_STATUSES, [503]) })
      .pipe(
        catchError((error: unknown) =>
          error instanceof HttpErrorResponse && error.status === 503 && isHealthReport(error.error)
            ? of(error.error)
            : throwError(() => error),
        ),
      );
  }
}
