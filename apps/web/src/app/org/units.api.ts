import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CreateUnitRequest, UnitDto, UpdateUnitRequest } from '@tunedesk/contracts';
import type { Observable } from 'rxjs';
import { HANDLED_STATUSES } from '../http/error.interceptor';

/** Statuses the unit form and table show in place (UNIT_IN_USE, a duplicate code, a refused field). */
const IN_PAGE = { context: new HttpContext().set(HANDLED_STATUSES, [400, 403, 404, 409, 422]) };

@Injectable({ providedIn: 'root' })
export class UnitsApi {
  private readonly http = inject(HttpClient);

  list(): Observable<UnitDto[]> {
    return this.http.get<UnitDto[]>('/api/units');
  }

  create(request: CreateUnitRequest): Observable<UnitDto> {
    return this.http.post<UnitDto>('/api/units', request, IN_PAGE);
  }

  update(code: string, request: UpdateUnitRequest): Observable<UnitDto> {
    return this.http.patch<UnitDto>(`/api/units/${encodeURIComponent(code)}`, request, IN_PAGE);
  }

  remove(code: string): Observable<void> {
    return this.http.delete<void>(`/api/units/${encodeURIComponent(code)}`, IN_PAGE);
  }
}
