import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { By } from '@angular/platform-browser';
import type {
  DashboardMissDto,
  ItemMonthDto,
  MissesMonthDto,
  QualityBreakdownDto,
  QualityDayDto,
  QualityDto,
  QualityFigures,
  QualityMonthDto,
  TableExportRequest,
} from '@tunedesk/contracts';
import { errorInterceptor } from '../http/error.interceptor';
import { FakeChartDirective, useFakeChart } from '../shared/chart/chart-testing';
import { TableExportComponent } from '../shared/export/table-export.component';
import { type ExportTable, TableExportService, exportCsv } from '../shared/export/table-export.service';
import { QualityPageComponent, changeOf } from './quality-page.component';

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

function miss(overrides: Partial<DashboardMissDto> = {}): DashboardMissDto {
  return {
    id: 77,
    cycleId: 4,
    representative: '房屋稅可以用信用卡繳嗎',
    size: 36,
    recurringMonths: 1,
    isNew: false,
    unitCode: 'HT',
    unitName: '房屋稅科',
    status: 'open',
    ...overrides,
  };
}

const NEW_MISS = miss({
  id: 81,
  representative: '囤房稅 2.0 怎麼算',
  size: 22,
  isNew: true,
  unitCode: null,
  unitName: null,
  status: 'claimed',
});
const RECURRING_MISS = miss({ id: 77, size: 36, recurringMonths: 3, status: 'proposed' });

