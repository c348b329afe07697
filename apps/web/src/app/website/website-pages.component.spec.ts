import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideRouter } from '@angular/router';
import { Role, type WebPageDto } from '@tunedesk/contracts';
import { errorInterceptor } from '../http/error.interceptor';
import { ClockService } from '../shared/clock.service';
import { signIn } from '../testing/auth-testing';
import { CompliancePageComponent } from './compliance-page.component';
import { CorrectionsPageComponent } from './corrections-page.component';
import { PagesPageComponent } from './pages-page.component';
import { ReviewPrintPageComponent } from './review-print-page.component';
import { WebsiteHomePageComponent } from './website-home-page.component';
import { makeCorrection, makeForm, makeGrid, makeRow } from './website-testing';
import { signal } from '@angular/core';

const page = (pageId: string, menuPath: string[], unit = 'HT', unitName = '房屋稅科'): WebPageDto => ({
  pageId,
  menuPath,
  title: menuPath[menuPath.length - 1],
  url: `https://www.tytax.tycg.gov.tw/${pageId}`,
  ownerUnitCode: unit,
  ownerUnitName: unitName,
  retired: false,
  updatedAt: '2026-12-01T00:00:00Z',
});

describe('website pages', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([errorInterceptor])),
        provideHttpClientTesting(),
        { provide: MatSnackBar, useValue: { open: jest.fn() } },
        { provide: ClockService, useValue: { now: signal(new Date('2026-12-07T02:00:00Z')) } },
      ],
    });
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  const http = () => TestBed.inject(HttpTestingController);
  const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

  it('landing: my unit’s form this month, forms to sign for a head, corrections waiting for me', async () => {
    signIn({ roles: [Role.UnitHead] });
    const fixture = TestBed.createComponent(WebsiteHomePageComponent);
    TestBed.tick();
    http()
      .expectOne('/api/website/reviews?unit=HT')
      .flush([makeForm({ reviewed: 1, status: 'submitted' }), makeForm({ id: 20, month: '2026-11', status: 'complete' })]);
    http()
      .expectOne('/api/website/corrections')
      .flush([makeCorrection({ status: 'done', can: { done: false, recheck: true, publish: false } }), makeCorrection({ id: 6 })]);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    expect(text(host.querySelector('[data-testid="website-my-form"] h2'))).toBe('本單位 115年12月 檢視表');
    expect(text(host.querySelector('[data-testid="website-my-due"]'))).toBe('期限 115/12/10');
    expect(text(host.querySelector('[data-testid="website-my-progress"]'))).toContain('已檢視 1 / 2 頁');
    expect(host.querySelector('[data-testid="website-open-my-form"]')!.getAttribute('href')).toBe('/website/reviews/31');
    expect(host.querySelectorAll('[data-testid="website-to-sign-form"]')).toHaveLength(1);
    expect(host.querySelectorAll('[data-testid="website-waiting-correction"]')).toHaveLength(1);
    expect(host.querySelector('[data-testid="website-to-compliance"]')).toBeNull();
  });

  it('inventory: a tree by menu level, collapsed by keyboard, filtered by unit and text; editors get add/move/retire and import', async () => {
    signIn({ roles: [Role.ServiceSection] });
    const fixture = TestBed.createComponent(PagesPageComponent);
    TestBed.tick();
    http()
      .expectOne('/api/website/pages')
      .flush([
        page('P001', ['稅務資訊', '房屋稅', '開徵期間']),
        page('P002', ['稅務資訊', '房屋稅', '稅率']),
        page('P003', ['稅務資訊', '地價稅'], 'LT', '地價稅科'),
      ]);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    const pages = () => [...host.querySelectorAll('[data-testid="pages-page"]')].map((li) => li.getAttribute('data-page'));
    expect(pages()).toEqual(['P001', 'P002', 'P003']);
    const house = host.querySelector('[data-node="稅務資訊 › 房屋稅"] > button')!;
    expect(house.getAttribute('aria-expanded')).toBe('true');
    house.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    await fixture.whenStable();
    expect(house.getAttribute('aria-expanded')).toBe('false');
    expect(pages()).toEqual(['P003']);
    house.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await fixture.whenStable();
    const query = host.querySelector<HTMLInputElement>('[data-testid="pages-query"]')!;
    query.value = '稅率';
    query.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(pages()).toEqual(['P002']);
    expect(host.querySelector('[data-testid="pages-add"]')).not.toBeNull();
    expect(host.querySelectorAll('[data-testid="pages-retire"]')).toHaveLength(1);
    expect(host.querySelector('[data-testid="pages-dropzone"]')).not.toBeNull();
    expect(host.querySelector('[data-testid="pages-file"]')!.getAttribute('accept')).toBe('.csv,.tsv,.txt,.xlsx,.ods,.xls');
    expect(host.querySelector('[data-testid="pages-export-ods"]')!.getAttribute('href')).toBe('/api/website/pages/export?format=ods');
  });

  it('inventory: imports a dropped file and shows what it did; refuses a PDF', async () => {
    signIn({ roles: [Role.SystemAdmin] });
    const fixture = TestBed.createComponent(PagesPageComponent);
    TestBed.tick();
    http().expectOne('/api/website/pages').flush([]);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    const zone = host.querySelector('[data-testid="pages-dropzone"]')!;
    const drop = (file: File) => {
      const event = new Event('drop', { bubbles: true, cancelable: true }) as Event & { dataTransfer: unknown };
      event.dataTransfer = { files: [file] };
      zone.dispatchEvent(event);
    };
    drop(new File(['%PDF'], 'pages.pdf'));
    await fixture.whenStable();
    expect(text(host.querySelector('[data-testid="pages-file-error"]'))).toContain('pages.pdf');
    drop(new File(['頁面代碼,選單路徑'], 'pages.ods'));
    await fixture.whenStable();
    expect(text(host.querySelector('[data-testid="pages-file-name"]'))).toBe('pages.ods');
    host.querySelector<HTMLButtonElement>('[data-testid="pages-import-submit"]')!.click();
    const upload = http().expectOne('/api/website/pages/import');
    expect(upload.request.method).toBe('POST');
    expect((upload.request.body as FormData).get('file')).toBeInstanceOf(File);
    upload.flush({
      fileName: 'pages.ods',
      encoding: 'ods',
      created: 3,
      updated: 1,
      unchanged: 0,
      rejected: 1,
      rejectedLines: [{ row: 5, reason: '網址格式不正確' }],
    });
    TestBed.tick();
    http()
      .expectOne('/api/website/pages')
      .flush([page('P001', ['稅務資訊'])]);
    await fixture.whenStable();
    expect(text(host.querySelector('[data-testid="pages-import-summary"]'))).toBe('匯入完成：新增 3、更新 1、未變更 0、退回 1 列。');
    expect(text(host)).toContain('第 5 列：網址格式不正確');
  });

  it('inventory: a unit contact reads only', async () => {
    signIn({ roles: [Role.KnowledgeContact] });
    const fixture = TestBed.createComponent(PagesPageComponent);
    TestBed.tick();
    http()
      .expectOne('/api/website/pages')
      .flush([page('P001', ['稅務資訊', '房屋稅'])]);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    expect(host.querySelector('[data-testid="pages-add"], [data-testid="pages-move"], [data-testid="pages-dropzone"]')).toBeNull();
  });

  it('corrections: filters by status and moves a ticket on by `can`', async () => {
    signIn({ roles: [Role.ServiceSection] });
    const fixture = TestBed.createComponent(CorrectionsPageComponent);
    TestBed.tick();
    http()
      .expectOne('/api/website/corrections')
      .flush([makeCorrection({ can: { done: true, recheck: false, publish: false } })]);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    expect(host.querySelector('[data-testid="correction-recheck-ok"]')).toBeNull();
    const note = host.querySelector<HTMLInputElement>('[data-testid="correction-note"]')!;
    note.value = '已更新稅率表';
    note.dispatchEvent(new Event('input'));
    host.querySelector<HTMLButtonElement>('[data-testid="correction-done"]')!.click();
    const done = http().expectOne('/api/website/corrections/5/done');
    expect(done.request.body).toEqual({ note: '已更新稅率表' });
    done.flush(makeCorrection({ status: 'done' }));
    await fixture.whenStable();
    expect(text(host.querySelector('[data-testid="correction-status"]'))).toBe('待複檢');
    expect(host.querySelector('[data-testid="correction-done"]')).toBeNull();
  });

  it('compliance: units × months with legend, links to forms, open corrections and exports', async () => {
    signIn({ roles: [Role.Auditor] });
    const fixture = TestBed.createComponent(CompliancePageComponent);
    TestBed.tick();
    http().expectOne('/api/website/compliance?from=2026-07&to=2026-12').flush(makeGrid());
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    expect([...host.querySelectorAll('thead th')].map(text)).toEqual(['單位', '115年11月', '115年12月']);
    const cell = (unit: string, month: string) => host.querySelector(`[data-unit="${unit}"] [data-month="${month}"]`)!;
    expect(cell('HT', '2026-12').querySelector('a')!.getAttribute('href')).toBe('/website/reviews/31');
    expect(text(cell('HT', '2026-12'))).toContain('逾期未完成');
    expect(text(cell('HT', '2026-12'))).toContain('未結更正 1');
    expect(cell('LT', '2026-12').querySelector('a')).toBeNull();
    expect(text(cell('LT', '2026-12'))).toBe('未產生');
    expect(text(host.querySelector('[data-testid="compliance-legend"]'))).toContain('如期');
    expect(host.querySelector('[data-testid="compliance-export-csv"]')!.getAttribute('href')).toBe(
      '/api/website/compliance/export?from=2026-07&to=2026-12&format=csv',
    );
  });

  it('print: 附件三 with unit, month, rows, correction and re-check columns and sign-off', async () => {
    signIn();
    const fixture = TestBed.createComponent(ReviewPrintPageComponent);
    fixture.componentRef.setInput('id', '31');
    TestBed.tick();
    http()
      .expectOne('/api/website/reviews/31')
      .flush(
        makeForm({
          status: 'complete',
          rows: [
            makeRow({ result: 'correct' }),
            makeRow({
              pageId: 'P002',
              result: 'needs-fix',
              fixKind: 'program',
              fixNote: '連結失效',
              correction: makeCorrection({
                kind: 'program',
                status: 'published',
                done: { by: 'it1', byDisplayName: '資訊科王', at: '2026-12-06T02:00:00Z', note: null },
                rechecked: { by: 'chen.mh', byDisplayName: '陳美華', at: '2026-12-07T02:00:00Z', note: null, ok: true },
              }),
            }),
          ],
          reviewer: { by: 'chen.mh', byDisplayName: '陳美華', at: '2026-12-03T02:00:00Z', note: null },
          head: { by: 'lee.hd', byDisplayName: '李主任', at: '2026-12-04T02:00:00Z', note: null, approved: true },
        }),
      );
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    expect(text(host.querySelector('[data-field="unit"]'))).toBe('單位：房屋稅科');
    expect(text(host.querySelector('[data-field="month"]'))).toBe('檢視月份：115年12月');
    const rows = host.querySelectorAll('[data-testid="print-row"]');
    expect(rows).toHaveLength(2);
    expect(text(rows[1].querySelector('[data-field="needsFix"]'))).toBe('☑');
    expect(text(rows[1].querySelector('[data-field="fix"]'))).toBe('程式（資訊科） 連結失效');
    expect(text(rows[1].querySelector('[data-field="corrected"]'))).toContain('資訊科王');
    expect(text(rows[1].querySelector('[data-field="rechecked"]'))).toContain('通過 陳美華');
    expect(text(host.querySelector('[data-sign="head"]'))).toContain('李主任');
    expect(text(host.querySelector('[data-sign="head"]'))).toContain('民國115年12月4日');
  });
});
