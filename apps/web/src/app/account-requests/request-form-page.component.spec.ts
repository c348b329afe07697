import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, provideRouter } from '@angular/router';
import { Role, type UnitDto, UnitKind, type UserDto } from '@tunedesk/contracts';
import { errorInterceptor } from '../http/error.interceptor';
import { makeRequest } from '../testing/account-request-testing';
import { signIn } from '../testing/auth-testing';
import { RequestFormPageComponent } from './request-form-page.component';

@Component({ selector: 'td-blank', template: '' })
class BlankComponent {}

const UNITS: UnitDto[] = [{ code: 'HT', name: '房屋稅科', kind: UnitKind.Section, parentCode: null, categories: [], active: true }];

const LIN: UserDto = {
  id: 3,
  account: 'lin.zm',
  displayName: '林志明',
  email: null,
  extension: null,
  unitCode: 'HT',
  roles: [Role.KnowledgeContact],
  active: true,
  lockedUntil: null,
  lastLoginAt: null,
  passwordChangedAt: '2026-10-01T00:00:00Z',
  passwordChangeRequired: null,
  disabledReason: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('RequestFormPageComponent', () => {
  let open: jest.Mock;

  beforeEach(() => {
    localStorage.clear();
    open = jest.fn();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '**', component: BlankComponent }]),
        provideHttpClient(withInterceptors([errorInterceptor])),
        provideHttpClientTesting(),
        { provide: MatSnackBar, useValue: { open } },
      ],
    });
    signIn({ roles: [Role.UnitHead] });
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  async function render() {
    const fixture = TestBed.createComponent(RequestFormPageComponent);
    TestBed.tick();
    const http = TestBed.inject(HttpTestingController);
    http.expectOne('/api/units').flush(UNITS);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    const $ = <T extends HTMLElement = HTMLElement>(selector: string) => host.querySelector<T>(selector);
    const type = (id: string, value: string) => {
      const input = $<HTMLInputElement>(`[data-testid="${id}"]`)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    const pick = async (selector: string) => {
      $<HTMLInputElement>(`${selector} input`)!.click();
      await fixture.whenStable();
    };
    return { fixture, host, http, $, type, pick };
  }

  it('files a new account with its roles, starting today, and opens it', async () => {
    const { fixture, host, http, $, type, pick } = await render();
    // Today, shown as an ROC date in the ROC date field.
    expect($<HTMLInputElement>('[data-testid="request-effective-date"]')!.value).toMatch(/^1\d{2}\/\d{2}\/\d{2}$/);
    type('request-account', 'kao.sf');
    type('request-display-name', '高淑芬');
    type('request-effective-date', '115/12/01');
    await pick('[data-role="knowledge-contact"]');
    expect(host.textContent).toContain('民國115年12月1日');
    $<HTMLButtonElement>('[data-testid="request-submit"]')!.click();
    const create = http.expectOne('/api/account-requests');
    expect(create.request.body).toEqual({
      kind: 'create',
      account: 'kao.sf',
      displayName: '高淑芬',
      email: null,
      extension: null,
      unitCode: 'HT',
      requestedRoles: ['knowledge-contact'],
      reason: 'joined',
      reasonNote: null,
      effectiveDate: '2026-12-01',
    });
    create.flush(makeRequest({ id: 31 }));
    await fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/account-requests/31');
  });

  it('asks for the explanation when the reason is 其他', async () => {
    const { fixture, host, http, $, type, pick } = await render();
    type('request-account', 'kao.sf');
    type('request-display-name', '高淑芬');
    await pick('[data-role="knowledge-contact"]');
    await pick('[data-reason="other"]');
    $<HTMLButtonElement>('[data-testid="request-submit"]')!.click();
    await fixture.whenStable();
    http.expectNone('/api/account-requests');
    expect(host.textContent).toContain('選擇「其他」時請說明原因');
    expect(document.activeElement).toBe($('[data-testid="request-reason-note"]'));
  });

  it('picks the account to disable from the unit’s users and asks for no roles', async () => {
    const { fixture, host, http, $, pick } = await render();
    // Not whenStable(): the unit's users are being fetched.
    $<HTMLInputElement>('[data-kind="disable"] input')!.click();
    TestBed.tick();
    http.expectOne((req) => req.url === '/api/users' && req.params.get('unit') === 'HT').flush([LIN]);
    await fixture.whenStable();
    expect($('[data-testid="request-roles"]')).toBeNull();
    $('[data-testid="request-account-select"] .mat-mdc-select-trigger')!.click();
    await fixture.whenStable();
    [...document.querySelectorAll<HTMLElement>('mat-option')].find((option) => option.textContent!.includes('林志明'))!.click();
    await pick('[data-reason="left"]');
    $<HTMLButtonElement>('[data-testid="request-submit"]')!.click();
    const create = http.expectOne('/api/account-requests');
    expect(create.request.body).toMatchObject({ kind: 'disable', account: 'lin.zm', requestedRoles: [], reason: 'left' });
    expect(create.request.body).not.toHaveProperty('displayName');
    create.flush(makeRequest({ id: 32 }));
    await fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/account-requests/32');
    expect(host.querySelector('[data-testid="request-form-error"]')).toBeNull();
  });

  it('lets the account be typed when the user list is not available', async () => {
    const { fixture, http, $ } = await render();
    $<HTMLInputElement>('[data-kind="change-roles"] input')!.click();
    TestBed.tick();
    http
      .expectOne((req) => req.url === '/api/users')
      .flush(
        { statusCode: 403, code: 'FORBIDDEN', message: { 'zh-TW': '沒有權限', en: 'Forbidden' } },
        { status: 403, statusText: 'Forbidden' },
      );
    await fixture.whenStable();
    expect($<HTMLInputElement>('[data-testid="request-account"]')!.value).toBe('chen.mh');
    expect($('[data-testid="request-account-select"]')).toBeNull();
    expect(open).not.toHaveBeenCalled();
  });
});
