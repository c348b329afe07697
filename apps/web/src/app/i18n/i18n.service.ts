import { DOCUMENT, Injectable, inject, signal } from '@angular/core';
import { en, type MessageKey, zhTW } from './messages';

export type Lang = 'zh-TW' | 'en';

export const LANG_STORAGE_KEY = 'td.lang';

const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { 'zh-TW': zhTW, en };

/** BCP 47 tags for `<html lang>`: screen readers and CJK font selection read it. */
const HTML_LANG: Record<Lang, string> = { 'zh-TW': 'zh-Hant-TW', en: 'en' };

export type MessageParams = Record<string, string | number>;

@Injectable({ providedIn: 'root' })
export class I18nService {
  private readonly document = inject(DOCUMENT);
  private readonly current = signal<Lang>(this.readStoredLang());

  readonly lang = this.current.asReadonly();

  constructor() {
    this.applyToDocument(this.current());
  }

  setLang(lang: Lang): void {
    this.current.set(lang);
    this.applyToDocument(lang);
    try {
      this.document.defaultView?.localStorage.setItem(LANG_STORAGE_KEY, lang);
    } catch {
      // Storage can be disabled by policy; the choice then lasts for this page only.
    }
  }

  toggle(): void {
    this.setLang(this.current() === 'zh-TW' ? 'en' : 'zh-TW');
  }

  has(key: string): key is MessageKey {
    return Object.hasOwn(zhTW, key);
  }

  /** Reads `lang`, so templates and computed signals that call it follow language switches. */
  t(key: MessageKey, params?: MessageParams): string {
    const text = DICTIONARIES[this.current()][key];
    return params ? interpolate(text, params) : text;
  }

  /** For keys built at run time (`'jobStatus.' + status`): unknown keys fall back to the fallback text. */
  tryT(key: string, fallback: string, params?: MessageParams): string {
    return this.has(key) ? this.t(key, params) : fallback;
  }

  private readStoredLang(): Lang {
    try {
      const stored = this.document.defaultView?.localStorage.getItem(LANG_STORAGE_KEY);
      if (stored === 'en' || stored === 'zh-TW') return stored;
    } catch {
      // See setLang.
    }
    return 'zh-TW';
  }

  private applyToDocument(lang: Lang): void {
    this.document.documentElement.lang = HTML_LANG[lang];
  }
}

function interpolate(text: string, params: MessageParams): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
