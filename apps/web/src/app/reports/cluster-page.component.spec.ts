import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideRouter } from '@angular/router';
import type { MissClusterDto } from '@tunedesk/contracts';
import { errorInterceptor } from '../http/error.interceptor';
import { signIn } from '../testing/auth-testing';
import { ClusterPageComponent } from './cluster-page.component';
import { makeCluster, makeClusterSummary } from './reports-testing';

/** Lets resources take their answers and renders. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  TestBed.tick();
}

const rowsOf = (table: Element) =>
  [...table.querySelectorAll('tbody tr')].map((row) => [...row.children].map((cell) => cell.textContent!.replace(/\s+/g, ' ').trim()));

describe('ClusterPageComponent', () => {
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
    signIn();
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  async function render(cluster: MissClusterDto = makeCluster()) {
    const fixture = TestBed.createComponent(ClusterPageComponent);
    fixture.componentRef.setInput('id', '4');
    fixture.componentRef.setInput('clusterId', String(cluster.id));
    TestBed.tick();
    const http = TestBed.inject(HttpTestingController);
    http.expectOne(`/api/clusters/${cluster.id}`).flush(cluster);
    await settle();
    const host = fixture.nativeElement as HTMLElement;
    const byTestId = <T extends HTMLElement = HTMLElement>(id: string) => host.querySelector<T>(`[data-testid="${id}"]`);
    return { fixture, http, host, byTestId };
  }

  it('shows the representative question, the wordings with their counts and the suggested items with scores and links', async () => {
    const { byTestId, http } = await render();
    http.expectOne('/api/clusters/55').flush(makeClusterSummary({ id: 55, cycleId: 3, clusterNo: 4, size: 18, recurringMonths: 2 }));
    await settle();

    expect(byTestId('cluster-detail')).not.toBeNull();
    expect(byTestId('cluster-representative')!.textContent).toContain('房屋稅可以用信用卡繳嗎');
    expect(byTestId('cluster-size')!.textContent).toContain('36');

    expect(rowsOf(byTestId('cluster-wordings')!)).toEqual([
      ['房屋稅可以用信用卡繳嗎', '20'],
      ['房屋稅刷卡', '9'],
      ['信用卡繳房屋稅', '7'],
    ]);

    const suggestions = [...byTestId('cluster-suggestions')!.querySelectorAll('li')];
    expect(suggestions.map((li) => li.getAttribute('data-id'))).toEqual(['HT-0012', 'HT-0040', 'GN-0003', 'GN-0009']);
    expect(suggestions.map((li) => li.querySelector('.suggestion__percent')!.textContent!.replace(/\s+/g, ''))).toEqual([
      '相似度91%',
      '相似度74%',
      '相似度61%',
      '相似度40%',
    ]);
    expect(suggestions[0].querySelector('a')!.getAttribute('href')).toBe('/kb/items/HT-0012');
    expect(suggestions[0].textContent).toContain('房屋稅繳納方式有哪些？');
  });

  it('marks a recurring cluster and links to last month’s cluster, in its own cycle', async () => {
    const { byTestId, http } = await render();
    http.expectOne('/api/clusters/55').flush(makeClusterSummary({ id: 55, cycleId: 3, clusterNo: 4, size: 18, recurringMonths: 2 }));
    await settle();
    expect(byTestId('cluster-recurring')!.textContent).toContain('連續 3 個月');
    const previous = byTestId('cluster-previous')!;
    expect(previous.getAttribute('href')).toBe('/cycles/3/clusters/55');
    expect(previous.textContent).toContain('上個月的群組 #4（18 次）');
  });

  it('shows routing, assignee, channels, first and last seen, response types and the example conversations', async () => {
    const { byTestId, http, host } = await render();
    http.expectOne('/api/clusters/55').flush(makeClusterSummary({ id: 55, cycleId: 3 }));
    await settle();

    expect(byTestId('cluster-routing')!.textContent).toContain('房屋稅科');
    expect(byTestId('cluster-routing')!.querySelector('[data-reason]')!.textContent).toContain('建議題目');
    expect(byTestId('cluster-assignee')!.textContent).toContain('陳美華');
    expect([...host.querySelectorAll('[data-testid="cluster-channel"]')].map((chip) => chip.textContent!.trim())).toEqual(['LINE', '網站']);
    expect(byTestId('cluster-first-seen')!.textContent).toBe('115/10/01 08:15');
    expect(byTestId('cluster-last-seen')!.textContent).toBe('115/10/30 17:40');
    expect(rowsOf(byTestId('cluster-response-types')!)).toEqual([
      ['推薦回答', '6'],
      ['未能回答', '30'],
    ]);
    expect(rowsOf(byTestId('cluster-examples')!)).toEqual([
      ['S-20261001-0042', 'LINE', '115/10/01 08:15', '房屋稅可以用信用卡繳嗎', '未能回答'],
      ['—', '—', '115/10/30 17:40', '房屋稅刷卡', '推薦回答'],
    ]);
    expect(byTestId('cluster-back')!.getAttribute('href')).toBe('/cycles/4');
  });

  it('shows no recurring badge and asks for no previous cluster in a cluster’s first month', async () => {
    const { byTestId } = await render(
      makeCluster({
        id: 80,
        recurringMonths: 1,
        previousClusterId: null,
        suggestions: [],
        routedReason: 'triage',
        routedUnitCode: null,
        routedUnitName: null,
      }),
    );
    expect(byTestId('cluster-detail')).not.toBeNull();
    expect(byTestId('cluster-recurring')).toBeNull();
    expect(byTestId('cluster-previous')).toBeNull();
    expect(byTestId('cluster-suggestions')!.textContent).toContain('沒有相近的題目');
    expect(byTestId('cluster-routing')!.textContent).toContain('待分派');
  });
});
