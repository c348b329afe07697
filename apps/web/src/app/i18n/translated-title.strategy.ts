import { Injectable, effect, inject, signal } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { type RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { I18nService } from './i18n.service';

/** Tab title "系統狀態 · 智能客服知識庫調校平台", following the language switch. */
@Injectable({ providedIn: 'root' })
export class TranslatedTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly i18n = inject(I18nService);
  private readonly routeKey = signal<string | undefined>(undefined);

  constructor() {
    super();
    effect(() => {
      const key = this.routeKey();
      const product = this.i18n.t('app.title');
      this.title.setTitle(key ? `${this.i18n.tryT(key, key)} · ${product}` : product);
    });
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.routeKey.set(this.buildTitle(snapshot));
  }
}
