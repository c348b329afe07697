import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { type MeDto, type ProgressDto, Role, type TableExportRequest } from '@tunedesk/contracts';
import { AuthService } from '../auth/auth.service';
import { errorInterceptor } from '../http/error.interceptor';
import { I18nService } from '../i18n/i18n.service';
import { FakeChartDirective, useFakeChart } from '../shared/chart/chart-testing';
import { TableExportService } from '../shared/export/table-export.service';
import { PROPOSAL_STATUSES, ProgressPageComponent, STATUS_STYLES, donePercent, roundDays } from './progress-page.component';

const PROGRESS: ProgressDto = {
  cycle: {
    id: 12,
    label: '115年10月調校',
    month: '2026-10',
    dueDate: '2026-10-20',
    announcedAt: '2026-10-05T01:30:00.000Z',
    closedAt: null,
  },
  cycles: [
    { id: 12, label: '115年10月調校', month: '2026-10' },
    { id: 11, label: '115年9月調校', month: '2026-09' },
  ],
  unitCode: null,
  today: '2026-10-22',
  totals: { assigned: 40, done: 30, open: 10, overdue: 3 },
  units: [
    {
      unitCode: 'HT',
      unitName: '房屋稅科',
      assigned: 25,
      done: 20,
      open: 5,
      overdue: 2,
      proposals: { add: 4, modify: 6, delete: 1 },
      proposalStatus: { approved: 8, submitted: 3 },
      listStatus: 'approved',
      submittedAt: '2026-10-15T02:00:00.000Z',
      approvedAt: '2026-10-17T06:00:00.000Z',
      daysToProposal: 3.456,
      daysToApproval: 2,
    },
    {
      unitCode: 'LV',
      unitName: '使用牌照稅科',
      assigned: 15,
      done: 10,
      open: 5,
      overdue: 1,
      proposals: { add: 0, modify: 2, delete: 0 },
      proposalStatus: { draft: 2 },
      listStatus: null,
      submittedAt: null,
      approvedAt: null,
      daysToProposal: null,
      daysToApproval: null,
    },
  ],
  contacts: [
    { userId: 7, account: 'wang', name: '王小明', unitCode: 'HT', assigned: 20, done: 18, open: 2, overdue: 1 },
    { userId: null, account: null, name: null, unitCode: 'LV', assigned: 4, done: 0, open: 4, overdue: 1 },
  ],
  proposalsByKindStatus: [
    { kind: 'add', status: 'approved', count: 3 },
    { kind: 'add', status: 'submitted', count: 1 },
    { kind: 'modify', status: 'approved', count: 5 },
    { kind: 'modify', status: 'draft', count: 2 },
    { kind: 'modify', status: 'submitted', count: 1 },
    { kind: 'delete', status: 'returned', count: 1 },
  ],
  burndown: {
    days: ['2026-10-05', '2026-10-06', '2026-10-07'],
    open: [40, 31, null],
    ideal: [40, 26.6667, 13.3333],
  },
  overdue: [
    {
      kind: 'cluster',
      id: 501,
      title: '房屋稅可以用信用卡繳嗎',
      unitCode: 'HT',
      unitName: '房屋稅科',
      status: 'claimed',
      claimedBy: { account: 'wang', name: '王小明' },
      chase: [{ account: 'wang', name: '王小明', email: 'wang@tax.example.gov.tw', extension: '1234' }],
      workdaysOverdue: 4,
    },
    {
      kind: 'review',
      id: 77,
      title: '牌照稅開徵期間',
      unitCode: 'LV',
      unitName: '使用牌照稅科',
      status: 'open',
      claimedBy: null,
      chase: [
        { account: 'lee', name: '李大華', email: null, extension: '2201' },
        { account: 'chen', name: '陳美玲', email: 'chen@tax.example.gov.tw', extension: null },
      ],
      workdaysOverdue: 1,
    },
  ],
};

