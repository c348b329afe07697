import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, type TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { EFFECT_RULE, type EffectDto, type EffectRowDto, Role } from '@tunedesk/contracts';
import { Subject } from 'rxjs';
import { errorInterceptor } from '../http/error.interceptor';
import { FakeChartDirective, useFakeChart } from '../shared/chart/chart-testing';
import { TableExportService } from '../shared/export/table-export.service';
import { signIn } from '../testing/auth-testing';
import { EffectPageComponent, formatChange, formatMean, ruleParams } from './effect-page.component';

@Component({ selector: 'td-blank', template: '' })
class BlankComponent {}

function row(overrides: Partial<EffectRowDto> = {}): EffectRowDto {
  return {
    proposalId: 101,
    cycleId: 4,
    cycleLabel: '115年10月定期調校',
    unitCode: 'HT',
    unitName: '房屋稅科',
    kind: 'modify',
    kbItemId: 'HT-0012',
    title: '房屋稅可以用信用卡繳嗎',
    appliedAt: '2026-10-20T03:00:00.000Z',
    appliedMonth: '2026-10',
    sourceClusterId: 55,
    sourceRepresentative: '房屋稅可以刷卡嗎',
    wordings: 4,
    before: [
      { month: '2026-09', misses: 12 },
      { month: '2026-10', misses: 9 },
    ],
    after: [{ month: '2026-11', misses: 3 }],
    beforeMean: 10.5,
    afterMean: 3,
    change: (3 - 10.5) / 10.5,
    verdict: 'improved',
    sentBack: null,
    ...overrides,
  };
}

const ROWS: EffectRowDto[] = [
  row(),
  row({
    proposalId: 102,
    unitCode: 'LV',
    unitName: '牌照稅科',
    kind: 'add',
    kbItemId: 'LV-0100',
    title: '牌照稅可以退稅嗎',
    sourceClusterId: 60,
    sourceRepresentative: '牌照稅退費',
    wordings: 1,
    before: [{ month: '2026-10', misses: 10 }],
    after: [{ month: '2026-11', misses: 10 }],
    beforeMean: 10,
    afterMean: 10,
    change: 0,
    verdict: 'unchanged',
  }),
  row({
    proposalId: 103,
    cycleId: 3,
    cycleLabel: '115年9月定期調校',
    kind: 'delete',
    kbItemId: 'HT-0040',
    title: '房屋稅舊制說明',
    appliedAt: '2026-09-25T03:00:00.000Z',
    appliedMonth: '2026-09',
    sourceClusterId: 41,
    sourceRepresentative: '房屋稅怎麼算',
    before: [{ month: '2026-08', misses: 5 }],
    after: [
      { month: '2026-10', misses: 8 },
      { month: '2026-11', misses: 8 },
    ],
    beforeMean: 5,
    afterMean: 8,
    change: 0.6,
    verdict: 'worse',
    sentBack: { kind: 'review', id: 77, at: '2026-11-03T02:00:00.000Z', by: '林組長' },
  }),
  row({
    proposalId: 104,
    kind: 'add',
    kbItemId: null,
    title: '地價稅申報期限',
    sourceClusterId: 70,
    sourceRepresentative: '地價稅何時申報',
    before: [{ month: '2026-10', misses: 7 }],
    after: [],
    beforeMean: 7,
    afterMean: null,
    change: null,
    verdict: 'pending',
  }),
];

const EFFECT: EffectDto = {
  rows: ROWS,
  counts: { improved: 1, unchanged: 1, worse: 1, pending: 1 },
  rule: EFFECT_RULE,
};

/** Lets resources take their answers and renders. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  TestBed.tick();
}

const textOf = (element: Element | null) => element!.textContent!.replace(/\s+/g, ' ').trim();

/** What an element says, piece by piece, icon ligatures left out. */
function text(element: Element): string {
  const copy = element.cloneNode(true) as Element;
  copy.querySelectorAll('mat-icon').forEach((icon) => icon.remove());
  const walker = document.createTreeWalker(copy, NodeFilter.SHOW_TEXT);
  const pieces: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) pieces.push(node.textContent!.replace(/\s+/g, ' ').trim());
  return pieces.filter(Boolean).join(' ');
}

