import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, provideRouter } from '@angular/router';
import type { ApiErrorBody, HealthReport } from '@tunedesk/contracts';
import { firstValueFrom } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { HealthApi } from '../health/health.api';
import { I18nService } from '../i18n/i18n.service';
import { makeMe } from '../testing/auth-testing';
import { errorInterceptor } from './error.interceptor';

@Component({ selector: 'td-blank', template: '' })
class BlankComponent {}

const SESSION_EXPIRED: ApiErrorBody = {
  statusCode: 401,
  code: 'SESSION_EXPIRED',
  message: { 'zh-TW': '工作階段已逾時，請重新登入', en: 'Your session has expired; sign in again' },
};

const NOT_FOUND: ApiErrorBody = {
  statusCode: 404,
  code: 'NOT_FOUND',
  message: { 'zh-TW': '找不到指定的資料或頁面', en: 'Not found' },
};

const DOWN_REPORT: HealthReport = {
  status: 'error',
  version: '0.1.0',
  mode: 'production',
  startedAt: '2026-11-29T01:00:00Z',
  checkedAt: '2026-11-29T02:00:00Z',
  components: [
    { name: 'database', state: 'up', detail: 'mysql 8.4', latencyMs: 3 },
    { name: 'redis', state: 'down', error: 'connect ECONNREFUSED' },
    { name: 'jobs', state: 'up', detail: 'bullmq' },
  ],
};

describe('errorInterceptor', () => {
  let http: HttpClient;
  let controller: HttpTestingController;
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
    http = TestBed.inject(HttpClient);
    controller = TestBed.inject(HttpTestingController);
  });

  afterEach(() => controller.verify());

  it('shows the API message in the current language with its code, and still fails the request', async () => {
    const zh = firstValueFrom(http.get('/api/units/XX'));
    controller.expectOne('/api/units/XX').flush(NOT_FOUND, { status: 404, statusText: 'Not Found' });
    await expect(zh).rejects.toMatchObject({ status: 404 });
    expect(open).toHaveBeenLastCalledWith('找不到指定的資料或頁面（代碼 NOT_FOUND）', '關閉', expect.anything());

    TestBed.inject(I18nService).setLang('en');
    const english = firstValueFrom(http.get('/api/units/XX'));
    controller.expectOne('/api/units/XX').flush(NOT_FOUND, { status: 404, statusText: 'Not Found' });
    await expect(english).rejects.toMatchObject({ status: 404 });
    expect(open).toHaveBeenLastCalledWith('Not found (code NOT_FOUND)', 'Dismiss', expect.anything());
  });

  it('reports a network failure as an unreachable server', async () => {
    const request = firstValueFrom(http.get('/api/units'));
    controller.expectOne('/api/units').error(new ProgressEvent('error'), { status: 0, statusText: 'Unknown Error' });
    await expect(request).rejects.toMatchObject({ status: 0 });
    expect(open).toHaveBeenCalledWith('無法連線到伺服器', '關閉', expect.anything());
  });

  it('names the status of an error that is not an ApiErrorBody', async () => {
    const request = firstValueFrom(http.get('/api/units'));
    controller.expectOne('/api/units').flush('Bad Gateway', { status: 502, statusText: 'Bad Gateway' });
    await expect(request).rejects.toMatchObject({ status: 502 });
    expect(open).toHaveBeenCalledWith('伺服器回應錯誤（HTTP 502）', '關閉', expect.anything());
  });

  it('treats the 503 of /api/health as the report, without a snackbar', async () => {
    const report = firstValueFrom(TestBed.inject(HealthApi).report());
    controller.expectOne('/api/health').flush(DOWN_REPORT, { status: 503, statusText: 'Service Unavailable' });
    await expect(report).resolves.toEqual(DOWN_REPORT);
    expect(open).not.toHaveBeenCalled();
  });

  it('still reports other failures of /api/health', async () => {
    const report = firstValueFrom(TestBed.inject(HealthApi).report());
    controller.expectOne('/api/health').flush(NOT_FOUND, { status: 500, statusText: 'Internal Server Error' });
    await expect(report).rejects.toMatchObject({ status: 500 });
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('signs the user out on a lost session and sends them to the login page, remembering where they were', async () => {
    const auth = TestBed.inject(AuthService);
    auth.me.set(makeMe());
    await TestBed.inject(Router).navigateByUrl('/audit?page=3');
    const request = firstValueFrom(http.get('/api/audit'));
    controller.expectOne('/api/audit').flush(SESSION_EXPIRED, { status: 401, statusText: 'Unauthorized' });
    await expect(request).rejects.toMatchObject({ status: 401 });
    await TestBed.inject(ApplicationRef).whenStable(); // the redirect
    expect(auth.me()).toBeNull();
    expect(TestBed.inject(Router).url).toBe('/login?returnUrl=%2Faudit%3Fpage%3D3');
    expect(open).toHaveBeenCalledWith('工作階段已逾時，請重新登入（代碼 SESSION_EXPIRED）', '關閉', expect.anything());
  });

  it('does not sign out for the 401 of the login itself or of a wrong current password', async () => {
    const auth = TestBed.inject(AuthService);
    auth.me.set(makeMe());
    await TestBed.inject(Router).navigateByUrl('/password');
    const wrong = firstValueFrom(http.post('/api/auth/password', {}));
    controller
      .expectOne('/api/auth/password')
      .flush(
        { statusCode: 401, code: 'CURRENT_PASSWORD_WRONG', message: { 'zh-TW': '目前的密碼不正確', en: 'Wrong' } },
        { status: 401, statusText: 'Unauthorized' },
      );
    await expect(wrong).rejects.toMatchObject({ status: 401 });
    const probe = firstValueFrom(http.get('/api/auth/me'));
    controller.expectOne('/api/auth/me').flush(SESSION_EXPIRED, { status: 401, statusText: 'Unauthorized' });
    await expect(probe).rejects.toMatchObject({ status: 401 });
    expect(auth.me()).not.toBeNull();
    expect(TestBed.inject(Router).url).toBe('/password');
  });

  it('sends the user to the password page on 403 PASSWORD_CHANGE_REQUIRED, without a snackbar', async () => {
    const request = firstValueFrom(http.get('/api/units'));
    controller
      .expectOne('/api/units')
      .flush(
        { statusCode: 403, code: 'PASSWORD_CHANGE_REQUIRED', message: { 'zh-TW': '請先變更密碼', en: 'Change your password first' } },
        { status: 403, statusText: 'Forbidden' },
      );
    await expect(request).rejects.toMatchObject({ status: 403 });
    controller.expectOne('/api/auth/me').flush(makeMe({ passwordChangeRequired: 'expired' }));
    await TestBed.inject(ApplicationRef).whenStable();
    expect(TestBed.inject(Router).url).toBe('/password');
    expect(TestBed.inject(AuthService).me()?.passwordChangeRequired).toBe('expired');
    expect(open).not.toHaveBeenCalled();
  });
});
