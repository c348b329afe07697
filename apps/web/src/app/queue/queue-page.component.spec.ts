import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, type TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { type QueueCyclesDto, type QueueItemDto, Role, type UnitDto, UnitKind } from '@tunedesk/contracts';
import { errorInterceptor } from '../http/error.interceptor';
import { apiError } from '../reports/reports-testing';
import { signIn } from '../testing/auth-testing';
import { QUEUE_SEARCH_DEBOUNCE_MS, QueuePageComponent } from './queue-page.component';
import { QUEUE_ORDER_STORAGE_KEY, QueueOrderService } from './queue-order.service';
import { makeAnsweredBefore, makeQueueCycle, makeQueueCycles, makeQueueItem, makeReviewQueueItem } from './queue-testing';

@Component({ selector: 'td-blank', template: '' })
class BlankComponent {}

const UNITS: UnitDto[] = [
  { code: 'LV', name: '牌照稅科', kind: UnitKind.Section, parentCode: null, categories: ['使用牌照稅'], active: true },
  { code: 'HT', name: '房屋稅科', kind: UnitKind.Section, parentCode: null, categories: ['房屋稅'], active: true },
];

const ITEMS: QueueItemDto[] = [
  makeQueueItem({ claimedBy: { account: 'wang.xm', name: '王小明' }, claimedAt: '2026-11-04T02:00:00.000Z', status: 'claimed' }),
  makeQueueItem({
    id: 78,
    title: '房屋稅籍證明怎麼申請',
    size: 12,
    recurringMonths: 1,
    impact: 12,
    suggestions: [],
    kbItemId: null,
    category: null,
  }),
  makeReviewQueueItem(),
];

const TRIAGE_ITEMS: QueueItemDto[] = [
  makeQueueItem({ id: 90, title: '牌照稅可以退嗎', unitCode: null, unitName: null, size: 21, recurringMonths: 2, impact: 42 }),
];

/** Lets resources take their answers and renders. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  TestBed.tick();
}

/** What an element says, piece by piece, icon ligatures left out. */
function text(element: Element): string {
  const copy = element.cloneNode(true) as Element;
  copy.querySelectorAll('mat-icon').forEach((icon) => icon.remove());
  const walker = document.createTreeWalker(copy, NodeFilter.SHOW_TEXT);
  const pieces: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) pieces.push(node.textContent!.replace(/\s+/g, ' ').trim());
  return pieces.filter(Boolean).join(' ');
}

function press(key: string, target: EventTarget = document.body): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
  target.dispatchEvent(event);
  return event;
}

/** Answers the request with an ApiErrorBody. */
function fail(request: TestRequest, error: ReturnType<typeof apiError>): void {
  request.flush(error.body, error.options);
}

function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change'));
}

function type(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  field.value = value;
  field.dispatchEvent(new Event('input'));
}

