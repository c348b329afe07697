import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, provideRouter } from '@angular/router';
import { type KbItemPageDto, KbItemStatus, Role, type UnitDto, UnitKind } from '@tunedesk/contracts';
import { errorInterceptor } from '../http/error.interceptor';
import { signIn } from '../testing/auth-testing';
import { KB_SEARCH_DEBOUNCE_MS, KbBrowserPageComponent } from './kb-browser-page.component';
import { makeHit, makeSummary } from './kb-testing';

const PAGE: KbItemPageDto = {
  items: [
    makeSummary(),
    makeSummary({
      id: 'LV-0102',
      category: '使用牌照稅',
      question: '使用牌照稅可以退稅嗎？',
      ownerUnitCode: null,
      ownerUnitName: null,
      status: KbItemStatus.Disabled,
      alternateCount: 0,
      version: 1,
      updatedAt: '2026-03-01T00:00:00.000Z',
    }),
  ],
  total: 120,
  page: 1,
  pageSize: 50,
};

const UNITS: UnitDto[] = [
  { code: 'LV', name: '牌照稅科', kind: UnitKind.Section, parentCode: null, categories: ['使用牌照稅'], active: true },
  { code: 'HT', name: '房屋稅科', kind: UnitKind.Section, parentCode: null, categories: ['房屋稅'], active: true },
];

/** Fake timers drive the debounce; the rest (rendering, the router) runs on real ones again. */
function realTimers(): void {
  jest.runOnlyPendingTimers();
  jest.useRealTimers();
}

