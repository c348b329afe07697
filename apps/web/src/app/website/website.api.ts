import { HttpClient, HttpContext, type HttpEvent, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ComplianceGridDto,
  CorrectionDto,
  CorrectionStatus,
  CreateWebPageRequest,
  ImportSummary,
  ReviewFormDto,
  ReviewFormSummaryDto,
  ReviewRowRequest,
  UpdateWebPageRequest,
  WebPageDto,
} from '@tunedesk/contracts';
import type { Observable } from 'rxjs';
import { FORM_STATUSES } from '../auth/auth.service';
import { HANDLED_STATUSES } from '../http/error.interceptor';
import type { FileFormat } from '../shared/export/file-links.component';

/** Failures the website pages show in place (a form decided by someone else, a refused field). */
const IN_PAGE = { context: new HttpContext().set(HANDLED_STATUSES, FORM_STATUSES) };

/** The addresses of the website module (see libs/contracts/src/website.ts). */
export const WEBSITE_API = {
  pages: '/api/website/pages',
  page: (pageId: string) => `/api/website/pages/${encodeURIComponent(pageId)}`,
  retire: (pageId: string) => `/api/website/pages/${encodeURIComponent(pageId)}/retire`,
  importPages: '/api/website/pages/import',
  exportPages: (format: FileFormat) => `/api/website/pages/export?format=${format}`,
  reviews: '/api/website/reviews',
  review: (id: number) => `/api/website/reviews/${id}`,
  row: (id: number, pageId: string) => `/api/website/reviews/${id}/rows/${encodeURIComponent(pageId)}`,
  submit: (id: number) => `/api/website/reviews/${id}/submit`,
  approve: (id: number) => `/api/website/reviews/${id}/approve`,
  return: (id: number) => `/api/website/reviews/${id}/return`,
  exportReview: (id: number, format: FileFormat) => `/api/website/reviews/${id}/export?format=${format}`,
  compliance: '/api/website/compliance',
  exportCompliance: (from: string, to: string, format: FileFormat) =>
    `/api/website/compliance/export?from=${from}&to=${to}&format=${format}`,
  corrections: '/api/website/corrections',
  correction: (id: number, step: 'done' | 'recheck' | 'publish') => `/api/website/corrections/${id}/${step}`,
} as const;

function params(values: Record<string, string | boolean | null | undefined>): HttpParams {
  let result = new HttpParams();
  for (const [key, value] of Object.entries(values))
    if (value !== null && value !== undefined && value !== '') result = result.set(key, String(value));
  return result;
}

@Injectable({ providedIn: 'root' })
export class WebsiteApi {
  private readonly http = inject(HttpClient);

  pages(filter: { unit?: string; q?: string; includeRetired?: boolean } = {}): Observable<WebPageDto[]> {
    return this.http.get<WebPageDto[]>(WEBSITE_API.pages, { params: params({ ...filter, includeRetired: filter.includeRetired || null }) });
  }

  createPage(request: CreateWebPageRequest): Observable<WebPageDto> {
    return this.http.post<WebPageDto>(WEBSITE_API.pages, request, IN_PAGE);
  }

  updatePage(pageId: string, request: UpdateWebPageRequest): Observable<WebPageDto> {
    return this.http.patch<WebPageDto>(WEBSITE_API.page(pageId), request, IN_PAGE);
  }

  retirePage(pageId: string): Observable<WebPageDto> {
    return this.http.post<WebPageDto>(WEBSITE_API.retire(pageId), {}, IN_PAGE);
  }

  importPages(file: File): Observable<HttpEvent<ImportSummary>> {
    const body = new FormData();
    body.append('file', file, file.name);
    return this.http.post<ImportSummary>(WEBSITE_API.importPages, body, { ...IN_PAGE, reportProgress: true, observe: 'events' });
  }

  reviews(filter: { month?: string; unit?: string } = {}): Observable<ReviewFormSummaryDto[]> {
    return this.http.get<ReviewFormSummaryDto[]>(WEBSITE_API.reviews, { params: params(filter) });
  }

  review(id: number): Observable<ReviewFormDto> {
    return this.http.get<ReviewFormDto>(WEBSITE_API.review(id));
  }

  saveRow(id: number, pageId: string, request: ReviewRowRequest): Observable<ReviewFormDto> {
    return this.http.put<ReviewFormDto>(WEBSITE_API.row(id, pageId), request, IN_PAGE);
  }

  decide(id: number, action: 'submit' | 'approve'): Observable<ReviewFormDto> {
    return this.http.post<ReviewFormDto>(WEBSITE_API[action](id), {}, IN_PAGE);
  }

  returnForm(id: number, reason: string): Observable<ReviewFormDto> {
    return this.http.post<ReviewFormDto>(WEBSITE_API.return(id), { reason }, IN_PAGE);
  }

  compliance(from: string, to: string): Observable<ComplianceGridDto> {
    return this.http.get<ComplianceGridDto>(WEBSITE_API.compliance, { params: params({ from, to }) });
  }

  corrections(filter: { status?: CorrectionStatus | ''; section?: string } = {}): Observable<CorrectionDto[]> {
    return this.http.get<CorrectionDto[]>(WEBSITE_API.corrections, { params: params(filter) });
  }

  markDone(id: number, note: string): Observable<CorrectionDto> {
    return this.http.post<CorrectionDto>(WEBSITE_API.correction(id, 'done'), { note }, IN_PAGE);
  }

  recheck(id: number, ok: boolean, note: string): Observable<CorrectionDto> {
    return this.http.post<CorrectionDto>(WEBSITE_API.correction(id, 'recheck'), { ok, note }, IN_PAGE);
  }

  publish(id: number, note: string): Observable<CorrectionDto> {
    return this.http.post<CorrectionDto>(WEBSITE_API.correction(id, 'publish'), { note }, IN_PAGE);
  }
}
