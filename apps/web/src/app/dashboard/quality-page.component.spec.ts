import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { ItemMonthDto, QualityBreakdownDto, QualityDayDto, QualityDto, QualityFigures, QualityMonthDto } from '@tunedesk/contracts';
import { errorInterceptor } from '../http/error.interceptor';
import { FakeChartDirective, useFakeChart } from '../shared/chart/chart-testing';
import { QualityPageComponent, changeOf, tableCsv } from './quality-page.component';

function figures(overrides: Partial<QualityFigures> = {}): QualityFigures {
  return {
    messages: 1000,
    sessions: 400,
    byResponseType: { answered: 600, suggested: 150, unanswered: 100, 'chit-chat': 100, invalid: 50 },
    answerRate: 0.7,
    satisfactionRate: 0.8,
    rated: 100,
    satisfied: 80,
    handedOff: 50,
    handOffRate: 0.05,
    ...overrides,
  };
}

function month(value: string, overrides: Partial<QualityMonthDto> = {}): QualityMonthDto {
  return { month: value, ...figures(), previous: null, lastYear: null, ...overrides };
}

const QUALITY: QualityDto = {
  filters: { from: '2026-09', to: '2026-10', channel: null, category: null },
  months: [
    month('2026-09'),
    month('2026-10', {
      messages: 1200,
      sessions: 380,
      byResponseType: { answered: 780, suggested: 150, unanswered: 120, 'chit-chat': 100, invalid: 50 },
      answerRate: 0.75,
      satisfactionRate: 0.78,
      handOffRate: 0.05,
      previous: figures(),
      lastYear: null,
    }),
  ],
  channels: ['LINE', '網站', ''],
  categories: ['房屋稅', '使用牌照稅'],
};

const DAYS: QualityDayDto[] = [
  {
    day: '2026-10-01',
    ...figures({ messages: 40, byResponseType: { answered: 30, suggested: 5, unanswered: 3, 'chit-chat': 1, invalid: 1 } }),
  },
  {
    day: '2026-10-02',
    ...figures({ messages: 35, byResponseType: { answered: 20, suggested: 8, unanswered: 4, 'chit-chat': 2, invalid: 1 } }),
  },
];

const BREAKDOWN: QualityBreakdownDto = {
  month: '2026-10',
  byChannel: [
    { channel: 'LINE', ...figures({ messages: 800 }) },
    { channel: '', ...figures({ messages: 400, answerRate: null }) },
  ],
  byCategory: [{ category: '房屋稅', ...figures({ messages: 1200 }) }],
};

const ITEMS: ItemMonthDto[] = [
  {
    kbItemId: 'HT-0012',
    question: '房屋稅可以用信用卡繳嗎',
    category: '房屋稅',
    ownerUnitCode: 'HT',
    hits: 12,
    rated: 4,
    satisfied: 3,
    satisfactionRate: 0.75,
  },
  {
    kbItemId: 'HT-0040',
    question: '房屋稅何時開徵',
    category: '房屋稅',
    ownerUnitCode: 'HT',
    hits: 88,
    rated: 0,
    satisfied: 0,
    satisfactionRate: null,
  },
];

