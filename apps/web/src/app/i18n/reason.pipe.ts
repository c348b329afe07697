import { Pipe, PipeTransform, inject } from '@angular/core';
import { I18nService, type Lang } from './i18n.service';

/**
 * The API writes a field problem in both languages, "中文說明 / English text";
 * this keeps the half for the interface language. Text in one language only is shown as is.
 */
export function localizeReason(reason: string, lang: Lang): string {
  const at = reason.indexOf(' / ');
  if (at < 0) return reason;
  return lang === 'en' ? reason.slice(at + 3).trim() : reason.slice(0, at).trim();
}

/** `{{ reason | reason }}`: impure so that it follows the language switch. */
@Pipe({ name: 'reason', pure: false })
export class ReasonPipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(reason: string): string {
    return localizeReason(reason, this.i18n.lang());
  }
}
