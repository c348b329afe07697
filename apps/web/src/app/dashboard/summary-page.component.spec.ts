import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { DashboardMissDto, MonthlySummaryDto, QualityDto, QualityFigures, QualityMonthDto } from '@tunedesk/contracts';
import { errorInterceptor } from '../http/error.interceptor';
import { I18nService } from '../i18n/i18n.service';
import { TableExportService } from '../shared/export/table-export.service';
import { signIn } from '../testing/auth-testing';
import { SummaryPageComponent, formatPercent, signedChange } from './summary-page.component';

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

function qualityMonth(month: string, overrides: Partial<QualityMonthDto> = {}): QualityMonthDto {
  return { month, ...figures(), previous: null, lastYear: null, ...overrides };
}

const QUALITY: QualityDto = {
  filters: { from: '2025-11', to: '2026-10', channel: null, category: null },
  months: [qualityMonth('2026-09'), qualityMonth('2026-10')],
  channels: [],
  categories: [],
};

function miss(
  id: number,
  representative: string,
  size: number,
  recurringMonths: number,
  unitName: string | null = '房屋稅科',
): DashboardMissDto {
  return {
    id,
    cycleId: 4,
    representative,
    size,
    recurringMonths,
    isNew: recurringMonths === 1,
    unitCode: unitName ? 'HT' : null,
    unitName,
    status: 'open',
  };
}

function summary(overrides: Partial<MonthlySummaryDto> = {}): MonthlySummaryDto {
  return {
    month: '2026-10',
    generatedAt: '2026-11-02T01:30:00.000Z',
    quality: qualityMonth('2026-10', {
      messages: 1200,
      sessions: 380,
      byResponseType: { answered: 780, suggested: 150, unanswered: 120, 'chit-chat': 100, invalid: 50 },
      answerRate: 0.75,
      satisfactionRate: 0.78,
      handOffRate: 0.05,
      previous: figures(),
      lastYear: null,
    }),
    cycle: {
      id: 4,
      label: '115年10月定期調校',
      dueDate: '2026-11-14',
      announcedAt: '2026-11-03T01:00:00.000Z',
      closedAt: null,
      changeSetSentAt: '2026-11-25T06:00:00.000Z',
    },
    changes: [
      { unitCode: 'HT', unitName: '房屋稅科', add: 2, modify: 3, delete: 1, approved: 5, applied: 4, deferred: 1, listStatus: 'approved' },
      { unitCode: 'LV', unitName: '牌照稅科', add: 1, modify: 0, delete: 0, approved: 0, applied: 0, deferred: 0, listStatus: 'submitted' },
      { unitCode: 'LT', unitName: '地價稅科', add: 0, modify: 0, delete: 0, approved: 0, applied: 0, deferred: 0, listStatus: null },
    ],
    open: [
      { unitCode: 'HT', unitName: '房屋稅科', open: 3, claimed: 2, overdue: 1 },
      { unitCode: 'LV', unitName: '牌照稅科', open: 1, claimed: 0, overdue: 0 },
    ],
    misses: {
      month: '2026-10',
      cycleId: 4,
      clusters: 40,
      misses: 320,
      newClusters: 12,
      recurringClusters: 8,
      largest: [
        miss(1, '房屋稅可以刷卡嗎', 30, 3),
        miss(2, '牌照稅退費', 25, 1, '牌照稅科'),
        miss(3, '地價稅何時繳', 50, 2),
        miss(4, '繳款書遺失', 12, 1, null),
        miss(5, '房屋稅怎麼算', 20, 4),
        miss(6, '最小的一群', 5, 1),
      ],
      appeared: [],
      recurring: [],
    },
    effect: { improved: 3, unchanged: 1, worse: 1, pending: 2 },
    ...overrides,
  };
}

/** Lets resources take their answers and renders. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  TestBed.tick();
}

const textOf = (element: Element | null) => element!.textContent!.replace(/\s+/g, ' ').trim();
/** A table row as the text of its cells, separated by spaces. */
const rowText = (row: Element) => [...row.children].map((cell) => textOf(cell)).join(' ');