/** Lets resources take their answers and renders. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  TestBed.tick();
}

describe('QualityPageComponent', () => {
  beforeEach(() => {
    localStorage.clear();
    useFakeChart();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'dashboard', component: QualityPageComponent }], withComponentInputBinding()),
        provideHttpClient(withInterceptors([errorInterceptor])),
        provideHttpClientTesting(),
        { provide: MatSnackBar, useValue: { open: jest.fn() } },
      ],
    });
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  async function render(url = '/dashboard', quality: QualityDto = QUALITY) {
    const harness = await RouterTestingHarness.create();
    const http = TestBed.inject(HttpTestingController);
    const router = TestBed.inject(Router);
    await harness.navigateByUrl(url, QualityPageComponent);
    const first = http.expectOne((req) => req.url === '/api/dashboard/quality');
    first.flush(quality);
    await settle();
    /** Answers the selected month's requests (days, breakdown, items) as the server would. */
    const answerMonth = async (value = '2026-10') => {
      for (const req of http.match(`/api/dashboard/quality/${value}/days`)) req.flush(DAYS);
      for (const req of http.match(`/api/dashboard/quality/${value}/breakdown`)) req.flush(BREAKDOWN);
      for (const req of http.match(`/api/dashboard/items/${value}`)) req.flush(ITEMS);
      await settle();
    };
    if (quality.months.length) await answerMonth();
    const host = harness.routeNativeElement!;
    const byTestId = <T extends HTMLElement = HTMLElement>(id: string) => host.querySelector<T>(`[data-testid="${id}"]`);
    return { harness, http, router, host, byTestId, first, answerMonth };
  }

  const textOf = (element: Element | null) => element!.textContent!.replace(/\s+/g, ' ').trim();
  /** A table row as the text of its cells, separated by spaces. */
  const rowText = (row: Element) => [...row.children].map((cell) => textOf(cell)).join(' ');

  it('shows the latest month’s KPIs with their change against the month before and last year', async () => {
    const { byTestId, first } = await render();
    expect(first.request.params.keys()).toEqual([]);

    const messages = byTestId('kpi-messages')!;
    expect(textOf(messages.querySelector('[data-testid="kpi-value"]'))).toBe('1,200');
    expect(textOf(messages.querySelector('[data-testid="kpi-previous"]'))).toBe('▲ 20.0%');
    expect(textOf(messages.querySelector('[data-testid="kpi-last-year"]'))).toBe('—');

    const sessions = byTestId('kpi-sessions')!;
    expect(textOf(sessions.querySelector('[data-testid="kpi-previous"]'))).toBe('▼ 5.0%');

    const answerRate = byTestId('kpi-answerRate')!;
    expect(textOf(answerRate.querySelector('[data-testid="kpi-value"]'))).toBe('75.0%');
    expect(textOf(answerRate.querySelector('[data-testid="kpi-previous"]'))).toBe('▲ 5.0 個百分點');

    const satisfaction = byTestId('kpi-satisfactionRate')!;
    expect(textOf(satisfaction.querySelector('[data-testid="kpi-previous"]'))).toBe('▼ 2.0 個百分點');

    const handOff = byTestId('kpi-handOffRate')!;
    expect(textOf(handOff.querySelector('[data-testid="kpi-previous"]'))).toBe('0.0 個百分點');

    // The month's breakdown and its items, most hit first; '' is 無管道.
    const channelRows = [...byTestId('table-channels')!.querySelectorAll('tbody tr')].map((row) => rowText(row));
    expect(channelRows).toEqual(['LINE 800 400 70.0% 80.0% 5.0%', '無管道 400 400 — 80.0% 5.0%']);
    const itemIds = [...byTestId('table-items')!.querySelectorAll('tbody tr td:first-child')].map((cell) => textOf(cell));
    expect(itemIds).toEqual(['HT-0040', 'HT-0012']);
  });

  it('keeps the channel filter in the address and asks again with it', async () => {
    const { byTestId, http, router, answerMonth } = await render('/dashboard?month=2026-10');

    byTestId('filter-channel')!.querySelector<HTMLElement>('.mat-mdc-select-trigger')!.click();
    await settle();
    [...document.querySelectorAll<HTMLElement>('mat-option')].find((option) => textOf(option) === 'LINE')!.click();
    await settle();

    expect(router.url).toBe('/dashboard?month=2026-10&channel=LINE');
    const again = http.expectOne((req) => req.url === '/api/dashboard/quality');
    expect(again.request.params.get('channel')).toBe('LINE');
    again.flush({ ...QUALITY, filters: { ...QUALITY.filters, channel: 'LINE' } });
    await settle();
    const days = http.expectOne((req) => req.url === '/api/dashboard/quality/2026-10/days');
    expect(days.request.params.get('channel')).toBe('LINE');
    days.flush(DAYS);
    await answerMonth();
  });

  it('shows the monthly chart’s numbers as a table', async () => {
    const { byTestId } = await render();
    const chart = byTestId('chart-monthly')!;
    expect(chart.querySelector('canvas')).not.toBeNull();
    chart.querySelector<HTMLButtonElement>('[data-testid="chart-table-toggle"]')!.click();
    await settle();

    const rows = [...chart.querySelectorAll('tbody tr')].map((row) => rowText(row));
    expect(rows).toEqual(['115年9月 600 150 100 100 50', '115年10月 780 150 120 100 50']);
    const headers = [...chart.querySelectorAll('thead th')].map((th) => textOf(th));
    expect(headers).toEqual(['月份', '直接回答', '推薦回答', '未能回答', '閒聊', '無效問題']);
    expect(FakeChartDirective.last).toBeDefined();
  });

  it('says so when there is no data', async () => {
    const { byTestId } = await render('/dashboard', { ...QUALITY, months: [] });
    expect(byTestId('quality-empty')).not.toBeNull();
    expect(byTestId('quality-kpis')).toBeNull();
  });
});

describe('tableCsv', () => {
  it('writes a BOM, CRLF lines, quotes and defuses formula-like cells', () => {
    const csv = tableCsv({
      headers: ['管道', '則數', '答覆率'],
      rows: [
        ['LINE', 800, '70.0%'],
        ['=HYPERLINK("x")', 1, null],
        ['+886', 2, '-1'],
        ['@home, office', 3, '5.0%'],
      ],
    });
    expect(csv).toBe(
      '\uFEFF管道,則數,答覆率\r\n' +
        'LINE,800,70.0%\r\n' +
        `"'=HYPERLINK(""x"")",1,\r\n` +
        "'+886,2,'-1\r\n" +
        `"'@home, office",3,5.0%\r\n`,
    );
  });
});

describe('changeOf', () => {
  it('gives counts in per cent and rates in points, and nothing without a base', () => {
    expect(changeOf('count', 1200, 1000)).toEqual({ arrow: '▲', value: '20.0' });
    expect(changeOf('count', 5, 0)).toBeNull();
    expect(changeOf('rate', 0.7, 0.75)).toEqual({ arrow: '▼', value: '5.0' });
    expect(changeOf('rate', null, 0.75)).toBeNull();
    expect(changeOf('rate', 0.5, undefined)).toBeNull();
  });
});
