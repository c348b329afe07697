import { HttpContextToken, HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router } from '@angular/router';
import { AUTH_ROUTES, type ApiErrorBody } from '@tunedesk/contracts';
import { catchError, throwError } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { I18nService } from '../i18n/i18n.service';

/**
 * Statuses the caller turns into data itself, so no snackbar is shown for them
 * (e.g. the 503 of /api/health, whose body is the health report).
 */
export const HANDLED_STATUSES = new HttpContextToken<readonly number[]>(() => []);

export function isApiErrorBody(body: unknown): body is ApiErrorBody {
  if (typeof body !== 'object' || body === null) return false;
  const candidate = body as Partial<ApiErrorBody>;
  return typeof candidate.code === 'string' && typeof candidate.message === 'object' && candidate.message !== null;
}

/** The message a user should read for a failed request, in the current language. */
export function describeHttpError(error: unknown, i18n: I18nService): string {
  // Resources wrap what they cannot recognise as an Error; the response is then the cause.
  if (error instanceof Error && error.cause instanceof HttpErrorResponse) error = error.cause;
  if (!(error instanceof HttpErrorResponse)) return i18n.t('common.loadFailed');
  if (error.status === 0) return i18n.t('errors.network');
  if (isApiErrorBody(error.error)) {
    const message = i18n.lang() === 'en' ? error.error.message.en : error.error.message['zh-TW'];
    return i18n.t('errors.withCode', { message, code: error.error.code });
  }
  return i18n.t('errors.http', { status: error.status });
}

/**
 * Calls whose 401 is an answer, not a lost session: "nobody is signed in",
 * "wrong account or password", and a logout of a session that had already ended.
 */
const AUTH_PROBES: readonly string[] = [AUTH_ROUTES.me, AUTH_ROUTES.login, AUTH_ROUTES.logout];

/** A 401 that does not mean the session is gone (the current password typed on the password page was wrong). */
const NOT_A_LOST_SESSION = new Set(['CURRENT_PASSWORD_WRONG', 'AUTH_FAILED']);

function codeOf(error: HttpErrorResponse): string | null {
  return isApiErrorBody(error.error) ? error.error.code : null;
}

function pathOf(url: string): string {
  return url.replace(/^[a-z]+:\/\/[^/]+/i, '').split(/[?#]/)[0];
}

function startsWithPath(url: string, path: string): boolean {
  return url === path || url.startsWith(`${path}?`) || url.startsWith(`${path}/`) || url.startsWith(`${path}#`);
}

/**
 * Every failed request shows its message in a snackbar, unless the caller
 * shows it itself (HANDLED_STATUSES). A lost session (401) signs the user out
 * here and goes to the login page, which brings them back afterwards; a 403
 * PASSWORD_CHANGE_REQUIRED goes to the password page.
 */
export const errorInterceptor: HttpInterceptorFn = (req, next) => {
  const snackBar = inject(MatSnackBar);
  const i18n = inject(I18nService);
  const auth = inject(AuthService);
  const router = inject(Router);
  return next(req).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse) {
        const code = codeOf(error);
        if (error.status === 401 && !AUTH_PROBES.includes(pathOf(req.url)) && !NOT_A_LOST_SESSION.has(code ?? '')) {
          auth.clear();
          const current = router.url;
          if (!startsWithPath(current, '/login')) {
            const returnUrl = current === '/' || startsWithPath(current, '/password') ? undefined : current;
            void router.navigate(['/login'], { queryParams: returnUrl ? { returnUrl } : {} });
          }
        } else if (error.status === 403 && code === 'PASSWORD_CHANGE_REQUIRED') {
          // The password fell due during the session: learn why, and go where it can be changed.
          void auth.load();
          void router.navigateByUrl('/password');
          return throwError(() => error);
        }
      }
      const handled = error instanceof HttpErrorResponse && req.context.get(HANDLED_STATUSES).includes(error.status);
      if (!handled) {
        snackBar.open(describeHttpError(error, i18n), i18n.t('common.dismiss'), {
          duration: 8000,
          panelClass: 'td-error-snackbar',
        });
      }
      return throwError(() => error);
    }),
  );
};
