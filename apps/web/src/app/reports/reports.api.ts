import { HttpClient, HttpContext, type HttpEvent, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  type ImportProfileDto,
  type MissClusterDto,
  type MissClusterSummaryDto,
  REPORT_ROUTES,
  type ReportImportDto,
  type ReportImportRejectedDto,
  type ReportImportStatus,
  type ReviewItemDto,
  type ReviewItemUpdate,
  type ReviewStatus,
  TUNING_ROUTES,
  type TuningCycleDto,
} from '@tunedesk/contracts';
import { EMPTY, type Observable, expand, switchMap, timer } from 'rxjs';
import { FORM_STATUSES } from '../auth/auth.service';
import { HANDLED_STATUSES } from '../http/error.interceptor';

/** Failures the upload card shows in place: a duplicate file, a month already imported, a refused file. */
const IN_PAGE = { context: new HttpContext().set(HANDLED_STATUSES, [...FORM_STATUSES, 413, 415]) };
/** An unknown id is shown as such on the page, not as a snackbar. */
const NOT_FOUND_IN_PAGE = { context: new HttpContext().set(HANDLED_STATUSES, [404]) };
/** A refused withdrawal (409 CYCLE_ANNOUNCED) is explained on the import page itself. */
const CONFLICT_IN_PAGE = { context: new HttpContext().set(HANDLED_STATUSES, [409]) };
/** The upload card does without the profiles when they cannot be read: it says so and lets the server detect the columns. */
const PROFILES_QUIET = { context: new HttpContext().set(HANDLED_STATUSES, [0, 403, 404, 500, 502, 503, 504]) };

/** How often the import page asks how far the worker has got. */
export const IMPORT_POLL_MS = 1000;

/** Still in the worker's hands: the page keeps polling. */
export function isImportActive(status: ReportImportStatus): boolean {
  return status === 'queued' || status === 'processing';
}

export type ClusterExportFormat = 'csv' | 'xlsx' | 'ods';

/** The misses explorer's filters; empty ones are left out of the request. */
export interface ClusterFilters {
  unit?: string;
  minSize?: number;
  recurring?: boolean;
  channel?: string;
  /** Only the clusters no rule could route (待分派). */
  triage?: boolean;
}

export function clusterParams(filters: ClusterFilters): HttpParams {
  let params = new HttpParams();
  const unit = filters.unit?.trim();
  if (unit) params = params.set('unit', unit);
  if (filters.minSize !== undefined && filters.minSize > 1) params = params.set('minSize', filters.minSize);
  if (filters.recurring) params = params.set('recurring', 'true');
  const channel = filters.channel?.trim();
  if (channel) params = params.set('channel', channel);
  if (filters.triage) params = params.set('triage', 'true');
  return params;
}

/** The review list's filters; empty ones are left out of the request. */
export interface ReviewFilters {
  unit?: string;
  status?: ReviewStatus;
}

export function reviewParams(filters: ReviewFilters): HttpParams {
  let params = new HttpParams();
  const unit = filters.unit?.trim();
  if (unit) params = params.set('unit', unit);
  if (filters.status) params = params.set('status', filters.status);
  return params;
}

export interface ReportUploadOptions {
  /** YYYY-MM; the server infers it from the file when left out. */
  month?: string | null;
  /** Replace the month's existing report (after REPORT_MONTH_EXISTS). */
  replace?: boolean;
  /** The import profile whose header aliases read the file; left out, the server detects the columns. */
  profileId?: number | null;
}

@Injectable({ providedIn: 'root' })
export class ReportsApi {
  private readonly http = inject(HttpClient);

  /** Newest first. */
  imports(): Observable<ReportImportDto[]> {
    return this.http.get<ReportImportDto[]>(REPORT_ROUTES.imports);
  }

  getImport(id: number): Observable<ReportImportDto> {
    return this.http.get<ReportImportDto>(REPORT_ROUTES.import(id), NOT_FOUND_IN_PAGE);
  }

  /**
   * The import, then again every IMPORT_POLL_MS while the worker has it, until
   * it has finished. The next request waits for the answer to the last one.
   */
  watchImport(id: number): Observable<ReportImportDto> {
    return this.getImport(id).pipe(
      expand((current) => (isImportActive(current.status) ? timer(IMPORT_POLL_MS).pipe(switchMap(() => this.getImport(id))) : EMPTY)),
    );
  }

