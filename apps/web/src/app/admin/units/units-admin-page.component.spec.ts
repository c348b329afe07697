import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideRouter } from '@angular/router';
import { Role, type UnitDto, UnitKind } from '@tunedesk/contracts';
import { errorInterceptor } from '../../http/error.interceptor';
import { signIn } from '../../testing/auth-testing';
import { UnitsAdminPageComponent, parseCategories } from './units-admin-page.component';

const UNITS: UnitDto[] = [
  { code: 'HT', name: '房屋稅科', kind: UnitKind.Section, parentCode: null, categories: ['房屋稅', '契稅'], active: true },
  { code: 'ZL', name: '中壢分局', kind: UnitKind.Branch, parentCode: null, categories: [], active: true },
];

describe('parseCategories', () => {
  it('splits on commas of either width and on 、, dropping blanks and repeats', () => {
    expect(parseCategories('房屋稅、契稅, 地價稅，房屋稅 ,, ')).toEqual(['房屋稅', '契稅', '地價稅']);
    expect(parseCategories('  ')).toEqual([]);
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
      active: true,
    });
    create.flush({ ...UNITS[0], code: 'LD', name: '地價稅科' });
    TestBed.tick();
    http.expectOne('/api/units').flush(UNITS);
    await fixture.whenStable();
    expect(host.querySelector('[data-testid="unit-form"]')).toBeNull();
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
