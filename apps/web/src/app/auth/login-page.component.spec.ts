import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, provideRouter } from '@angular/router';
import type { ApiErrorBody } from '@tunedesk/contracts';
import { errorInterceptor } from '../http/error.interceptor';
import { I18nService } from '../i18n/i18n.service';
import { makeMe } from '../testing/auth-testing';
import { AuthService } from './auth.service';
import { LoginPageComponent } from './login-page.component';

@Component({ selector: 'td-blank', template: '' })
class BlankComponent {}

const AUTH_FAILED: ApiErrorBody = {
  statusCode: 401,
  code: 'AUTH_FAILED',
  message: { 'zh-TW': '帳號或密碼錯誤', en: 'Wrong account or password' },
};

describe('LoginPageComponent', () => {
  let open: jest.Mock;

  beforeEach(() => {
    localStorage.clear();
    document.cookie = 'XSRF-TOKEN=token; path=/';
    open = jest.fn();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '**', component: BlankComponent }]),
        provideHttpClient(withInterceptors([errorInterceptor])),
        provideHttpClientTesting(),
        { provide: MatSnackBar, useValue: { open } },
      ],
    });
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  async function render(returnUrl?: string) {
    const fixture = TestBed.createComponent(LoginPageComponent);
    if (returnUrl) fixture.componentRef.setInput('returnUrl', returnUrl);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    const field = (id: string) => host.querySelector<HTMLInputElement>(`[data-testid="${id}"]`)!;
    const type = (id: string, value: string) => {
      field(id).value = value;
      field(id).dispatchEvent(new Event('input'));
    };
    const submit = async () => {
      field('login-submit').click();
      await fixture.whenStable();
    };
    return { fixture, host, field, type, submit };
  }

  it('puts the cursor in the account field', async () => {
    const { field } = await render();
    expect(document.activeElement).toBe(field('login-account'));
  });

  it('signs in and goes back to the page the user came from', async () => {
    const { fixture, type, submit } = await render('/audit?page=2');
    type('login-account', 'chen.mh');
    type('login-password', 'Correct-Horse-9');
    await submit();
    const login = TestBed.inject(HttpTestingController).expectOne('/api/auth/login');
    expect(login.request.body).toEqual({ account: 'chen.mh', password: 'Correct-Horse-9' });
    login.flush(makeMe());
    await fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/audit?page=2');
    expect(TestBed.inject(AuthService).me()?.account).toBe('chen.mh');
  });

  it('goes to the password page first when the password must be changed', async () => {
    const { fixture, type, submit } = await render('/audit');
    type('login-account', 'chen.mh');
    type('login-password', 'Initial-Pass-1');
    await submit();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/auth/login')
      .flush(makeMe({ passwordChangeRequired: 'initial' }));
    await fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/password');
  });

  it('shows the generic message of a 401 in place, in the current language, and clears the password', async () => {
    const { fixture, host, field, type, submit } = await render();
    type('login-account', 'chen.mh');
    type('login-password', 'wrong');
    await submit();
    TestBed.inject(HttpTestingController).expectOne('/api/auth/login').flush(AUTH_FAILED, { status: 401, statusText: 'Unauthorized' });
    await fixture.whenStable();
    const error = () => host.querySelector('[data-testid="login-error"]');
    expect(error()!.getAttribute('role')).toBe('alert');
    expect(error()!.textContent).toContain('帳號或密碼錯誤');
    expect(document.activeElement).toBe(error());
    expect(field('login-password').value).toBe('');
    expect(open).not.toHaveBeenCalled();
    expect(TestBed.inject(Router).url).toBe('/');

    TestBed.inject(I18nService).setLang('en');
    await fixture.whenStable();
    expect(error()!.textContent).toContain('Wrong account or password');
  });

  it('sends nothing when a field is empty', async () => {
    const { host, type, submit } = await render();
    type('login-account', 'chen.mh');
    await submit();
    TestBed.inject(HttpTestingController).expectNone('/api/auth/login');
    expect(host.querySelector('[data-testid="login-error"]')!.textContent).toContain('請輸入帳號與密碼');
  });
});