function me(roles: Role[]): MeDto {
  return {
    id: 7,
    account: 'wang',
    displayName: '王小明',
    email: null,
    extension: null,
    unitCode: 'HT',
    unitName: '房屋稅科',
    roles,
    passwordExpiresInDays: 90,
    passwordReminder: false,
    passwordChangeRequired: null,
    sessionExpiresAt: '2026-10-22T10:00:00.000Z',
  };
}

/** Lets resources take their answers and renders. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  TestBed.tick();
}

const textOf = (element: Element | null) => element!.textContent!.replace(/\s+/g, ' ').trim();
/** A table row as the text of its cells, separated by ' | '. */
const rowText = (row: Element) => [...row.children].map((cell) => textOf(cell)).join(' | ');

describe('ProgressPageComponent', () => {
  let snackBar: { open: jest.Mock };

  beforeEach(() => {
    localStorage.clear();
    useFakeChart();
    snackBar = { open: jest.fn() };
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'dashboard/progress', component: ProgressPageComponent }], withComponentInputBinding()),
        provideHttpClient(withInterceptors([errorInterceptor])),
        provideHttpClientTesting(),
        { provide: MatSnackBar, useValue: snackBar },
      ],
    });
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  const isProgress = (req: { url: string }) => req.url === '/api/dashboard/progress';

  async function open(url = '/dashboard/progress') {
    const harness = await RouterTestingHarness.create();
    const http = TestBed.inject(HttpTestingController);
    const router = TestBed.inject(Router);
    await harness.navigateByUrl(url, ProgressPageComponent);
    const host = harness.routeNativeElement!;
    const byTestId = <T extends HTMLElement = HTMLElement>(id: string) => host.querySelector<T>(`[data-testid="${id}"]`);
    const rows = (testId: string) => [...byTestId(testId)!.querySelectorAll('tbody tr')].map((row) => rowText(row));
    return { harness, http, router, host, byTestId, rows };
  }

  async function render(url = '/dashboard/progress', dto: ProgressDto = PROGRESS) {
    const page = await open(url);
    const first = page.http.expectOne(isProgress);
    first.flush(dto);
    await settle();
    return { ...page, first };
  }

  async function pick(select: HTMLElement, label: string): Promise<void> {
    select.querySelector<HTMLElement>('.mat-mdc-select-trigger')!.click();
    await settle();
    const option = [...document.querySelectorAll<HTMLElement>('mat-option')].find((element) => textOf(element) === label);
    expect(option).toBeDefined();
    option!.click();
    await settle();
  }

  it('puts the dashboard tabs first, then one h1 and h2 sections', async () => {
    const { host } = await render();
    expect(host.firstElementChild!.tagName.toLowerCase()).toBe('td-dashboard-tabs');
    const headings = [...host.querySelectorAll('h1, h2')].map((h) => `${h.tagName}:${textOf(h)}`);
    expect(headings).toEqual([
      'H1:調校進度',
      'H2:115年10月調校',
      'H2:整體進度',
      'H2:各單位進度',
      'H2:各窗口進度',
      'H2:提案類型與狀態',
      'H2:燃盡圖',
      'H2:逾期項目',
    ]);
  });

  it('asks for the latest cycle and shows its dates as ROC dates', async () => {
    const { first, byTestId } = await render();
    expect(first.request.params.keys()).toEqual([]);
    expect(textOf(byTestId('cycle-label'))).toBe('115年10月調校');
    expect(textOf(byTestId('cycle-unit'))).toBe('全部單位');
    expect(textOf(byTestId('cycle-due'))).toBe('115/10/20');
    // 01:30 UTC is 09:30 in Taipei: the same day.
    expect(textOf(byTestId('cycle-announced'))).toBe('115/10/05');
    expect(textOf(byTestId('cycle-state'))).toBe('進行中');
    expect(textOf(byTestId('cycle-today'))).toBe('115/10/22');
  });

  it('says when the cycle is closed and when nothing is announced', async () => {
    const { byTestId } = await render('/dashboard/progress', {
      ...PROGRESS,
      cycle: { ...PROGRESS.cycle, dueDate: null, announcedAt: null, closedAt: '2026-10-25T08:00:00.000Z' },
    });
    expect(textOf(byTestId('cycle-due'))).toBe('未訂');
    expect(textOf(byTestId('cycle-announced'))).toBe('尚未公告');
    expect(textOf(byTestId('cycle-state'))).toBe('已結束（115/10/25）');
  });

  it('shows the totals as KPI cards, the overdue one in the error colour, and the done share as a bar', async () => {
    const { byTestId } = await render();
    const value = (key: string) => textOf(byTestId(`kpi-${key}`)!.querySelector('[data-testid="kpi-value"]'));
    expect([value('assigned'), value('done'), value('open'), value('overdue')]).toEqual(['40', '30', '10', '3']);
    expect(byTestId('kpi-overdue')!.classList).toContain('kpi--alert');
    expect(byTestId('kpi-open')!.classList).not.toContain('kpi--alert');

    const bar = byTestId('done-share')!.querySelector('mat-progress-bar')!;
    expect(bar.getAttribute('aria-label')).toBe('已完成 30 / 40（75%）');
    expect(bar.getAttribute('aria-valuenow')).toBe('75');
    expect(textOf(byTestId('done-share-text'))).toBe('已完成 30 / 40（75%）');
  });

  it('does not highlight overdue when nothing is overdue, and says when nothing is assigned', async () => {
    const { byTestId } = await render('/dashboard/progress', {
      ...PROGRESS,
      totals: { assigned: 0, done: 0, open: 0, overdue: 0 },
    });
    expect(byTestId('kpi-overdue')!.classList).not.toContain('kpi--alert');
    expect(textOf(byTestId('done-share-text'))).toBe('本期尚無分派項目');
  });

  it('lists each unit with proposals, list status, ROC dates and days', async () => {
    const { byTestId, rows } = await render();
    const headers = [...byTestId('table-units')!.querySelectorAll('thead th')].map((th) => textOf(th));
    expect(headers).toEqual([
      '單位',
      '分派',
      '已完成',
      '未完成',
      '逾期',
      '新增提案',
      '修改提案',
      '刪除提案',
      '清單狀態',
      '送核',
      '核章',
      '分派至提案 平均天數',
      '送核至核章 天數',
    ]);
    expect(rows('table-units')).toEqual([
      '房屋稅科 | 25 | 20 | 5 | 2 | 4 | 6 | 1 | 已核章 | 115/10/15 | 115/10/17 | 3.5 | 2',
      '使用牌照稅科 | 15 | 10 | 5 | 1 | 0 | 2 | 0 | 尚未建立 | — | — | — | —',
    ]);
    expect(byTestId('table-units')!.querySelector('caption')!.textContent).toContain('115年10月調校各單位進度');
    expect(byTestId('export-csv-units')).not.toBeNull();
    expect(byTestId('export-xlsx-units')).not.toBeNull();
  });

  it('names each list status as the lists page does', async () => {
    const statuses = ['not-started', 'in-progress', 'submitted', 'returned', 'approved'];
    const { rows } = await render('/dashboard/progress', {
      ...PROGRESS,
      units: statuses.map((listStatus, index) => ({ ...PROGRESS.units[0], unitCode: `U${index}`, listStatus })),
    });
    expect(rows('table-units').map((row) => row.split(' | ')[8])).toEqual(['尚無提案', '填寫中', '待主管核章', '主管退回', '已核章']);
  });

  it('lists each contact, the unclaimed items as 尚未認領', async () => {
    const { rows, byTestId } = await render();
    expect(rows('table-contacts')).toEqual(['王小明（wang） | 房屋稅科 | 20 | 18 | 2 | 1', '尚未認領 | 使用牌照稅科 | 4 | 0 | 4 | 1']);
    expect(byTestId('export-csv-contacts')).not.toBeNull();
  });

  it('stacks the proposals by status for each kind, with the numbers one click away', async () => {
    const { byTestId } = await render();
    const chart = byTestId('chart-proposals')!;
    const fake = FakeChartDirective.last;
    expect(fake).toBeDefined();
    chart.querySelector<HTMLButtonElement>('[data-testid="chart-table-toggle"]')!.click();
    await settle();
    const headers = [...chart.querySelectorAll('thead th')].map((th) => textOf(th));
    expect(headers).toEqual(['提案類型', '草稿', '已送核', '退回修改', '已核章', '暫緩', '已更新']);
    const rows = [...chart.querySelectorAll('tbody tr')].map((row) => rowText(row));
    expect(rows).toEqual(['新增 | 0 | 1 | 0 | 3 | 0 | 0', '修改 | 2 | 1 | 0 | 5 | 0 | 0', '刪除 | 0 | 0 | 1 | 0 | 0 | 0']);
    expect(byTestId('export-xlsx-proposals')).not.toBeNull();
  });

  it('tells the statuses apart by more than colour: 已核章 and 已更新 differ in hue, in mark, and 已更新 is striped', () => {
    const hue = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
      const max = Math.max(r, g, b);
      const d = max - Math.min(r, g, b);
      if (d === 0) return 0;
      const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
      return (h * 60 + 360) % 360;
    };
    const styles = PROPOSAL_STATUSES.map((status) => STATUS_STYLES[status]);
    expect(new Set(styles.map((style) => style.color)).size).toBe(PROPOSAL_STATUSES.length);
    expect(new Set(styles.map((style) => style.marker)).size).toBe(PROPOSAL_STATUSES.length);
    const apart = Math.abs(hue(STATUS_STYLES.approved.color!) - hue(STATUS_STYLES.applied.color!));
    expect(Math.min(apart, 360 - apart)).toBeGreaterThan(60);
    expect(STATUS_STYLES.applied.striped).toBe(true);
    expect(STATUS_STYLES.approved.striped).toBeFalsy();
  });

  it('draws the burndown with short ROC dates and a gap for days to come', async () => {
    const { byTestId } = await render();
    // The last chart drawn is the burndown (after the proposals chart).
    const burndown = FakeChartDirective.last!;
    const data = burndown.data()!;
    expect(burndown.type()).toBe('line');
    expect(data.labels).toEqual(['10/05', '10/06', '10/07']);
    expect(data.datasets.map((set) => set.label)).toEqual(['未完成', '理想進度']);
    expect(data.datasets[0].data).toEqual([40, 31, null]);
    expect(data.datasets[1].data).toEqual([40, 26.7, 13.3]);
    expect(byTestId('export-csv-burndown')).not.toBeNull();
  });

  it('exports the burndown’s numbers as XLSX through the server', async () => {
    const createObjectURL = jest.fn(() => 'blob:x');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    // jsdom cannot follow the download link.
    const download = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const { byTestId, http } = await render();
    byTestId<HTMLButtonElement>('export-xlsx-burndown')!.click();
    const req = http.expectOne('/api/exports/xlsx');
    expect(req.request.method).toBe('POST');
    const body = req.request.body as TableExportRequest;
    expect(body.fileName).toBe('progress-burndown-12');
    expect(body.headers).toEqual(['日期', '未完成', '理想進度']);
    expect(body.rows).toEqual([
      ['115/10/05', 40, 40],
      ['115/10/06', 31, 26.7],
      ['115/10/07', null, 13.3],
    ]);
    req.flush(new Blob(['x']));
    await settle();
    expect(createObjectURL).toHaveBeenCalled();
    expect(download).toHaveBeenCalledTimes(1);
    download.mockRestore();
  });

  it('exports the units table as CSV with the rows shown', async () => {
    const { byTestId } = await render();
    const csv = jest.spyOn(TestBed.inject(TableExportService), 'csv').mockImplementation(() => undefined);
    byTestId<HTMLButtonElement>('export-csv-units')!.click();
    expect(csv).toHaveBeenCalledTimes(1);
    const table = csv.mock.calls[0][0];
    expect(table.fileName).toBe('progress-units-12');
    expect(table.rows[1]).toEqual(['使用牌照稅科', 15, 10, 5, 1, 0, 2, 0, '尚未建立', '—', '—', '—', '—']);
  });

  it('lists the overdue items with a link to each and whom to chase', async () => {
    const { rows, byTestId, host } = await render();
    // Most overdue first, as the server sorts them.
    expect(rows('table-overdue')).toEqual([
      '群組 | 房屋稅可以用信用卡繳嗎 | 房屋稅科 | 已認領 | 王小明（wang） | 4 | 王小明（wang） wang@tax.example.gov.tw 分機 1234',
      '題目檢視 | 牌照稅開徵期間 | 使用牌照稅科 | 待處理 | 尚未認領 | 1 | 李大華（lee） 分機 2201陳美玲（chen） chen@tax.example.gov.tw',
    ]);
    const chase = [...host.querySelectorAll('[data-testid="table-overdue"] tbody tr:nth-child(2) .chase li')].map((li) => textOf(li));
    expect(chase).toEqual(['李大華（lee） 分機 2201', '陳美玲（chen） chen@tax.example.gov.tw']);
    expect(byTestId<HTMLAnchorElement>('overdue-link-cluster-501')!.getAttribute('href')).toBe('/queue/cluster/501');
    expect(byTestId<HTMLAnchorElement>('overdue-link-review-77')!.getAttribute('href')).toBe('/queue/review/77');
    const mails = [...host.querySelectorAll<HTMLAnchorElement>('[data-testid="table-overdue"] a[href^="mailto:"]')];
    expect(mails.map((a) => a.getAttribute('href'))).toEqual(['mailto:wang@tax.example.gov.tw', 'mailto:chen@tax.example.gov.tw']);
    expect(mails[0].getAttribute('aria-label')).toBe('寫信給王小明：wang@tax.example.gov.tw');
    expect(byTestId('overdue-empty')).toBeNull();

    const csv = jest.spyOn(TestBed.inject(TableExportService), 'csv').mockImplementation(() => undefined);
    byTestId<HTMLButtonElement>('export-csv-overdue')!.click();
    expect(csv.mock.calls[0][0].rows[1]).toEqual([
      '題目檢視',
      '牌照稅開徵期間',
      '使用牌照稅科',
      '待處理',
      '尚未認領',
      1,
      '李大華（lee） 分機 2201；陳美玲（chen） chen@tax.example.gov.tw',
    ]);
  });

  it('says so when nothing is overdue', async () => {
    const { byTestId } = await render('/dashboard/progress', { ...PROGRESS, overdue: [] });
    expect(textOf(byTestId('overdue-empty'))).toContain('沒有逾期項目');
    expect(byTestId('table-overdue')!.querySelector('table')).toBeNull();
    expect(byTestId('export-csv-overdue')).not.toBeNull();
  });

  it('reads the cycle and unit from the address and asks with them', async () => {
    const { first, byTestId } = await render('/dashboard/progress?cycle=11&unit=HT', {
      ...PROGRESS,
      cycle: { ...PROGRESS.cycle, id: 11, label: '115年9月調校' },
      unitCode: 'HT',
      units: [PROGRESS.units[0]],
    });
    expect(first.request.params.get('cycle')).toBe('11');
    expect(first.request.params.get('unit')).toBe('HT');
    expect(textOf(byTestId('filter-cycle')!.querySelector('.mat-mdc-select-value'))).toBe('115年9月調校');
    expect(textOf(byTestId('filter-unit')!.querySelector('.mat-mdc-select-value'))).toBe('房屋稅科');
    expect(textOf(byTestId('cycle-unit'))).toBe('房屋稅科');
    // The group leader chose the unit: it can be changed back.
    expect(byTestId('filter-unit')!.getAttribute('aria-disabled')).toBe('false');
    expect(byTestId('unit-held')).toBeNull();
  });

  it('ignores a cycle id that is not a number', async () => {
    const { first } = await render('/dashboard/progress?cycle=abc');
    expect(first.request.params.has('cycle')).toBe(false);
  });

  it('puts the chosen cycle in the address and asks again', async () => {
    const { byTestId, http, router } = await render('/dashboard/progress?unit=HT', {
      ...PROGRESS,
      unitCode: 'HT',
      units: [PROGRESS.units[0]],
    });
    await pick(byTestId('filter-cycle')!, '115年9月調校');
    expect(router.url).toBe('/dashboard/progress?unit=HT&cycle=11');
    const again = http.expectOne(isProgress);
    expect(again.request.params.get('cycle')).toBe('11');
    expect(again.request.params.get('unit')).toBe('HT');
    again.flush({ ...PROGRESS, cycle: { ...PROGRESS.cycle, id: 11, label: '115年9月調校' }, unitCode: 'HT', units: [PROGRESS.units[0]] });
    await settle();
    expect(textOf(byTestId('cycle-label'))).toBe('115年9月調校');
  });

  it('puts the chosen unit in the address, and keeps every unit to pick from', async () => {
    const { byTestId, http, router, rows } = await render();
    await pick(byTestId('filter-unit')!, '使用牌照稅科');
    expect(router.url).toBe('/dashboard/progress?unit=LV');
    const again = http.expectOne(isProgress);
    expect(again.request.params.get('unit')).toBe('LV');
    again.flush({ ...PROGRESS, unitCode: 'LV', units: [PROGRESS.units[1]] });
    await settle();
    expect(rows('table-units')).toHaveLength(1);

    byTestId('filter-unit')!.querySelector<HTMLElement>('.mat-mdc-select-trigger')!.click();
    await settle();
    const options = [...document.querySelectorAll('mat-option')].map((option) => textOf(option));
    expect(options).toEqual(['全部單位', '房屋稅科', '使用牌照稅科']);
    [...document.querySelectorAll<HTMLElement>('mat-option')][0].click();
    await settle();
    expect(router.url).toBe('/dashboard/progress');
    const all = http.expectOne(isProgress);
    expect(all.request.params.has('unit')).toBe(false);
    all.flush(PROGRESS);
    await settle();
  });

  it('shows a contact held to their own unit with the unit select disabled', async () => {
    TestBed.inject(AuthService).me.set(me([Role.KnowledgeContact]));
    const { byTestId, first } = await render('/dashboard/progress', { ...PROGRESS, unitCode: 'HT', units: [PROGRESS.units[0]] });
    expect(first.request.params.has('unit')).toBe(false);
    const select = byTestId('filter-unit')!;
    expect(select.getAttribute('aria-disabled')).toBe('true');
    expect(textOf(select.querySelector('.mat-mdc-select-value'))).toBe('房屋稅科');
    expect(textOf(byTestId('unit-held'))).toBe('僅能查看本單位');
    expect(textOf(byTestId('cycle-unit'))).toBe('房屋稅科');
  });

  it('keeps the select disabled for a unit head who opens their own unit’s address', async () => {
    TestBed.inject(AuthService).me.set(me([Role.UnitHead]));
    const { byTestId } = await render('/dashboard/progress?unit=HT', { ...PROGRESS, unitCode: 'HT', units: [PROGRESS.units[0]] });
    expect(byTestId('filter-unit')!.getAttribute('aria-disabled')).toBe('true');
  });

  it('lets the auditor pick any unit', async () => {
    TestBed.inject(AuthService).me.set(me([Role.Auditor]));
    const { byTestId } = await render();
    expect(byTestId('filter-unit')!.getAttribute('aria-disabled')).toBe('false');
    expect(byTestId('unit-held')).toBeNull();
  });

  it('shows a friendly empty state when there is no cycle yet (404), not a failure', async () => {
    const { http, byTestId, host } = await open();
    http
      .expectOne(isProgress)
      .flush({ code: 'CYCLE_NOT_FOUND', message: { 'zh-TW': '沒有週期', en: 'No cycle' } }, { status: 404, statusText: 'Not Found' });
    await settle();
    expect(textOf(byTestId('progress-empty'))).toContain('還沒有調校週期');
    expect(host.querySelector('[role="alert"]')).toBeNull();
    expect(byTestId('progress-kpis')).toBeNull();
    expect(byTestId('show-latest')).toBeNull();
  });

  it('offers the latest cycle when the address names one that is not found', async () => {
    const { http, byTestId, router } = await open('/dashboard/progress?cycle=99');
    http.expectOne(isProgress).flush(null, { status: 404, statusText: 'Not Found' });
    await settle();
    expect(textOf(byTestId('progress-empty'))).toContain('找不到指定的調校週期或單位');
    byTestId<HTMLButtonElement>('show-latest')!.click();
    await settle();
    expect(router.url).toBe('/dashboard/progress');
    http.expectOne((req) => isProgress(req) && !req.params.has('cycle')).flush(PROGRESS);
    await settle();
    expect(textOf(byTestId('cycle-label'))).toBe('115年10月調校');
  });

  it('shows the empty state when there are no cycles', async () => {
    const { byTestId } = await render('/dashboard/progress', { ...PROGRESS, cycles: [] });
    expect(byTestId('progress-empty')).not.toBeNull();
    expect(byTestId('progress-cycle')).toBeNull();
  });

  it('shows a failure with a retry that asks again', async () => {
    const { http, host, byTestId } = await open();
    http.expectOne(isProgress).flush(null, { status: 500, statusText: 'Server Error' });
    await settle();
    const alert = host.querySelector('[role="alert"]')!;
    expect(textOf(alert)).toContain('無法載入資料');
    expect(byTestId('progress-empty')).toBeNull();
    alert.querySelector<HTMLButtonElement>('button')!.click();
    await settle();
    http.expectOne(isProgress).flush(PROGRESS);
    await settle();
    expect(host.querySelector('[role="alert"]')).toBeNull();
    expect(textOf(byTestId('cycle-label'))).toBe('115年10月調校');
  });

  it('offers a contact their own unit when the address names another and the server refuses it', async () => {
    TestBed.inject(AuthService).me.set(me([Role.KnowledgeContact]));
    const { http, host, byTestId, router } = await open('/dashboard/progress?cycle=12&unit=LV');
    http
      .expectOne(isProgress)
      .flush(
        { code: 'FORBIDDEN_UNIT', message: { 'zh-TW': '只能查看本單位的進度', en: 'Only your own unit' } },
        { status: 403, statusText: 'Forbidden' },
      );
    await settle();
    expect(textOf(host.querySelector('[role="alert"]'))).toContain('只能查看本單位的進度');
    byTestId<HTMLButtonElement>('show-own-unit')!.click();
    await settle();
    expect(router.url).toBe('/dashboard/progress?cycle=12');
    const again = http.expectOne(isProgress);
    expect(again.request.params.has('unit')).toBe(false);
    again.flush({ ...PROGRESS, unitCode: 'HT', units: [PROGRESS.units[0]] });
    await settle();
    expect(byTestId('show-own-unit')).toBeNull();
    expect(byTestId('filter-unit')!.getAttribute('aria-disabled')).toBe('true');
  });

  it('shows ISO dates in English', async () => {
    TestBed.inject(I18nService).setLang('en');
    const { byTestId, rows } = await render();
    expect(textOf(byTestId('cycle-due'))).toBe('2026-10-20');
    expect(rows('table-contacts')[1]).toBe('Not claimed yet | 使用牌照稅科 | 4 | 0 | 4 | 1');
    expect(FakeChartDirective.last!.data()!.labels).toEqual(['10-05', '10-06', '10-07']);
  });
});

describe('donePercent and roundDays', () => {
  it('rounds the done share and leaves it out when nothing was assigned', () => {
    expect(donePercent(30, 40)).toBe(75);
    expect(donePercent(1, 3)).toBe(33);
    expect(donePercent(0, 0)).toBeNull();
  });

  it('keeps one decimal of days', () => {
    expect(roundDays(3.456)).toBe(3.5);
    expect(roundDays(2)).toBe(2);
    expect(roundDays(null)).toBeNull();
  });
});