describe('SummaryPageComponent', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'dashboard/summary', component: SummaryPageComponent }], withComponentInputBinding()),
        provideHttpClient(withInterceptors([errorInterceptor])),
        provideHttpClientTesting(),
        { provide: MatSnackBar, useValue: { open: jest.fn() } },
      ],
    });
    signIn();
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  async function render(options: { url?: string; quality?: QualityDto; summary?: MonthlySummaryDto | null; month?: string } = {}) {
    const harness = await RouterTestingHarness.create();
    const http = TestBed.inject(HttpTestingController);
    const router = TestBed.inject(Router);
    await harness.navigateByUrl(options.url ?? '/dashboard/summary', SummaryPageComponent);
    const quality = http.expectOne((req) => req.url === '/api/dashboard/quality');
    quality.flush(options.quality ?? QUALITY);
    await settle();
    if (options.summary !== null) {
      http.expectOne(`/api/dashboard/summary/${options.month ?? '2026-10'}`).flush(options.summary ?? summary());
      await settle();
    }
    const host = harness.routeNativeElement!;
    const byTestId = <T extends HTMLElement = HTMLElement>(id: string) => host.querySelector<T>(`[data-testid="${id}"]`);
    const rows = (tableId: string) => [...host.querySelectorAll(`[data-testid="table-${tableId}"] tbody tr`)].map((row) => rowText(row));
    const headers = (tableId: string) => [...host.querySelectorAll(`[data-testid="table-${tableId}"] thead th`)].map((th) => textOf(th));
    const total = (tableId: string) => {
      const row = host.querySelector(`[data-testid="table-${tableId}"] [data-testid="total-row"]`);
      return row ? rowText(row) : null;
    };
    return { harness, http, router, host, byTestId, rows, headers, total, quality };
  }

  it('prints the latest month’s title, KPIs with their change, and the response types', async () => {
    const { byTestId, rows, headers, total, quality } = await render();
    expect(quality.request.params.keys()).toEqual([]);

    expect(textOf(byTestId('sheet-title'))).toBe('i 桃喜智能客服 115年10月 調校月報摘要');
    expect(byTestId('sheet-title')!.tagName).toBe('H2');
    expect(textOf(byTestId('sheet-generated'))).toBe('產製時間：115/11/02 09:30');

    expect(headers('kpis')).toEqual(['指標', '本月', '上月', '較上月']);
    expect(rows('kpis')).toEqual([
      '提問則數 1,200 1,000 +20.0%',
      '對話數 380 400 -5.0%',
      '答覆率 75.0% 70.0% +5.0 個百分點',
      '滿意度 78.0% 80.0% -2.0 個百分點',
      '轉真人比例 5.0% 5.0% 0.0 個百分點',
    ]);

    expect(headers('response-types')).toEqual(['回應類型', '則數', '占比', '上月']);
    expect(rows('response-types')).toEqual([
      '直接回答 780 65.0% 600',
      '推薦回答 150 12.5% 150',
      '未能回答 120 10.0% 100',
      '閒聊 100 8.3% 100',
      '無效問題 50 4.2% 50',
    ]);
    expect(total('response-types')).toBe('合計 1,200 100.0% 1,000');
  });

  it('adds the columns against last year when that month was imported', async () => {
    const withLastYear = summary();
    withLastYear.quality = {
      ...withLastYear.quality!,
      lastYear: figures({ messages: 800, sessions: 400, answerRate: 0.6, satisfactionRate: null }),
    };
    const { rows, headers } = await render({ summary: withLastYear });
    expect(headers('kpis')).toEqual(['指標', '本月', '上月', '較上月', '去年同月', '較去年同月']);
    expect(rows('kpis')[0]).toBe('提問則數 1,200 1,000 +20.0% 800 +50.0%');
    expect(rows('kpis')[2]).toBe('答覆率 75.0% 70.0% +5.0 個百分點 60.0% +15.0 個百分點');
    expect(rows('kpis')[3]).toBe('滿意度 78.0% 80.0% -2.0 個百分點 — —');
  });

  it('shows the cycle, the changes by unit and what is still open, each with a total row', async () => {
    const { host, rows, headers, total } = await render();
    const fact = (key: string) => textOf(host.querySelector(`[data-fact="${key}"] dd`));
    expect(fact('label')).toBe('115年10月定期調校');
    expect(fact('announcedAt')).toBe('115/11/03');
    expect(fact('dueDate')).toBe('115/11/14');
    expect(fact('changeSetSentAt')).toBe('115/11/25');
    expect(fact('closedAt')).toBe('尚未');

    expect(headers('changes')).toEqual(['單位', '新增', '修改', '刪除', '已核章', '已更新', '暫緩', '清單狀態']);
    expect(rows('changes')).toEqual(['房屋稅科 2 3 1 5 4 1 已核章', '牌照稅科 1 0 0 0 0 0 待主管核章', '地價稅科 0 0 0 0 0 0 尚無清單']);
    expect(total('changes')).toBe('合計 3 3 1 5 4 1 —');

    expect(headers('open')).toEqual(['單位', '待處理', '處理中', '逾期']);
    expect(rows('open')).toEqual(['房屋稅科 3 2 1', '牌照稅科 1 0 0']);
    expect(total('open')).toBe('合計 4 2 1');

    // Row headers for the unit, figures right-aligned.
    const first = host.querySelector('[data-testid="table-open"] tbody tr')!;
    expect(first.children[0].tagName).toBe('TH');
    expect(first.children[0].getAttribute('scope')).toBe('row');
    expect(first.children[1].classList).toContain('num');
    expect(host.querySelector('[data-testid="table-changes"] tbody tr')!.children[7].classList).not.toContain('num');
  });

  it('lists the five largest misses and the counts of new and recurring clusters, then the verdicts', async () => {
    const { byTestId, rows, total, host } = await render();
    expect(textOf(byTestId('misses-counts'))).toBe('共 40 個群組、320 則未答；新出現 12 個群組，連續出現 8 個群組。');
    expect(rows('misses')).toEqual([
      '1 地價稅何時繳 房屋稅科 50 2 個月',
      '2 房屋稅可以刷卡嗎 房屋稅科 30 3 個月',
      '3 牌照稅退費 牌照稅科 25 1 個月',
      '4 房屋稅怎麼算 房屋稅科 20 4 個月',
      '5 繳款書遺失 — 12 1 個月',
    ]);
    expect(rows('effect')).toEqual(['已改善 3', '無明顯變化 1', '惡化 1', '待觀察 2']);
    expect(total('effect')).toBe('合計 7');

    // The sections in order, headed one level under the sheet's title.
    const headings = [...host.querySelectorAll('[data-testid="summary-sheet"] h3')].map((h) => textOf(h));
    expect(headings).toEqual(['一、本月重點指標', '二、調校週期與本月異動', '三、未完成項目', '四、未答重點', '五、調校成效']);
    expect(host.querySelector('h1')!.closest('.td-no-print')).not.toBeNull();
  });

  it('says 1 month, not 1 months, in English', async () => {
    TestBed.inject(I18nService).setLang('en');
    const { rows } = await render();
    expect(rows('misses').map((row) => row.replace(/^.* (\d+ months?)$/, '$1'))).toEqual([
      '2 months',
      '3 months',
      '1 month',
      '4 months',
      '1 month',
    ]);
  });

  it('gives every table its export, with the total row last', async () => {
    const csv = jest.spyOn(TestBed.inject(TableExportService), 'csv').mockImplementation(() => undefined);
    const { byTestId } = await render();
    for (const id of ['kpis', 'response-types', 'changes', 'open', 'misses', 'effect']) {
      expect(byTestId(`export-csv-summary-${id}`)).not.toBeNull();
      expect(byTestId(`export-xlsx-summary-${id}`)).not.toBeNull();
      // Every table carries a caption naming it.
      expect(byTestId(`table-${id}`)!.querySelector('caption')!.textContent!.trim()).not.toBe('');
    }
    byTestId<HTMLButtonElement>('export-csv-summary-changes')!.click();
    const table = csv.mock.calls[0][0];
    expect(table.fileName).toBe('monthly-summary-2026-10-changes');
    expect(table.title).toBe('本月異動（各單位）');
    expect(table.rows).toEqual([
      ['房屋稅科', 2, 3, 1, 5, 4, 1, '已核章'],
      ['牌照稅科', 1, 0, 0, 0, 0, 0, '待主管核章'],
      ['地價稅科', 0, 0, 0, 0, 0, 0, '尚無清單'],
      ['合計', 3, 3, 1, 5, 4, 1, null],
    ]);
  });

  it('prints with the button, which sits with the month picker outside the printed sheet', async () => {
    const print = jest.spyOn(window, 'print').mockImplementation(() => undefined);
    const { byTestId } = await render();
    const button = byTestId<HTMLButtonElement>('summary-print')!;
    expect(textOf(button)).toContain('列印');
    expect(button.closest('.td-no-print')).not.toBeNull();
    expect(byTestId('filter-month')!.closest('.td-no-print')).not.toBeNull();
    expect(byTestId('summary-sheet')!.closest('.td-no-print')).toBeNull();
    button.click();
    expect(print).toHaveBeenCalledTimes(1);
    print.mockRestore();
  });

  it('takes the month from the address and keeps a new choice there', async () => {
    const { http, router, host, byTestId } = await render({
      url: '/dashboard/summary?month=2026-09',
      month: '2026-09',
      summary: summary({ month: '2026-09' }),
    });
    expect(textOf(byTestId('sheet-title'))).toBe('i 桃喜智能客服 115年9月 調校月報摘要');

    host.querySelector<HTMLElement>('[data-testid="filter-month"] .mat-mdc-select-trigger')!.click();
    await settle();
    const options = [...document.querySelectorAll<HTMLElement>('mat-option')];
    expect(options.map((option) => textOf(option))).toEqual(['115年10月', '115年9月']);
    options[0].click();
    await settle();
    expect(router.url).toBe('/dashboard/summary?month=2026-10');
    http.expectOne('/api/dashboard/summary/2026-10').flush(summary());
    await settle();
    expect(textOf(byTestId('sheet-title'))).toBe('i 桃喜智能客服 115年10月 調校月報摘要');
  });

  it('says so when no month has been imported, and asks for no summary', async () => {
    const { byTestId } = await render({ quality: { ...QUALITY, months: [] }, summary: null });
    expect(textOf(byTestId('summary-no-months'))).toContain('尚無已匯入的月份');
    expect(byTestId('summary-sheet')).toBeNull();
    expect(byTestId<HTMLButtonElement>('summary-print')!.disabled).toBe(true);
  });

  it('says so when the month has no summary (404)', async () => {
    const { http, byTestId, host } = await render({ url: '/dashboard/summary?month=2026-08', summary: null });
    http
      .expectOne('/api/dashboard/summary/2026-08')
      .flush({ code: 'NOT_FOUND', message: { 'zh-TW': '找不到', en: 'Not found' } }, { status: 404, statusText: 'Not Found' });
    await settle();
    expect(textOf(byTestId('summary-not-found')!.querySelector('p'))).toBe('115年8月 沒有月報摘要資料。');
    expect(host.querySelector('[role="alert"]')).toBeNull();
    expect(byTestId('summary-sheet')).toBeNull();
  });

  it('shows another failure with a retry', async () => {
    const { http, byTestId, host } = await render({ summary: null });
    http.expectOne('/api/dashboard/summary/2026-10').flush(null, { status: 500, statusText: 'Error' });
    await settle();
    expect(byTestId('summary-not-found')).toBeNull();
    const alert = host.querySelector('[role="alert"]')!;
    expect(alert).not.toBeNull();
    alert.querySelector<HTMLButtonElement>('button')!.click();
    await settle();
    http.expectOne('/api/dashboard/summary/2026-10').flush(summary());
    await settle();
    expect(byTestId('summary-sheet')).not.toBeNull();
  });

  it('says what is missing when the month has no figures, cycle, changes or misses', async () => {
    const { byTestId, rows, total, host } = await render({
      summary: summary({ quality: null, cycle: null, changes: [], open: [], misses: null }),
    });
    expect(textOf(byTestId('no-quality'))).toBe('本月沒有客服品質資料。');
    expect(byTestId('table-kpis')).toBeNull();
    expect(textOf(byTestId('no-cycle'))).toBe('本月沒有調校週期。');
    expect(textOf(host.querySelector('[data-testid="table-changes"] .td-muted'))).toBe('沒有資料。');
    expect(total('changes')).toBeNull();
    expect(textOf(byTestId('no-misses'))).toBe('本月沒有未答資料。');
    expect(rows('effect')).toHaveLength(4);
  });
});

describe('summary helpers', () => {
  it('gives counts in per cent and rates in points, signed, and nothing without a base', () => {
    expect(signedChange('count', 1200, 1000)).toEqual({ sign: '+', value: '20.0' });
    expect(signedChange('count', 950, 1000)).toEqual({ sign: '-', value: '5.0' });
    expect(signedChange('count', 5, 0)).toBeNull();
    expect(signedChange('rate', 0.7, 0.75)).toEqual({ sign: '-', value: '5.0' });
    expect(signedChange('rate', 0.75, 0.75)).toEqual({ sign: '', value: '0.0' });
    expect(signedChange('rate', null, 0.75)).toBeNull();
    expect(signedChange('rate', 0.5, undefined)).toBeNull();
    expect(formatPercent(0.0833)).toBe('8.3%');
    expect(formatPercent(null)).toBeNull();
  });
});
