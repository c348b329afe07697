import { HttpEventType, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, provideRouter } from '@angular/router';
import { Role } from '@tunedesk/contracts';
import { errorInterceptor } from '../http/error.interceptor';
import { signIn } from '../testing/auth-testing';
import { ReportImportsPageComponent } from './report-imports-page.component';
import { apiError, makeImport, makeProfile } from './reports-testing';

/** What a cell says, icon ligatures left out. */
function cellText(cell: Element): string {
  const copy = cell.cloneNode(true) as Element;
  copy.querySelectorAll('mat-icon').forEach((icon) => icon.remove());
  return copy.textContent!.replace(/\s+/g, ' ').trim();
}

const PROFILES = [makeProfile(), makeProfile({ id: 5, name: '舊版客服系統', note: '114年以前的匯出檔' })];

const IMPORTS = [
  makeImport({ id: 32, status: 'processing', accepted: 0, rejected: 0 }),
  makeImport({ id: 30, month: '2026-09', fileName: '115年9月.xlsx', status: 'completed', accepted: 4980, rejected: 3, createdBy: 'wu.yt' }),
  makeImport({ id: 29, month: '2026-09', status: 'superseded' }),
];

describe('ReportImportsPageComponent', () => {
  let open: jest.Mock;

  beforeEach(() => {
    localStorage.clear();
    open = jest.fn();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([errorInterceptor])),
        provideHttpClientTesting(),
        { provide: MatSnackBar, useValue: { open } },
      ],
    });
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  async function render(roles: Role[] = [Role.ServiceSection], profiles: (http: HttpTestingController) => void = answerProfiles) {
    signIn({ roles });
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const fixture = TestBed.createComponent(ReportImportsPageComponent);
    TestBed.tick();
    const http = TestBed.inject(HttpTestingController);
    http.expectOne({ method: 'GET', url: '/api/reports/imports' }).flush(IMPORTS);
    profiles(http);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    const byTestId = <T extends HTMLElement = HTMLElement>(id: string) => host.querySelector<T>(`[data-testid="${id}"]`);
    const choose = async (file: File) => {
      const input = byTestId<HTMLInputElement>('report-upload-file')!;
      Object.defineProperty(input, 'files', { value: [file], configurable: true });
      input.dispatchEvent(new Event('change'));
      await fixture.whenStable();
    };
    const setMonth = async (value: string) => {
      const input = byTestId<HTMLInputElement>('report-upload-month')!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
      await fixture.whenStable();
    };
    const uploads = () => http.match({ method: 'POST', url: '/api/reports/imports' });
    const bar = () => byTestId('report-upload-progress')?.querySelector('mat-progress-bar') ?? null;
    return { fixture, host, http, byTestId, choose, setMonth, uploads, bar, navigate };
  }

  /** The uploaders ask for the import profiles. */
  function answerProfiles(http: HttpTestingController): void {
    http.expectOne({ method: 'GET', url: '/api/tuning/import-profiles' }).flush(PROFILES);
  }

  const csv = () => new File(['對話時間,問句,回應類型\n'], '115年10月對話紀錄.csv', { type: 'text/csv' });
  const form = (request: TestRequest) => request.request.body as FormData;

  it('lists the imports: number, ROC month, file, coloured status, accepted/rejected, who and when', async () => {
    const { byTestId } = await render();
    const rows = [...byTestId('reports-table')!.querySelectorAll('tbody tr')];
    const cells = rows.map((row) => [...row.querySelectorAll('td')].map(cellText));
    expect(cells[1]).toEqual(['#30', '115年9月', '115年9月.xlsx', '完成', '4980 / 3', 'wu.yt', '115/11/03 09:20']);
    expect(cells.map((row) => row[3])).toEqual(['處理中', '完成', '已被取代']);
    const badges = rows.map((row) => row.querySelector('.td-badge')!);
    expect(badges[0].classList).toContain('td-badge--warning');
    expect(badges[1].classList).toContain('td-badge--ok');
    expect(badges[2].classList).toContain('td-badge--planned');
    expect(rows[1].querySelector('a')!.getAttribute('href')).toBe('/reports/imports/30');
  });

  it('shows the upload card to the service section only', async () => {
    const { byTestId } = await render([Role.KnowledgeContact], (http) => http.expectNone('/api/tuning/import-profiles'));
    expect(byTestId('reports-table')).not.toBeNull();
    expect(byTestId('report-upload-file')).toBeNull();
    expect(byTestId('report-upload-submit')).toBeNull();
  });

  it('uploads file and month as multipart, with a determinate bar following the upload, then opens the import', async () => {
    const { fixture, byTestId, choose, setMonth, uploads, bar, navigate } = await render();
    const submit = byTestId<HTMLButtonElement>('report-upload-submit')!;
    expect(submit.disabled).toBe(true);
    await choose(csv());
    // 報表月份 is typed as an ROC month; text that is no month holds the upload back.
    await setMonth('115年13月');
    expect(submit.disabled).toBe(true);
    byTestId('report-upload-month')!.dispatchEvent(new Event('blur'));
    await fixture.whenStable();
    expect(byTestId('report-upload-month-error')!.textContent).toContain('不是有效的月份');
    await setMonth('115年10月');
    expect(submit.disabled).toBe(false);
    submit.click();

    const [request] = uploads();
    expect(request.request.reportProgress).toBe(true);
    expect((form(request).get('file') as File).name).toBe('115年10月對話紀錄.csv');
    expect(form(request).get('month')).toBe('2026-10');
    expect(form(request).has('replace')).toBe(false);
    // 自動判斷: no profile sent.
    expect(form(request).has('profileId')).toBe(false);

    request.event({ type: HttpEventType.Sent });
    request.event({ type: HttpEventType.UploadProgress, loaded: 25, total: 100 });
    await fixture.whenStable();
    expect(byTestId('report-upload-progress')!.getAttribute('data-phase')).toBe('uploading');
    expect(bar()!.getAttribute('mode')).toBe('determinate');
    expect(bar()!.getAttribute('aria-valuenow')).toBe('25');
    expect(byTestId('report-upload-progress')!.textContent).toContain('上傳中 25%');

    request.event({ type: HttpEventType.UploadProgress, loaded: 612, total: 1000 });
    await fixture.whenStable();
    expect(bar()!.getAttribute('aria-valuenow')).toBe('61');

    request.event({ type: HttpEventType.UploadProgress, loaded: 1000, total: 1000 });
    await fixture.whenStable();
    expect(byTestId('report-upload-progress')!.getAttribute('data-phase')).toBe('processing');
    expect(byTestId<HTMLButtonElement>('report-upload-submit')!.disabled).toBe(true);
    expect(navigate).not.toHaveBeenCalled();

    request.flush(makeImport({ id: 33, status: 'queued', progress: 0 }), { status: 202, statusText: 'Accepted' });
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/reports/imports', 33]);
  });

  it('offers the import profiles, 自動判斷 first, and sends the one chosen as profileId, also when replacing', async () => {
    const { fixture, byTestId, choose, uploads, navigate } = await render();
    const profile = byTestId<HTMLSelectElement>('report-upload-profile')!;
    expect([...profile.options].map((option) => [option.value, option.textContent!.trim()])).toEqual([
      ['', '自動判斷'],
      ['2', '新版客服系統'],
      ['5', '舊版客服系統'],
    ]);
    expect(profile.value).toBe('');
    expect(profile.closest('mat-form-field')!.textContent).toContain('匯入設定檔');

    await choose(csv());
    profile.value = '5';
    profile.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    byTestId<HTMLButtonElement>('report-upload-submit')!.click();
    const [request] = uploads();
    expect(form(request).get('profileId')).toBe('5');
    const error = apiError(409, 'REPORT_MONTH_EXISTS', '該月份已有報表', [{ field: 'month', reason: '2026-10 已有報表' }]);
    request.flush(error.body, error.options);
    await fixture.whenStable();

    byTestId<HTMLButtonElement>('report-replace-ok')!.click();
    const [again] = uploads();
    expect(form(again).get('replace')).toBe('true');
    expect(form(again).get('profileId')).toBe('5');
    again.flush(makeImport({ id: 35, status: 'queued', profileId: 5, profileName: '舊版客服系統' }), {
      status: 202,
      statusText: 'Accepted',
    });
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/reports/imports', 35]);
  });

  it('goes back to 自動判斷 when chosen again, sending no profile', async () => {
    const { fixture, byTestId, choose, uploads } = await render();
    const profile = byTestId<HTMLSelectElement>('report-upload-profile')!;
    profile.value = '2';
    profile.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    profile.value = '';
    profile.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    await choose(csv());
    byTestId<HTMLButtonElement>('report-upload-submit')!.click();
    const [request] = uploads();
    expect(form(request).has('profileId')).toBe(false);
    request.flush(makeImport({ id: 33, status: 'queued' }), { status: 202, statusText: 'Accepted' });
  });

  it('still uploads when the profiles cannot be read, saying the columns will be detected', async () => {
    const { byTestId } = await render([Role.SystemAdmin], (http) =>
      http
        .expectOne('/api/tuning/import-profiles')
        .flush(
          { statusCode: 404, code: 'NOT_FOUND', message: { 'zh-TW': '找不到', en: 'Not found' } },
          { status: 404, statusText: 'Not Found' },
        ),
    );
    const profile = byTestId<HTMLSelectElement>('report-upload-profile')!;
    expect([...profile.options].map((option) => option.value)).toEqual(['']);
    expect(profile.closest('mat-form-field')!.textContent).toContain('無法載入匯入設定檔，將自動判斷欄位。');
    expect(open).not.toHaveBeenCalled();
  });

  it('leaves the month out when none is picked', async () => {
    const { byTestId, choose, uploads } = await render();
    await choose(csv());
    byTestId<HTMLButtonElement>('report-upload-submit')!.click();
    const [request] = uploads();
    expect(form(request).has('month')).toBe(false);
    request.flush(makeImport({ id: 33, status: 'queued' }), { status: 202, statusText: 'Accepted' });
  });

  it('says when the file was imported before, linking to that import', async () => {
    const { fixture, byTestId, choose, uploads, navigate } = await render();
    await choose(csv());
    byTestId<HTMLButtonElement>('report-upload-submit')!.click();
    const error = apiError(409, 'REPORT_DUPLICATE_FILE', '此檔案已匯入過', [{ field: 'file', reason: 'import #12' }]);
    uploads()[0].flush(error.body, error.options);
    await fixture.whenStable();

    const duplicate = byTestId('report-duplicate')!;
    expect(duplicate.textContent).toContain('此檔案已於匯入 #12 匯入過');
    const link = duplicate.querySelector('a')!;
    expect(link.getAttribute('href')).toBe('/reports/imports/12');
    expect(byTestId('report-upload-progress')).toBeNull();
    expect(byTestId('report-replace-confirm')).toBeNull();
    expect(open).not.toHaveBeenCalled();
    expect(navigate).not.toHaveBeenCalled();
  });

  it('offers to replace a month that has a report, and sends the file again with replace=true', async () => {
    const { fixture, byTestId, choose, setMonth, uploads, navigate } = await render();
    await choose(csv());
    await setMonth('2026-10');
    byTestId<HTMLButtonElement>('report-upload-submit')!.click();
    const error = apiError(409, 'REPORT_MONTH_EXISTS', '該月份已有報表');
    uploads()[0].flush(error.body, error.options);
    await fixture.whenStable();

    const confirm = byTestId('report-replace-confirm')!;
    expect(confirm.textContent).toContain('取代 115年10月 的報表？');
    expect(byTestId('report-duplicate')).toBeNull();
    expect(open).not.toHaveBeenCalled();

    byTestId<HTMLButtonElement>('report-replace-ok')!.click();
    const [again] = uploads();
    expect(form(again).get('replace')).toBe('true');
    expect(form(again).get('month')).toBe('2026-10');
    expect((form(again).get('file') as File).name).toBe('115年10月對話紀錄.csv');
    again.flush(makeImport({ id: 34, status: 'queued', replacesImportId: 30 }), { status: 202, statusText: 'Accepted' });
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/reports/imports', 34]);
  });

  it('names the month read from the file when none was picked, and can keep the existing report', async () => {
    const { fixture, byTestId, choose, uploads } = await render();
    await choose(csv());
    byTestId<HTMLButtonElement>('report-upload-submit')!.click();
    const error = apiError(409, 'REPORT_MONTH_EXISTS', '該月份已有報表', [
      { field: 'month', reason: '2026-09 已有報表 / 2026-09 has a report' },
    ]);
    uploads()[0].flush(error.body, error.options);
    await fixture.whenStable();
    expect(byTestId('report-replace-confirm')!.textContent).toContain('取代 115年9月 的報表？');

    byTestId<HTMLButtonElement>('report-replace-cancel')!.click();
    await fixture.whenStable();
    expect(byTestId('report-replace-confirm')).toBeNull();
    expect(uploads()).toHaveLength(0);
  });

  it('shows a refused file with its reasons, row by row', async () => {
    const { fixture, byTestId, choose, uploads } = await render();
    await choose(csv());
    byTestId<HTMLButtonElement>('report-upload-submit')!.click();
    uploads()[0].flush(
      {
        statusCode: 422,
        code: 'REPORT_HEADER_MISSING',
        message: { 'zh-TW': '檔案缺少必要欄位', en: 'A required column is missing' },
        details: [{ row: 1, column: '回應類型', reason: '找不到此欄位 / Column not found' }],
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await fixture.whenStable();
    const error = byTestId('report-upload-error')!;
    expect(error.textContent).toContain('檔案缺少必要欄位');
    expect([...error.querySelectorAll('li')].map((li) => li.textContent!.trim())).toEqual(['第 1 列「回應類型」：找不到此欄位']);
    expect(open).not.toHaveBeenCalled();
  });

  it('refuses a file of another kind before uploading', async () => {
    const { byTestId, choose } = await render();
    await choose(new File(['x'], 'report.pdf'));
    expect(byTestId('report-upload-file-error')!.textContent).toContain('無法匯入「report.pdf」');
    expect(byTestId<HTMLButtonElement>('report-upload-submit')!.disabled).toBe(true);
  });
});
