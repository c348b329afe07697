import { HttpContextToken, HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { ApiErrorBody } from '@tunedesk/contracts';
import { catchError, throwError } from 'rxjs';
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

export const errorInterceptor: HttpInterceptorFn = (req, next) => {
  const snackBar = inject(MatSnackBar);
  const i18n = inject(I18nService);
  return next(req).pipe(
    catchError((error: unknown) => {
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
