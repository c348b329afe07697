import { Pipe, PipeTransform, inject } from '@angular/core';
import { I18nService, type MessageParams } from './i18n.service';

/**
 * `{{ 'nav.health' | t }}`. Impure so that it re-reads the language signal on
 * every check; the read registers the signal with the view, so OnPush views
 * refresh on a language switch. Unknown keys are shown as-is.
 */
@Pipe({ name: 't', pure: false })
export class TranslatePipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(key: string, params?: MessageParams): string {
    return this.i18n.tryT(key, key, params);
  }
}
