import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, type TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import {
  type MeDto,
  type MissClusterSummaryDto,
  type ProposalListDto,
  type ReviewItemDto,
  Role,
  type TuningCycleDto,
  type UnitDto,
  UnitKind,
} from '@tunedesk/contracts';
import { errorInterceptor } from '../http/error.interceptor';
import { makeList } from '../proposals/proposals-testing';
import { signIn } from '../testing/auth-testing';
import { CyclePageComponent } from './cycle-page.component';
import { makeClusterSummary, makeCycle, makeReviewItem } from './reports-testing';

@Component({ selector: 'td-blank', template: '' })
class BlankComponent {}

const UNITS: UnitDto[] = [
  { code: 'LV', name: '牌照稅科', kind: UnitKind.Section, parentCode: null, categories: ['使用牌照稅'], active: true },
  { code: 'HT', name: '房屋稅科', kind: UnitKind.Section, parentCode: null, categories: ['房屋稅'], active: true },
];

const CLUSTERS: MissClusterSummaryDto[] = [
  makeClusterSummary({ basis: 'item', confidence: 0.87 }),
  makeClusterSummary({
    id: 78,
    clusterNo: 2,
    representative: '牌照稅可以退嗎',
    size: 21,
    wordingCount: 3,
    channels: ['電話'],
    recurringMonths: 1,
    previousClusterId: null,
    routedUnitCode: null,
    routedUnitName: null,
    routedReason: 'triage',
    assigneeAccount: null,
    assigneeName: null,
    suggestions: [],
    basis: 'topic',
    confidence: 0.62,
  }),
];

const REVIEW: ReviewItemDto[] = [
  makeReviewItem(),
  makeReviewItem({
    id: 502,
    kbItemId: 'HT-0044',
    question: '房屋稅可以分期繳納嗎？',
    reasons: ['low-satisfaction'],
    hits: 40,
    ratings: 12,
    dissatisfied: 7,
    pastYears: [],
  }),
  makeReviewItem({
    id: 503,
    unitCode: 'LV',
    unitName: '牌照稅科',
    kbItemId: 'LV-0007',
    question: '身心障礙者的使用牌照稅免稅如何申請？',
    reasons: ['expired'],
    hits: 15,
    expiryDate: '2026-09-30',
    pastYears: [],
    status: 'done',
    note: '已更新有效期限',
    doneBy: '王小明',
    doneAt: '2026-11-05T02:00:00.000Z',
  }),
];

/** The review items the server would send for the request's unit and status. */
function serveReview(items: readonly ReviewItemDto[], request: TestRequest): ReviewItemDto[] {
  const unit = request.request.params.get('unit');
  const status = request.request.params.get('status');
  return items.filter((item) => (!unit || item.unitCode === unit) && (!status || item.status === status));
}

/** Lets resources take their answers and renders. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  TestBed.tick();
}

/** What a cell says, piece by piece, icon ligatures left out. */
function text(element: Element): string {
  const copy = element.cloneNode(true) as Element;
  copy.querySelectorAll('mat-icon').forEach((icon) => icon.remove());
  const walker = document.createTreeWalker(copy, NodeFilter.SHOW_TEXT);
  const pieces: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) pieces.push(node.textContent!.replace(/\s+/g, ' ').trim());
  return pieces.filter(Boolean).join(' ');
}