describe('KbBrowserPageComponent', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([errorInterceptor])),
        provideHttpClientTesting(),
        { provide: MatSnackBar, useValue: { open: jest.fn() } },
      ],
    });
  });

  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    jest.useRealTimers();
  });

  async function render(roles: Role[] = [Role.KnowledgeContact]) {
    signIn({ roles });
    const fixture = TestBed.createComponent(KbBrowserPageComponent);
    TestBed.tick();
    const http = TestBed.inject(HttpTestingController);
    const first = http.expectOne((req) => req.url === '/api/kb/items');
    expect(first.request.params.toString()).toBe('page=1&pageSize=50');
    first.flush(PAGE);
    http.expectOne('/api/kb/categories').flush(['房屋稅', '使用牌照稅']);
    http.expectOne('/api/units').flush(UNITS);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    const byTestId = <T extends HTMLElement = HTMLElement>(id: string) => host.querySelector<T>(`[data-testid="${id}"]`);
    const type = (value: string) => {
      const input = byTestId<HTMLInputElement>('kb-search')!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
      TestBed.tick();
    };
    const searches = () => http.match((req) => req.url === '/api/kb/search');
    return { fixture, host, http, byTestId, type, searches };
  }

  it('lists the bank in a table: id link, category, question, owner, alternates, status, ROC date, version', async () => {
    const { host, byTestId } = await render();
    const rows = [...byTestId('kb-table')!.querySelectorAll('tbody tr')];
    const cells = rows.map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent!.replace(/\s+/g, ' ').trim()));
    expect(cells[0]).toEqual(['HT-0001', '房屋稅', '房屋稅什麼時候開徵？', '房屋稅科', '3', '已發布', '115/11/29', '4']);
    expect(cells[1]).toEqual(['LV-0102', '使用牌照稅', '使用牌照稅可以退稅嗎？', '—', '0', '停用', '115/03/01', '1']);
    expect(rows[0].querySelector('a')!.getAttribute('href')).toBe('/kb/items/HT-0001');
    expect(host.textContent).toContain('共 120 題');
    expect(byTestId('kb-results')).toBeNull();
  });

  it('searches by meaning once typing has paused for the debounce, and shows score and what matched', async () => {
    const { fixture, byTestId, type, searches, http } = await render();
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
    type('房屋');
    type('房屋稅 何時');
    jest.advanceTimersByTime(KB_SEARCH_DEBOUNCE_MS - 1);
    TestBed.tick();
    expect(searches()).toHaveLength(0);

    jest.advanceTimersByTime(1);
    TestBed.tick();
    const request = http.expectOne((req) => req.url === '/api/kb/search');
    expect(request.request.params.toString()).toBe('q=%E6%88%BF%E5%B1%8B%E7%A8%85%20%E4%BD%95%E6%99%82&limit=10');
    expect(request.request.params.get('q')).toBe('房屋稅 何時');
    realTimers();
    request.flush([
      makeHit(),
      makeHit({ item: makeSummary({ id: 'HT-0009', question: '房屋稅稅率' }), score: 0.423, matchedKind: 'keyword', matchedText: '稅率' }),
    ]);
    await fixture.whenStable();

    expect(byTestId('kb-table')).toBeNull();
    const results = byTestId('kb-results')!;
    const hits = [...results.querySelectorAll('li.hit')];
    expect(hits.map((hit) => hit.getAttribute('data-id'))).toEqual(['HT-0001', 'HT-0009']);
    expect(hits[0].querySelector('[data-testid="kb-hit-score"]')!.textContent!.replace(/\s+/g, '')).toBe('相似度87%');
    expect(hits[0].querySelector<HTMLElement>('.hit__fill')!.style.width).toBe('87%');
    expect(hits[0].querySelector('[data-testid="kb-hit-kind"]')!.textContent!.trim()).toBe('相似問句');
    expect(hits[1].querySelector('[data-testid="kb-hit-kind"]')!.textContent!.trim()).toBe('關鍵字');
    expect([...hits[0].querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['房屋稅', '何時']);
    expect(hits[0].querySelector('[data-testid="kb-hit-text"]')!.textContent).toBe('房屋稅何時繳');
    expect(hits[0].querySelector('a')!.getAttribute('href')).toBe('/kb/items/HT-0001');
  });

  it('does not search for a single character, and shows the list again when the box is cleared', async () => {
    const { fixture, byTestId, type, searches, http } = await render();
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
    type('房');
    jest.advanceTimersByTime(1000);
    TestBed.tick();
    expect(searches()).toHaveLength(0);
    expect(byTestId('kb-table')).not.toBeNull();

    type('房屋');
    jest.advanceTimersByTime(KB_SEARCH_DEBOUNCE_MS);
    TestBed.tick();
    const search = http.expectOne((req) => req.url === '/api/kb/search');
    realTimers();
    search.flush([makeHit()]);
    await fixture.whenStable();
    expect(byTestId('kb-results')).not.toBeNull();

    type('');
    const list = http.expectOne((req) => req.url === '/api/kb/items');
    expect(list.request.params.has('q')).toBe(false);
    list.flush(PAGE);
    await fixture.whenStable();
    expect(byTestId('kb-results')).toBeNull();
    expect(byTestId('kb-table')!.querySelectorAll('tbody tr')).toHaveLength(2);
  });

  it('turns the category, unit and status filters into query parameters of the list', async () => {
    const { fixture, byTestId, http } = await render();
    const pick = async (testId: string, label: string) => {
      byTestId(testId)!.querySelector<HTMLElement>('.mat-mdc-select-trigger')!.click();
      await fixture.whenStable();
      [...document.querySelectorAll<HTMLElement>('mat-option')].find((option) => option.textContent!.trim() === label)!.click();
      TestBed.tick();
    };
    await pick('kb-filter-category', '使用牌照稅');
    let request = http.expectOne((req) => req.url === '/api/kb/items');
    expect(request.request.params.toString()).toBe('category=%E4%BD%BF%E7%94%A8%E7%89%8C%E7%85%A7%E7%A8%85&page=1&pageSize=50');
    request.flush(PAGE);
    await fixture.whenStable();

    await pick('kb-filter-unit', '牌照稅科 (LV)');
    http.expectOne((req) => req.url === '/api/kb/items').flush(PAGE);
    await fixture.whenStable();

    await pick('kb-filter-status', '停用');
    request = http.expectOne((req) => req.url === '/api/kb/items');
    expect(request.request.params.get('category')).toBe('使用牌照稅');
    expect(request.request.params.get('unit')).toBe('LV');
    expect(request.request.params.get('status')).toBe('disabled');
    expect(request.request.params.get('page')).toBe('1');
    request.flush({ ...PAGE, total: 1, items: [PAGE.items[1]] });
    await fixture.whenStable();
    expect(byTestId('kb-table')!.querySelectorAll('tbody tr')).toHaveLength(1);
    // The address keeps them, so "back" from an item comes back to the same list.
    expect(TestBed.inject(Router).url).toBe('/?category=%E4%BD%BF%E7%94%A8%E7%89%8C%E7%85%A7%E7%A8%85&unit=LV&status=disabled');
  });

  it('asks for the next page with the same filters', async () => {
    const { fixture, host, http } = await render();
    host.querySelector<HTMLButtonElement>('.mat-mdc-paginator-navigation-next')!.click();
    TestBed.tick();
    const request = http.expectOne((req) => req.url === '/api/kb/items');
    expect(request.request.params.toString()).toBe('page=2&pageSize=50');
    request.flush({ ...PAGE, page: 2 });
    await fixture.whenStable();
  });

  it('offers import and the CSV/XLSX downloads to the system administrator only; the health check to everyone', async () => {
    const { byTestId } = await render([Role.SystemAdmin]);
    expect(byTestId('kb-import-link')!.getAttribute('href')).toBe('/kb/import');
    const csv = byTestId<HTMLAnchorElement>('kb-export-csv')!;
    expect(csv.getAttribute('href')).toBe('/api/kb/export?format=csv');
    expect(csv.hasAttribute('download')).toBe(true);
    expect(byTestId('kb-export-xlsx')!.getAttribute('href')).toBe('/api/kb/export?format=xlsx');
    expect(byTestId('kb-export-ods')!.getAttribute('href')).toBe('/api/kb/export?format=ods');
    expect(byTestId('kb-export-ods')!.textContent).toContain('匯出 ODS（開放文件格式）');
    expect(byTestId('kb-health-link')!.getAttribute('href')).toBe('/kb/health');
  });

  it('hides import and export from other users', async () => {
    const { byTestId } = await render([Role.KnowledgeContact, Role.GroupLeader]);
    expect(byTestId('kb-import-link')).toBeNull();
    expect(byTestId('kb-export-csv')).toBeNull();
    expect(byTestId('kb-export-xlsx')).toBeNull();
    expect(byTestId('kb-health-link')).not.toBeNull();
  });

  it("focuses the search box on '/', but not while typing in a field", async () => {
    const { byTestId } = await render();
    const box = byTestId<HTMLInputElement>('kb-search')!;
    expect(document.activeElement).not.toBe(box);
    const slash = new KeyboardEvent('keydown', { key: '/', bubbles: true, cancelable: true });
    document.body.dispatchEvent(slash);
    expect(document.activeElement).toBe(box);
    expect(slash.defaultPrevented).toBe(true);

    const typed = new KeyboardEvent('keydown', { key: '/', bubbles: true, cancelable: true });
    box.dispatchEvent(typed);
    expect(typed.defaultPrevented).toBe(false);
  });

  it('opens the best hit on Enter in the search box', async () => {
    const { fixture, byTestId, type, http } = await render();
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
    type('房屋稅');
    jest.advanceTimersByTime(KB_SEARCH_DEBOUNCE_MS);
    TestBed.tick();
    const search = http.expectOne((req) => req.url === '/api/kb/search');
    realTimers();
    search.flush([makeHit({ item: makeSummary({ id: 'HT-0042' }) }), makeHit()]);
    await fixture.whenStable();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    byTestId('kb-search')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    expect(navigate).toHaveBeenCalledWith(['/kb/items', 'HT-0042']);
  });
});
