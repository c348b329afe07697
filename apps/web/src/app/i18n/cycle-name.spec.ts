import { TestBed } from '@angular/core/testing';
import { cycleName } from './cycle-name';
import { I18nService } from './i18n.service';

describe('cycleName', () => {
  beforeEach(() => localStorage.clear());

  it('keeps the Chinese name in zh-TW and translates it in English', () => {
    const i18n = TestBed.inject(I18nService);
    expect(cycleName('115年10月定期調校', i18n)).toBe('115年10月定期調校');
    i18n.setLang('en');
    expect(cycleName('115年10月定期調校', i18n)).toBe('Regular tuning, Oct 2026');
    expect(cycleName('114年1月定期調校', i18n)).toBe('Regular tuning, Jan 2025');
    expect(cycleName('115年9月', i18n)).toBe('Regular tuning, Sep 2026'); // a month's short label, as the list state gives it
    expect(cycleName('不定期調校', i18n)).toBe('Irregular tuning');
    // A name an administrator wrote by hand is shown as it is.
    expect(cycleName('專案調校', i18n)).toBe('專案調校');
  });
});