describe('CyclePageComponent', () => {
  let open: jest.Mock;

  beforeEach(() => {
    localStorage.clear();
    open = jest.fn();
    TestBed.configureTestingModule({
      providers: [
        provideRouter(
          [
            { path: 'cycles/:id', component: CyclePageComponent },
            { path: 'cycles/:id/clusters/:clusterId', component: BlankComponent },
          ],
          withComponentInputBinding(),
        ),
        provideHttpClient(withInterceptors([errorInterceptor])),
        provideHttpClientTesting(),
        { provide: MatSnackBar, useValue: { open } },
      ],
    });
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  async function render(
    options: {
      roles?: Role[];
      me?: Partial<MeDto>;
      cycle?: TuningCycleDto;
      url?: string;
      review?: ReviewItemDto[];
      lists?: ProposalListDto[];
    } = {},
  ) {
    signIn({ roles: options.roles ?? [Role.KnowledgeContact], ...options.me });
    const harness = await RouterTestingHarness.create();
    const http = TestBed.inject(HttpTestingController);
    const router = TestBed.inject(Router);
    await harness.navigateByUrl(options.url ?? '/cycles/4', CyclePageComponent);
    http.expectOne({ method: 'GET', url: '/api/cycles/4' }).flush(options.cycle ?? makeCycle());
    await settle();
    http.expectOne('/api/units').flush(UNITS);
    const first = http.expectOne((req) => req.url === '/api/cycles/4/clusters');
    // 原有題庫檢視 asks for the whole list (the counts) and the filtered one (the table); both are answered as the server would.
    const reviewRequests = () => http.match((req) => req.method === 'GET' && req.url === '/api/cycles/4/review-items');
    const answerReview = (items: readonly ReviewItemDto[] = options.review ?? []) => {
      const requests = reviewRequests();
      for (const request of requests) request.flush(serveReview(items, request));
      // The parameters of the requests answered.
      return requests.map((request) => request.request.params.toString());
    };
    const firstReview = answerReview();
    // 各單位資料檢視清單.
    http.expectOne({ method: 'GET', url: '/api/cycles/4/lists' }).flush(options.lists ?? []);
    await settle();
    const host = harness.routeNativeElement!;
    const byTestId = <T extends HTMLElement = HTMLElement>(id: string) => host.querySelector<T>(`[data-testid="${id}"]`);
    const clusterRequests = () => http.match((req) => req.url === '/api/cycles/4/clusters');
    const rows = () => [...host.querySelectorAll('[data-testid="cluster-row"]')];
    return { harness, http, router, host, byTestId, first, clusterRequests, rows, firstReview, answerReview };
  }

  it('shows the header, the per-unit table and the explorer with every column of a cluster', async () => {
    const { byTestId, first, rows, host } = await render();
    expect(first.request.params.keys()).toEqual([]);
    first.flush(CLUSTERS);
    await settle();

    expect(byTestId('cycle-page')!.querySelector('h1')!.textContent).toContain('115年10月定期調校');
    expect(byTestId('cycle-due')!.textContent).toContain('115/11/20');
    expect(byTestId('cycle-not-announced')).not.toBeNull();
    expect(byTestId('clusters-export-csv')!.getAttribute('href')).toBe('/api/cycles/4/clusters/export?format=csv');
    expect(byTestId('clusters-export-xlsx')!.getAttribute('href')).toBe('/api/cycles/4/clusters/export?format=xlsx');
    expect(byTestId('clusters-export-csv')!.hasAttribute('download')).toBe(true);

    const units = [...byTestId('cycle-units')!.querySelectorAll('tbody tr')].map((row) => [...row.children].map((cell) => text(cell)));
    expect(units).toEqual([
      ['房屋稅科', '12', '140'],
      ['牌照稅科', '9', '85'],
      ['待分派', '5', '—'],
    ]);

    const cells = rows().map((row) => [...row.querySelectorAll('td')].map((cell) => text(cell)));
    expect(cells[0]).toEqual([
      '1',
      '房屋稅可以用信用卡繳嗎 對應既有題目 · 信心 87%',
      '36',
      '5',
      'LINE 網站',
      '連續 3 個月',
      'HT-0012 91% HT-0040 74% GN-0003 61%',
      '房屋稅科 建議題目',
      '陳美華',
    ]);
    expect(cells[1]).toEqual(['2', '牌照稅可以退嗎 新主題 · 相似度 62%', '21', '3', '電話', '本月新增', '—', '— 待分派', '—']);
    const suggestionLinks = [...rows()[0].querySelectorAll('td a.td-mono')].map((a) => a.getAttribute('href'));
    expect(suggestionLinks).toEqual(['/kb/items/HT-0012', '/kb/items/HT-0040', '/kb/items/GN-0003']);
    expect(rows()[0].querySelector('[data-testid="cluster-recurring"]')).not.toBeNull();
    expect(rows()[1].querySelector('[data-testid="cluster-recurring"]')).toBeNull();
    expect(host.querySelector('[data-testid="clusters-total"]')!.textContent).toContain('2 個群組，共 57 次');
  });

  it('filters the clusters by unit when a unit is clicked, through the address, and clears it on a second click', async () => {
    const { byTestId, first, clusterRequests, router, rows } = await render();
    first.flush(CLUSTERS);
    await settle();

    const unitButton = () => byTestId('cycle-units')!.querySelector<HTMLButtonElement>('tr[data-unit="HT"] button')!;
    unitButton().click();
    await settle();
    expect(router.url).toBe('/cycles/4?unit=HT');
    const [filtered] = clusterRequests();
    expect(filtered.request.params.toString()).toBe('unit=HT');
    filtered.flush([CLUSTERS[0]]);
    await settle();
    expect(rows()).toHaveLength(1);
    expect(unitButton().getAttribute('aria-pressed')).toBe('true');
    expect(byTestId<HTMLSelectElement>('cluster-filter-unit')!.value).toBe('HT');

    unitButton().click();
    await settle();
    expect(router.url).toBe('/cycles/4');
    clusterRequests()[0].flush(CLUSTERS);
    await settle();
    expect(rows()).toHaveLength(2);
  });

  it('filters the clusters to triage when the 待分派 count is clicked', async () => {
    const { byTestId, first, clusterRequests, router } = await render({ url: '/cycles/4?unit=HT' });
    expect(first.request.params.toString()).toBe('unit=HT');
    first.flush([CLUSTERS[0]]);
    await settle();

    byTestId<HTMLButtonElement>('cycle-triage')!.click();
    await settle();
    expect(router.url).toBe('/cycles/4?triage=true');
    const [triage] = clusterRequests();
    expect(triage.request.params.toString()).toBe('triage=true');
    triage.flush([CLUSTERS[1]]);
    await settle();
    expect(byTestId<HTMLSelectElement>('cluster-filter-unit')!.value).toBe('__triage');
  });

  it('takes the explorer filters into the address and the request: unit, minimum size, recurring, channel', async () => {
    const { byTestId, first, clusterRequests, router } = await render();
    first.flush(CLUSTERS);
    await settle();

    const unit = byTestId<HTMLSelectElement>('cluster-filter-unit')!;
    unit.value = 'LV';
    unit.dispatchEvent(new Event('change'));
    await settle();
    expect(router.url).toBe('/cycles/4?unit=LV');
    clusterRequests()[0].flush([]);
    await settle();

    const size = byTestId<HTMLInputElement>('cluster-filter-size')!;
    size.value = '5';
    size.dispatchEvent(new Event('change'));
    await settle();
    expect(router.url).toBe('/cycles/4?unit=LV&minSize=5');
    clusterRequests()[0].flush([]);
    await settle();

    byTestId('cluster-filter-recurring')!.querySelector<HTMLInputElement>('input')!.click();
    await settle();
    expect(router.url).toBe('/cycles/4?unit=LV&minSize=5&recurring=true');
    clusterRequests()[0].flush([]);
    await settle();

    // The channels seen before the filters narrowed the list are still offered.
    const channel = byTestId<HTMLSelectElement>('cluster-filter-channel')!;
    expect([...channel.options].map((option) => option.value)).toEqual(['', 'LINE', '網站', '電話']);
    channel.value = 'LINE';
    channel.dispatchEvent(new Event('change'));
    await settle();
    expect(router.url).toBe('/cycles/4?unit=LV&minSize=5&recurring=true&channel=LINE');
    const [last] = clusterRequests();
    expect(last.request.params.toString()).toBe('unit=LV&minSize=5&recurring=true&channel=LINE');
    last.flush([]);
    await settle();
    expect(byTestId('clusters-table')!.textContent).toContain('沒有符合條件的群組');
  });

  it('opens a cluster when its row is clicked, keeping the filters', async () => {
    const { first, rows, router } = await render({ url: '/cycles/4?recurring=true' });
    first.flush(CLUSTERS);
    await settle();
    (rows()[1].querySelector('td') as HTMLElement).click();
    await settle();
    expect(router.url).toBe('/cycles/4/clusters/78?recurring=true');
  });

  it('shows 公告 to the service section only, while the cycle is not announced', async () => {
    const page = await render({ roles: [Role.ServiceSection] });
    page.first.flush(CLUSTERS);
    await settle();
    expect(page.byTestId('cycle-announce')).not.toBeNull();
  });

  it.each([[Role.SystemAdmin], [Role.KnowledgeContact], [Role.UnitHead]])('does not show 公告 to %s', async (role) => {
    const page = await render({ roles: [role] });
    page.first.flush(CLUSTERS);
    await settle();
    expect(page.byTestId('cycle-page')).not.toBeNull();
    expect(page.byTestId('cycle-announce')).toBeNull();
  });

  it('announces after confirming, then shows when and by whom instead of the button', async () => {
    const { byTestId, first, http } = await render({ roles: [Role.ServiceSection] });
    first.flush(CLUSTERS);
    await settle();
    byTestId<HTMLButtonElement>('cycle-announce')!.click();
    await settle();
    document.querySelector<HTMLButtonElement>('[data-testid="confirm-ok"]')!.click();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const request = http.expectOne({ method: 'POST', url: '/api/cycles/4/announce' });
    request.flush(makeCycle({ announcedAt: '2026-11-04T02:00:00.000Z', announcedBy: '林淑娟' }));
    await settle();
    expect(byTestId('cycle-announce')).toBeNull();
    expect(byTestId('cycle-announced')!.textContent).toContain('已於 115/11/04 10:00 由 林淑娟 公告');
    expect(open).toHaveBeenCalledWith('已公告「115年10月定期調校」', '關閉', expect.anything());
  });

  it('shows an announced cycle without the button, even to the service section', async () => {
    const { byTestId, first } = await render({
      roles: [Role.ServiceSection],
      cycle: makeCycle({ announcedAt: '2026-11-04T02:00:00.000Z', announcedBy: '林淑娟' }),
    });
    first.flush([]);
    await settle();
    expect(byTestId('cycle-announce')).toBeNull();
    expect(byTestId('cycle-announced')).not.toBeNull();
    expect(byTestId('clusters-table')!.textContent).toContain('此週期沒有問句群組');
  });
  it('lists each unit’s 資料檢視清單 with its status and proposals, linking to the list', async () => {
    const { byTestId, first } = await render({
      roles: [Role.ServiceSection],
      lists: [
        makeList(),
        makeList({
          unitCode: 'LV',
          unitName: '牌照稅科',
          status: 'approved',
          approvedBy: { account: 'wang.hd', name: '王主任' },
          approvedAt: '2026-11-06T02:00:00.000Z',
          proposals: [],
        }),
      ],
    });
    first.flush([]);
    await settle();
    const block = byTestId('lists-overview')!;
    expect(block.querySelector('h2')!.textContent).toContain('各單位資料檢視清單');
    const rows = [...block.querySelectorAll('tbody tr')];
    expect(rows.map((row) => [...row.children].map((cell) => text(cell)))).toEqual([
      ['房屋稅科', '填寫中', '3'],
      ['牌照稅科', '已核章', '0'],
    ]);
    expect(rows.map((row) => row.querySelector('a')!.getAttribute('href'))).toEqual(['/proposals/lists/4/HT', '/proposals/lists/4/LV']);
    expect(rows[1].querySelector('[data-status]')!.classList).toContain('td-badge--ok');
  });

  describe('原有題庫檢視', () => {
    /** The text of the tooltip a reason chip carries (its aria-describedby). */
    function tooltipOf(element: Element): string {
      return (element.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ')
        .trim();
    }

    async function renderReview(options: Parameters<typeof render>[0] = {}) {
      const page = await render({ review: REVIEW, ...options });
      page.first.flush(CLUSTERS);
      await settle();
      const section = page.byTestId('review-section')!;
      const reviewRows = () => [...section.querySelectorAll<HTMLTableRowElement>('[data-testid="review-row"]')];
      const rowOf = (kbItemId: string) => reviewRows().find((row) => row.querySelector('a')!.textContent!.trim() === kbItemId)!;
      const select = async (testId: string, value: string) => {
        const element = section.querySelector<HTMLSelectElement>(`[data-testid="${testId}"]`)!;
        element.value = value;
        element.dispatchEvent(new Event('change'));
        await settle();
      };
      const patches = () => page.http.match((req) => req.method === 'PATCH');
      return { ...page, section, reviewRows, rowOf, select, patches };
    }

    it('counts the items per unit and reason, and lists the open ones with links, reasons and their figures', async () => {
      const { section, reviewRows, rowOf, firstReview, clusterRequests } = await renderReview({ roles: [Role.ServiceSection] });
      // The whole list for the counts, the open items for the table.
      expect(firstReview.sort()).toEqual(['', 'status=open']);
      expect(clusterRequests()).toHaveLength(0);

      expect(section.querySelector('h2')!.textContent).toContain('原有題庫檢視');
      const counts = section.querySelector('[data-testid="review-counts"]')!;
      expect([...counts.querySelectorAll('thead th')].map((cell) => text(cell))).toEqual([
        '單位',
        '無命中',
        '不滿意偏多',
        '已過期',
        '提及過去年度',
        '調校後未改善',
        '待檢視',
        '已檢視',
      ]);
      const countRows = [...counts.querySelectorAll('tbody tr, tfoot tr')].map((row) => [...row.children].map((cell) => text(cell)));
      expect(countRows).toEqual([
        ['房屋稅科', '1', '1', '0', '1', '0', '2', '0'],
        ['牌照稅科', '0', '0', '1', '0', '0', '0', '1'],
        ['合計', '1', '1', '1', '1', '0', '2', '1'],
      ]);

      expect(section.querySelector('[data-testid="review-total"]')!.textContent).toContain('共 2 題');
      expect(reviewRows().map((row) => [...row.querySelectorAll('td')].slice(0, 4).map((cell) => text(cell)))).toEqual([
        ['HT-0031', '房屋稅的課稅期間為何？', '房屋稅科', '無命中 提及過去年度'],
        ['HT-0044', '房屋稅可以分期繳納嗎？', '房屋稅科', '不滿意偏多'],
      ]);
      expect(rowOf('HT-0031').querySelector('a')!.getAttribute('href')).toBe('/kb/items/HT-0031');

      const chips = (kbItemId: string) => [...rowOf(kbItemId).querySelectorAll('[data-testid="review-reason"]')];
      expect(chips('HT-0031').map((chip) => chip.getAttribute('tabindex'))).toEqual(['0', '0']);
      expect(chips('HT-0031').map(tooltipOf)).toEqual(['近 3 個月的直接回答與推薦回答共命中 0 次', '答案提及過去的年度：113年']);
      expect(chips('HT-0044').map(tooltipOf)).toEqual(['12 則評價中有 7 則「不滿意」']);
      expect(chips('HT-0044')[0].classList).toContain('td-badge--warning');
    });

    it('filters by unit and status in the request, and shows who reviewed a done item with the note', async () => {
      const { section, reviewRows, rowOf, select, answerReview } = await renderReview({ roles: [Role.GroupLeader] });
      const unitSelect = section.querySelector<HTMLSelectElement>('[data-testid="review-filter-unit"]')!;
      expect([...unitSelect.options].map((option) => [option.value, option.textContent!.trim()])).toEqual([
        ['', '全部'],
        ['HT', '房屋稅科 (HT)'],
        ['LV', '牌照稅科 (LV)'],
      ]);

      await select('review-filter-unit', 'LV');
      expect(answerReview()).toEqual(['unit=LV&status=open']);
      await settle();
      expect(reviewRows()).toHaveLength(0);
      expect(section.querySelector('[data-testid="review-table"] tbody')!.textContent).toContain('沒有符合條件的題目。');
      expect(section.querySelector('tr[data-unit="LV"] button')!.getAttribute('aria-pressed')).toBe('true');

      await select('review-filter-status', 'done');
      expect(answerReview()).toEqual(['unit=LV&status=done']);
      await settle();
      const done = rowOf('LV-0007');
      expect(done.getAttribute('data-status')).toBe('done');
      expect(done.querySelector('[data-testid="review-toggle"]')!.getAttribute('aria-pressed')).toBe('true');
      expect(done.querySelector('[data-testid="review-done-by"]')!.textContent).toContain('王小明 於 115/11/05 10:00 檢視');
      expect(done.querySelector('[data-testid="review-done-note"]')!.textContent).toContain('已更新有效期限');
      expect(tooltipOf(done.querySelector('[data-reason="expired"]')!)).toBe('有效期限 115/09/30 已過');

      await select('review-filter-status', '');
      expect(answerReview()).toEqual(['unit=LV']);
      await settle();

      // A unit in the counts table is a filter too; clicking it again clears it.
      section.querySelector<HTMLButtonElement>('tr[data-unit="HT"] button')!.click();
      await settle();
      expect(answerReview()).toEqual(['unit=HT']);
      await settle();
      expect(unitSelect.value).toBe('HT');
      expect(reviewRows()).toHaveLength(2);
      section.querySelector<HTMLButtonElement>('tr[data-unit="HT"] button')!.click();
      await settle();
      expect(answerReview()).toEqual(['']);
      await settle();
      expect(reviewRows()).toHaveLength(3);
    });

    it('lets a knowledge contact mark an item of their unit 已檢視 with a note, and undo it', async () => {
      const { section, rowOf, patches } = await renderReview({
        roles: [Role.KnowledgeContact],
        review: REVIEW.filter((item) => item.unitCode === 'HT'),
      });
      // Their own unit only: no unit filter.
      expect(section.querySelector('[data-testid="review-filter-unit"]')).toBeNull();
      expect(section.querySelector('tr[data-unit="HT"] button')).toBeNull();

      const row = rowOf('HT-0031');
      const toggle = row.querySelector<HTMLButtonElement>('[data-testid="review-toggle"]')!;
      expect(toggle.textContent).toContain('已檢視');
      expect(toggle.getAttribute('aria-pressed')).toBe('false');
      expect(toggle.getAttribute('aria-label')).toBe('HT-0031 已檢視');
      const note = row.querySelector<HTMLInputElement>('[data-testid="review-note"]')!;
      expect(note.getAttribute('aria-label')).toBe('HT-0031 的備註（選填）');
      note.value = '  下月改寫答案，改為 115年 ';
      note.dispatchEvent(new Event('input'));
      toggle.click();
      await settle();

      const [patch] = patches();
      expect(patch.request.url).toBe('/api/review-items/501');
      expect(patch.request.body).toEqual({ status: 'done', note: '下月改寫答案，改為 115年' });
      patch.flush({
        ...REVIEW[0],
        status: 'done',
        note: '下月改寫答案，改為 115年',
        doneBy: '陳美華',
        doneAt: '2026-11-06T01:30:00.000Z',
      });
      await settle();
      expect(rowOf('HT-0031').getAttribute('data-status')).toBe('done');
      expect(toggle.getAttribute('aria-pressed')).toBe('true');
      expect(rowOf('HT-0031').querySelector('[data-testid="review-note"]')).toBeNull();
      expect(rowOf('HT-0031').querySelector('[data-testid="review-done-by"]')!.textContent).toContain('陳美華 於 115/11/06 09:30 檢視');
      expect(rowOf('HT-0031').querySelector('[data-testid="review-done-note"]')!.textContent).toContain('下月改寫答案，改為 115年');
      expect(section.querySelector('[data-testid="review-announcement"]')!.textContent).toContain('已將 HT-0031 標為已檢視');
      const htCounts = () => [...section.querySelector('tr[data-unit="HT"]')!.children].map((cell) => text(cell));
      expect(htCounts().slice(-2)).toEqual(['1', '1']);

      // Pressed again: back to 待檢視, the note kept.
      toggle.click();
      await settle();
      const [undo] = patches();
      expect(undo.request.url).toBe('/api/review-items/501');
      expect(undo.request.body).toEqual({ status: 'open', note: '下月改寫答案，改為 115年' });
      undo.flush({ ...REVIEW[0], note: '下月改寫答案，改為 115年' });
      await settle();
      expect(toggle.getAttribute('aria-pressed')).toBe('false');
      expect(rowOf('HT-0031').querySelector<HTMLInputElement>('[data-testid="review-note"]')!.value).toBe('下月改寫答案，改為 115年');
      expect(htCounts().slice(-2)).toEqual(['2', '0']);
    });

    it('marks an item reviewed from the keyboard: Enter in the note, no note sent as null', async () => {
      const { rowOf, patches } = await renderReview({ roles: [Role.KnowledgeContact] });
      const note = rowOf('HT-0044').querySelector<HTMLInputElement>('[data-testid="review-note"]')!;
      note.focus();
      note.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
      await settle();
      const [patch] = patches();
      expect(patch.request.url).toBe('/api/review-items/502');
      expect(patch.request.body).toEqual({ status: 'done', note: null });
      // The focus stays on the row's toggle, which outlives the note field.
      expect(document.activeElement).toBe(rowOf('HT-0044').querySelector('[data-testid="review-toggle"]'));
      patch.flush({ ...REVIEW[1], status: 'done', doneBy: '陳美華', doneAt: '2026-11-06T01:30:00.000Z' });
      await settle();
      expect(rowOf('HT-0044').querySelector('[data-testid="review-done-note"]')).toBeNull();
    });

    it('keeps the item open when the server refuses the change', async () => {
      const { rowOf, patches } = await renderReview({ roles: [Role.KnowledgeContact] });
      const toggle = rowOf('HT-0031').querySelector<HTMLButtonElement>('[data-testid="review-toggle"]')!;
      toggle.click();
      await settle();
      patches()[0].flush(
        { statusCode: 403, code: 'FORBIDDEN', message: { 'zh-TW': '沒有權限', en: 'Forbidden' } },
        { status: 403, statusText: 'Forbidden' },
      );
      await settle();
      expect(toggle.getAttribute('aria-pressed')).toBe('false');
      expect(rowOf('HT-0031').getAttribute('data-status')).toBe('open');
      expect(open).toHaveBeenCalledWith(expect.stringContaining('沒有權限'), '關閉', expect.anything());
    });

    it.each([
      ['a unit head', { roles: [Role.UnitHead] }],
      ['a knowledge contact of another unit', { roles: [Role.KnowledgeContact], me: { unitCode: 'LV', unitName: '牌照稅科' } }],
      ['an auditor', { roles: [Role.Auditor] }],
    ])('shows %s the status without the toggle', async (_who, options) => {
      const { rowOf } = await renderReview(options);
      const row = rowOf('HT-0031');
      expect(row.querySelector('[data-testid="review-toggle"]')).toBeNull();
      expect(row.querySelector('[data-testid="review-note"]')).toBeNull();
      expect(row.querySelector('[data-testid="review-status"]')!.textContent).toContain('待檢視');
    });

    it('says so when the cycle queued nothing, and leaves the clusters alone', async () => {
      const { section, byTestId, rows } = await renderReview({ roles: [Role.ServiceSection], review: [] });
      expect(section.querySelector('[data-testid="review-counts"]')).toBeNull();
      expect(section.querySelector('[data-testid="review-table"]')!.textContent).toContain('此週期沒有需要檢視的原有題目。');
      expect(rows()).toHaveLength(2);
      expect(byTestId('clusters-total')!.textContent).toContain('2 個群組，共 57 次');
    });
  });
});
