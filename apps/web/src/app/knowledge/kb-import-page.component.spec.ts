import { HttpEventType, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideRouter } from '@angular/router';
import { type KbImportResultDto, Role } from '@tunedesk/contracts';
import { errorInterceptor } from '../http/error.interceptor';
import { signIn } from '../testing/auth-testing';
import { KbImportPageComponent } from './kb-import-page.component';

const RESULT: KbImportResultDto = {
  fileName: '115年11月題庫.csv',
  encoding: 'big5',
  created: 12,
  updated: 7,
  unchanged: 340,
  rejected: 2,
  rejectedLines: [
    { row: 18, column: '標準問句', reason: '=HYPERLINK("http://evil") 不可空白 / must not be empty' },
    { row: 41, reason: '題目編號重複, 已略過 / Duplicate id, skipped' },
  ],
  missing: ['HT-0099', 'LV-0007'],
};

/** The bytes of a Blob as text, keeping a byte-order mark (FileReader.readAsText would drop it). */
function readBytes(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new TextDecoder('utf-8', { ignoreBOM: true }).decode(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
}

describe('KbImportPageComponent', () => {
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
    signIn({ roles: [Role.SystemAdmin] });
  });

  // jsdom has no object URLs; the download test puts stand-ins on URL.
  const urlFunctions = { createObjectURL: URL.createObjectURL, revokeObjectURL: URL.revokeObjectURL };

  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    jest.restoreAllMocks();
    Object.assign(URL, urlFunctions);
  });

  async function render() {
    const fixture = TestBed.createComponent(KbImportPageComponent);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    const http = TestBed.inject(HttpTestingController);
    const byTestId = <T extends HTMLElement = HTMLElement>(id: string) => host.querySelector<T>(`[data-testid="${id}"]`);
    const choose = async (file: File) => {
      const input = byTestId<HTMLInputElement>('kb-import-file')!;
      Object.defineProperty(input, 'files', { value: [file], configurable: true });
      input.dispatchEvent(new Event('change'));
      await fixture.whenStable();
    };
    const bar = () => byTestId('kb-import-progress')?.querySelector('mat-progress-bar') ?? null;
    return { fixture, host, http, byTestId, choose, bar };
  }

  const csv = (name = '115年11月題庫.csv') => new File(['題目編號,標準問句\nHT-0001,房屋稅\n'], name, { type: 'text/csv' });

  it('uploads the file as multipart `file`, showing upload progress, then the server at work', async () => {
    const { fixture, byTestId, http, choose, bar } = await render();
    const submit = byTestId<HTMLButtonElement>('kb-import-submit')!;
    expect(submit.disabled).toBe(true);
    const file = csv();
    await choose(file);
    expect(byTestId('kb-import-file-name')!.textContent).toContain('115年11月題庫.csv');
    expect(submit.disabled).toBe(false);

    submit.click();
    const request = http.expectOne('/api/kb/import');
    expect(request.request.method).toBe('POST');
    expect(request.request.reportProgress).toBe(true);
    const body = request.request.body as FormData;
    expect(body).toBeInstanceOf(FormData);
    expect((body.get('file') as File).name).toBe('115年11月題庫.csv');

    request.event({ type: HttpEventType.Sent });
    request.event({ type: HttpEventType.UploadProgress, loaded: 40, total: 100 });
    await fixture.whenStable();
    expect(byTestId('kb-import-progress')!.getAttribute('data-phase')).toBe('uploading');
    expect(bar()!.getAttribute('mode')).toBe('determinate');
    expect(bar()!.getAttribute('aria-valuenow')).toBe('40');
    expect(byTestId('kb-import-progress')!.textContent).toContain('上傳中 40%');

    request.event({ type: HttpEventType.UploadProgress, loaded: 73, total: 100 });
    await fixture.whenStable();
    expect(bar()!.getAttribute('aria-valuenow')).toBe('73');

    request.event({ type: HttpEventType.UploadProgress, loaded: 100, total: 100 });
    await fixture.whenStable();
    expect(byTestId('kb-import-progress')!.getAttribute('data-phase')).toBe('processing');
    expect(bar()!.getAttribute('mode')).toBe('indeterminate');
    expect(byTestId('kb-import-progress')!.textContent).toContain('伺服器處理中');
    expect(byTestId<HTMLButtonElement>('kb-import-submit')!.disabled).toBe(true);

    request.flush(RESULT);
    await fixture.whenStable();
    expect(byTestId('kb-import-progress')).toBeNull();
    expect(byTestId('kb-import-result')).not.toBeNull();
  });

  async function imported() {
    const page = await render();
    await page.choose(csv());
    page.byTestId<HTMLButtonElement>('kb-import-submit')!.click();
    page.http.expectOne('/api/kb/import').flush(RESULT);
    await page.fixture.whenStable();
    return page;
  }

  it('shows the counts, the rejected rows and the items the file does not hold', async () => {
    const { byTestId } = await imported();
    const result = byTestId('kb-import-result')!;
    const count = (name: string) => result.querySelector(`[data-count="${name}"] dd`)!.textContent!.trim();
    expect([count('created'), count('updated'), count('unchanged'), count('rejected')]).toEqual(['12', '7', '340', '2']);
    expect(result.textContent).toContain('115年11月題庫.csv（編碼 big5）');

    const rows = [...byTestId('kb-import-rejected')!.querySelectorAll('tbody tr')].map((row) =>
      [...row.querySelectorAll('td')].map((td) => td.textContent!.trim()),
    );
    expect(rows).toEqual([
      ['18', '標準問句', '=HYPERLINK("http://evil") 不可空白'],
      ['41', '—', '題目編號重複, 已略過'],
    ]);

    const missing = byTestId('kb-import-missing')!;
    expect(missing.textContent).toContain('此檔案未包含下列題目，系統不會自動刪除；如需停用請至題目頁面');
    expect([...missing.querySelectorAll('a')].map((a) => [a.textContent!.trim(), a.getAttribute('href')])).toEqual([
      ['HT-0099', '/kb/items/HT-0099'],
      ['LV-0007', '/kb/items/LV-0007'],
    ]);
  });

  it('downloads the rejected rows as a UTF-8 CSV with a BOM, formula-like cells defused', async () => {
    const { byTestId } = await imported();
    let blob: Blob | undefined;
    const createObjectURL = jest.fn((value: Blob) => {
      blob = value;
      return 'blob:report';
    });
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const clicked: { download: string; href: string | null }[] = [];
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ download: this.download, href: this.getAttribute('href') });
    });

    byTestId<HTMLButtonElement>('kb-import-report')!.click();
    expect(clicked).toEqual([{ download: '115年11月題庫-拒絕列.csv', href: 'blob:report' }]);
    expect(blob!.type).toBe('text/csv;charset=utf-8');
    const text = await readBytes(blob!);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.slice(1).split('\r\n')).toEqual([
      '列,欄位,原因',
      `18,標準問句,"'=HYPERLINK(""http://evil"") 不可空白"`,
      '41,,"題目編號重複, 已略過"',
      '',
    ]);
    await new Promise((resolve) => setTimeout(resolve));
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:report');
  });

  it('refuses a file of another kind before uploading', async () => {
    const { byTestId, choose } = await render();
    await choose(new File(['x'], 'bank.docx'));
    expect(byTestId('kb-import-file-error')!.textContent).toContain(
      '無法匯入「bank.docx」：只接受 .csv、.tsv、.txt、.xlsx、.ods、.xls 檔案',
    );
    expect(byTestId<HTMLButtonElement>('kb-import-submit')!.disabled).toBe(true);
  });

  it.each(['bank.ods', 'bank.xls', 'BANK.XLSX', 'bank.tsv'])('takes %s, as offices save spreadsheets', async (name) => {
    const { byTestId, choose } = await render();
    await choose(new File(['x'], name));
    expect(byTestId('kb-import-file-error')).toBeNull();
    expect(byTestId<HTMLButtonElement>('kb-import-submit')!.disabled).toBe(false);
  });

  it('refuses a file larger than the server takes', async () => {
    const { byTestId, choose } = await render();
    const big = csv('big.csv');
    Object.defineProperty(big, 'size', { value: 20 * 1024 * 1024 + 1 });
    await choose(big);
    expect(byTestId('kb-import-file-error')!.textContent).toContain('檔案超過 20 MB');
    expect(byTestId<HTMLButtonElement>('kb-import-submit')!.disabled).toBe(true);
  });

  it('takes a dropped file', async () => {
    const { fixture, byTestId } = await render();
    const zone = byTestId('kb-import-dropzone')!;
    const drop = new Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(drop, 'dataTransfer', { value: { files: [csv('dropped.xlsx')] } });
    zone.dispatchEvent(drop);
    await fixture.whenStable();
    expect(drop.defaultPrevented).toBe(true);
    expect(byTestId('kb-import-file-name')!.textContent).toContain('dropped.xlsx');
    expect(byTestId<HTMLButtonElement>('kb-import-submit')!.disabled).toBe(false);
  });

  it('shows a refused file with its message and the details, row by row', async () => {
    const { fixture, byTestId, http, choose } = await render();
    await choose(csv());
    byTestId<HTMLButtonElement>('kb-import-submit')!.click();
    http.expectOne('/api/kb/import').flush(
      {
        statusCode: 422,
        code: 'IMPORT_HEADER_MISSING',
        message: { 'zh-TW': '檔案缺少必要欄位', en: 'A required column is missing' },
        details: [
          { file: '115年11月題庫.csv', row: 1, column: '標準問句', reason: '找不到此欄位 / Column not found' },
          { file: '115年11月題庫.csv', reason: '請使用廠商匯出的原始檔 / Use the vendor export' },
        ],
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await fixture.whenStable();
    const error = byTestId('kb-import-error')!;
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toContain('檔案缺少必要欄位');
    expect([...error.querySelectorAll('li')].map((li) => li.textContent!.trim())).toEqual([
      '第 1 列「標準問句」：找不到此欄位',
      '請使用廠商匯出的原始檔',
    ]);
    expect(byTestId('kb-import-result')).toBeNull();
    expect(byTestId('kb-import-progress')).toBeNull();
    expect(open).not.toHaveBeenCalled();
  });
});
