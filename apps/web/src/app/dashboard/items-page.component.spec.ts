import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import {
  type CategoryChangeDto,
  type ItemsOverviewDto,
  type QualityDto,
  type QualityMonthDto,
  Role,
  type TableExportRequest,
  type UnitDto,
  UnitKind,
} from '@tunedesk/contracts';
import { errorInterceptor } from '../http/error.interceptor';
import { FakeChartDirective, useFakeChart } from '../shared/chart/chart-testing';
import { TableExportService } from '../shared/export/table-export.service';
import { signIn } from '../testing/auth-testing';
import {
  ITEMS_PAGE_SIZE,
  ITEMS_SEARCH_DEBOUNCE_MS,
  CHANGE_COLORS,
  ItemsPageComponent,
  changeColor,
  formatChange,
  hitItems,
  formatPercent,
  matchesQuery,
  monthBefore,
} from './items-page.component';

@Component({ selector: 'td-blank', template: '' })
class BlankComponent {}

function qualityMonth(month: string): QualityMonthDto {
  return {
    month,
    messages: 1000,
    sessions: 400,
    byResponseType: { answered: 600, suggested: 150, unanswered: 100, 'chit-chat': 100, invalid: 50 },
    answerRate: 0.7,
    satisfactionRate: 0.8,
    rated: 100,
    satisfied: 80,
    handedOff: 50,
    handOffRate: 0.05,
    previous: null,
    lastYear: null,
  };
}

const QUALITY: QualityDto = {
  filters: { from: '2026-08', to: '2026-10', channel: null, category: null },
  // Not in order: the page sorts them.
  months: [qualityMonth('2026-09'), qualityMonth('2026-10'), qualityMonth('2026-08')],
  channels: [],
  categories: [],
};

const UNITS: UnitDto[] = [
  { code: 'HT', name: '房屋稅科', kind: UnitKind.Section, parentCode: null, categories: ['房屋稅'], active: true },
  { code: 'LV', name: '牌照稅科', kind: UnitKind.Section, parentCode: null, categories: ['使用牌照稅'], active: true },
];

type ItemRow = ItemsOverviewDto['items'][number];

function item(overrides: Partial<ItemRow> & Pick<ItemRow, 'kbItemId'>): ItemRow {
  return {
    question: `問題 ${overrides.kbItemId}`,
    category: '房屋稅',
    ownerUnitCode: 'HT',
    hits: 1,
    rated: 0,
    satisfied: 0,
    satisfactionRate: null,
    hitsByMonth: [0, 0, 1],
    ...overrides,
  };
}

const CATEGORIES: CategoryChangeDto[] = [
  { category: '房屋稅', hits: 100, previousHits: 80, change: 20, satisfactionRate: 0.8, previousSatisfactionRate: 0.75 },
  { category: '使用牌照稅', hits: 30, previousHits: 45, change: -15, satisfactionRate: null, previousSatisfactionRate: 0.5 },
  { category: '', hits: 5, previousHits: 5, change: 0, satisfactionRate: null, previousSatisfactionRate: null },
];

function overview(overrides: Partial<ItemsOverviewDto> = {}): ItemsOverviewDto {
  return {
    month: '2026-10',
    months: ['2026-08', '2026-09', '2026-10'],
    items: [
      item({
        kbItemId: 'HT-0012',
        question: '房屋稅可以用信用卡繳嗎',
        hits: 12,
        rated: 4,
        satisfied: 3,
        satisfactionRate: 0.75,
        hitsByMonth: [5, 9, 12],
      }),
      item({ kbItemId: 'HT-0040', question: '房屋稅何時開徵', hits: 88, hitsByMonth: [70, 80, 88] }),
      item({
        kbItemId: 'LV-0003',
        question: '使用牌照稅信用卡繳納',
        category: '使用牌照稅',
        ownerUnitCode: 'LV',
        hits: 30,
        rated: 10,
        satisfied: 9,
        satisfactionRate: 0.9,
        hitsByMonth: [0, 12, 30],
      }),
      item({ kbItemId: 'ZZ-0001', question: '其他問題', category: '', ownerUnitCode: null, hits: 2, hitsByMonth: [1, 1, 2] }),
    ],
    idleMonths: ['2026-08', '2026-09', '2026-10'],
    idle: [
      {
        kbItemId: 'HT-0099',
        question: '113年房屋稅減半措施',
        category: '房屋稅',
        ownerUnitCode: 'HT',
        ownerUnitName: '房屋稅科',
        lastHitMonth: '2026-05',
        openDeleteProposalId: null,
      },
      {
        kbItemId: 'LV-0077',
        question: '舊式牌照稅問題',
        category: '使用牌照稅',
        ownerUnitCode: 'LV',
        ownerUnitName: '牌照稅科',
        lastHitMonth: null,
        openDeleteProposalId: 31,
      },
    ],
    categories: CATEGORIES,
    proposalCycleId: 4,
    ...overrides,
  };
}

