import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { FormControl } from '@angular/forms';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideRouter } from '@angular/router';
import { Role, type UnitDto, UnitKind } from '@tunedesk/contracts';
import { errorInterceptor } from '../../http/error.interceptor';
import { signIn } from '../../testing/auth-testing';
import { I18nService } from '../../i18n/i18n.service';
import { UnitsAdminPageComponent, keywordsValidator, parseCategories } from './units-admin-page.component';

const UNITS: UnitDto[] = [
  {
    code: 'HT',
    name: '房屋稅科',
    kind: UnitKind.Section,
    parentCode: null,
    categories: ['房屋稅', '契稅'],
    duties: ['房屋稅', '契稅', '房屋現值', '房屋稅籍'],
    districts: [],
    active: true,
  },
  {
    code: 'ZL',
    name: '中壢分局',
    kind: UnitKind.Branch,
    parentCode: null,
    categories: [],
    duties: [],
    districts: ['中壢區', '平鎮區', '觀音區'],
    active: true,
  },
];

describe('parseCategories', () => {
  it('splits on commas of either width and on 、, dropping blanks and repeats', () => {
    expect(parseCategories('房屋稅、契稅, 地價稅，房屋稅 ,, ')).toEqual(['房屋稅', '契稅', '地價稅']);
    expect(parseCategories('  ')).toEqual([]);
  });
});

describe('keywordsValidator', () => {
  const check = (value: string) => keywordsValidator(new FormControl(value, { nonNullable: true }));
  /** `count` different keywords of 25 characters, joined by 、. */
  const keywords = (count: number) => Array.from({ length: count }, (_, i) => `${'職'.repeat(23)}${String(i).padStart(2, '0')}`).join('、');

  it('takes keywords of up to 32 characters and up to 1000 joined by 、', () => {
    expect(check('')).toBeNull();
    expect(check(`${'甲'.repeat(32)}、乙`)).toBeNull();
    expect(check(keywords(38))).toBeNull(); // 38 × 25 + 37 = 987
  });

  it('names the keyword over 32 characters, and the total over 1000', () => {
    expect(check(`乙、${'甲'.repeat(33)}`)).toEqual({ keywordTooLong: { keyword: '甲'.repeat(33), max: 32 } });
    expect(check(keywords(40))).toEqual({ keywordsTooLong: { total: 1039, max: 1000 } });
  });
});

