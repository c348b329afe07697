import { Pipe, type PipeTransform, inject } from '@angular/core';
import { I18nService } from '../i18n/i18n.service';
import { formatRocMonth } from './report-labels';

/** `{{ import.month | rocMonth }}`: 115年10月 in zh-TW, 2026-10 in English. Impure to follow the language switch. */
@Pipe({ name: 'rocMonth', pure: false })
export class RocMonthPipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(month: string | null | undefined): string {
    return formatRocMonth(month, this.i18n.lang());
  }
}
