import { TestBed } from '@angular/core/testing';
import { I18nService } from '../i18n/i18n.service';
import { describeTarget, type AuditNames } from './audit-labels';

describe('describeTarget', () => {
  function names(lang: 'zh-TW' | 'en'): AuditNames {
    const i18n = TestBed.inject(I18nService);
    i18n.setLang(lang);
    return { i18n, unitName: (code) => ({ HT: '房屋稅科' })[code], cycle: () => undefined };
  }

  it('names an API route whole, with a break allowed after each slash only (a refused request on a long path)', () => {
    const event = { targetType: 'route', targetId: 'GET /api/dashboard/summary/:month', targetLabel: null };
    const zh = describeTarget(event, names('zh-TW'));
    expect(zh).toBe('API 路徑 GET /\u200bapi/\u200bdashboard/\u200bsummary/\u200b:month');
    expect(zh.replace(/\u200b/g, '')).toBe('API 路徑 GET /api/dashboard/summary/:month');
    expect(describeTarget(event, names('en')).replace(/\u200b/g, '')).toBe('API route GET /api/dashboard/summary/:month');
  });

  it('names a unit by its name', () => {
    expect(describeTarget({ targetType: 'unit', targetId: 'HT', targetLabel: null }, names('zh-TW'))).toBe('單位 房屋稅科');
  });
});