/** Lets resources take their answers and renders. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  TestBed.tick();
}

/** The text a reader gets: icon ligatures (aria-hidden) left out, spaces collapsed. */
const textOf = (element: Element | null) => {
  const copy = element!.cloneNode(true) as Element;
  copy.querySelectorAll('mat-icon').forEach((icon) => icon.remove());
  return copy.textContent!.replace(/\s+/g, ' ').trim();
};
/** A table row as the text of its cells, separated by spaces. */
const rowText = (row: Element) => [...row.children].map((cell) => textOf(cell)).join(' | ');

describe('ItemsPageComponent', () => {
  beforeEach(() => {
    localStorage.clear();
    useFakeChart();
    TestBed.configureTestingModule({
      providers: [
        provideRouter(
          [
            { path: 'dashboard/items', component: ItemsPageComponent },
            { path: '**', component: BlankComponent },
          ],
          withComponentInputBinding(),
        ),
        provideHttpClient(withInterceptors([errorInterceptor])),
        provideHttpClientTesting(),
        { provide: MatSnackBar, useValue: { open: jest.fn() } },
      ],
    });
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  async function render(
    url = '/dashboard/items',
    options: { quality?: QualityDto; overview?: ItemsOverviewDto | 'unanswered'; month?: string; roles?: Role[]; unitsFail?: boolean } = {},
  ) {
    signIn({ roles: options.roles ?? [Role.KnowledgeContact] });
    const harness = await RouterTestingHarness.create();
    const http = TestBed.inject(HttpTestingController);
    const router = TestBed.inject(Router);
    await harness.navigateByUrl(url, ItemsPageComponent);
    const quality = http.expectOne((req) => req.url === '/api/dashboard/quality');
    quality.flush(options.quality ?? QUALITY);
    const units = http.expectOne('/api/units');
    if (options.unitsFail) units.flush({ message: 'boom' }, { status: 500, statusText: 'Server Error' });
    else units.flush(UNITS);
    await settle();
    const host = harness.routeNativeElement!;
    const byTestId = <T extends HTMLElement = HTMLElement>(id: string) => host.querySelector<T>(`[data-testid="${id}"]`);
    /** The rows of a table, each as its cells' text. */
    const rows = (id: string) => [...byTestId(id)!.querySelectorAll('tbody tr')].map((row) => rowText(row));
    const headers = (id: string) => [...byTestId(id)!.querySelectorAll('thead th')].map((th) => textOf(th));
    const itemIds = () => [...host.querySelectorAll('[data-testid="items-table"] tbody tr')].map((row) => row.getAttribute('data-id'));
    const type = (value: string) => {
      const box = byTestId<HTMLInputElement>('filter-q')!;
      box.value = value;
      box.dispatchEvent(new Event('input'));
      TestBed.tick();
    };
    const pick = async (selectId: string, optionText: string) => {
      byTestId(selectId)!.querySelector<HTMLElement>('.mat-mdc-select-trigger')!.click();
      await settle();
      [...document.querySelectorAll<HTMLElement>('mat-option')].find((option) => textOf(option) === optionText)!.click();
      await settle();
    };
    let overviewRequest: ReturnType<HttpTestingController['expectOne']> | null = null;
    if ((options.quality ?? QUALITY).months.length) {
      overviewRequest = http.expectOne(`/api/dashboard/items/${options.month ?? '2026-10'}/overview`);
      if (options.overview !== 'unanswered') {
        overviewRequest.flush(options.overview ?? overview());
        await settle();
      }
    }
    return { harness, http, router, host, byTestId, rows, headers, itemIds, type, pick, quality, overviewRequest };
  }

  it('shows the latest month’s hit items, most hit first, with their hits by month, satisfaction and a link to each', async () => {
    const { host, byTestId, rows, headers, quality } = await render();
    expect(quality.request.params.keys()).toEqual([]);

    // The dashboards' tabs come first, then the page's heading.
    expect(host.firstElementChild!.tagName).toBe('TD-DASHBOARD-TABS');
    expect(textOf(host.querySelector('h1'))).toBe('知識題目');
    expect([...host.querySelectorAll('h2')].map((h) => textOf(h))).toEqual([
      '115年10月命中的題目',
      '連續三個月無人使用（115年8月至115年10月）',
      '類別消長（115年10月與115年9月相比）',
    ]);

    // The month picker offers the imported months, newest first, in ROC form.
    expect(textOf(byTestId('filter-month')!.querySelector('.mat-mdc-select-value'))).toBe('115年10月');

    expect(headers('items-table')).toEqual([
      '題目編號',
      '問題',
      '類別',
      '負責單位',
      '115年8月命中',
      '115年9月命中',
      '115年10月命中',
      '滿意度',
      '評價數',
    ]);
    expect(rows('items-table')).toEqual([
      'HT-0040 | 房屋稅何時開徵 | 房屋稅 | 房屋稅科 | 70 | 80 | 88 | — | 0',
      'LV-0003 | 使用牌照稅信用卡繳納 | 使用牌照稅 | 牌照稅科 | 0 | 12 | 30 | 90.0% | 10',
      'HT-0012 | 房屋稅可以用信用卡繳嗎 | 房屋稅 | 房屋稅科 | 5 | 9 | 12 | 75.0% | 4',
      'ZZ-0001 | 其他問題 | 未分類 | 未指定 | 1 | 1 | 2 | — | 0',
    ]);
    const link = byTestId('items-table')!.querySelector<HTMLAnchorElement>('tbody tr a')!;
    expect(link.getAttribute('href')).toBe('/kb/items/HT-0040');
    expect(textOf(byTestId('items-count'))).toBe('共 4 題命中，符合篩選 4 題，顯示前 4 題。');
    expect(byTestId('items-table')!.querySelector('caption')!.textContent).toContain('115年10月命中的題目');
    expect(byTestId('items-more')).toBeNull();
  });

  it('exports the items table as CSV and XLSX with every row', async () => {
    const { http, byTestId } = await render();
    const csv = jest.spyOn(TestBed.inject(TableExportService), 'csv').mockImplementation(() => undefined);
    byTestId('export-csv-items')!.click();
    expect(csv).toHaveBeenCalledTimes(1);
    const table = csv.mock.calls[0][0];
    expect(table.fileName).toBe('items-2026-10');
    expect(table.title).toBe('115年10月命中的題目');
    expect(table.rows[0]).toEqual(['HT-0040', '房屋稅何時開徵', '房屋稅', '房屋稅科', 70, 80, 88, null, 0]);
    expect(table.rows[2]).toEqual(['HT-0012', '房屋稅可以用信用卡繳嗎', '房屋稅', '房屋稅科', 5, 9, 12, '75.0%', 4]);

    const urls = { createObjectURL: URL.createObjectURL, revokeObjectURL: URL.revokeObjectURL };
    Object.assign(URL, { createObjectURL: jest.fn(() => 'blob:items'), revokeObjectURL: jest.fn() });
    try {
      byTestId('export-xlsx-items')!.click();
      const request = http.expectOne({ method: 'POST', url: '/api/exports/xlsx' });
      const body = request.request.body as TableExportRequest;
      expect(body.fileName).toBe('items-2026-10');
      expect(body.headers).toEqual([
        '題目編號',
        '問題',
        '類別',
        '負責單位',
        '115年8月命中',
        '115年9月命中',
        '115年10月命中',
        '滿意度',
        '評價數',
      ]);
      expect(body.rows.map((row) => row[0])).toEqual(['HT-0040', 'LV-0003', 'HT-0012', 'ZZ-0001']);
      request.flush(new Blob(['xlsx']));
      await settle();
      expect(URL.createObjectURL).toHaveBeenCalled();
      // The download link's address is let go on the next turn.
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:items');
    } finally {
      Object.assign(URL, urls);
    }
  });

  it('takes the month from the address, and a month picked goes into the address', async () => {
    const { http, router, pick } = await render('/dashboard/items?month=2026-09', {
      month: '2026-09',
      overview: overview({ month: '2026-09', months: ['2026-08', '2026-09'] }),
    });
    await pick('filter-month', '115年8月');
    expect(router.url).toBe('/dashboard/items?month=2026-08');
    http.expectOne('/api/dashboard/items/2026-08/overview').flush(overview({ month: '2026-08', months: ['2026-08'] }));
    await settle();
  });

  it('falls back to the latest month when the address names one not imported', async () => {
    const { byTestId } = await render('/dashboard/items?month=2024-01');
    expect(textOf(byTestId('filter-month')!.querySelector('.mat-mdc-select-value'))).toBe('115年10月');
  });

  it('filters by the search text at once and writes it into the address after a pause', async () => {
    const { router, byTestId, itemIds, type } = await render();
    type('hT-00');
    expect(itemIds()).toEqual(['HT-0040', 'HT-0012']);
    expect(router.url).toBe('/dashboard/items');
    await new Promise((resolve) => setTimeout(resolve, ITEMS_SEARCH_DEBOUNCE_MS + 20));
    await settle();
    expect(router.url).toBe('/dashboard/items?q=hT-00');
    expect(byTestId<HTMLInputElement>('filter-q')!.value).toBe('hT-00');

    // The question and the category are searched too.
    type('信用卡');
    expect(itemIds()).toEqual(['LV-0003', 'HT-0012']);
    type('牌照');
    expect(itemIds()).toEqual(['LV-0003']);
    type('沒有這題');
    expect(byTestId('items-table')).toBeNull();
    expect(textOf(byTestId('items-no-match'))).toBe('沒有符合篩選條件的題目。');
    expect(textOf(byTestId('items-count'))).toBe('共 4 題命中，符合篩選 0 題，顯示前 0 題。');

    byTestId('filter-q-clear')!.click();
    await settle();
    expect(router.url).toBe('/dashboard/items');
    expect(itemIds()).toEqual(['HT-0040', 'LV-0003', 'HT-0012', 'ZZ-0001']);
  });

  it('keeps the category in the address, and clears both filters at once', async () => {
    const { router, byTestId, itemIds, pick, type } = await render();
    await pick('filter-category', '房屋稅');
    expect(router.url).toBe(`/dashboard/items?category=${encodeURIComponent('房屋稅')}`);
    expect(itemIds()).toEqual(['HT-0040', 'HT-0012']);

    type('信用卡');
    expect(itemIds()).toEqual(['HT-0012']);

    byTestId('filter-clear')!.click();
    await settle();
    expect(router.url).toBe('/dashboard/items');
    expect(byTestId<HTMLInputElement>('filter-q')!.value).toBe('');
    expect(itemIds()).toHaveLength(4);
    // The pending search does not come back afterwards.
    await new Promise((resolve) => setTimeout(resolve, ITEMS_SEARCH_DEBOUNCE_MS + 20));
    await settle();
    expect(router.url).toBe('/dashboard/items');
  });

  it('starts from the filters of the address and exports only the rows they keep', async () => {
    const { byTestId, itemIds } = await render(
      `/dashboard/items?q=${encodeURIComponent('信用卡')}&category=${encodeURIComponent('使用牌照稅')}`,
    );
    expect(byTestId<HTMLInputElement>('filter-q')!.value).toBe('信用卡');
    // The select shows its value once its options have rendered.
    await settle();
    expect(textOf(byTestId('filter-category')!.querySelector('.mat-mdc-select-value'))).toBe('使用牌照稅');
    expect(itemIds()).toEqual(['LV-0003']);

    const csv = jest.spyOn(TestBed.inject(TableExportService), 'csv').mockImplementation(() => undefined);
    byTestId('export-csv-items')!.click();
    expect(csv.mock.calls[0][0].rows.map((row) => row[0])).toEqual(['LV-0003']);
  });

  it('shows the first rows of a large bank and more on request; the export still has every row', async () => {
    const many = Array.from({ length: 120 }, (_, index) =>
      item({ kbItemId: `HT-${String(index + 1).padStart(4, '0')}`, hits: 1000 - index, hitsByMonth: [0, 0, 1000 - index] }),
    );
    const { byTestId, itemIds } = await render('/dashboard/items', { overview: overview({ items: many }) });
    expect(itemIds()).toHaveLength(ITEMS_PAGE_SIZE);
    expect(itemIds()[0]).toBe('HT-0001');
    expect(textOf(byTestId('items-more'))).toContain('顯示更多（還有 70 題）');

    byTestId('items-more')!.click();
    await settle();
    expect(itemIds()).toHaveLength(100);
    byTestId('items-more')!.click();
    await settle();
    expect(itemIds()).toHaveLength(120);
    expect(itemIds()[119]).toBe('HT-0120');
    expect(byTestId('items-more')).toBeNull();

    const csv = jest.spyOn(TestBed.inject(TableExportService), 'csv').mockImplementation(() => undefined);
    byTestId('export-csv-items')!.click();
    expect(csv.mock.calls[0][0].rows).toHaveLength(120);
  });

  it('shows the owner’s code when the unit names cannot be had', async () => {
    const { rows } = await render('/dashboard/items', { unitsFail: true });
    expect(rows('items-table')[0]).toBe('HT-0040 | 房屋稅何時開徵 | 房屋稅 | HT | 70 | 80 | 88 | — | 0');
    // The idle list carries its own names.
    expect(rows('idle-table')[0]).toContain('| 房屋稅科 |');
  });

  it('says so when no item was hit in the month', async () => {
    const { byTestId } = await render('/dashboard/items', { overview: overview({ items: [] }) });
    expect(textOf(byTestId('items-none'))).toBe('這個月沒有題目命中紀錄。');
    expect(byTestId('items-table')).toBeNull();
    expect(byTestId('export-csv-items')).toBeNull();
  });

  it('lists the idle items with their last hit, and proposes a deletion in one click', async () => {
    const { router, host, byTestId, rows, headers } = await render();
    expect(textOf(byTestId('idle-heading'))).toBe('連續三個月無人使用（115年8月至115年10月）');
    expect(headers('idle-table')).toEqual(['題目編號', '問題', '類別', '負責單位', '最後命中月份', '處理']);
    expect(rows('idle-table')).toEqual([
      'HT-0099 | 113年房屋稅減半措施 | 房屋稅 | 房屋稅科 | 115年5月 | 提出刪除 HT-0099',
      'LV-0077 | 舊式牌照稅問題 | 使用牌照稅 | 牌照稅科 | 從未命中 | 已有刪除提案 #31',
    ]);
    expect(byTestId('idle-blocked')).toBeNull();

    const existing = byTestId<HTMLAnchorElement>('idle-existing')!;
    expect(existing.getAttribute('href')).toBe('/proposals/31/edit');

    const propose = byTestId<HTMLAnchorElement>('idle-propose')!;
    const href = new URL(propose.getAttribute('href')!, 'http://localhost');
    expect(href.pathname).toBe('/proposals/new');
    expect(Object.fromEntries(href.searchParams)).toEqual({
      cycle: '4',
      item: 'HT-0099',
      kind: 'delete',
      reason: '115年8月至115年10月連續三個月無人使用',
    });
    // Only the item without an open deletion offers it.
    expect(host.querySelectorAll('[data-testid="idle-propose"]')).toHaveLength(1);

    propose.click();
    await settle();
    const url = router.parseUrl(router.url);
    expect(url.root.children['primary'].segments.map((s) => s.path)).toEqual(['proposals', 'new']);
    expect(url.queryParams).toEqual({ cycle: '4', item: 'HT-0099', kind: 'delete', reason: '115年8月至115年10月連續三個月無人使用' });
  });

  it('shows the first idle items and more on request', async () => {
    const idle = Array.from({ length: 60 }, (_, index) => ({
      ...overview().idle[0],
      kbItemId: `HT-${String(index + 100).padStart(4, '0')}`,
    }));
    const { host, byTestId } = await render('/dashboard/items', { overview: overview({ idle }) });
    const count = () => host.querySelectorAll('[data-testid="idle-table"] tbody tr').length;
    expect(count()).toBe(ITEMS_PAGE_SIZE);
    expect(textOf(byTestId('idle-more'))).toBe('顯示更多（還有 10 題）');
    byTestId('idle-more')!.click();
    await settle();
    expect(count()).toBe(60);
    expect(byTestId('idle-more')).toBeNull();
  });

  it('exports the idle items', async () => {
    const { byTestId } = await render();
    const csv = jest.spyOn(TestBed.inject(TableExportService), 'csv').mockImplementation(() => undefined);
    byTestId('export-csv-idle')!.click();
    const table = csv.mock.calls[0][0];
    expect(table.fileName).toBe('idle-items-2026-10');
    expect(table.headers).toEqual(['題目編號', '問題', '類別', '負責單位', '最後命中月份', '刪除提案']);
    expect(table.rows).toEqual([
      ['HT-0099', '113年房屋稅減半措施', '房屋稅', '房屋稅科', '115年5月', null],
      ['LV-0077', '舊式牌照稅問題', '使用牌照稅', '牌照稅科', '從未命中', '#31'],
    ]);
  });

  it('cannot propose a deletion without a cycle to put it in, and says why', async () => {
    const { router, byTestId } = await render('/dashboard/items', { overview: overview({ proposalCycleId: null }) });
    expect(textOf(byTestId('idle-blocked'))).toBe('目前沒有可加入提案的調校週期，暫時無法提出刪除。');
    expect(byTestId('idle-propose')).toBeNull();
    const button = byTestId<HTMLButtonElement>('idle-propose-disabled')!;
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.getAttribute('aria-describedby')).toBe('idle-blocked');
    button.click();
    await settle();
    expect(router.url).toBe('/dashboard/items');
    // The existing proposal is still reachable.
    expect(byTestId('idle-existing')).not.toBeNull();
  });

  it('does not let a reader who cannot propose propose a deletion', async () => {
    const { byTestId } = await render('/dashboard/items', { roles: [Role.Auditor] });
    expect(textOf(byTestId('idle-blocked'))).toBe('只有知識維護窗口或調校小組組長可以提出刪除。');
    expect(byTestId('idle-propose')).toBeNull();
    expect(byTestId('idle-propose-disabled')).not.toBeNull();
  });

  it('lets the group leader propose', async () => {
    const { byTestId } = await render('/dashboard/items', { roles: [Role.GroupLeader] });
    expect(byTestId('idle-blocked')).toBeNull();
    expect(byTestId('idle-propose')).not.toBeNull();
  });

  it('says three imported months are needed before it can tell idle items', async () => {
    const { byTestId } = await render('/dashboard/items', { overview: overview({ idleMonths: [], idle: [] }) });
    expect(textOf(byTestId('idle-heading'))).toBe('連續三個月無人使用');
    expect(textOf(byTestId('idle-need-months'))).toBe('需要匯入連續三個月的客服報表，才能找出連續三個月無人使用的題目。');
    expect(byTestId('idle-table')).toBeNull();
  });

  it('says so when every item was used', async () => {
    const { byTestId } = await render('/dashboard/items', { overview: overview({ idle: [] }) });
    expect(textOf(byTestId('idle-none'))).toBe('這三個月每個已上架的題目都有人使用。');
    expect(byTestId('idle-table')).toBeNull();
  });

  it('shows how categories gained or lost against the month before, as a table and a chart', async () => {
    const { byTestId, rows, headers } = await render();
    expect(headers('categories-table')).toEqual(['類別', '115年10月命中', '115年9月命中', '增減', '115年10月滿意度', '115年9月滿意度']);
    expect(rows('categories-table')).toEqual([
      '房屋稅 | 100 | 80 | ▲ +20 | 80.0% | 75.0%',
      '使用牌照稅 | 30 | 45 | ▼ -15 | — | 50.0%',
      '未分類 | 5 | 5 | 0 | — | —',
    ]);

    const chart = byTestId('categories-chart')!;
    expect(FakeChartDirective.last!.data()!.labels).toEqual(['房屋稅', '使用牌照稅', '未分類']);
    expect(FakeChartDirective.last!.data()!.datasets[0].data).toEqual([20, -15, 0]);
    chart.querySelector<HTMLButtonElement>('[data-testid="chart-table-toggle"]')!.click();
    await settle();
    expect([...chart.querySelectorAll('tbody tr')].map((row) => rowText(row))).toEqual(['房屋稅 | 20', '使用牌照稅 | -15', '未分類 | 0']);
    expect([...chart.querySelectorAll('thead th')].map((th) => textOf(th))).toEqual(['類別', '命中增減']);

    const csv = jest.spyOn(TestBed.inject(TableExportService), 'csv').mockImplementation(() => undefined);
    byTestId('export-csv-categories')!.click();
    expect(csv.mock.calls[0][0].rows).toEqual([
      ['房屋稅', 100, 80, 20, '80.0%', '75.0%'],
      ['使用牌照稅', 30, 45, -15, null, '50.0%'],
      ['未分類', 5, 5, 0, null, null],
    ]);
  });

  it('colours a gain and a loss the same in the chart as in its table: green up, red down, grey for none', async () => {
    const { byTestId } = await render();
    const colours = FakeChartDirective.last!.data()!.datasets[0].backgroundColor as string[];
    expect(colours).toEqual([CHANGE_COLORS.gain, CHANGE_COLORS.loss, CHANGE_COLORS.none]);
    expect(new Set(colours).size).toBe(3);
    const changeCells = [...byTestId('categories-table')!.querySelectorAll<HTMLElement>('tbody tr td:nth-of-type(3)')];
    expect(changeCells.map((cell) => textOf(cell))).toEqual(['▲ +20', '▼ -15', '0']);
    // jsdom reads an inline colour back as rgb(); the chart's hex colours, converted the same way, must match.
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
    expect(changeCells.map((cell) => cell.style.color)).toEqual(colours.map(rgb));
  });

  it('lists only the items hit in the month: an item with 0 hits in it (hit only before) is not a hit item', async () => {
    const base = overview();
    const { rows, byTestId } = await render('/dashboard/items', {
      overview: {
        ...base,
        items: [...base.items, item({ kbItemId: 'HT-0077', question: '上月才有人問', hits: 0, hitsByMonth: [3, 4, 0] })],
      },
    });
    expect(rows('items-table').some((row) => row.startsWith('HT-0077'))).toBe(false);
    expect(rows('items-table')).toHaveLength(4);
    expect(textOf(byTestId('items-count'))).toBe('共 4 題命中，符合篩選 4 題，顯示前 4 題。');
  });

  it('says no item was hit when the month has only items with 0 hits', async () => {
    const { byTestId } = await render('/dashboard/items', {
      overview: overview({ items: [item({ kbItemId: 'HT-0077', question: '上月才有人問', hits: 0, hitsByMonth: [3, 4, 0] })] }),
    });
    expect(byTestId('items-none')).not.toBeNull();
    expect(byTestId('items-table')).toBeNull();
  });

  it('charts the twelve largest changes either way', async () => {
    const categories: CategoryChangeDto[] = Array.from({ length: 14 }, (_, index) => ({
      category: `類別${index + 1}`,
      hits: 50,
      previousHits: 50 - (index % 2 ? -(index + 1) : index + 1),
      change: index % 2 ? -(index + 1) : index + 1,
      satisfactionRate: null,
      previousSatisfactionRate: null,
    }));
    const { rows } = await render('/dashboard/items', { overview: overview({ categories }) });
    expect(FakeChartDirective.last!.data()!.labels).toEqual([
      '類別14',
      '類別13',
      '類別12',
      '類別11',
      '類別10',
      '類別9',
      '類別8',
      '類別7',
      '類別6',
      '類別5',
      '類別4',
      '類別3',
    ]);
    expect(FakeChartDirective.last!.data()!.datasets[0].data).toEqual([-14, 13, -12, 11, -10, 9, -8, 7, -6, 5, -4, 3]);
    // The table keeps every category.
    expect(rows('categories-table')).toHaveLength(14);
  });

  it('says the month before must be imported to compare categories', async () => {
    const { byTestId } = await render('/dashboard/items', { overview: overview({ categories: [] }) });
    expect(textOf(byTestId('categories-empty'))).toBe('115年9月的客服報表尚未匯入，無法比較類別消長。');
    expect(byTestId('categories-chart')).toBeNull();
    expect(byTestId('categories-table')).toBeNull();
  });

  it('says so when no month has been imported, and asks for nothing more', async () => {
    const { byTestId, host } = await render('/dashboard/items', { quality: { ...QUALITY, months: [] } });
    expect(textOf(byTestId('items-empty'))).toBe('尚未匯入任何月份的客服報表。匯入後，這裡會顯示各題目的命中情形。');
    expect(host.querySelector('h2')).toBeNull();
  });

  it('shows a failed request with a retry that asks again', async () => {
    const { http, host, byTestId, overviewRequest } = await render('/dashboard/items', { overview: 'unanswered' });
    overviewRequest!.flush({ message: 'boom' }, { status: 500, statusText: 'Server Error' });
    await settle();
    const alert = host.querySelector('[role="alert"]')!;
    expect(alert.textContent).toContain('HTTP 500');
    expect(byTestId('items-section')).toBeNull();

    alert.querySelector('button')!.click();
    await settle();
    http.expectOne('/api/dashboard/items/2026-10/overview').flush(overview());
    await settle();
    expect(host.querySelector('[role="alert"]')).toBeNull();
    expect(byTestId('items-table')).not.toBeNull();
  });
});

describe('items page helpers', () => {
  it('words rates, changes and the month before', () => {
    expect(formatPercent(0.75)).toBe('75.0%');
    expect(formatPercent(0.12345)).toBe('12.3%');
    expect(formatPercent(null)).toBeNull();
    expect(formatChange(1234)).toBe('▲ +1,234');
    expect(formatChange(-5)).toBe('▼ -5');
    expect(formatChange(0)).toBe('0');
    expect(monthBefore('2026-10')).toBe('2026-09');
    expect(monthBefore('2026-01')).toBe('2025-12');
  });

  it('keeps hit items only, most hit first, and colours changes by their sign', () => {
    expect(
      hitItems([item({ kbItemId: 'A', hits: 0 }), item({ kbItemId: 'B', hits: 2 }), item({ kbItemId: 'C', hits: 5 })]).map(
        (i) => i.kbItemId,
      ),
    ).toEqual(['C', 'B']);
    expect([changeColor(3), changeColor(-1), changeColor(0)]).toEqual([CHANGE_COLORS.gain, CHANGE_COLORS.loss, CHANGE_COLORS.none]);
  });

  it('matches the search text in the id, question or category, ignoring case and spaces around it', () => {
    const row = { kbItemId: 'HT-0012', question: '房屋稅可以用信用卡繳嗎', category: '房屋稅' };
    expect(matchesQuery(row, ' ht-00 ')).toBe(true);
    expect(matchesQuery(row, '信用卡')).toBe(true);
    expect(matchesQuery(row, '房屋稅')).toBe(true);
    expect(matchesQuery(row, '牌照')).toBe(false);
    expect(matchesQuery(row, '')).toBe(true);
  });
});
