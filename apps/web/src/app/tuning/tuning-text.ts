import type { FormGroup } from '@angular/forms';
import type { ErrorDetail, SynonymDto } from '@tunedesk/contracts';
import { isApiErrorBody } from '../http/error.interceptor';
import { httpErrorOf } from '../shared/api-error';
import { applyServerErrors } from '../shared/form-errors';

/**
 * "土增稅、增值稅, 土地增值稅" → ['土增稅', '增值稅', '土地增值稅']: commas (half or full
 * width), 、, semicolons and line breaks all separate; blanks and repeats are dropped.
 */
export function parseList(text: string): string[] {
  const parts = text
    .split(/[,，、;；\n]/)
    .map((part) => part.trim())
    .filter(Boolean);
  const seen = new Set<string>();
  return parts.filter((part) => {
    const key = normaliseText(part);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The list as the user typed it: joined with 、. */
export function formatList(list: readonly string[]): string {
  return list.join('、');
}

/** Case- and width-insensitive, so 'ｌｉｎｅ' finds 'LINE' and '土增' finds '土增稅'. */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').toLowerCase().trim();
}

export function matchesSynonym(synonym: SynonymDto, query: string): boolean {
  const needle = normaliseText(query);
  if (!needle) return true;
  return [synonym.term, ...synonym.variants, synonym.note ?? ''].some((text) => normaliseText(text).includes(needle));
}

/** A reason a person can read: Chinese, or "中文 / English". The API also sends bare tokens (`duplicate`, `no letters`). */
function isReadable(reason: string): boolean {
  return reason.includes(' / ') || /[\u3400-\u9fff]/.test(reason);
}

/**
 * The API's field problems, ready for applyServerErrors: a list's element
 * (`variants[2]`, `aliases.log.question[0]`) becomes the list's input, and a
 * bare token is replaced by the error's own message, in both languages.
 */
export function detailsForForm(error: unknown): ErrorDetail[] {
  const response = httpErrorOf(error);
  if (!response || !isApiErrorBody(response.error)) return [];
  const message = bilingualMessage(error);
  return (response.error.details ?? []).map((detail) => ({
    ...detail,
    field: detail.field?.replace(/(\.\d+|\[\d+\])+$/, ''),
    reason: isReadable(detail.reason) ? detail.reason : message,
  }));
}

/** "中文 / English" of the error's message, or '' when it has none. */
export function bilingualMessage(error: unknown): string {
  const response = httpErrorOf(error);
  return response && isApiErrorBody(response.error) ? `${response.error.message['zh-TW']} / ${response.error.message.en}` : '';
}

/**
 * Puts the API's problems under the inputs they name (see applyServerErrors)
 * and returns the reasons no input took, minus the message the form's error
 * area shows anyway.
 */
export function showServerErrors(form: FormGroup, error: unknown): string[] {
  const message = bilingualMessage(error);
  return applyServerErrors(form, detailsForForm(error)).filter((reason) => reason !== message);
}
