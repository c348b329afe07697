import { HttpErrorResponse } from '@angular/common/http';
import type { ErrorDetail } from '@tunedesk/contracts';
import { describeHttpError, isApiErrorBody } from '../http/error.interceptor';
import type { I18nService } from '../i18n/i18n.service';

/** The response behind a failed request, also when a resource wrapped it in an Error. */
export function httpErrorOf(error: unknown): HttpErrorResponse | null {
  if (error instanceof Error && error.cause instanceof HttpErrorResponse) return error.cause;
  return error instanceof HttpErrorResponse ? error : null;
}

/** The stable code of an ApiErrorBody (`AUTH_FAILED`, `UNIT_IN_USE`…), or null. */
export function apiErrorCode(error: unknown): string | null {
  const response = httpErrorOf(error);
  return response && isApiErrorBody(response.error) ? response.error.code : null;
}

export function apiErrorDetails(error: unknown): ErrorDetail[] {
  const response = httpErrorOf(error);
  return response && isApiErrorBody(response.error) ? (response.error.details ?? []) : [];
}

/**
 * What a form shows for a failed request: the server's own message in the
 * current language (no code: the form already says where it went wrong),
 * otherwise the generic description of the failure.
 */
export function apiErrorMessage(error: unknown, i18n: I18nService): string {
  const response = httpErrorOf(error);
  if (response && isApiErrorBody(response.error)) {
    return i18n.lang() === 'en' ? response.error.message.en : response.error.message['zh-TW'];
  }
  return describeHttpError(error, i18n);
}