describe('QueuePageComponent', () => {
  let open: jest.Mock;

  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    open = jest.fn();
    TestBed.configureTestingModule({
      providers: [
        provideRouter(
          [
            { path: 'queue', component: QueuePageComponent },
            { path: 'queue/:kind/:id', component: BlankComponent },
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

  let cyclesRequest: TestRequest;

  async function render(options: { roles?: Role[]; url?: string; items?: QueueItemDto[] | null; cycles?: QueueCyclesDto } = {}) {
    signIn({ roles: options.roles ?? [Role.KnowledgeContact] });
    const harness = await RouterTestingHarness.create();
    const http = TestBed.inject(HttpTestingController);
    const router = TestBed.inject(Router);
    await harness.navigateByUrl(options.url ?? '/queue', QueuePageComponent);
    await settle();
    cyclesRequest = http.expectOne((req) => req.method === 'GET' && req.url === '/api/queue/cycles');
    cyclesRequest.flush(options.cycles ?? makeQueueCycles());
    http.expectOne({ method: 'GET', url: '/api/kb/categories' }).flush(['房屋稅', '使用牌照稅']);
    for (const request of http.match({ method: 'GET', url: '/api/units' })) request.flush(UNITS);
    const listRequests = () => http.match((req) => req.method === 'GET' && req.url === '/api/queue');
    const [first] = listRequests();
    if (options.items !== null) {
      first.flush(options.items ?? ITEMS);
      await settle();
    }
    const host = harness.routeNativeElement!;
    const byTestId = <T extends HTMLElement = HTMLElement>(id: string) => host.querySelector<T>(`[data-testid="${id}"]`);
    const rows = () => [...host.querySelectorAll<HTMLTableRowElement>('[data-testid="queue-row"]')];
    /** The one list request since the last look, with its parameters. */
    const nextList = async (): Promise<TestRequest> => {
      await settle();
      const requests = listRequests();
      expect(requests).toHaveLength(1);
      return requests[0];
    };
    return { harness, http, router, host, byTestId, rows, first, nextList };
  }

  it('lists the unit’s queue by impact, with title links, size, recurring badge, status, holder and top suggestion', async () => {
    const { first, rows, byTestId, host } = await render();
    // A contact’s own unit: the server knows which, so no unit is sent.
    expect(first.request.params.keys()).toEqual([]);

    const cells = rows().map((row) => [...row.querySelectorAll('td')].map((cell) => text(cell)));
    expect(cells).toEqual([
      ['', '群組 房屋稅可以用信用卡繳嗎', '36', '連續 3 個月', '已認領', '王小明', 'HT-0012 91% 房屋稅繳納方式有哪些？'],
      ['', '群組 房屋稅籍證明怎麼申請', '12', '本月新增', '待處理', '—', '—'],
      ['', '原有題目檢視 房屋稅的課稅期間為何？', '—', '—', '待處理', '—', 'HT-0031 無命中 提及過去年度'],
    ]);
    const links = rows().map((row) => row.querySelector('[data-testid="queue-link"]')!.getAttribute('href'));
    expect(links).toEqual(['/queue/cluster/77', '/queue/cluster/78', '/queue/review/501']);
    expect(rows()[0].querySelector('a.td-mono')!.getAttribute('href')).toBe('/kb/items/HT-0012');
    expect(rows()[0].querySelector('[data-testid="queue-recurring"]')).not.toBeNull();
    expect(rows()[1].querySelector('[data-testid="queue-recurring"]')).toBeNull();
    expect(rows()[0].querySelector('[data-testid="queue-status"]')!.className).toContain('td-badge--warning');
    expect(byTestId('queue-total')!.textContent).toContain('共 3 項');
    expect(byTestId('queue-total')!.textContent).toContain('115年10月定期調校');
    expect(text(byTestId('queue-keyboard-hint')!)).toBe('鍵盤快速鍵： j ／ k 上下移動 Enter 開啟 x 勾選 / 搜尋');
    // A contact has no unit picker, no triage switch and no unit column.
    expect(byTestId('queue-filter-unit')).toBeNull();
    expect(byTestId('queue-scope')).toBeNull();
    expect([...host.querySelectorAll('thead th')].map((th) => text(th))).toEqual([
      '',
      '問題／題目',
      '次數',
      '連續月數',
      '狀態',
      '認領人',
      '最相近題目',
    ]);
    expect(byTestId('queue-read-only')).toBeNull();
  });

  it('takes every filter into the address and the request: cycle, kind, status, recurring, category and the search box', async () => {
    const { byTestId, router, nextList, host } = await render();

    choose(byTestId<HTMLSelectElement>('queue-filter-cycle')!, '3');
    let request = await nextList();
    expect(router.url).toBe('/queue?cycle=3');
    expect(request.request.params.toString()).toBe('cycle=3');
    request.flush(ITEMS);
    await settle();

    choose(byTestId<HTMLSelectElement>('queue-filter-kind')!, 'cluster');
    request = await nextList();
    expect(request.request.params.toString()).toBe('cycle=3&kind=cluster');
    request.flush(ITEMS.slice(0, 2));
    await settle();

    choose(byTestId<HTMLSelectElement>('queue-filter-status')!, 'open');
    request = await nextList();
    expect(request.request.params.toString()).toBe('cycle=3&kind=cluster&status=open');
    request.flush([ITEMS[1]]);
    await settle();

    host.querySelector<HTMLInputElement>('[data-testid="queue-filter-recurring"] input')!.click();
    request = await nextList();
    expect(request.request.params.toString()).toBe('cycle=3&kind=cluster&status=open&recurring=true');
    request.flush([]);
    await settle();
    expect(byTestId('queue-empty')!.textContent).toContain('沒有符合條件的項目。');

    choose(byTestId<HTMLSelectElement>('queue-filter-category')!, '房屋稅');
    request = await nextList();
    expect(request.request.params.toString()).toBe('cycle=3&kind=cluster&status=open&recurring=true&category=%E6%88%BF%E5%B1%8B%E7%A8%85');
    request.flush([]);
    await settle();

    const search = byTestId<HTMLInputElement>('queue-search')!;
    type(search, ' 信用卡 ');
    // Letters typed in the box are text, not shortcuts.
    expect(press('j', search).defaultPrevented).toBe(false);
    search.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    request = await nextList();
    expect(request.request.params.get('q')).toBe('信用卡');
    expect(router.url).toBe(
      '/queue?cycle=3&kind=cluster&status=open&recurring=true&category=%E6%88%BF%E5%B1%8B%E7%A8%85&q=%E4%BF%A1%E7%94%A8%E5%8D%A1',
    );
    request.flush([ITEMS[0]]);
    await settle();

    byTestId<HTMLButtonElement>('queue-filter-clear')!.click();
    request = await nextList();
    expect(router.url).toBe('/queue');
    expect(request.request.params.keys()).toEqual([]);
    request.flush(ITEMS);
    await settle();
    expect(byTestId<HTMLInputElement>('queue-search')!.value).toBe('');
  });

  it('starts on the newest announced month with open work: the picker’s first choice names it, and an unannounced month is marked', async () => {
    // A contact: November is not announced, so the server offers October (with work) as the default and no November.
    const { byTestId, first } = await render();
    expect(first.request.params.has('cycle')).toBe(false);
    expect(cyclesRequest.request.params.keys()).toEqual([]);
    const picker = byTestId<HTMLSelectElement>('queue-filter-cycle')!;
    expect(picker.value).toBe('');
    expect([...picker.options].map((option) => option.textContent!.trim())).toEqual([
      '115年10月定期調校（目前待辦）',
      '115年10月定期調校',
      '115年9月定期調校',
      '不定期調校',
    ]);
    expect(byTestId('queue-total')!.textContent).toContain('115年10月定期調校');
    expect(byTestId('queue-unannounced')).toBeNull();
  });

  it('shows the service section a month not announced yet as such', async () => {
    const november = makeQueueCycle({ id: 5, month: '2026-11', label: '115年11月定期調校', announcedAt: null, openCount: 40 });
    const cycles = makeQueueCycles();
    const { byTestId } = await render({
      roles: [Role.ServiceSection],
      cycles: { cycles: [november, ...cycles.cycles], defaultCycleId: 5 },
      items: [makeQueueItem({ cycleId: 5, cycleLabel: '115年11月定期調校' })],
    });
    const options = [...byTestId<HTMLSelectElement>('queue-filter-cycle')!.options].map((option) => option.textContent!.trim());
    expect(options.slice(0, 3)).toEqual(['115年11月定期調校（目前待辦）', '115年11月定期調校（尚未公告）', '115年10月定期調校']);
    expect(byTestId('queue-unannounced')!.textContent).toContain('尚未公告');
  });

  it('shows a wording answered in an earlier month as 先前已答覆, with a link to that proposal, and does not count it as open work', async () => {
    const answered = makeQueueItem({ id: 80, title: '刷卡繳房屋稅', status: 'open', answeredBefore: makeAnsweredBefore() });
    const { rows, byTestId } = await render({ items: [ITEMS[1], answered] });
    const [fresh, again] = rows();
    expect(text(fresh.querySelector('[data-testid="queue-status"]')!)).toBe('待處理');
    expect(fresh.querySelector('[data-testid="queue-answered-before"]')).toBeNull();
    const status = again.querySelector('[data-testid="queue-status"]')!;
    expect(text(status)).toBe('先前已答覆');
    expect(status.getAttribute('data-answered')).toBe('true');
    const link = again.querySelector<HTMLAnchorElement>('[data-testid="queue-answered-before-link"]')!;
    expect(link.getAttribute('href')).toBe('/proposals/lists/3/HT#proposal-12');
    expect(text(link)).toBe('民國115年10月已答覆：提案 #12（已核章）');
    expect(byTestId('queue-total')!.textContent).toContain('共 2 項');
    expect(byTestId('queue-answered-count')!.textContent).toContain('其中 1 項的問法先前月份已答覆，不算待處理');
  });

  it('offers a proposal outside any report, in the always-open 不定期調校 cycle, to those who work the queue', async () => {
    const { byTestId } = await render();
    const link = byTestId<HTMLAnchorElement>('queue-irregular-proposal')!;
    expect(link.textContent).toContain('不定期提案');
    expect(link.getAttribute('href')).toBe('/proposals/new?cycle=9');
  });

  it('searches once typing pauses', async () => {
    const { byTestId, router, nextList } = await render();
    type(byTestId<HTMLInputElement>('queue-search')!, '刷卡 ');
    await new Promise((resolve) => setTimeout(resolve, QUEUE_SEARCH_DEBOUNCE_MS + 50));
    const request = await nextList();
    expect(request.request.params.toString()).toBe('q=%E5%88%B7%E5%8D%A1');
    expect(router.url).toBe('/queue?q=%E5%88%B7%E5%8D%A1');
    request.flush([ITEMS[0]]);
    await settle();
    // What was typed stays as typed, ready for the next word.
    expect(byTestId<HTMLInputElement>('queue-search')!.value).toBe('刷卡 ');
    expect(byTestId('queue-total')!.textContent).toContain('共 1 項');
  });

  it('reads the filters from the address on arrival', async () => {
    const { first, byTestId } = await render({ url: '/queue?kind=review&status=claimed&q=HT-0031', items: [] });
    expect(first.request.params.toString()).toBe('kind=review&status=claimed&q=HT-0031');
    expect(byTestId<HTMLSelectElement>('queue-filter-kind')!.value).toBe('review');
    expect(byTestId<HTMLSelectElement>('queue-filter-status')!.value).toBe('claimed');
    expect(byTestId<HTMLInputElement>('queue-search')!.value).toBe('HT-0031');
    expect(byTestId('queue-empty')!.textContent).toContain('沒有符合條件的項目。');
  });

  it('shows the loading state, then the empty queue', async () => {
    const { first, byTestId, host } = await render({ items: null });
    expect(host.textContent).toContain('載入中…');
    first.flush([]);
    await settle();
    expect(byTestId('queue-empty')!.textContent).toContain('目前沒有待辦項目。');
    expect(byTestId('queue-total')!.textContent).toContain('共 0 項');
  });

  it('starts the group leader on the triage queue, and switches to every unit and to one unit', async () => {
    const { first, byTestId, router, nextList, host, rows } = await render({ roles: [Role.GroupLeader], items: null });
    expect(first.request.params.toString()).toBe('unit=triage');
    first.flush(TRIAGE_ITEMS);
    await settle();
    expect(byTestId('queue-scope-triage')!.classList).toContain('mat-button-toggle-checked');
    // In the triage queue no unit can be picked.
    expect(byTestId('queue-filter-unit')).toBeNull();
    expect(rows()).toHaveLength(1);

    byTestId('queue-scope-all')!.querySelector('button')!.click();
    let request = await nextList();
    expect(router.url).toBe('/queue?unit=all');
    expect(request.request.params.keys()).toEqual([]);
    request.flush([...ITEMS, ...TRIAGE_ITEMS]);
    await settle();
    expect(byTestId('queue-scope-all')!.classList).toContain('mat-button-toggle-checked');
    // Every unit: the unit column says whose each item is.
    expect([...host.querySelectorAll('[data-testid="queue-unit"]')].map((cell) => text(cell))).toEqual([
      '房屋稅科',
      '房屋稅科',
      '房屋稅科',
      '待分派',
    ]);

    const unit = byTestId<HTMLSelectElement>('queue-filter-unit')!;
    expect([...unit.options].map((option) => option.value)).toEqual(['', 'HT', 'LV']);
    choose(unit, 'LV');
    request = await nextList();
    expect(router.url).toBe('/queue?unit=LV');
    expect(request.request.params.toString()).toBe('unit=LV');
    request.flush([]);
    await settle();
    expect(byTestId('queue-empty')!.textContent).toContain('沒有符合條件的項目。');

    choose(byTestId<HTMLSelectElement>('queue-filter-unit')!, '');
    request = await nextList();
    expect(router.url).toBe('/queue?unit=all');
    request.flush([]);
    await settle();

    byTestId('queue-scope-triage')!.querySelector('button')!.click();
    request = await nextList();
    expect(router.url).toBe('/queue');
    expect(request.request.params.toString()).toBe('unit=triage');
    request.flush([]);
    await settle();
    expect(byTestId('queue-empty')!.textContent).toContain('沒有待分派的項目。');
    // The cycle picker follows the queue shown: its default is the newest month with work in that queue.
    expect(cyclesRequest.request.params.toString()).toBe('unit=triage');
    const http = TestBed.inject(HttpTestingController);
    const picked = http.match((req) => req.url === '/api/queue/cycles');
    expect(picked.map((r) => r.request.params.toString())).toEqual(['', 'unit=LV', '', 'unit=triage']);
    for (const r of picked) if (!r.cancelled) r.flush(makeQueueCycles());
  });

  it('lets a reader pick a unit or the triage queue, but offers no checkboxes or bulk actions', async () => {
    const { first, byTestId, host, nextList } = await render({ roles: [Role.ServiceSection] });
    expect(first.request.params.keys()).toEqual([]);
    expect(byTestId('queue-read-only')!.textContent).toContain('處理（認領、結案、改派、提案）限各單位知識維護窗口與組長');
    expect(host.querySelector('[data-testid="queue-row-check"]')).toBeNull();
    expect(byTestId('queue-select-all')).toBeNull();
    expect(text(byTestId('queue-keyboard-hint')!)).not.toContain('勾選');

    press('j');
    press('x');
    await settle();
    expect(byTestId('queue-bulk')).toBeNull();

    choose(byTestId<HTMLSelectElement>('queue-filter-unit')!, 'triage');
    const request = await nextList();
    expect(request.request.params.toString()).toBe('unit=triage');
    request.flush([]);
    await settle();
    const picked = TestBed.inject(HttpTestingController).match((req) => req.url === '/api/queue/cycles');
    expect(picked.map((r) => r.request.params.toString())).toEqual(['unit=triage']);
    picked[0].flush(makeQueueCycles());
  });

  it('moves with j / k, ticks with x and opens with Enter, and remembers the order for the item page', async () => {
    const { rows, byTestId, router } = await render();
    const active = () => rows().findIndex((row) => row.getAttribute('aria-current') === 'true');
    expect(active()).toBe(-1);

    expect(press('j').defaultPrevented).toBe(true);
    await settle();
    expect(active()).toBe(0);
    press('j');
    press('j');
    press('j');
    await settle();
    // Stops at the last row.
    expect(active()).toBe(2);
    press('k');
    await settle();
    expect(active()).toBe(1);
    expect(rows()[1].classList).toContain('row--active');

    press('x');
    await settle();
    expect(rows()[1].querySelector<HTMLInputElement>('[data-testid="queue-row-check"] input')!.checked).toBe(true);
    expect(byTestId('queue-bulk')!.textContent).toContain('已選 1 項');
    press('x');
    await settle();
    expect(byTestId('queue-bulk')).toBeNull();

    // A ticked checkbox keeps focus, but takes no typing: the shortcuts still work there.
    const check = rows()[0].querySelector<HTMLInputElement>('[data-testid="queue-row-check"] input')!;
    // A click in a row puts the cursor there.
    check.click();
    check.focus();
    await settle();
    expect(active()).toBe(0);
    expect(press('j', check).defaultPrevented).toBe(true);
    await settle();
    expect(active()).toBe(1);

    // With a modifier it is the browser’s.
    const ctrl = new KeyboardEvent('keydown', { key: 'j', ctrlKey: true, bubbles: true, cancelable: true });
    document.body.dispatchEvent(ctrl);
    expect(ctrl.defaultPrevented).toBe(false);

    press('Enter');
    await settle();
    expect(router.url).toBe('/queue/cluster/78');
    const stored = JSON.parse(sessionStorage.getItem(QUEUE_ORDER_STORAGE_KEY)!);
    expect(stored).toEqual({ keys: ['cluster:77', 'cluster:78', 'review:501'], listUrl: '/queue', last: 'cluster:78' });
    expect(TestBed.inject(QueueOrderService).position({ kind: 'cluster', id: 78 })).toEqual({
      index: 2,
      total: 3,
      previous: { kind: 'cluster', id: 77 },
      next: { kind: 'review', id: 501 },
    });
  });

  it('puts the cursor back on the item opened last', async () => {
    sessionStorage.setItem(QUEUE_ORDER_STORAGE_KEY, JSON.stringify({ keys: [], listUrl: '/queue', last: 'review:501' }));
    const { rows } = await render();
    expect(rows()[2].getAttribute('aria-current')).toBe('true');
  });

  it('closes the ticked items at once: asks for a note with 其他, sends the body and shows each failure on its row', async () => {
    const { rows, byTestId, http, host, nextList } = await render();
    rows()[0].querySelector<HTMLInputElement>('[data-testid="queue-row-check"] input')!.click();
    rows()[2].querySelector<HTMLInputElement>('[data-testid="queue-row-check"] input')!.click();
    await settle();
    expect(byTestId('queue-bulk')!.textContent).toContain('已選 2 項');
    expect(byTestId<HTMLInputElement>('queue-select-all')!.querySelector('input')!.indeterminate).toBe(true);

    byTestId<HTMLButtonElement>('queue-bulk-close')!.click();
    await settle();
    expect(byTestId('close-form')!.querySelector('h2')!.textContent).toContain('結案 2 項（不異動題庫）');
    const reason = byTestId<HTMLSelectElement>('close-reason')!;
    expect([...reason.options].map((option) => option.textContent!.trim())).toEqual([
      '請選擇',
      '閒聊',
      '非本局業務',
      '已有答案',
      '廠商系統問題',
      '其他',
    ]);
    choose(reason, 'other');
    byTestId<HTMLButtonElement>('close-submit')!.click();
    await settle();
    // 其他 needs a note: nothing is sent yet.
    http.expectNone('/api/queue/bulk');
    expect(byTestId('close-note-error')!.textContent).toContain('原因為「其他」時請說明');

    type(byTestId<HTMLTextAreaElement>('close-note')!, '  重複的群組  ');
    byTestId<HTMLButtonElement>('close-submit')!.click();
    await settle();
    const bulk = http.expectOne({ method: 'POST', url: '/api/queue/bulk' });
    expect(bulk.request.body).toEqual({
      action: 'close',
      items: [
        { kind: 'cluster', id: 77 },
        { kind: 'review', id: 501 },
      ],
      reason: 'other',
      note: '重複的群組',
    });
    bulk.flush({
      done: [{ kind: 'review', id: 501 }],
      failed: [
        {
          kind: 'cluster',
          id: 77,
          code: 'QUEUE_ITEM_CLAIMED',
          message: { 'zh-TW': '此項目已由他人認領', en: 'Someone else has claimed this item' },
        },
      ],
    });
    const reload = await nextList();
    reload.flush([ITEMS[0], ITEMS[1], makeReviewQueueItem({ status: 'closed', closeReason: 'other', closeNote: '重複的群組' })]);
    await settle();

    expect(byTestId('close-form')).toBeNull();
    expect(byTestId('queue-bulk-result')!.textContent).toContain('已完成 1 項，1 項未完成');
    const failures = [...host.querySelectorAll('[data-testid="queue-row-failure"]')];
    expect(failures).toHaveLength(1);
    expect(rows()[0].querySelector('[data-testid="queue-row-failure"]')!.textContent).toContain('未完成：此項目已由他人認領');
    expect(rows()[2].querySelector('[data-testid="queue-status"]')!.textContent).toContain('已結案');
    // What failed stays ticked.
    expect(rows()[0].querySelector<HTMLInputElement>('[data-testid="queue-row-check"] input')!.checked).toBe(true);
    expect(rows()[2].querySelector<HTMLInputElement>('[data-testid="queue-row-check"] input')!.checked).toBe(false);
    expect(byTestId('queue-bulk')!.textContent).toContain('已選 1 項');
    expect(open).not.toHaveBeenCalled();
  });

  it('reassigns every ticked item to a unit with a reason', async () => {
    const { byTestId, http, nextList, rows } = await render();
    byTestId('queue-select-all')!.querySelector('input')!.click();
    await settle();
    expect(rows().every((row) => row.querySelector<HTMLInputElement>('[data-testid="queue-row-check"] input')!.checked)).toBe(true);

    byTestId<HTMLButtonElement>('queue-bulk-reassign')!.click();
    await settle();
    expect(byTestId('reassign-form')!.querySelector('h2')!.textContent).toContain('改派 3 項');
    const unit = byTestId<HTMLSelectElement>('reassign-unit')!;
    expect([...unit.options].map((option) => option.value)).toEqual(['', 'HT', 'LV']);
    choose(unit, 'LV');
    byTestId<HTMLButtonElement>('reassign-submit')!.click();
    await settle();
    http.expectNone('/api/queue/bulk');
    expect(byTestId('reassign-form')!.textContent).toContain('請說明改派原因');

    type(byTestId<HTMLTextAreaElement>('reassign-reason')!, '屬牌照稅業務');
    byTestId<HTMLButtonElement>('reassign-submit')!.click();
    await settle();
    const bulk = http.expectOne({ method: 'POST', url: '/api/queue/bulk' });
    expect(bulk.request.body).toEqual({
      action: 'reassign',
      items: [
        { kind: 'cluster', id: 77 },
        { kind: 'cluster', id: 78 },
        { kind: 'review', id: 501 },
      ],
      unitCode: 'LV',
      reassignReason: '屬牌照稅業務',
    });
    bulk.flush({ done: bulk.request.body.items, failed: [] });
    (await nextList()).flush([]);
    await settle();
    expect(byTestId('queue-bulk-result')!.textContent).toContain('已完成 3 項。');
    expect(byTestId('queue-bulk')).toBeNull();
  });

  it('shows a refused bulk request in the form', async () => {
    const { rows, byTestId, http } = await render();
    rows()[1].querySelector<HTMLInputElement>('[data-testid="queue-row-check"] input')!.click();
    await settle();
    byTestId<HTMLButtonElement>('queue-bulk-close')!.click();
    await settle();
    choose(byTestId<HTMLSelectElement>('close-reason')!, 'chit-chat');
    byTestId<HTMLButtonElement>('close-submit')!.click();
    await settle();
    const bulk = http.expectOne('/api/queue/bulk');
    expect(bulk.request.body).toEqual({ action: 'close', items: [{ kind: 'cluster', id: 78 }], reason: 'chit-chat', note: null });
    fail(bulk, apiError(403, 'FORBIDDEN', '您沒有權限執行此操作'));
    await settle();
    expect(byTestId('close-error')!.textContent).toContain('您沒有權限執行此操作');
    expect(open).not.toHaveBeenCalled();
  });
});