  cancelImport(id: number): Observable<ReportImportDto> {
    return this.http.post<ReportImportDto>(REPORT_ROUTES.cancel(id), {});
  }

  /**
   * Withdraws a completed conversation log: the month's conversations and its
   * dashboard figures are removed. Refused with 409 CYCLE_ANNOUNCED once the
   * month's cycle has been announced. The answer is the import, now withdrawn.
   */
  withdraw(id: number): Observable<ReportImportDto> {
    return this.http.delete<ReportImportDto>(REPORT_ROUTES.withdraw(id), CONFLICT_IN_PAGE);
  }

  rejected(id: number): Observable<ReportImportRejectedDto> {
    return this.http.get<ReportImportRejectedDto>(REPORT_ROUTES.rejected(id));
  }

  /** A plain link: the browser downloads the file with the session cookie. */
  rejectedCsvHref(id: number): string {
    return REPORT_ROUTES.rejectedCsv(id);
  }

  /** The rejected rows as .csv, .xlsx or .ods */
  rejectedHref(id: number, format: 'csv' | 'xlsx' | 'ods'): string {
    return REPORT_ROUTES.rejectedFile(id, format);
  }

  cycles(): Observable<TuningCycleDto[]> {
    return this.http.get<TuningCycleDto[]>(REPORT_ROUTES.cycles);
  }

  cycle(id: number): Observable<TuningCycleDto> {
    return this.http.get<TuningCycleDto>(REPORT_ROUTES.cycle(id), NOT_FOUND_IN_PAGE);
  }

  announce(id: number): Observable<TuningCycleDto> {
    return this.http.post<TuningCycleDto>(REPORT_ROUTES.announce(id), {});
  }

  /** Largest first. */
  clusters(cycleId: number, filters: ClusterFilters): Observable<MissClusterSummaryDto[]> {
    return this.http.get<MissClusterSummaryDto[]>(REPORT_ROUTES.clusters(cycleId), { params: clusterParams(filters) });
  }

  cluster(id: number): Observable<MissClusterDto> {
    return this.http.get<MissClusterDto>(REPORT_ROUTES.cluster(id), NOT_FOUND_IN_PAGE);
  }

  exportHref(cycleId: number, format: ClusterExportFormat): string {
    return REPORT_ROUTES.clustersExport(cycleId, format);
  }

  /** The cycle's existing items queued for review; a knowledge contact or unit head gets their own unit's only. */
  reviewItems(cycleId: number, filters: ReviewFilters = {}): Observable<ReviewItemDto[]> {
    return this.http.get<ReviewItemDto[]>(TUNING_ROUTES.reviewItems(cycleId), { params: reviewParams(filters) });
  }

  updateReviewItem(id: number, update: ReviewItemUpdate): Observable<ReviewItemDto> {
    return this.http.patch<ReviewItemDto>(TUNING_ROUTES.reviewItem(id), update);
  }

  /** The import profiles an uploader may pick (service section and administrator). */
  profiles(): Observable<ImportProfileDto[]> {
    return this.http.get<ImportProfileDto[]>(TUNING_ROUTES.profiles, PROFILES_QUIET);
  }
}

/**
 * The upload of a monthly report. Provided by the upload page itself, so that
 * it takes the route's HttpClient: that one sends with XMLHttpRequest, which
 * reports upload progress (fetch, the app's default, does not).
 */
@Injectable()
export class ReportUploadApi {
  private readonly http = inject(HttpClient);

  /** Every event of the upload; the answer is the queued import (202). */
  upload(file: File, options: ReportUploadOptions = {}): Observable<HttpEvent<ReportImportDto>> {
    const body = new FormData();
    body.append('file', file, file.name);
    if (options.month) body.append('month', options.month);
    if (options.replace) body.append('replace', 'true');
    if (options.profileId !== undefined && options.profileId !== null) body.append('profileId', String(options.profileId));
    return this.http.post<ReportImportDto>(REPORT_ROUTES.imports, body, { ...IN_PAGE, reportProgress: true, observe: 'events' });
  }
}
