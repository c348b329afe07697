import { Pipe, type PipeTransform, inject } from '@angular/core';
import { I18nService } from './i18n.service';

const REGULAR = /^(\d{1,3})年(\d{1,2})月(?:定期調校)?$/;
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A cycle's name in the interface language. The API names cycles in Chinese (115年10月定期調校,
 * 不定期調校); English reads "Regular tuning, Oct 2026" and "Irregular tuning". Other text is shown as is.
 */
export function cycleName(label: string, i18n: Pick<I18nService, 't' | 'lang'>): string {
  if (i18n.lang() === 'zh-TW') return label;
  if (label === '不定期調校') return i18n.t('vocab.cycle.irregular');
  const m = REGULAR.exec(label.trim());
  if (!m) return label;
  const month = +m[2];
  if (month < 1 || month > 12) return label;
  return i18n.t('vocab.cycle.regular', { month: `${EN_MONTHS[month - 1]} ${+m[1] + 1911}` });
}

/** `{{ cycle.label | cycleName }}`: impure to follow the language switch. */
@Pipe({ name: 'cycleName', pure: false })
export class CycleNamePipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(label: string | null | undefined): string {
    return label ? cycleName(label, this.i18n) : '';
  }
}
