import { HttpClient, HttpContext, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CreateUserRequest, InitialPasswordDto, UpdateUserRequest, UserDto } from '@tunedesk/contracts';
import type { Observable } from 'rxjs';
import { FORM_STATUSES } from '../../auth/auth.service';
import { HANDLED_STATUSES } from '../../http/error.interceptor';

export interface UserQuery {
  unit?: string;
  q?: string;
}

export type CreatedUser = InitialPasswordDto & { user: UserDto };

const USERS = '/api/users';

/** Form calls: their failures are shown in the form, not in a snackbar. */
const IN_FORM = { context: new HttpContext().set(HANDLED_STATUSES, FORM_STATUSES) };

@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);

  list(query: UserQuery = {}, options: { quiet?: boolean } = {}): Observable<UserDto[]> {
    let params = new HttpParams();
    if (query.unit) params = params.set('unit', query.unit);
    if (query.q?.trim()) params = params.set('q', query.q.trim());
    // quiet: a caller with a fallback (the request form's free-text account) needs no 403 snackbar.
    const context = options.quiet ? new HttpContext().set(HANDLED_STATUSES, [403]) : undefined;
    return this.http.get<UserDto[]>(USERS, { params, context });
  }

  get(id: number): Observable<UserDto> {
    return this.http.get<UserDto>(`${USERS}/${id}`);
  }

  create(request: CreateUserRequest): Observable<CreatedUser> {
    return this.http.post<CreatedUser>(USERS, request, IN_FORM);
  }

  update(id: number, request: UpdateUserRequest): Observable<UserDto> {
    return this.http.patch<UserDto>(`${USERS}/${id}`, request, IN_FORM);
  }

  resetPassword(id: number): Observable<InitialPasswordDto> {
    return this.http.post<InitialPasswordDto>(`${USERS}/${id}/reset-password`, {});
  }

  unlock(id: number): Observable<UserDto> {
    return this.http.post<UserDto>(`${USERS}/${id}/unlock`, {});
  }
}
