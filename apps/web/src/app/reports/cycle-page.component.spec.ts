import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { type MissClusterSummaryDto, Role, type TuningCycleDto, type UnitDto, UnitKind } from '@tunedesk/contracts';
import { errorInterceptor } from '../http/error.interceptor';
import { signIn } from '../testing/auth-testing';
import { CyclePageComponent } from './cycle-page.component';
import { makeClusterSummary, makeCycle } from './reports-testing';

@Component({ selector: 'td-blank', template: '' })
class BlankComponent {}

const UNITS: UnitDto[] = [
  { code: 'LV', name: '牌照稅科', kind: UnitKind.Section, parentCode: null, categories: ['使用牌照稅'], active: true },
  { code: 'HT', name: '房屋稅科', kind: UnitKind.Section, parentCode: null, categories: ['房屋稅'], active: true },
];

const CLUSTERS: MissClusterSummaryDto[] = [
  makeClusterSummary(),
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
  }),
];

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

  async function render(options: { roles?: Role[]; cycle?: TuningCycleDto; url?: string } = {}) {
    signIn({ roles: options.roles ?? [Role.KnowledgeContact] });
    const harness = await RouterTestingHarness.create();
    const http = TestBed.inject(HttpTestingController);
    const router = TestBed.inject(Router);
    await harness.navigateByUrl(options.url ?? '/cycles/4', CyclePageComponent);
    http.expectOne({ method: 'GET', url: '/api/cycles/4' }).flush(options.cycle ?? makeCycle());
    await settle();
    http.expectOne('/api/units').flush(UNITS);
    const first = http.expectOne((req) => req.url === '/api/cycles/4/clusters');
    await settle();
    const host = harness.routeNativeElement!;
    const byTestId = <T extends HTMLElement = HTMLElement>(id: string) => host.querySelector<T>(`[data-testid="${id}"]`);
    const clusterRequests = () => http.match((req) => req.url === '/api/cycles/4/clusters');
    const rows = () => [...host.querySelectorAll('[data-testid="cluster-row"]')];
    return { harness, http, router, host, byTestId, first, clusterRequests, rows };
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
      '房屋稅可以用信用卡繳嗎',
      '36',
      '5',
      'LINE 網站',
      '連續 3 個月',
      'HT-0012 91% HT-0040 74% GN-0003 61%',
      '房屋稅科 建議題目',
      '陳美華',
    ]);
    expect(cells[1]).toEqual(['2', '牌照稅可以退嗎', '21', '3', '電話', '本月新增', '—', '— 待分派', '—']);
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
});
