import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { I18nService, LANG_STORAGE_KEY } from './i18n.service';
import { en, zhTW } from './messages';
import { TranslatePipe } from './t.pipe';

const placeholders = (text: string): string[] => (text.match(/\{\w+\}/g) ?? []).sort();

describe('messages', () => {
  it('gives every zh-TW key a non-empty English text, and English has no extra keys', () => {
    const zhKeys = Object.keys(zhTW);
    for (const key of zhKeys) {
      expect({ key, text: (en as Record<string, string>)[key]?.trim() || undefined }).toEqual({ key, text: expect.any(String) });
    }
    expect(Object.keys(en).sort()).toEqual([...zhKeys].sort());
  });

  it('uses the same parameters in both languages', () => {
    for (const [key, text] of Object.entries(zhTW)) {
      expect({ key, params: placeholders(en[key as keyof typeof zhTW]) }).toEqual({ key, params: placeholders(text) });
    }
  });
});

describe('I18nService', () => {
  beforeEach(() => {
    localStorage.clear();
    document.documentElement.lang = '';
  });

  it('starts in zh-TW and marks the document as Traditional Chinese', () => {
    const i18n = TestBed.inject(I18nService);
    expect(i18n.lang()).toBe('zh-TW');
    expect(i18n.t('nav.health')).toBe('系統狀態');
    expect(document.documentElement.lang).toBe('zh-Hant-TW');
  });

  it('switches language, <html lang> and storage together', () => {
    const i18n = TestBed.inject(I18nService);
    i18n.setLang('en');
    expect(i18n.t('nav.health')).toBe('System status');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe('en');
    i18n.toggle();
    expect(i18n.t('nav.health')).toBe('系統狀態');
    expect(document.documentElement.lang).toBe('zh-Hant-TW');
  });

  it('restores the stored language', () => {
    localStorage.setItem(LANG_STORAGE_KEY, 'en');
    expect(TestBed.inject(I18nService).t('nav.units')).toBe('Units');
  });

  it('ignores a stored value that is not a language', () => {
    localStorage.setItem(LANG_STORAGE_KEY, 'fr');
    expect(TestBed.inject(I18nService).lang()).toBe('zh-TW');
  });

  it('fills in parameters', () => {
    const i18n = TestBed.inject(I18nService);
    expect(i18n.t('units.shown', { shown: 3, total: 12 })).toBe('顯示 3 個單位，共 12 個');
    i18n.setLang('en');
    expect(i18n.t('units.shown', { shown: 3, total: 12 })).toBe('Showing 3 of 12 units');
  });
});

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe],
  template: `<span>{{ 'nav.overview' | t }}</span
    ><em>{{ 'no.such.key' | t }}</em>`,
})
class HostComponent {}

describe('TranslatePipe', () => {
  beforeEach(() => localStorage.clear());

  it('re-renders an OnPush view when the language changes', async () => {
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    const span = (fixture.nativeElement as HTMLElement).querySelector('span')!;
    expect(span.textContent).toBe('總覽');
    TestBed.inject(I18nService).setLang('en');
    await fixture.whenStable();
    expect(span.textContent).toBe('Overview');
  });

  it('shows an unknown key as it is', async () => {
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('em')!.textContent).toBe('no.such.key');
  });
});
