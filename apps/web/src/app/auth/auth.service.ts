import { HttpClient, HttpContext } from '@angular/common/http';
import { DOCUMENT, Injectable, computed, inject, signal } from '@angular/core';
import {
  AUTH_ROUTES,
  type ChangePasswordRequest,
  type LoginRequest,
  type MeDto,
  type Role,
  type SessionDto,
  type UpdateProfileRequest,
  XSRF_COOKIE,
} from '@tunedesk/contracts';
import { type Observable, catchError, firstValueFrom, map, of, switchMap, tap } from 'rxjs';
import { HANDLED_STATUSES } from '../http/error.interceptor';

/** Statuses a form shows in place, so the interceptor adds no snackbar for them. */
export const FORM_STATUSES: readonly number[] = [400, 401, 403, 404, 409, 422, 423, 429];

function handled(statuses: readonly number[]): { context: HttpContext } {
  return { context: new HttpContext().set(HANDLED_STATUSES, statuses) };
}

/** Who is signed in, and the calls about one's own account. */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly document = inject(DOCUMENT);

  /** The signed-in user, or null. Set by load(), login() and the calls that return MeDto. */
  readonly me = signal<MeDto | null>(null);
  readonly signedIn = computed(() => this.me() !== null);

  /** Asks the server who is signed in; a 401 just means nobody (no message). Never rejects. */
  async load(): Promise<MeDto | null> {
    const me = await firstValueFrom(this.http.get<MeDto>(AUTH_ROUTES.me, handled([401])).pipe(catchError(() => of(null))), {
      defaultValue: null,
    });
    this.me.set(me);
    return me;
  }

  login(request: LoginRequest): Observable<MeDto> {
    return this.ensureXsrfCookie().pipe(
      switchMap(() => this.http.post<MeDto>(AUTH_ROUTES.login, request, handled(FORM_STATUSES))),
      tap((me) => this.me.set(me)),
    );
  }

  /** Ends the session on the server; the user is signed out here whatever the answer. */
  logout(): Observable<void> {
    return this.http.post<void>(AUTH_ROUTES.logout, {}, handled([401])).pipe(
      catchError(() => of(undefined)),
      map(() => undefined),
      tap(() => this.clear()),
    );
  }

  changePassword(request: ChangePasswordRequest): Observable<MeDto> {
    return this.http.post<MeDto>(AUTH_ROUTES.password, request, handled(FORM_STATUSES)).pipe(tap((me) => this.me.set(me)));
  }

  updateProfile(request: UpdateProfileRequest): Observable<MeDto> {
    return this.http.patch<MeDto>(AUTH_ROUTES.me, request, handled(FORM_STATUSES)).pipe(tap((me) => this.me.set(me)));
  }

  sessions(): Observable<SessionDto[]> {
    return this.http.get<SessionDto[]>(AUTH_ROUTES.sessions);
  }

  endSession(id: string): Observable<void> {
    return this.http.delete<void>(`${AUTH_ROUTES.sessions}/${encodeURIComponent(id)}`);
  }

  /** True when the signed-in user holds at least one of the roles. */
  hasRole(...roles: readonly Role[]): boolean {
    const me = this.me();
    return !!me && roles.some((role) => me.roles.includes(role));
  }

  /** Forgets the user here (the session is already gone on the server). */
  clear(): void {
    this.me.set(null);
  }

  /**
   * The server sets the XSRF cookie on every response; before the very first
   * POST (the login of a fresh browser) there has been none, so ask for one.
   */
  private ensureXsrfCookie(): Observable<unknown> {
    const has = this.document.cookie.split(';').some((part) => part.trim().startsWith(`${XSRF_COOKIE}=`));
    return has ? of(null) : this.http.get(AUTH_ROUTES.csrf).pipe(catchError(() => of(null)));
  }
}
