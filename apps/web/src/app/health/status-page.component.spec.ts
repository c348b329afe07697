import { Role } from '@tunedesk/contracts';
import { signIn } from '../testing/auth-testing';
import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { HealthReport, JobDaySummary } from '@tunedesk/contracts';
import { errorInterceptor } from '../http/error.interceptor';
import { I18nService } from '../i18n/i18n.service';
import { FakeChartDirective, useFakeChart } from '../shared/chart/chart-testing';
import { StatusPageComponent } from './status-page.component';

const REPORT: HealthReport = {
  status: 'error',
  version: '0.1.0',
  mode: 'production',
  startedAt: '2026-11-28T16:05:00Z',
  checkedAt: '2026-11-29T02:00:00Z',
  components: [
    { name: 'database', state: 'up', detail: 'mysql 10.11.19-MariaDB', latencyMs: 4 },
    { name: 'redis', state: 'down', error: 'connect ECONNREFUSED 127.0.0.1:6379', latencyMs: 1500 },
    { name: 'jobs', state: 'up', detail: 'bullmq' },
  ],
};

const SUMMARY: JobDaySummary[] = [
  { day: '2026-11-28', succeeded: 2, failed: 1, other: 0 },
  { day: '2026-11-29', succeeded: 5, failed: 0, other: 1 },
];

describe('StatusPageComponent', () => {
  let open: jest.Mock;

  beforeEach(() => {
    localStorage.clear();
    open = jest.fn();
    useFakeChart();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([errorInterceptor])),
        provideHttpClientTesting(),
        { provide: MatSnackBar, useValue: { open } },
      ],
    });
  });

  async function render() {
    const fixture = TestBed.createComponent(StatusPageComponent);
    TestBed.tick();
    const http = TestBed.inject(HttpTestingController);
    http.expectOne('/api/health').flush(REPORT, { status: 503, statusText: 'Service Unavailable' });
    http.expectOne('/api/jobs/summary?days=14').flush(SUMMARY);
    http.expectOne('/api/jobs/recent').flush([]);
    await fixture.whenStable();
    return { fixture, host: fixture.nativeElement as HTMLElement };
  }

  it('shows a 503 report as a red banner naming the failing component, not as a load failure', async () => {
    const { host } = await render();
    const banner = host.querySelector('[data-testid="health-overall"]')!;
    expect(banner.classList).toContain('banner--error');
    expect(banner.textContent).toContain('有元件異常：Redis 佇列伺服器');
    expect(banner.textContent).toContain('正式模式');
    expect(banner.textContent).toContain('115/11/29 00:05');
    expect(host.querySelector('[data-testid="component-redis"]')!.textContent).toContain('異常');
    expect(host.querySelector('[data-testid="component-redis"]')!.textContent).toContain('ECONNREFUSED');
    expect(host.querySelector('[data-testid="component-database"]')!.textContent).toContain('4 毫秒');
    expect(open).not.toHaveBeenCalled();
  });

  it('says in the interface language that the jobs run in this process when Redis is not set up', async () => {
    const fixture = TestBed.createComponent(StatusPageComponent);
    TestBed.tick();
    const http = TestBed.inject(HttpTestingController);
    http.expectOne('/api/health').flush({
      ...REPORT,
      status: 'ok',
      components: [
        { name: 'redis', state: 'not-configured', detail: 'in-process job runner' },
        { name: 'jobs', state: 'up', detail: 'in-process' },
      ],
    } satisfies HealthReport);
    http.expectOne('/api/jobs/summary?days=14').flush(SUMMARY);
    http.expectOne('/api/jobs/recent').flush([]);
    await fixture.whenStable();
    const redis = () => (fixture.nativeElement as HTMLElement).querySelector('[data-testid="component-redis"]')!.textContent!;
    expect(redis()).toContain('未使用，由本程式執行工作');
    const jobs = (fixture.nativeElement as HTMLElement).querySelector('[data-testid="component-jobs"]')!.textContent!;
    expect(jobs).toContain('本程式內執行');
    expect(jobs).not.toContain('in-process');
    expect(redis()).not.toContain('in-process');
    TestBed.inject(I18nService).setLang('en');
    await fixture.whenStable();
    expect(redis()).toContain('No Redis: this process runs the jobs itself');
  });

  it('offers the self-test to the IT section and administrators only', async () => {
    signIn({ roles: [Role.KnowledgeContact] });
    const contact = await render();
    expect(contact.host.querySelector('[data-testid="self-test"]')).toBeNull();
    contact.fixture.destroy();
    signIn({ roles: [Role.ItSection] });
    const it = await render();
    expect(it.host.querySelector('[data-testid="self-test"]')).not.toBeNull();
  });

  it('plots jobs per day with ROC labels, ISO-style in English', async () => {
    const { fixture } = await render();
    const data = () => FakeChartDirective.last!.data()!;
    expect(data().labels).toEqual(['11/28', '11/29']);
    expect(data().datasets.map((d) => [d.label, d.data])).toEqual([
      ['成功', [2, 5]],
      ['失敗', [1, 0]],
      ['其他', [0, 1]],
    ]);
    TestBed.inject(I18nService).setLang('en');
    await fixture.whenStable();
    expect(data().labels).toEqual(['11-28', '11-29']);
    expect(data().datasets.map((d) => d.label)).toEqual(['Succeeded', 'Failed', 'Other']);
  });
});
