import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideRouter } from '@angular/router';
import { type ReviewFormDto, Role } from '@tunedesk/contracts';
import { errorInterceptor } from '../http/error.interceptor';
import { signIn } from '../testing/auth-testing';
import { ReviewPageComponent } from './review-page.component';
import { makeCorrection, makeForm, makeRow } from './website-testing';

describe('ReviewPageComponent', () => {
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
    signIn({ roles: [Role.KnowledgeContact] });
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  async function render(form: ReviewFormDto) {
    const fixture = TestBed.createComponent(ReviewPageComponent);
    fixture.componentRef.setInput('id', String(form.id));
    TestBed.tick();
    const http = TestBed.inject(HttpTestingController);
    http.expectOne('/api/website/reviews/31').flush(form);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    const q = <T extends HTMLElement = HTMLElement>(selector: string) => host.querySelector<T>(selector);
    const row = (pageId: string) => q(`[data-page="${pageId}"]`)!;
    return { fixture, host, http, q, row };
  }

  it('shows the form: rows with their links, due date in ROC, progress and print link', async () => {
    const { q, host } = await render(makeForm());
    expect(host.querySelectorAll('[data-testid="review-row"]')).toHaveLength(2);
    expect(q('h1')!.textContent).toContain('房屋稅科 115年12月');
    expect(q('[data-testid="review-due"]')!.textContent).toContain('115/12/10');
    const link = q<HTMLAnchorElement>('[data-testid="review-url"]')!;
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('href')).toBe('https://www.tytax.tycg.gov.tw/house/pay');
    expect(q('[data-testid="review-print"]')!.getAttribute('href')).toBe('/website/reviews/31/print');
    expect(q('[data-testid="review-export-xlsx"]')!.getAttribute('href')).toBe('/api/website/reviews/31/export?format=xlsx');
    expect(q<HTMLButtonElement>('[data-testid="review-submit"]')!.disabled).toBe(true);
  });

  it('saves 正確 by the 1 key, and a 需修正 row only once it has a kind and what to change', async () => {
    const { fixture, http, row, q } = await render(makeForm());
    row('P001').dispatchEvent(new KeyboardEvent('keydown', { key: '1', bubbles: true }));
    const first = http.expectOne('/api/website/reviews/31/rows/P001');
    expect(first.request.method).toBe('PUT');
    expect(first.request.body).toEqual({ result: 'correct' });
    first.flush(makeForm({ reviewed: 1, rows: [makeRow({ result: 'correct' }), makeForm().rows[1]] }));
    await fixture.whenStable();
    expect(row('P001').querySelector('[data-testid="review-row-state"]')!.textContent).toContain('已儲存');

    row('P002').dispatchEvent(new KeyboardEvent('keydown', { key: '2', bubbles: true }));
    await fixture.whenStable();
    http.expectNone('/api/website/reviews/31/rows/P002');
    expect(row('P002').querySelector('[data-testid="review-row-state"]')!.textContent).toContain('請選修正類別');
    const component = fixture.componentInstance as unknown as {
      setKind(r: unknown, k: string): void;
    };
    const rowDto = makeForm().rows[1];
    component.setKind(rowDto, 'content');
    http.expectNone('/api/website/reviews/31/rows/P002');
    await fixture.whenStable();
    const note = row('P002').querySelector<HTMLTextAreaElement>('[data-testid="review-note"]')!;
    note.value = '稅率表更新為 115 年';
    note.dispatchEvent(new Event('input'));
    note.dispatchEvent(new Event('blur'));
    const second = http.expectOne('/api/website/reviews/31/rows/P002');
    expect(second.request.body).toEqual({ result: 'needs-fix', fixKind: 'content', fixNote: '稅率表更新為 115 年' });
    second.flush(
      makeForm({
        reviewed: 2,
        needsFix: 1,
        rows: [makeRow({ result: 'correct' }), { ...rowDto, result: 'needs-fix', fixKind: 'content', fixNote: '稅率表更新為 115 年' }],
      }),
    );
    await fixture.whenStable();
    expect(q<HTMLButtonElement>('[data-testid="review-submit"]')!.disabled).toBe(false);
    q<HTMLButtonElement>('[data-testid="review-submit"]')!.click();
    const submit = http.expectOne('/api/website/reviews/31/submit');
    expect(submit.request.method).toBe('POST');
    submit.flush(makeForm({ status: 'submitted', can: { edit: false, submit: false, approve: false, return: false } }));
    await fixture.whenStable();
    expect(q('[data-testid="review-status"]')!.textContent).toContain('待主管核章');
    expect(q('[data-testid="review-submit"]')).toBeNull();
  });

  it('shows a failed save on its row', async () => {
    const { fixture, http, row } = await render(makeForm());
    row('P001').dispatchEvent(new KeyboardEvent('keydown', { key: '1', bubbles: true }));
    http
      .expectOne('/api/website/reviews/31/rows/P001')
      .flush(
        { statusCode: 409, code: 'REVIEW_NOT_EDITABLE', message: { 'zh-TW': '檢視表已送出', en: 'Submitted' } },
        { status: 409, statusText: 'Conflict' },
      );
    await fixture.whenStable();
    const state = row('P001').querySelector('[data-testid="review-row-state"]')!;
    expect(state.getAttribute('data-state')).toBe('error');
    expect(state.textContent).toContain('檢視表已送出');
  });

  it('shows 核章 and 退回 only when `can` allows them, and returns with a reason', async () => {
    const readOnly = await render(makeForm({ status: 'submitted', can: { edit: false, submit: false, approve: false, return: false } }));
    expect(readOnly.q('[data-testid="review-approve"]')).toBeNull();
    expect(readOnly.q('[data-testid="review-return"]')).toBeNull();
    expect(readOnly.q('[data-testid="review-result"]')).toBeNull();
    readOnly.fixture.destroy();

    const { fixture, http, q } = await render(
      makeForm({ status: 'submitted', can: { edit: false, submit: false, approve: true, return: true } }),
    );
    q<HTMLButtonElement>('[data-testid="review-return"]')!.click();
    await fixture.whenStable();
    http.expectNone('/api/website/reviews/31/return');
    expect(q('[data-testid="review-reason-error"]')!.textContent).toContain('請填寫退回原因');
    const reason = q<HTMLTextAreaElement>('[data-testid="review-reason"]')!;
    reason.value = '第 2 頁請再確認';
    reason.dispatchEvent(new Event('input'));
    q<HTMLButtonElement>('[data-testid="review-return"]')!.click();
    const ret = http.expectOne('/api/website/reviews/31/return');
    expect(ret.request.body).toEqual({ reason: '第 2 頁請再確認' });
    ret.flush(
      makeForm({
        status: 'returned',
        head: { by: 'lee.hd', byDisplayName: '李主任', at: '2026-12-05T03:00:00Z', note: '第 2 頁請再確認', approved: false },
      }),
    );
    await fixture.whenStable();
    const head = q('[data-step="head"]')!.textContent!;
    expect(head).toContain('退回');
    expect(head).toContain('李主任');
    expect(head).toContain('115/12/05 11:00');
  });

  it('approves, and shows each row’s correction', async () => {
    const { fixture, http, q } = await render(
      makeForm({ status: 'submitted', can: { edit: false, submit: false, approve: true, return: true } }),
    );
    q<HTMLButtonElement>('[data-testid="review-approve"]')!.click();
    http.expectOne('/api/website/reviews/31/approve').flush(
      makeForm({
        status: 'correcting',
        can: { edit: false, submit: false, approve: false, return: false },
        rows: [
          makeRow({ result: 'correct' }),
          makeRow({ pageId: 'P002', result: 'needs-fix', fixKind: 'content', fixNote: 'x', correction: makeCorrection() }),
        ],
      }),
    );
    await fixture.whenStable();
    expect(q('[data-testid="review-status"]')!.textContent).toContain('更正中');
    expect(q('[data-page="P002"] [data-testid="review-correction-status"]')!.textContent).toContain('待更正');
    expect(q('[data-testid="review-approve"]')).toBeNull();
  });
});
