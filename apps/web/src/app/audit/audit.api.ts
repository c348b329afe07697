import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { AUDIT_ROUTES, type AuditPageDto, type AuditQuery, type AuditVerifyDto } from '@tunedesk/contracts';
import type { Observable } from 'rxjs';

const FILTER_KEYS = ['from', 'to', 'actor', 'unit', 'action', 'targetType', 'targetId'] as const satisfies readonly (keyof AuditQuery)[];

/** The filters as query parameters, empty ones left out; page and size only when given. */
export function auditParams(query: AuditQuery): HttpParams {
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
export class AuditApi {
  private readonly http = inject(HttpClient);

  list(query: AuditQuery): Observable<AuditPageDto> {
    return this.http.get<AuditPageDto>(AUDIT_ROUTES.list, { params: auditParams(query) });
  }

  verify(): Observable<AuditVerifyDto> {
    return this.http.get<AuditVerifyDto>(AUDIT_ROUTES.verify);
  }

  /** A plain link (the browser downloads with the session cookie); the same filters, every page. */
  exportHref(query: AuditQuery, format: 'csv' | 'xlsx' | 'ods' = 'csv'): string {
    const { page: _page, pageSize: _pageSize, ...filters } = query;
    let search = auditParams(filters);
    if (format !== 'csv') search = search.set('format', format);
    const params = search.toString();
    return params ? `${AUDIT_ROUTES.export}?${params}` : AUDIT_ROUTES.export;
  }
}
