import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { type UnitDto, UnitKind } from '@tunedesk/contracts';
import { I18nService } from '../i18n/i18n.service';
import { UnitsPageComponent, matchesQuery } from './units-page.component';

const UNITS: UnitDto[] = [
  { code: 'DX', name: '大溪分局', kind: UnitKind.Branch, parentCode: null, categories: [], active: false },
  { code: 'HT', name: '房屋稅科', kind: UnitKind.Section, parentCode: null, categories: ['房屋稅', '契稅'], active: true },
  { code: 'SEC', name: '秘書室', kind: UnitKind.Office, parentCode: null, categories: [], active: true },
];

describe('matchesQuery', () => {
  it('matches code, name and category, ignoring case and full-width forms', () => {
    expect(matchesQuery(UNITS[1], 'ht')).toBe(true);
    expect(matchesQuery(UNITS[1], 'ＨＴ')).toBe(true);
    expect(matchesQuery(UNITS[1], '契稅')).toBe(true);
    expect(matchesQuery(UNITS[2], '秘書')).toBe(true);
    expect(matchesQuery(UNITS[2], '房屋')).toBe(false);
    expect(matchesQuery(UNITS[0], '  ')).toBe(true);
  });
});

describe('UnitsPageComponent', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
  });

  async function render() {
    const fixture = TestBed.createComponent(UnitsPageComponent);
    // Not whenStable(): the pending request keeps the app unstable until it is answered.
    TestBed.tick();
    TestBed.inject(HttpTestingController).expectOne('/api/units').flush(UNITS);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    const codes = () =>
      [...host.querySelectorAll('[data-testid="units-table"] tbody tr td:first-child')].map((td) => td.textContent!.trim());
    return { fixture, host, codes };
  }

  it('lists sections, offices, then branches, with translated headers, kinds and counts', async () => {
    const { fixture, host, codes } = await render();
    expect(codes()).toEqual(['HT', 'SEC', 'DX']);
    const headers = () => [...host.querySelectorAll('[data-testid="units-table"] th')].map((th) => th.textContent!.trim());
    expect(headers()).toEqual(['代碼', '名稱', '類型', '主管稅目', '狀態']);
    expect([...host.querySelectorAll('mat-chip')].map((chip) => chip.textContent!.trim())).toEqual(['房屋稅', '契稅']);
    expect(host.querySelector('mat-button-toggle-group')!.textContent!.replace(/\s+/g, '')).toBe('全部3科1室1分局1');

    TestBed.inject(I18nService).setLang('en');
    await fixture.whenStable();
    expect(headers()).toEqual(['Code', 'Name', 'Type', 'Tax categories', 'Status']);
    expect(host.textContent).toContain('Inactive');
  });

  it('filters by what is typed', async () => {
    const { fixture, host, codes } = await render();
    const input = host.querySelector<HTMLInputElement>('input[type="search"]')!;
    input.value = '契稅';
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(codes()).toEqual(['HT']);
    expect(host.textContent).toContain('顯示 1 個單位，共 3 個');

    input.value = '沒有這個單位';
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(host.textContent).toContain('沒有符合條件的單位');
  });
});
