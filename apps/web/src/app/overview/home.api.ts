import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import { HOME_ROUTES, type HomeDto } from '@tunedesk/contracts';
import { type Observable, tap } from 'rxjs';
import { HANDLED_STATUSES } from '../http/error.interceptor';

/** The menu's count is asked for in the background: a hiccup shows no snackbar (a 401 still signs the user out). */
const QUIET = { context: new HttpContext().set(HANDLED_STATUSES, [0, 403, 404, 429, 500, 502, 503, 504]) };

/**
 * The signed-in person's home page (GET /api/home). The newest answer is kept
 * in `latest`, so that the menu's 待核章 count and the page agree.
 */
@Injectable({ providedIn: 'root' })
export class HomeApi {
  private readonly http = inject(HttpClient);
  readonly latest = signal<HomeDto | null>(null);

  get(options: { quiet?: boolean } = {}): Observable<HomeDto> {
    return this.http.get<HomeDto>(HOME_ROUTES.home, options.quiet ? QUIET : {}).pipe(tap((home) => this.latest.set(home)));
  }

  clear(): void {
    this.latest.set(null);
  }
}

/** What a unit head has to sign or decide: lists waiting for 核章 and account requests. */
export function toSignCount(home: HomeDto | null): number {
  return home?.unitHead ? home.unitHead.lists.length + home.unitHead.accountRequests.length : 0;
}