describe('UnitsAdminPageComponent', () => {
  let open: jest.Mock;

  beforeEach(() => {
    localStorage.clear();
    open = jest.fn();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([errorInterceptor])),
        provideHttpClientTesting(),
        { provide: MatSnackBar, useValue: { open } },
        // The dialog reports its answer once closed; without animations that is at once.
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    signIn({ roles: [Role.SystemAdmin] });
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  async function render() {
    const fixture = TestBed.createComponent(UnitsAdminPageComponent);
    TestBed.tick();
    TestBed.inject(HttpTestingController).expectOne('/api/units').flush(UNITS);
    await fixture.whenStable();
    return { fixture, host: fixture.nativeElement as HTMLElement, http: TestBed.inject(HttpTestingController) };
  }

  it('creates a unit with the categories split into a list', async () => {
    const { fixture, host, http } = await render();
    host.querySelector<HTMLButtonElement>('[data-testid="unit-create"]')!.click();
    await fixture.whenStable();
    const type = (id: string, value: string) => {
      const input = host.querySelector<HTMLInputElement>(`[data-testid="${id}"]`)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    type('unit-code', 'LD');
    type('unit-name', '地價稅科');
    type('unit-categories', '地價稅、田賦');
    host.querySelector<HTMLButtonElement>('[data-testid="unit-save"]')!.click();
    const create = http.expectOne('/api/units');
    expect(create.request.method).toBe('POST');
    expect(create.request.body).toEqual({
      code: 'LD',
      name: '地價稅科',
      kind: '科',
      parentCode: null,
      categories: ['地價稅', '田賦'],
      duties: [],
      districts: [],
      active: true,
    });
    create.flush({ ...UNITS[0], code: 'LD', name: '地價稅科' });
    TestBed.tick();
    http.expectOne('/api/units').flush(UNITS);
    await fixture.whenStable();
    expect(host.querySelector('[data-testid="unit-form"]')).toBeNull();
  });

  it("shows each unit's 業務職掌 and 轄區, a dash where there are none", async () => {
    const { host } = await render();
    const headers = [...host.querySelectorAll('[data-testid="units-admin-table"] th')].map((th) => th.textContent!.trim());
    expect(headers).toEqual(expect.arrayContaining(['業務職掌', '轄區']));
    const rows = [...host.querySelectorAll('[data-testid="units-admin-table"] tr.mat-mdc-row')];
    const cell = (row: Element, field: string) => row.querySelector(`[data-testid="unit-cell-${field}"]`)!.textContent!.trim();
    // Sections first, then branches.
    expect(cell(rows[0], 'duties')).toBe('房屋稅、契稅、房屋現值、房屋稅籍');
    expect(cell(rows[0], 'districts')).toBe('—');
    expect(cell(rows[1], 'duties')).toBe('—');
    expect(cell(rows[1], 'districts')).toBe('中壢區、平鎮區、觀音區');
  });

  it('edits 業務職掌 and 轄區 as text split into lists, and labels them in English too', async () => {
    const { fixture, host, http } = await render();
    host.querySelectorAll<HTMLButtonElement>('[data-testid="unit-edit"]')[1].click();
    await fixture.whenStable();
    const districts = host.querySelector<HTMLTextAreaElement>('[data-testid="unit-districts"]')!;
    const duties = host.querySelector<HTMLTextAreaElement>('[data-testid="unit-duties"]')!;
    expect(districts.value).toBe('中壢區、平鎮區、觀音區');
    expect(duties.value).toBe('');
    districts.value = '中壢區、平鎮區\n觀音區, 新屋區';
    districts.dispatchEvent(new Event('input'));
    duties.value = '地價稅籍；房屋稅籍';
    duties.dispatchEvent(new Event('input'));
    host.querySelector<HTMLButtonElement>('[data-testid="unit-save"]')!.click();
    const update = http.expectOne('/api/units/ZL');
    expect(update.request.method).toBe('PATCH');
    expect(update.request.body).toMatchObject({ duties: ['地價稅籍', '房屋稅籍'], districts: ['中壢區', '平鎮區', '觀音區', '新屋區'] });
    update.flush({ ...UNITS[1], duties: ['地價稅籍', '房屋稅籍'], districts: ['中壢區', '平鎮區', '觀音區', '新屋區'] });
    TestBed.tick();
    http.expectOne('/api/units').flush(UNITS);
    await fixture.whenStable();

    TestBed.inject(I18nService).setLang('en');
    fixture.detectChanges();
    const headers = [...host.querySelectorAll('[data-testid="units-admin-table"] th')].map((th) => th.textContent!.trim());
    expect(headers).toEqual(expect.arrayContaining(['Duties', 'Districts']));
  });

  it("refuses a keyword over 32 characters before sending, and shows the server's reason on the field", async () => {
    const { fixture, host, http } = await render();
    host.querySelectorAll<HTMLButtonElement>('[data-testid="unit-edit"]')[0].click();
    await fixture.whenStable();
    const duties = host.querySelector<HTMLTextAreaElement>('[data-testid="unit-duties"]')!;
    duties.value = `房屋稅、${'房'.repeat(33)}`;
    duties.dispatchEvent(new Event('input'));
    host.querySelector<HTMLButtonElement>('[data-testid="unit-save"]')!.click();
    await fixture.whenStable();
    http.expectNone('/api/units/HT');
    expect(host.querySelector('[data-testid="unit-form"]')!.textContent).toContain(`「${'房'.repeat(33)}」超過 32 字`);

    duties.value = '房屋稅、契稅';
    duties.dispatchEvent(new Event('input'));
    host.querySelector<HTMLButtonElement>('[data-testid="unit-save"]')!.click();
    http.expectOne('/api/units/HT').flush(
      {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: { 'zh-TW': '業務職掌合計 1039 字，超過 1000 字', en: 'duties come to 1039 characters, more than 1000' },
        details: [{ field: 'duties', reason: '業務職掌合計 1039 字，超過 1000 字 / duties come to 1039 characters, more than 1000' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    const field = duties.closest('mat-form-field')!;
    expect(field.textContent).toContain('業務職掌合計 1039 字，超過 1000 字');
    expect(field.textContent).not.toContain('more than 1000');
  });

  it('asks before deleting, and shows UNIT_IN_USE in the page', async () => {
    const { fixture, host, http } = await render();
    host.querySelector<HTMLButtonElement>('[data-testid="units-admin-table"] [data-testid="unit-delete"]')!.click();
    await fixture.whenStable();
    expect(document.querySelector('mat-dialog-container')!.textContent).toContain('確定要刪除「房屋稅科」（HT）嗎？');
    document.querySelector<HTMLButtonElement>('[data-testid="confirm-ok"]')!.click();
    await fixture.whenStable();
    const remove = http.expectOne('/api/units/HT');
    expect(remove.request.method).toBe('DELETE');
    remove.flush(
      { statusCode: 409, code: 'UNIT_IN_USE', message: { 'zh-TW': '此單位仍有使用者，無法刪除', en: 'The unit still has users' } },
      { status: 409, statusText: 'Conflict' },
    );
    await fixture.whenStable();
    const error = host.querySelector<HTMLElement>('[data-testid="unit-delete-error"]')!;
    expect(error.textContent).toContain('無法刪除 HT：此單位仍有使用者，無法刪除');
    expect(error.getAttribute('role')).toBe('alert');
    expect(document.activeElement).toBe(error);
    expect(open).not.toHaveBeenCalled();
  });
});
