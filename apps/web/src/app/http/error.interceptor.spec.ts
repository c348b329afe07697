import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { ApiErrorBody, HealthReport } from '@tunedesk/contracts';
import { firstValueFrom } from 'rxjs';
import { HealthApi } from '../health/health.api';
import { I18nService } from '../i18n/i18n.service';
import { errorInterceptor } from './error.interceptor';

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
});
