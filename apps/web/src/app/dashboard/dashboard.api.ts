import { HttpClient, HttpContext, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  DASHBOARD_ROUTES,
  type EffectDto,
  type EffectVerdict,
  type ItemMonthDto,
  type ItemsOverviewDto,
  type MissesMonthDto,
  type MonthlySummaryDto,
  type ProgressDto,
  type QualityBreakdownDto,
  type QualityDayDto,
  type QualityDto,
  type SendBackResultDto,
} from '@tunedesk/contracts';
import type { Observable } from 'rxjs';
import { HANDLED_STATUSES } from '../http/error.interceptor';

/** Answers the dashboard pages explain themselves (no cycle yet, another unit's figures). */
const IN_PAGE = () => new HttpContext().set(HANDLED_STATUSES, [403, 404]);

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

  /** Hits per item over the recent months, items idle three months, categories that gained or lost. */
  itemsOverview(month: string): Observable<ItemsOverviewDto> {
    return this.http.get<ItemsOverviewDto>(DASHBOARD_ROUTES.itemsOverview(month));
  }

  /** The month's largest, newly appearing and recurring miss clusters. */
  misses(month: string): Observable<MissesMonthDto> {
    return this.http.get<MissesMonthDto>(DASHBOARD_ROUTES.misses(month));
  }

  /** A cycle's progress (the latest when `cycle` is left out); `unit` narrows to one unit. */
  progress(filters: { cycle?: number | null; unit?: string | null } = {}): Observable<ProgressDto> {
    let params = new HttpParams();
    if (filters.cycle) params = params.set('cycle', String(filters.cycle));
    if (filters.unit) params = params.set('unit', filters.unit);
    return this.http.get<ProgressDto>(DASHBOARD_ROUTES.progress, { params, context: IN_PAGE() });
  }

  /** Every applied change with its source clusters' misses before and after, and a verdict. */
  effect(filters: { cycle?: number | null; unit?: string | null; verdict?: EffectVerdict | null } = {}): Observable<EffectDto> {
    let params = new HttpParams();
    if (filters.cycle) params = params.set('cycle', String(filters.cycle));
    if (filters.unit) params = params.set('unit', filters.unit);
    if (filters.verdict) params = params.set('verdict', filters.verdict);
    return this.http.get<EffectDto>(DASHBOARD_ROUTES.effect, { params, context: IN_PAGE() });
  }

  /** Puts an unimproved change's misses back in the owning unit's queue. */
  sendBack(proposalId: number): Observable<SendBackResultDto> {
    return this.http.post<SendBackResultDto>(DASHBOARD_ROUTES.sendBack(proposalId), {});
  }

  summary(month: string): Observable<MonthlySummaryDto> {
    return this.http.get<MonthlySummaryDto>(DASHBOARD_ROUTES.summary(month), { context: IN_PAGE() });
  }
}
