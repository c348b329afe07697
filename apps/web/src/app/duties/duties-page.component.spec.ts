import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { DutyName, DutyStatus, type DutyPeriodDto, type DutyYearDto } from '@tunedesk/contracts';
import { ClockService } from '../shared/clock.service';
import { DutiesPageComponent } from './duties-page.component';

const period = (
  duty: DutyName,
  p: string,
  due: string | null,
  status = DutyStatus.Unknown,
  units: DutyPeriodDto['units'] = [],
): DutyPeriodDto => ({
  duty,
  period: p,
  due,
  status,
  units,
  ...(due ? {} : { needsCalendarYear: 2027 }),
});

function year2026(): DutyYearDto {
  return {
    year: 2026,
    today: '2026-02-05',
    rules: [
      { duty: DutyName.WebsiteReview, recurrence: 'monthly', tracked: true },
      { duty: DutyName.PasswordRotation, recurrence: 'quarterly', tracked: false },
    ],
    duties: [
      period(DutyName.WebsiteReview, '2026-01', '2026-01-12', DutyStatus.Late, [
        { unitCode: 'HT', status: DutyStatus.Done },
        { unitCode: 'LV', status: DutyStatus.Late },
      ]),
      period(DutyName.WebsiteReview, '2026-02', '2026-02-10', DutyStatus.Pending, [{ unitCode: 'HT', status: DutyStatus.Pending }]),
      period(DutyName.PasswordRotation, '2026-Q1', '2026-03-31'),
      period(DutyName.PasswordRotation, '2026-Q4', '2026-12-31'),
    ],
  };
}

describe('DutiesPageComponent', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: ClockService, useValue: { now: signal(new Date('2026-02-05T02:00:00Z')) } },
      ],
    });
  });

  async function open() {
    const fixture = TestBed.createComponent(DutiesPageComponent);
    TestBed.tick();
    const http = TestBed.inject(HttpTestingController);
    http.expectOne('/api/duties?year=2026').flush(year2026());
    await fixture.whenStable();
    return { fixture, http, host: fixture.nativeElement as HTMLElement };
  }

  const cell = (host: HTMLElement, key: string) => host.querySelector<HTMLElement>(`[data-cell="${key}"]`)!;

  it('shows the year as duties × months with ROC due dates, status colours, a legend and today’s month', async () => {
    const { host } = await open();
    expect(host.querySelector('[data-testid="duties-year"]')!.textContent).toContain('民國 115 年');
    const headers = [...host.querySelectorAll('[data-testid="duties-grid"] thead th')].map((th) => th.textContent!.trim());
    expect(headers).toHaveLength(13);
    expect(headers[1]).toBe('1 月');
    const rows = [...host.querySelectorAll('[data-testid="duties-grid"] tbody th')].map((th) =>
      th.textContent!.replace(/\s+/g, ' ').trim(),
    );
    expect(rows).toEqual(['網站資料檢視 每月', '密碼更換 每季']);
    const jan = cell(host, 'website-review:1').querySelector('.due')!;
    expect(jan.textContent).toContain('01/12');
    expect(jan.getAttribute('data-status')).toBe('late');
    expect(jan.classList).toContain('td-badge--warning');
    expect(cell(host, 'website-review:2').querySelector('.due')!.classList).toContain('td-badge--info');
    expect(cell(host, 'password-rotation:3').textContent).toContain('03/31');
    expect(cell(host, 'password-rotation:1').textContent!.trim()).toBe('—');
    // February is today's month: its header and cells are marked.
    expect(host.querySelector('thead th[aria-current="date"]')!.textContent!.trim()).toBe('2 月');
    expect(cell(host, 'website-review:2').classList).toContain('is-today');
    expect(cell(host, 'website-review:1').classList).not.toContain('is-today');
    const legend = host.querySelector('[data-testid="duties-legend"]')!.textContent!;
    for (const label of ['已完成', '逾期完成', '未完成', '進行中', '未登錄', '115/02/05']) expect(legend).toContain(label);
  });

  it('is one tab stop; arrow keys move across the grid and show the cell’s periods and units', async () => {
    const { fixture, host } = await open();
    const focusable = [...host.querySelectorAll('[role="gridcell"]')].filter((c) => c.getAttribute('tabindex') === '0');
    expect(focusable).toEqual([cell(host, 'website-review:2')]);
    cell(host, 'website-review:2').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    await fixture.whenStable();
    expect(cell(host, 'website-review:1').getAttribute('tabindex')).toBe('0');
    expect(document.activeElement).toBe(cell(host, 'website-review:1'));
    const details = host.querySelector('[data-testid="duties-details"]')!.textContent!.replace(/\s+/g, ' ');
    expect(details).toContain('網站資料檢視・1 月');
    expect(details).toContain('115/01/12');
    expect(details).toContain('HT 已完成');
    expect(details).toContain('LV 逾期完成');
    cell(host, 'website-review:1').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    cell(host, 'website-review:1').dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    await fixture.whenStable();
    expect(cell(host, 'website-review:12').getAttribute('tabindex')).toBe('0');
  });

  it('moves to another year and shows why a year cannot be shown', async () => {
    const { fixture, http, host } = await open();
    host.querySelector<HTMLButtonElement>('[data-testid="duties-next"]')!.click();
    TestBed.tick();
    http
      .expectOne('/api/duties?year=2027')
      .flush(
        { statusCode: 422, code: 'CALENDAR_YEAR_MISSING', message: '尚未匯入 2027 年（民國 116 年）辦公日曆表，無法排定工作期限' },
        { status: 422, statusText: 'Unprocessable Entity' },
      );
    await fixture.whenStable();
    expect(host.querySelector('[data-testid="duties-year"]')!.textContent).toContain('民國 116 年');
    expect(host.querySelector('[data-testid="duties-grid"]')).toBeNull();
    expect(host.textContent).toContain('2027');
    expect(host.querySelector('[data-testid="duties-this-year"]')).not.toBeNull();
  });
});
