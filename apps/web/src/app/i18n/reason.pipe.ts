import { Pipe, PipeTransform, inject } from '@angular/core';
import { I18nService, type Lang } from './i18n.service';

/**
 * The API writes a field problem in both languages, "中文說明 / English text";
 * this keeps the half for the interface language. The report import's row problems read
 * "中文說明 (English gloss)": the bracket is left out in zh-TW, and is the text in English.
 * Text in one language only is shown as is.
 */
export function localizeReason(reason: string, lang: Lang): string {
  const at = reason.indexOf(' / ');
  if (at >= 0) return lang === 'en' ? reason.slice(at + 3).trim() : reason.slice(0, at).trim();
  const tail = ENGLISH_TAIL.exec(reason);
  if (!tail || !CJK.test(tail[1])) return reason;
  // "「x」不是可辨識的日期時間 (not a date-time)": the import problems carry their English in brackets.
  if (lang === 'zh-TW') return tail[1].trim();
  const quoted = /「([^」]*)」/.exec(tail[1]);
  return quoted ? `"${quoted[1]}": ${tail[2]}` : tail[2];
}

/** Chinese text, then an English gloss in round brackets at the very end. */
const ENGLISH_TAIL = /^(.*\S)\s*\(([\x20-\x7e–≥≤×]+)\)$/s;
const CJK = /[\u3400-\u9fff]/;

/** `{{ reason | reason }}`: impure so that it follows the language switch. */
@Pipe({ name: 'reason', pure: false })
export class ReasonPipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(reason: string): string {
    return localizeReason(reason, this.i18n.lang());
  }
}
