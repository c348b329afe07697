import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  ACCOUNT_REQUEST_ROUTES,
  type AcceptAccountRequestResult,
  type AccountRequestDto,
  type CreateAccountRequestRequest,
} from '@tunedesk/contracts';
import type { Observable } from 'rxjs';
import { FORM_STATUSES } from '../auth/auth.service';
import { HANDLED_STATUSES } from '../http/error.interceptor';

/** Failures the form and the detail page show in place (REQUEST_ALREADY_DECIDED among them). */
const IN_PAGE = { context: new HttpContext().set(HANDLED_STATUSES, FORM_STATUSES) };

export type RequestDecision = 'approve' | 'reject' | 'cancel';

@Injectable({ providedIn: 'root' })
export class AccountRequestsApi {
  private readonly http = inject(HttpClient);

  list(): Observable<AccountRequestDto[]> {
    return this.http.get<AccountRequestDto[]>(ACCOUNT_REQUEST_ROUTES.list);
  }

  get(id: number): Observable<AccountRequestDto> {
    return this.http.get<AccountRequestDto>(ACCOUNT_REQUEST_ROUTES.one(id));
  }

  create(request: CreateAccountRequestRequest): Observable<AccountRequestDto> {
    return this.http.post<AccountRequestDto>(ACCOUNT_REQUEST_ROUTES.list, request, IN_PAGE);
  }

  decide(id: number, decision: RequestDecision, comment: string | null): Observable<AccountRequestDto> {
    const body = decision === 'cancel' ? {} : { comment };
    return this.http.post<AccountRequestDto>(ACCOUNT_REQUEST_ROUTES[decision](id), body, IN_PAGE);
  }

  accept(id: number, comment: string | null): Observable<AcceptAccountRequestResult> {
    return this.http.post<AcceptAccountRequestResult>(ACCOUNT_REQUEST_ROUTES.accept(id), { comment }, IN_PAGE);
  }
}
