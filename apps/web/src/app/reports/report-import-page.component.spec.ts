import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideRouter } from '@angular/router';
import { type ReportImportRejectedDto, ResponseType, Role } from '@tunedesk/contracts';
import { errorInterceptor } from '../http/error.interceptor';
import { FakeChartDirective, useFakeChart } from '../shared/chart/chart-testing';
import { signIn } from '../testing/auth-testing';
import { ReportImportPageComponent } from './report-import-page.component';
import { IMPORT_POLL_MS } from './reports.api';
import { apiError, makeCycle, makeImport } from './reports-testing';

const REJECTED: ReportImportRejectedDto = {
  importId: 31,
  total: 2,
  lines: [
    { row: 18, column: '對話時間', reason: '無法辨識的日期 / Unreadable date' },
    { row: 40, reason: '空白列 / Empty row' },
  ],
};

const COMPLETED = makeImport({
  status: 'completed',
  progress: 100,
  stage: null,
  rowsRead: 5203,
  accepted: 5201,
  rejected: 2,
  byResponseType: { [ResponseType.Answered]: 4100, [ResponseType.Unanswered]: 820, [ResponseType.ChitChat]: 281 },
  finishedAt: '2026-11-03T01:29:00.000Z',
});

/** Lets the resource take an answer (a promise) and renders, without letting the fake clock move. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  TestBed.tick();
}

describe('ReportImportPageComponent', () => {
  beforeEach(() => {
    localStorage.clear();
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([errorInterceptor])),
        provideHttpClientTesting(),
        { provide: MatSnackBar, useValue: { open: jest.fn() } },
      ],
    });
    useFakeChart();
  });

  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    jest.useRealTimers();
  });

  async function render(roles: Role[] = [Role.ServiceSection]) {
    signIn({ roles });
    const fixture = TestBed.createComponent(ReportImportPageComponent);
    fixture.componentRef.setInput('id', '31');
    TestBed.tick();
    const host = fixture.nativeElement as HTMLElement;
    const http = TestBed.inject(HttpTestingController);
    const byTestId = <T extends HTMLElement = HTMLElement>(id: string) => host.querySelector<T>(`[data-testid="${id}"]`);
    const polls = () => http.match({ method: 'GET', url: '/api/reports/imports/31' });
    const tick = async (ms: number) => {
      jest.advanceTimersByTime(ms);
      await settle();
    };
    return { fixture, host, http, byTestId, polls, tick };
  }

  it('polls every second while the import is processing, following progress and stage, and stops once it has completed', async () => {
    const { byTestId, polls, tick, http } = await render();
    let pending = polls();
    expect(pending).toHaveLength(1);
    pending[0].flush(makeImport({ status: 'queued', progress: 0, stage: null }));
    await settle();
    expect(byTestId('import-status')!.textContent).toContain('佇列中');
    expect(byTestId('import-stage')!.textContent).toContain('等待處理');
    expect(byTestId('import-progress')!.getAttribute('aria-valuenow')).toBe('0');

    await tick(IMPORT_POLL_MS - 1);
    expect(polls()).toHaveLength(0);
    await tick(1);
    pending = polls();
    expect(pending).toHaveLength(1);
    pending[0].flush(makeImport({ progress: 40, stage: 'clustering' }));
    await settle();
    expect(byTestId('import-status')!.textContent).toContain('處理中');
    expect(byTestId('import-progress')!.getAttribute('aria-valuenow')).toBe('40');
    expect(byTestId('import-progress')!.getAttribute('mode')).toBe('determinate');
    expect(byTestId('import-stage')!.textContent).toContain('歸類問句');

    await tick(IMPORT_POLL_MS);
    polls()[0].flush(makeImport({ progress: 85, stage: 'routing' }));
    await settle();
    expect(byTestId('import-progress')!.getAttribute('aria-valuenow')).toBe('85');
    expect(byTestId('import-stage')!.textContent).toContain('分派單位');

    await tick(IMPORT_POLL_MS);
    polls()[0].flush(COMPLETED);
    await settle();
    http.expectOne('/api/reports/imports/31/rejected').flush(REJECTED);
    http.expectOne('/api/cycles').flush([makeCycle({ id: 3, importId: 30 }), makeCycle({ id: 4, importId: 31 })]);
    await settle();
    expect(byTestId('import-status')!.textContent).toContain('完成');
    expect(byTestId('import-progress')).toBeNull();
    expect(byTestId('import-cancel')).toBeNull();
    expect(byTestId('import-cycle-link')!.getAttribute('href')).toBe('/cycles/4');
    expect(byTestId('import-cycle-link')!.textContent).toContain('前往 115年10月定期調校');

    // Finished: no more requests, however long the page stays open.
    await tick(IMPORT_POLL_MS * 10);
    expect(polls()).toHaveLength(0);
  });

  it('stops polling when the page is left', async () => {
    const { fixture, polls, tick } = await render();
    polls()[0].flush(makeImport({ progress: 10, stage: 'reading' }));
    await settle();
    await tick(IMPORT_POLL_MS);
    polls()[0].flush(makeImport({ progress: 20, stage: 'reading' }));
    await settle();

    fixture.destroy();
    await tick(IMPORT_POLL_MS * 5);
    expect(polls()).toHaveLength(0);
  });

  it('shows the counts, a chart by response type with its table, and the rejected rows with the CSV download', async () => {
    const { byTestId, polls, http } = await render();
    polls()[0].flush(COMPLETED);
    await settle();
    http.expectOne('/api/reports/imports/31/rejected').flush(REJECTED);
    http.expectOne('/api/cycles').flush([]);
    await settle();

    const counts = byTestId('import-counts')!;
    const count = (name: string) => counts.querySelector(`[data-count="${name}"] dd`)!.textContent!.trim();
    expect([count('rowsRead'), count('accepted'), count('rejected')]).toEqual(['5203', '5201', '2']);

    const data = FakeChartDirective.last!.data()!;
    expect(data.labels).toEqual(['直接回答', '未能回答', '閒聊']);
    expect(data.datasets[0].data).toEqual([4100, 820, 281]);
    byTestId('import-chart')!.querySelector<HTMLButtonElement>('[data-testid="chart-table-toggle"]')!.click();
    await settle();
    const chartRows = [...byTestId('import-chart')!.querySelectorAll('tbody tr')].map((row) => row.textContent!.replace(/\s+/g, ''));
    expect(chartRows).toEqual(['直接回答4100', '未能回答820', '閒聊281']);

    const rows = [...byTestId('import-rejected')!.querySelectorAll('tbody tr')].map((row) =>
      [...row.querySelectorAll('td')].map((td) => td.textContent!.trim()),
    );
    expect(rows).toEqual([
      ['18', '對話時間', '無法辨識的日期'],
      ['40', '—', '空白列'],
    ]);
    const csv = byTestId<HTMLAnchorElement>('import-rejected-csv')!;
    expect(csv.getAttribute('href')).toBe('/api/reports/imports/31/rejected.csv');
    expect(csv.hasAttribute('download')).toBe(true);
    expect(csv.textContent).toContain('下載錯誤報表 CSV');
    // No cycle was opened by this import: no link.
    expect(byTestId('import-cycle-link')).toBeNull();
    // The built-in header names sufficed: no profile named.
    expect(byTestId('import-profile')).toBeNull();
  });

  it('names the import profile that read the file', async () => {
    const { byTestId, polls } = await render([Role.KnowledgeContact]);
    polls()[0].flush(
      makeImport({ status: 'cancelled', profileId: 2, profileName: '新版客服系統', finishedAt: '2026-11-03T01:25:00.000Z' }),
    );
    await settle();
    const profile = byTestId('import-profile')!;
    expect(profile.querySelector('dt')!.textContent).toContain('匯入設定檔');
    expect(profile.querySelector('dd')!.textContent!.trim()).toBe('新版客服系統');
  });

  it('a file refused whole shows no empty month between the dots and no empty chart', async () => {
    const { byTestId, host, polls, http } = await render([Role.ServiceSection]);
    polls()[0].flush(makeImport({ status: 'failed', month: '', accepted: 0, rejected: 2, finishedAt: '2026-11-03T01:25:00.000Z' }));
    await settle();
    http.expectOne('/api/reports/imports/31/rejected').flush(REJECTED);
    http.match('/api/cycles').forEach((request) => request.flush([]));
    await settle();
    const intro = host.querySelector('.td-page-intro')!.textContent!.replace(/\s+/g, ' ');
    expect(intro).not.toMatch(/·\s*·/);
    expect(byTestId('import-month')).toBeNull();
    expect(byTestId('import-chart')).toBeNull();
  });

  it('offers 取消匯入 while processing to the service section only', async () => {
    const { byTestId, polls } = await render([Role.KnowledgeContact]);
    polls()[0].flush(makeImport());
    await settle();
    expect(byTestId('import-progress')).not.toBeNull();
    expect(byTestId('import-cancel')).toBeNull();
  });

  it('cancels after confirming, and watches the import again', async () => {
    const { byTestId, polls, http } = await render();
    polls()[0].flush(makeImport());
    await settle();
    const cancel = byTestId<HTMLButtonElement>('import-cancel')!;
    expect(cancel.textContent).toContain('取消匯入');
    cancel.click();
    await settle();
    document.querySelector<HTMLButtonElement>('[data-testid="confirm-ok"]')!.click();
    jest.advanceTimersByTime(500);
    await settle();
    const request = http.expectOne({ method: 'POST', url: '/api/reports/imports/31/cancel' });
    request.flush(makeImport({ status: 'cancelled', finishedAt: '2026-11-03T01:25:00.000Z' }));
    await settle();
    polls()[0].flush(makeImport({ status: 'cancelled', finishedAt: '2026-11-03T01:25:00.000Z' }));
    await settle();
    expect(byTestId('import-status')!.textContent).toContain('已取消');
    expect(byTestId('import-cancel')).toBeNull();
    expect(byTestId('import-progress')).toBeNull();
  });

  it('says so when there is no such import', async () => {
    const { byTestId, polls } = await render();
    polls()[0].flush(
      { statusCode: 404, code: 'NOT_FOUND', message: { 'zh-TW': '找不到', en: 'Not found' } },
      { status: 404, statusText: 'Not Found' },
    );
    await settle();
    expect(byTestId('import-not-found')!.textContent).toContain('找不到匯入 #31');
  });

  describe('withdrawing a month’s report', () => {
    /** A completed log with no rejected rows: the page then asks only for the cycles. */
    const DONE = makeImport({ status: 'completed', progress: 100, stage: null, rejected: 0, finishedAt: '2026-11-03T01:29:00.000Z' });

    async function renderDone(roles: Role[] = [Role.ServiceSection], imp = DONE) {
      const page = await render(roles);
      page.polls()[0].flush(imp);
      await settle();
      if (imp.status === 'completed') page.http.expectOne('/api/cycles').flush([makeCycle()]);
      await settle();
      return page;
    }

    /** Presses 撤回此月報表 and answers the dialog. */
    async function pressWithdraw(byTestId: (id: string) => HTMLElement | null, confirm = true) {
      byTestId('import-withdraw')!.click();
      await settle();
      const dialog = document.querySelector('mat-dialog-container')!;
      const text = dialog.textContent!.replace(/\s+/g, ' ');
      const buttons = [...dialog.querySelectorAll<HTMLButtonElement>('button')];
      (confirm
        ? dialog.querySelector<HTMLButtonElement>('[data-testid="confirm-ok"]')!
        : buttons.find((b) => b.textContent!.includes('取消'))!
      ).click();
      jest.advanceTimersByTime(500);
      await settle();
      return text;
    }

    it.each([
      ['the service section', [Role.ServiceSection]],
      ['a system administrator', [Role.SystemAdmin]],
    ])('is offered to %s for a completed conversation log', async (_, roles) => {
      const { byTestId } = await renderDone(roles);
      const button = byTestId('import-withdraw')!;
      expect(button.textContent).toContain('撤回此月報表');
      expect(button.classList).toContain('danger');
      expect(button.hasAttribute('disabled')).toBe(false);
    });

    it.each([
      ['a knowledge contact', [Role.KnowledgeContact]],
      ['a group leader', [Role.GroupLeader]],
      ['an auditor', [Role.Auditor]],
    ])('is not offered to %s', async (_, roles) => {
      const { byTestId } = await renderDone(roles);
      expect(byTestId('import-done')).not.toBeNull();
      expect(byTestId('import-withdraw')).toBeNull();
    });

    it('is not offered for a summary report, nor for a log that is not completed', async () => {
      const summary = await renderDone([Role.ServiceSection], { ...DONE, kind: 'summary' });
      expect(summary.byTestId('import-done')).not.toBeNull();
      expect(summary.byTestId('import-withdraw')).toBeNull();
      summary.fixture.destroy();

      for (const status of ['processing', 'failed', 'superseded', 'withdrawn'] as const) {
        const page = await render([Role.ServiceSection]);
        page.polls()[0].flush(makeImport({ status, finishedAt: status === 'processing' ? null : '2026-11-03T01:29:00.000Z' }));
        await settle();
        expect(page.byTestId('import-status')!.getAttribute('data-status')).toBe(status);
        expect(page.byTestId('import-withdraw')).toBeNull();
        page.fixture.destroy();
      }
    });

    it('explains what goes, sends DELETE once confirmed, and shows the import as withdrawn', async () => {
      const { byTestId, http } = await renderDone();
      const text = await pressWithdraw(byTestId);
      expect(text).toContain('撤回115年10月的報表？');
      expect(text).toContain('115年10月的對話紀錄與儀表板上該月的數字都會移除');
      expect(text).toContain('調校週期已經公告，系統會拒絕撤回');

      const request = http.expectOne({ method: 'DELETE', url: '/api/reports/imports/31' });
      expect(request.request.body).toBeNull();
      expect(byTestId<HTMLButtonElement>('import-withdraw')!.disabled).toBe(true);
      request.flush({ ...DONE, status: 'withdrawn' });
      await settle();

      expect(byTestId('import-status')!.getAttribute('data-status')).toBe('withdrawn');
      expect(byTestId('import-status')!.textContent).toContain('已撤回');
      expect(byTestId('import-withdrawn')!.textContent).toContain('這份報表已撤回');
      expect(byTestId('import-done')).toBeNull();
      expect(byTestId('import-withdraw')).toBeNull();
      expect(TestBed.inject(MatSnackBar).open).toHaveBeenCalledWith('已撤回 115年10月 的報表', '關閉', { duration: 5000 });
      // Nothing more is asked: the answer was the import itself.
      http.expectNone('/api/reports/imports/31');
    });

    it('sends nothing when the dialog is dismissed', async () => {
      const { byTestId, http } = await renderDone();
      await pressWithdraw(byTestId, false);
      http.expectNone({ method: 'DELETE', url: '/api/reports/imports/31' });
      expect(byTestId('import-status')!.getAttribute('data-status')).toBe('completed');
    });

    it('shows the server’s reason when the month’s cycle has already been announced (409)', async () => {
      const { byTestId, http } = await renderDone();
      await pressWithdraw(byTestId);
      const refused = apiError(409, 'CYCLE_ANNOUNCED', '115年10月定期調校已公告，無法撤回該月報表。');
      http.expectOne({ method: 'DELETE', url: '/api/reports/imports/31' }).flush(refused.body, refused.options);
      await settle();

      const alert = byTestId('withdraw-error')!;
      expect(alert.getAttribute('role')).toBe('alert');
      expect(alert.textContent).toContain('無法撤回此月報表');
      expect(alert.textContent).toContain('115年10月定期調校已公告，無法撤回該月報表。');
      // Shown in the page, not also in a snackbar; the import is unchanged and may be tried again.
      expect(TestBed.inject(MatSnackBar).open).not.toHaveBeenCalled();
      expect(byTestId('import-status')!.getAttribute('data-status')).toBe('completed');
      expect(byTestId<HTMLButtonElement>('import-withdraw')!.disabled).toBe(false);
    });

    it('leaves other failures to the snackbar', async () => {
      const { byTestId, http } = await renderDone();
      await pressWithdraw(byTestId);
      const failed = apiError(500, 'INTERNAL', '系統發生錯誤');
      http.expectOne({ method: 'DELETE', url: '/api/reports/imports/31' }).flush(failed.body, failed.options);
      await settle();
      expect(byTestId('withdraw-error')).toBeNull();
      expect(TestBed.inject(MatSnackBar).open).toHaveBeenCalledWith(expect.stringContaining('系統發生錯誤'), '關閉', expect.anything());
      expect(byTestId('import-status')!.getAttribute('data-status')).toBe('completed');
    });
  });
});
