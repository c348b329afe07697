import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { DASHBOARD_ROUTES, type ItemMonthDto, type QualityBreakdownDto, type QualityDayDto, type QualityDto } from '@tunedesk/contracts';
import type { Observable } from 'rxjs';

/** The dashboard's filters; empty ones are left out of the request. */
export interface QualityFilters {
  /** YYYY-MM */
  from?: string;
  /** YYYY-MM */
  to?: string;
  channel?: string;
  category?: string;
}

export function qualityParams(filters: QualityFilters): HttpParams {
  let params = new HttpParams();
  for (const key of ['from', 'to', 'channel', 'category'] as const) {
    const value = filters[key]?.trim();
    if (value) params = params.set(key, value);
  }
  return params;
}

@Injectable({ providedIn: 'root' })
export class DashboardApi {
  private readonly http = inject(HttpClient);

  /** The figures of each month in the range, with the month before and the same month a year earlier. */
  quality(filters: QualityFilters = {}): Observable<QualityDto> {
    return this.http.get<QualityDto>(DASHBOARD_ROUTES.quality, { params: qualityParams(filters) });
  }

  /** One row per day of the month. */
  days(month: string, filters: Pick<QualityFilters, 'channel' | 'category'> = {}): Observable<QualityDayDto[]> {
    return this.http.get<QualityDayDto[]>(DASHBOARD_ROUTES.days(month), { params: qualityParams(filters) });
  }

  breakdown(month: string): Observable<QualityBreakdownDto> {
    return this.http.get<QualityBreakdownDto>(DASHBOARD_ROUTES.breakdown(month));
  }

  items(month: string): Observable<ItemMonthDto[]> {
    return this.http.get<ItemMonthDto[]>(DASHBOARD_ROUTES.items(month));
  }
}