const MISSES: MissesMonthDto = {
  month: '2026-10',
  cycleId: 4,
  clusters: 1234,
  misses: 380,
  newClusters: 17,
  recurringClusters: 7,
  largest: [
    RECURRING_MISS,
    NEW_MISS,
    miss({ id: 90, representative: '牌照稅退稅', size: 9, unitCode: 'LV', unitName: '牌照稅科', status: 'closed' }),
  ],
  appeared: [NEW_MISS],
  recurring: [RECURRING_MISS],
};

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

  async function render(url = '/dashboard', quality: QualityDto = QUALITY, misses: MissesMonthDto = MISSES) {
    const harness = await RouterTestingHarness.create();
    const http = TestBed.inject(HttpTestingController);
    const router = TestBed.inject(Router);
    await harness.navigateByUrl(url, QualityPageComponent);
    const first = http.expectOne((req) => req.url === '/api/dashboard/quality');
    first.flush(quality);
    await settle();
    /** Answers the selected month's requests (days, breakdown, items, misses) as the server would. */
    const answerMonth = async (value = '2026-10') => {
      for (const req of http.match(`/api/dashboard/quality/${value}/days`)) req.flush(DAYS);
      for (const req of http.match(`/api/dashboard/quality/${value}/breakdown`)) req.flush(BREAKDOWN);
      for (const req of http.match(`/api/dashboard/items/${value}`)) req.flush(ITEMS);
      for (const req of http.match(`/api/dashboard/misses/${value}`)) req.flush({ ...misses, month: value });
      await settle();
    };
    if (quality.months.length) await answerMonth();
    const host = harness.routeNativeElement!;
    const byTestId = <T extends HTMLElement = HTMLElement>(id: string) => host.querySelector<T>(`[data-testid="${id}"]`);
    /** The table the td-table-export inside the element of that test id was given. */
    const exported = (testId: string): ExportTable => {
      const element = host.querySelector(`[data-testid="${testId}"] td-table-export`);
      const exporter = harness.fixture.debugElement.queryAll(By.directive(TableExportComponent)).find((de) => de.nativeElement === element);
      if (!exporter) throw new Error(`no td-table-export in ${testId}`);
      return (exporter.componentInstance as TableExportComponent).table();
    };
    return { harness, http, router, host, byTestId, first, answerMonth, exported };
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

  it('puts the dashboard tabs first, before the page header', async () => {
    const { host, byTestId } = await render();
    expect(host.firstElementChild!.tagName).toBe('TD-DASHBOARD-TABS');
    expect(host.firstElementChild!.nextElementSibling!.tagName).toBe('HEADER');
    expect(textOf(byTestId('dashboard-tab-dashboard'))).toBe('客服品質');
    expect(byTestId('dashboard-tab-items')!.getAttribute('href')).toBe('/dashboard/items');
  });

  it('gives every table CSV and XLSX buttons, and no Excel-compatible CSV any more', async () => {
    const { byTestId, host, exported } = await render();
    for (const id of ['channels', 'categories', 'items', 'misses-largest', 'misses-appeared', 'misses-recurring']) {
      expect(textOf(byTestId(`export-csv-${id}`))).toMatch(/CSV$/);
      expect(textOf(byTestId(`export-xlsx-${id}`))).toMatch(/XLSX$/);
    }
    expect(host.querySelector('[data-testid^="export-excel-"]')).toBeNull();
    expect(host.textContent).not.toContain('Excel 相容 CSV');

    // The exporter gets the table as shown.
    expect(exported('table-channels')).toEqual(
      expect.objectContaining({
        fileName: 'quality-channels-2026-10',
        title: '依管道',
        headers: ['管道', '提問則數', '對話數', '答覆率', '滿意度', '轉真人比例'],
        rows: [
          ['LINE', 800, 400, '70.0%', '80.0%', '5.0%'],
          ['無管道', 400, 400, null, '80.0%', '5.0%'],
        ],
      }),
    );
    expect(exported('table-items').rows.map((row) => row[0])).toEqual(['HT-0040', 'HT-0012']);
    // A conversation spans categories: the category table has no sessions column rather than a column of zeros.
    expect(exported('table-categories').headers).toEqual(['類別', '提問則數', '答覆率', '滿意度', '轉真人比例']);
  });

  it('shows no sessions figure for a category, where sessions are not counted', async () => {
    const { byTestId, first, http } = await render('/dashboard?month=2026-10&category=房屋稅');
    expect(first.request.params.get('category')).toBe('房屋稅');
    const days = http.expectOne((req) => req.url === '/api/dashboard/quality/2026-10/days');
    expect(days.request.params.get('category')).toBe('房屋稅');
    days.flush(DAYS);
    await settle();
    const sessions = byTestId('kpi-sessions')!;
    expect(textOf(sessions.querySelector('[data-testid="kpi-value"]'))).toBe('—');
    expect(textOf(sessions.querySelector('[data-testid="kpi-previous"]'))).toBe('—');
    expect(textOf(byTestId('kpi-messages')!.querySelector('[data-testid="kpi-value"]'))).toBe('1,200');
    // The — comes with its reason, and only on the sessions card.
    expect(textOf(sessions.querySelector('[data-testid="kpi-note"]'))).toBe(
      '一段對話可能跨好幾個類別，依類別篩選時不計對話數；清除類別篩選即可看到。',
    );
    expect(byTestId('quality-kpis')!.querySelectorAll('[data-testid="kpi-note"]')).toHaveLength(1);
  });

  it('gives no note on the sessions card when it has a figure', async () => {
    const { byTestId, answerMonth } = await render();
    await answerMonth();
    expect(byTestId('kpi-sessions')!.querySelector('[data-testid="kpi-note"]')).toBeNull();
  });

  it('says why a month with messages has no sessions: the report carried no session ids', async () => {
    const quality: QualityDto = { ...QUALITY, months: [month('2026-10', { messages: 900, sessions: 0 })] };
    const { byTestId, answerMonth } = await render('/dashboard', quality);
    await answerMonth();
    const sessions = byTestId('kpi-sessions')!;
    expect(textOf(sessions.querySelector('[data-testid="kpi-value"]'))).toBe('0');
    expect(textOf(sessions.querySelector('[data-testid="kpi-note"]'))).toBe('這個月的報表沒有對話編號，無法計算對話數。');
  });

  it('writes the CSV of a table with a BOM and CRLF, and posts the same table for XLSX', async () => {
    const { byTestId, http } = await render();
    const csv = jest.spyOn(TestBed.inject(TableExportService), 'csv').mockImplementation(() => undefined);
    byTestId('export-csv-channels')!.click();
    expect(csv).toHaveBeenCalledTimes(1);
    expect(exportCsv(csv.mock.calls[0][0])).toBe(
      '\uFEFF管道,提問則數,對話數,答覆率,滿意度,轉真人比例\r\n' + 'LINE,800,400,70.0%,80.0%,5.0%\r\n' + '無管道,400,400,,80.0%,5.0%\r\n',
    );

    const urls = { createObjectURL: URL.createObjectURL, revokeObjectURL: URL.revokeObjectURL };
    Object.assign(URL, { createObjectURL: jest.fn(() => 'blob:quality'), revokeObjectURL: jest.fn() });
    try {
      byTestId('export-xlsx-misses-recurring')!.click();
      const request = http.expectOne({ method: 'POST', url: '/api/exports/xlsx' });
      expect(request.request.body).toEqual<TableExportRequest>({
        fileName: 'quality-misses-recurring-2026-10',
        sheet: '連續多月出現',
        headers: ['代表問句', '未答則數', '負責單位', '狀態', '連續出現', '新出現'],
        rows: [['房屋稅可以用信用卡繳嗎', 36, '房屋稅科', '已提案', '連續 3 個月', '']],
      });
      request.flush(new Blob(['xlsx']));
      await settle();
      await new Promise((resolve) => setTimeout(resolve, 1));
    } finally {
      Object.assign(URL, urls);
    }
  });

  it('names each chart’s export file, shown with the chart’s table', async () => {
    const { byTestId, exported } = await render();
    const chart = byTestId('chart-monthly')!;
    expect(chart.querySelector('[data-testid="export-xlsx-quality-monthly"]')).toBeNull();
    chart.querySelector<HTMLButtonElement>('[data-testid="chart-table-toggle"]')!.click();
    await settle();
    expect(chart.querySelector('[data-testid="export-csv-quality-monthly"]')).not.toBeNull();
    expect(chart.querySelector('[data-testid="export-xlsx-quality-monthly"]')).not.toBeNull();
    expect(exported('chart-monthly')).toEqual({
      fileName: 'quality-monthly',
      title: '每月回應類型',
      headers: ['月份', '直接回答', '推薦回答', '未能回答', '閒聊', '無效問題'],
      rows: [
        ['115年9月', 600, 150, 100, 100, 50],
        ['115年10月', 780, 150, 120, 100, 50],
      ],
    });

    for (const [id, fileName] of [
      ['chart-rates', 'quality-rates'],
      ['chart-daily', 'quality-daily-2026-10'],
    ]) {
      byTestId(id)!.querySelector<HTMLButtonElement>('[data-testid="chart-table-toggle"]')!.click();
      await settle();
      expect(byTestId(`export-xlsx-${fileName}`)).not.toBeNull();
    }
    expect(exported('chart-rates').rows).toEqual([
      ['115年9月', 70, 80, 5],
      ['115年10月', 75, 78, 5],
    ]);
    expect(exported('chart-daily').rows).toEqual([
      ['10/01', 30, 5, 3, 1, 1],
      ['10/02', 20, 8, 4, 2, 1],
    ]);
  });

  it('shows the selected month’s misses: counts, the largest, the new and the recurring clusters', async () => {
    const { byTestId } = await render();
    const section = byTestId('misses')!;
    expect(textOf(section.querySelector('h2'))).toBe('115年10月未答問題');

    const counts = byTestId('misses-counts')!;
    const count = (key: string) => textOf(counts.querySelector(`[data-count="${key}"] dd`));
    const label = (key: string) => textOf(counts.querySelector(`[data-count="${key}"] dt`));
    expect([count('clusters'), count('misses'), count('newClusters'), count('recurringClusters')]).toEqual(['1,234', '380', '17', '7']);
    expect([label('clusters'), label('misses'), label('newClusters'), label('recurringClusters')]).toEqual([
      '未答群組',
      '未答則數',
      '新出現',
      '連續出現',
    ]);

    const largest = byTestId('table-misses-largest')!;
    expect(textOf(largest.querySelector('h3'))).toBe('最大的未答群組');
    expect(textOf(largest.querySelector('caption'))).toBe('最大的未答群組');
    expect([...largest.querySelectorAll('thead th')].map((th) => textOf(th))).toEqual(['代表問句', '未答則數', '負責單位', '狀態']);
    expect([...largest.querySelectorAll('tbody tr')].map((row) => rowText(row))).toEqual([
      '房屋稅可以用信用卡繳嗎 36 房屋稅科 已提案',
      '囤房稅 2.0 怎麼算新 22 待分派 處理中',
      '牌照稅退稅 9 牌照稅科 已結案',
    ]);
    const links = [...largest.querySelectorAll<HTMLAnchorElement>('[data-testid="miss-link"]')];
    expect(links.map((link) => link.getAttribute('href'))).toEqual(['/queue/cluster/77', '/queue/cluster/81', '/queue/cluster/90']);
    // Only the new cluster carries the badge.
    expect([...largest.querySelectorAll('tbody tr')].map((row) => row.querySelector('[data-testid="miss-new"]') !== null)).toEqual([
      false,
      true,
      false,
    ]);

    const appeared = byTestId('table-misses-appeared')!;
    expect(textOf(appeared.querySelector('h3'))).toBe('本月新出現');
    expect([...appeared.querySelectorAll('tbody tr')].map((row) => rowText(row))).toEqual(['囤房稅 2.0 怎麼算新 22 待分派 處理中']);

    const recurring = byTestId('table-misses-recurring')!;
    expect(textOf(recurring.querySelector('h3'))).toBe('連續多月出現');
    expect([...recurring.querySelectorAll('thead th')].map((th) => textOf(th))).toEqual([
      '代表問句',
      '未答則數',
      '負責單位',
      '狀態',
      '連續出現',
    ]);
    expect([...recurring.querySelectorAll('tbody tr')].map((row) => rowText(row))).toEqual([
      '房屋稅可以用信用卡繳嗎 36 房屋稅科 已提案 連續 3 個月',
    ]);
    expect(byTestId('misses-no-cycle')).toBeNull();
  });

  it('asks for the misses of the month in the address, and says so for an empty list', async () => {
    const { byTestId, http } = await render('/dashboard?month=2026-09', QUALITY, { ...MISSES, recurring: [], recurringClusters: 0 });
    // render() answered 2026-10 only; the page asked for 2026-09.
    expect(http.match('/api/dashboard/misses/2026-10')).toHaveLength(0);
    for (const req of http.match('/api/dashboard/quality/2026-09/days')) req.flush(DAYS);
    for (const req of http.match('/api/dashboard/quality/2026-09/breakdown')) req.flush(BREAKDOWN);
    for (const req of http.match('/api/dashboard/items/2026-09')) req.flush(ITEMS);
    http.expectOne('/api/dashboard/misses/2026-09').flush({ ...MISSES, month: '2026-09', recurring: [], recurringClusters: 0 });
    await settle();
    expect(textOf(byTestId('misses')!.querySelector('h2'))).toBe('115年9月未答問題');
    expect(textOf(byTestId('misses-counts')!.querySelector('[data-count="recurringClusters"] dd'))).toBe('0');
    expect(byTestId('table-misses-recurring')!.querySelector('table')).toBeNull();
    expect(textOf(byTestId('table-misses-recurring'))).toContain('沒有資料。');
  });

  it('says the month has no tuning cycle yet when its report has none', async () => {
    const { byTestId } = await render('/dashboard', QUALITY, {
      ...MISSES,
      cycleId: null,
      clusters: 0,
      misses: 0,
      newClusters: 0,
      recurringClusters: 0,
      largest: [],
      appeared: [],
      recurring: [],
    });
    expect(textOf(byTestId('misses-no-cycle'))).toContain('這個月的報表尚未建立調校週期');
    expect(byTestId('misses-counts')).toBeNull();
    expect(byTestId('table-misses-largest')).toBeNull();
    expect(byTestId('export-xlsx-misses-largest')).toBeNull();
  });

  it('shows a failure of the misses with a retry, leaving the rest of the page', async () => {
    const { byTestId, http, harness } = await render('/dashboard?month=2026-09');
    for (const req of http.match('/api/dashboard/quality/2026-09/days')) req.flush(DAYS);
    for (const req of http.match('/api/dashboard/quality/2026-09/breakdown')) req.flush(BREAKDOWN);
    for (const req of http.match('/api/dashboard/items/2026-09')) req.flush(ITEMS);
    http.expectOne('/api/dashboard/misses/2026-09').flush('boom', { status: 500, statusText: 'Server Error' });
    await settle();
    const alert = byTestId('misses')!.querySelector('[role="alert"]')!;
    expect(textOf(alert)).toContain('500');
    expect(byTestId('table-channels')).not.toBeNull();

    alert.querySelector('button')!.click();
    await settle();
    http.expectOne('/api/dashboard/misses/2026-09').flush(MISSES);
    await settle();
    harness.detectChanges();
    expect(byTestId('misses')!.querySelector('[role="alert"]')).toBeNull();
    expect(byTestId('table-misses-largest')).not.toBeNull();
  });

  it('says so when there is no data', async () => {
    const { byTestId, http } = await render('/dashboard', { ...QUALITY, months: [] });
    expect(byTestId('quality-empty')).not.toBeNull();
    expect(byTestId('quality-kpis')).toBeNull();
    expect(byTestId('misses')).toBeNull();
    // Nothing asked for a month.
    expect(http.match((req) => req.url.startsWith('/api/dashboard/misses/'))).toHaveLength(0);
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
