import { HttpClient, HttpContext, type HttpEvent, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  KB_ROUTES,
  type KbDiffDto,
  type KbHealthDto,
  type KbImportResultDto,
  type KbItemDto,
  type KbItemPageDto,
  type KbItemStatus,
  type KbSearchHitDto,
  type KbStatusChangeRequest,
  type KbVersionDto,
} from '@tunedesk/contracts';
import type { Observable } from 'rxjs';
import { FORM_STATUSES } from '../auth/auth.service';
import { HANDLED_STATUSES } from '../http/error.interceptor';

/** Failures the pages show in place: a missing item, a refused correction, a file the import turned down. */
const IN_PAGE = { context: new HttpContext().set(HANDLED_STATUSES, [...FORM_STATUSES, 413, 415]) };
/** An unknown id is shown as such on the item page (its history fails alike), not as a snackbar. */
const NOT_FOUND_IN_PAGE = { context: new HttpContext().set(HANDLED_STATUSES, [404]) };

export interface KbListQuery {
  q?: string;
  category?: string;
  unit?: string;
  status?: KbItemStatus | '';
  page?: number;
  pageSize?: number;
}

export type KbExportFormat = 'csv' | 'xlsx' | 'ods';

const FILTER_KEYS = ['q', 'category', 'unit', 'status'] as const satisfies readonly (keyof KbListQuery)[];

/** The filters as query parameters, empty ones left out; page and size only when given. */
export function kbListParams(query: KbListQuery): HttpParams {
  let params = new HttpParams();
  for (const key of FILTER_KEYS) {
    const value = query[key]?.trim();
    if (value) params = params.set(key, value);
  }
  if (query.page !== undefined) params = params.set('page', query.page);
  if (query.pageSize !== undefined) params = params.set('pageSize', query.pageSize);
  return params;
}

@Injectable({ providedIn: 'root' })
export class KbApi {
  private readonly http = inject(HttpClient);

  list(query: KbListQuery): Observable<KbItemPageDto> {
    return this.http.get<KbItemPageDto>(KB_ROUTES.items, { params: kbListParams(query) });
  }

  /** Nearest items by meaning, best first. */
  search(q: string, limit = 10): Observable<KbSearchHitDto[]> {
    return this.http.get<KbSearchHitDto[]>(KB_ROUTES.search, { params: new HttpParams().set('q', q).set('limit', limit) });
  }

  categories(): Observable<string[]> {
    return this.http.get<string[]>(KB_ROUTES.categories);
  }

  get(id: string): Observable<KbItemDto> {
    return this.http.get<KbItemDto>(KB_ROUTES.item(id), NOT_FOUND_IN_PAGE);
  }

  /** Newest first. */
  versions(id: string): Observable<KbVersionDto[]> {
    return this.http.get<KbVersionDto[]>(KB_ROUTES.versions(id), NOT_FOUND_IN_PAGE);
  }

  diff(id: string, from: number, to: number): Observable<KbDiffDto> {
    return this.http.get<KbDiffDto>(KB_ROUTES.diff(id, from, to));
  }

  /** The administrator's correction: disable an item, or publish it again. */
  setStatus(id: string, request: KbStatusChangeRequest): Observable<KbItemDto> {
    return this.http.patch<KbItemDto>(KB_ROUTES.status(id), request, IN_PAGE);
  }

  health(): Observable<KbHealthDto> {
    return this.http.get<KbHealthDto>(KB_ROUTES.health);
  }

  /** A plain link: the browser downloads the file with the session cookie. */
  exportHref(format: KbExportFormat): string {
    return `${KB_ROUTES.export}?format=${format}`;
  }
}

/**
 * The upload of a bank file. Provided by the import page itself, so that it
 * takes the HttpClient of the import route: that one sends with
 * XMLHttpRequest, which reports upload progress (fetch, the app's default, does not).
 */
@Injectable()
export class KbImportApi {
  private readonly http = inject(HttpClient);

  /** Every event of the upload, so the page can show how far it has got. */
  importFile(file: File): Observable<HttpEvent<KbImportResultDto>> {
    const body = new FormData();
    body.append('file', file, file.name);
    return this.http.post<KbImportResultDto>(KB_ROUTES.import, body, { ...IN_PAGE, reportProgress: true, observe: 'events' });
  }
}