describe('EffectPageComponent', () => {
  let open: jest.Mock;
  let snackAction: Subject<void>;

  beforeEach(() => {
    localStorage.clear();
    useFakeChart();
    snackAction = new Subject<void>();
    open = jest.fn(() => ({ onAction: () => snackAction.asObservable() }));
    TestBed.configureTestingModule({
      providers: [
        provideRouter(
          [
            { path: 'dashboard/effect', component: EffectPageComponent },
            { path: 'queue/:kind/:id', component: BlankComponent },
            { path: 'proposals/:id/edit', component: BlankComponent },
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

  async function render(options: { url?: string; roles?: Role[]; effect?: EffectDto } = {}) {
    signIn({ roles: options.roles ?? [Role.GroupLeader] });
    const harness = await RouterTestingHarness.create();
    const http = TestBed.inject(HttpTestingController);
    const router = TestBed.inject(Router);
    await harness.navigateByUrl(options.url ?? '/dashboard/effect', EffectPageComponent);
    const first = http.expectOne((req) => req.method === 'GET' && req.url === '/api/dashboard/effect');
    first.flush(options.effect ?? EFFECT);
    await settle();
    const host = harness.routeNativeElement!;
    const byTestId = <T extends HTMLElement = HTMLElement>(id: string) => host.querySelector<T>(`[data-testid="${id}"]`);
    const rowOf = (id: number) => host.querySelector<HTMLElement>(`[data-testid="effect-row"][data-id="${id}"]`);
    const cell = (id: number, column: string) => text(rowOf(id)!.querySelector(`[data-col="${column}"]`)!);
    return { harness, http, router, host, byTestId, rowOf, cell, first };
  }

  /** Answers the next GET of the page with what the server would send for its filters. */
  function serve(request: TestRequest, dto: EffectDto = EFFECT): void {
    const params = request.request.params;
    const rows = dto.rows.filter(
      (r) =>
        (!params.get('cycle') || r.cycleId === Number(params.get('cycle'))) &&
        (!params.get('unit') || r.unitCode === params.get('unit')) &&
        (!params.get('verdict') || r.verdict === params.get('verdict')),
    );
    request.flush({ ...dto, rows });
  }

  async function pick(host: HTMLElement, selectTestId: string, optionText: string): Promise<void> {
    host.querySelector<HTMLElement>(`[data-testid="${selectTestId}"] .mat-mdc-select-trigger`)!.click();
    await settle();
    [...document.querySelectorAll<HTMLElement>('mat-option')].find((option) => textOf(option) === optionText)!.click();
    await settle();
  }

  it('lists every applied change with its misses before and after, the change and the verdict', async () => {
    const { first, byTestId, rowOf, cell, host } = await render();
    expect(first.request.params.keys()).toEqual([]);

    expect(textOf(byTestId('effect-rule'))).toContain(
      '比較套用前後各最多 3 個月的平均每月未答則數：減少 30% 以上為已改善，增加 20% 以上為惡化',
    );
    expect(host.querySelectorAll('[data-testid="effect-row"]')).toHaveLength(4);

    expect(cell(101, 'proposal')).toBe('#101');
    expect(rowOf(101)!.querySelector('[data-testid="proposal-link"]')!.getAttribute('href')).toBe('/proposals/101/edit');
    expect(cell(101, 'cycle')).toBe('115年10月定期調校');
    expect(cell(101, 'unit')).toBe('房屋稅科');
    expect(cell(101, 'kind')).toBe('修改');
    expect(cell(101, 'item')).toBe('HT-0012 房屋稅可以用信用卡繳嗎');
    expect(cell(101, 'appliedAt')).toBe('115/10/20');
    expect(cell(101, 'source')).toBe('房屋稅可以刷卡嗎 4 種問法');
    expect(rowOf(101)!.querySelector('[data-testid="source-link"]')!.getAttribute('href')).toBe('/queue/cluster/55');
    expect(cell(101, 'before')).toBe('115年9月 12、115年10月 9 平均 10.5');
    expect(cell(101, 'after')).toBe('115年11月 3 平均 3');
    expect(cell(101, 'change')).toBe('-71.4%');
    expect(cell(101, 'verdict')).toBe('已改善');
    expect(rowOf(101)!.querySelector('[data-testid="verdict-badge"]')!.classList).toContain('td-badge--ok');

    expect(cell(102, 'kind')).toBe('新增');
    expect(cell(102, 'source')).toBe('牌照稅退費');
    expect(cell(102, 'change')).toBe('0.0%');
    expect(cell(102, 'verdict')).toBe('無明顯變化');
    expect(rowOf(102)!.querySelector('[data-testid="verdict-badge"]')!.classList).toContain('td-badge--muted');

    expect(cell(103, 'kind')).toBe('刪除');
    expect(cell(103, 'after')).toBe('115年10月 8、115年11月 8 平均 8');
    expect(cell(103, 'change')).toBe('+60.0%');
    expect(rowOf(103)!.querySelector('[data-testid="verdict-badge"]')!.classList).toContain('td-badge--error');
    expect(cell(103, 'actions')).toBe('已於 115/11/03 由 林組長 送回 題目檢視 #77');
    expect(rowOf(103)!.querySelector('[data-testid="sent-back-link"]')!.getAttribute('href')).toBe('/queue/review/77');

    expect(cell(104, 'item')).toBe('（新題目） 地價稅申報期限');
    expect(cell(104, 'after')).toBe('尚無資料');
    expect(cell(104, 'change')).toBe('—');
    expect(cell(104, 'verdict')).toBe('待觀察');
    const pending = rowOf(104)!.querySelector('[data-testid="verdict-badge"]')!;
    expect(pending.classList).toContain('td-badge--info');
    expect(pending.getAttribute('title')).toBe('套用後的月份尚未匯入');

    // The verdict toggles carry the counts of the answer.
    expect(text(byTestId('verdict-all')!)).toBe('全部 4');
    expect(text(byTestId('verdict-worse')!)).toBe('惡化 1');
    // Headers are real column headers, the table has a caption.
    const table = byTestId('effect-table')!;
    expect(table.querySelector('caption')!.textContent!.trim()).toBe('已套用的題庫異動與成效');
    expect([...table.querySelectorAll('thead th')].every((th) => th.getAttribute('scope') === 'col')).toBe(true);
  });

  it('offers 送回 only for unchanged or worse changes not yet sent back, and sends back after confirming', async () => {
    const { http, byTestId, rowOf, router, host } = await render();
    expect(rowOf(101)!.querySelector('[data-testid="send-back"]')).toBeNull(); // improved
    expect(rowOf(103)!.querySelector('[data-testid="send-back"]')).toBeNull(); // already sent back
    expect(rowOf(104)!.querySelector('[data-testid="send-back"]')).toBeNull(); // pending
    const button = rowOf(102)!.querySelector<HTMLButtonElement>('[data-testid="send-back"]')!;
    expect(text(button)).toBe('送回單位重新檢視');

    button.click();
    await settle();
    const dialog = document.querySelector('mat-dialog-container')!;
    expect(textOf(dialog)).toContain('牌照稅退費');
    expect(textOf(dialog)).toContain('牌照稅科');
    http.expectNone('/api/dashboard/effect/102/send-back');
    document.querySelector<HTMLButtonElement>('[data-testid="confirm-ok"]')!.click();
    await new Promise((resolve) => setTimeout(resolve, 200));
    TestBed.tick();

    const post = http.expectOne({ method: 'POST', url: '/api/dashboard/effect/102/send-back' });
    expect(post.request.body).toEqual({});
    post.flush({ kind: 'cluster', id: 88, cycleId: 5 });
    await settle();

    expect(open).toHaveBeenCalledWith('已送回 牌照稅科 的待辦：群組 #88', '開啟', expect.anything());
    // The page asks again, and the row now says where it went.
    const again = http.expectOne((req) => req.method === 'GET' && req.url === '/api/dashboard/effect');
    again.flush({
      ...EFFECT,
      rows: EFFECT.rows.map((r) =>
        r.proposalId === 102 ? { ...r, sentBack: { kind: 'cluster' as const, id: 88, at: '2026-11-20T02:00:00.000Z', by: '陳美華' } } : r,
      ),
    });
    await settle();
    expect(rowOf(102)!.querySelector('[data-testid="send-back"]')).toBeNull();
    expect(text(rowOf(102)!.querySelector('[data-col="actions"]')!)).toBe('已於 115/11/20 由 陳美華 送回 群組 #88');
    expect(byTestId('effect-table')).not.toBeNull();

    // 開啟 on the snackbar goes to the queue item.
    snackAction.next();
    await settle();
    expect(router.url).toBe('/queue/cluster/88');
    expect(host).toBeDefined();
  });

  it('sends nothing when the dialog is cancelled', async () => {
    const { http, rowOf } = await render({ roles: [Role.ServiceSection] });
    rowOf(102)!.querySelector<HTMLButtonElement>('[data-testid="send-back"]')!.click();
    await settle();
    [...document.querySelectorAll<HTMLButtonElement>('mat-dialog-container button')].find((b) => textOf(b) === '取消')!.click();
    await new Promise((resolve) => setTimeout(resolve, 200));
    TestBed.tick();
    http.expectNone({ method: 'POST', url: '/api/dashboard/effect/102/send-back' });
    expect(open).not.toHaveBeenCalled();
  });

  it.each([[Role.Auditor], [Role.KnowledgeContact], [Role.UnitHead]])('shows no 送回 button to %s', async (role) => {
    const { host } = await render({ roles: [role] });
    expect(host.querySelectorAll('[data-testid="send-back"]')).toHaveLength(0);
    // The record of a change already sent back is still shown.
    expect(host.querySelectorAll('[data-testid="sent-back"]')).toHaveLength(1);
  });

  it('reads the filters from the address and keeps new ones there', async () => {
    const { first, http, router, byTestId, host } = await render({ url: '/dashboard/effect?cycle=4&unit=HT&verdict=bogus' });
    expect(first.request.params.get('cycle')).toBe('4');
    expect(first.request.params.get('unit')).toBe('HT');
    // An unknown verdict is left out.
    expect(first.request.params.has('verdict')).toBe(false);

    byTestId('verdict-worse')!.querySelector('button')!.click();
    await settle();
    expect(router.url).toBe('/dashboard/effect?cycle=4&unit=HT&verdict=worse');
    const worse = http.expectOne((req) => req.url === '/api/dashboard/effect');
    expect(worse.request.params.get('verdict')).toBe('worse');
    expect(worse.request.params.get('cycle')).toBe('4');
    serve(worse);
    await settle();
    expect(byTestId('effect-empty-filtered')).not.toBeNull();
    expect(byTestId('effect-empty')).toBeNull();

    // The pickers keep the cycles and units seen before the filtered answer.
    await pick(host, 'filter-unit', '牌照稅科');
    expect(router.url).toBe('/dashboard/effect?cycle=4&unit=LV&verdict=worse');
    serve(http.expectOne((req) => req.url === '/api/dashboard/effect'));
    await settle();

    await pick(host, 'filter-cycle', '115年9月定期調校');
    expect(router.url).toBe('/dashboard/effect?cycle=3&unit=LV&verdict=worse');
    const cycle = http.expectOne((req) => req.url === '/api/dashboard/effect');
    expect(cycle.request.params.get('cycle')).toBe('3');
    serve(cycle);
    await settle();

    byTestId('filter-clear')!.click();
    await settle();
    expect(router.url).toBe('/dashboard/effect');
    const all = http.expectOne((req) => req.url === '/api/dashboard/effect');
    expect(all.request.params.keys()).toEqual([]);
    all.flush(EFFECT);
    await settle();
    expect(host.querySelectorAll('[data-testid="effect-row"]')).toHaveLength(4);
  });

  it('selects the verdict of the address and lists the cycles newest first', async () => {
    const { byTestId, host } = await render({ url: '/dashboard/effect?verdict=pending' });
    expect(byTestId('verdict-pending')!.classList).toContain('mat-button-toggle-checked');
    expect(byTestId('verdict-all')!.classList).not.toContain('mat-button-toggle-checked');
    host.querySelector<HTMLElement>('[data-testid="filter-cycle"] .mat-mdc-select-trigger')!.click();
    await settle();
    expect([...document.querySelectorAll('mat-option')].map((option) => textOf(option))).toEqual([
      '全部',
      '115年10月定期調校',
      '115年9月定期調校',
    ]);
  });

  it('charts the counts per verdict, its numbers a click away', async () => {
    const { byTestId } = await render({ effect: { ...EFFECT, counts: { improved: 5, unchanged: 2, worse: 1, pending: 3 } } });
    const chart = byTestId('chart-verdicts')!;
    expect(FakeChartDirective.last!.data()!.datasets[0].data).toEqual([5, 2, 1, 3]);
    chart.querySelector<HTMLButtonElement>('[data-testid="chart-table-toggle"]')!.click();
    await settle();
    expect([...chart.querySelectorAll('tbody tr')].map((tr) => text(tr))).toEqual(['已改善 5', '無明顯變化 2', '惡化 1', '待觀察 3']);
    expect(textOf(chart.querySelector('thead th'))).toBe('成效');
  });

  it('exports the table with before and after flattened to text', async () => {
    const csv = jest.spyOn(TestBed.inject(TableExportService), 'csv').mockImplementation(() => undefined);
    const { byTestId } = await render();
    byTestId<HTMLButtonElement>('export-csv-effect')!.click();
    expect(byTestId('export-xlsx-effect')).not.toBeNull();
    const table = csv.mock.calls[0][0];
    expect(table.fileName).toBe('tuning-effect');
    expect(table.headers).toEqual([
      '提案',
      '調校週期',
      '單位',
      '異動',
      '題目編號',
      '題目名稱',
      '套用日期',
      '來源群組',
      '套用前未答',
      '套用前平均',
      '套用後未答',
      '套用後平均',
      '變化',
      '成效',
      '送回',
    ]);
    expect(table.rows[0]).toEqual([
      101,
      '115年10月定期調校',
      '房屋稅科',
      '修改',
      'HT-0012',
      '房屋稅可以用信用卡繳嗎',
      '115/10/20',
      '房屋稅可以刷卡嗎',
      '115年9月 12、115年10月 9',
      10.5,
      '115年11月 3',
      3,
      '-71.4%',
      '已改善',
      null,
    ]);
    expect(table.rows[2][14]).toBe('已於 115/11/03 由 林組長 送回 題目檢視 #77');
    expect(table.rows[3].slice(10, 13)).toEqual(['尚無資料', null, '—']);
  });

  it('says so when nothing has been applied yet', async () => {
    const { byTestId } = await render({ effect: { ...EFFECT, rows: [], counts: { improved: 0, unchanged: 0, worse: 0, pending: 0 } } });
    expect(textOf(byTestId('effect-empty'))).toContain('尚無已套用的調校');
    expect(byTestId('effect-table')).toBeNull();
    expect(byTestId('effect-filters')).toBeNull();
  });

  it('shows a failed load with a retry', async () => {
    signIn({ roles: [Role.GroupLeader] });
    const harness = await RouterTestingHarness.create();
    const http = TestBed.inject(HttpTestingController);
    await harness.navigateByUrl('/dashboard/effect', EffectPageComponent);
    http
      .expectOne('/api/dashboard/effect')
      .flush({ code: 'X', message: { 'zh-TW': '伺服器錯誤', en: 'Server error' } }, { status: 500, statusText: 'Error' });
    await settle();
    const host = harness.routeNativeElement!;
    const alert = host.querySelector('[role="alert"]')!;
    expect(textOf(alert)).toContain('伺服器錯誤');
    expect(host.querySelector('[data-testid="effect-table"]')).toBeNull();
    alert.querySelector<HTMLButtonElement>('button')!.click();
    await settle();
    http.expectOne('/api/dashboard/effect').flush(EFFECT);
    await settle();
    expect(host.querySelectorAll('[data-testid="effect-row"]')).toHaveLength(4);
  });
});

describe('effect helpers', () => {
  it('formats the change signed with one decimal, and null as null', () => {
    expect(formatChange(-0.4)).toBe('-40.0%');
    expect(formatChange(0.25)).toBe('+25.0%');
    expect(formatChange(0)).toBe('0.0%');
    expect(formatChange(-0.0001)).toBe('0.0%');
    expect(formatChange(null)).toBeNull();
  });

  it('formats means and the rule', () => {
    expect(formatMean(10)).toBe('10');
    expect(formatMean(10.333)).toBe('10.3');
    expect(ruleParams(EFFECT_RULE)).toEqual({ months: 3, improved: 30, worse: 20 });
    expect(ruleParams({ months: 2, improvedAtMost: -0.5, worseAtLeast: 0.1 } as unknown as EffectDto['rule'])).toEqual({
      months: 2,
      improved: 50,
      worse: 10,
    });
  });
});
