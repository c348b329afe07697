import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideRouter } from '@angular/router';
import { type AccountRequestDto, AccountRequestStatus, Role } from '@tunedesk/contracts';
import { errorInterceptor } from '../http/error.interceptor';
import { makeRequest } from '../testing/account-request-testing';
import { signIn } from '../testing/auth-testing';
import { RequestDetailPageComponent } from './request-detail-page.component';

const ALREADY_DECIDED = {
  statusCode: 409,
  code: 'REQUEST_ALREADY_DECIDED',
  message: { 'zh-TW': '此申請已由他人處理，請重新整理後再確認', en: 'Someone else has already acted on this request' },
};

describe('RequestDetailPageComponent', () => {
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
    signIn({ roles: [Role.UnitHead] });
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  async function render(request: AccountRequestDto) {
    const fixture = TestBed.createComponent(RequestDetailPageComponent);
    fixture.componentRef.setInput('id', String(request.id));
    TestBed.tick();
    const http = TestBed.inject(HttpTestingController);
    http.expectOne(`/api/account-requests/${request.id}`).flush(request);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    const button = (id: string) => host.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`);
    return { fixture, host, http, button };
  }

  it('shows only the buttons that `can` allows', async () => {
    const { button } = await render(makeRequest({ can: { approve: true, reject: true, cancel: false, accept: false } }));
    expect(button('request-approve')).not.toBeNull();
    expect(button('request-reject')).not.toBeNull();
    expect(button('request-cancel')).toBeNull();
    expect(button('request-accept')).toBeNull();
    expect(button('request-print')!.getAttribute('href')).toBe('/account-requests/12/print');
  });

  it('shows the accept button alone to the service section, and no comment box when nothing is allowed', async () => {
    const { button, host } = await render(makeRequest({ can: { approve: false, reject: false, cancel: false, accept: true } }));
    expect(button('request-accept')).not.toBeNull();
    expect(button('request-approve')).toBeNull();
    expect(host.querySelector('[data-testid="request-comment"]')).not.toBeNull();
  });

  it('has no actions at all when `can` allows none', async () => {
    const { host } = await render(makeRequest());
    expect(
      host.querySelector('[data-testid="request-approve"], [data-testid="request-reject"], [data-testid="request-accept"]'),
    ).toBeNull();
    expect(host.querySelector('[data-testid="request-comment"]')).toBeNull();
  });

  it('shows the steps with who, when (ROC) and the comment', async () => {
    const { host } = await render(
      makeRequest({
        status: AccountRequestStatus.Approved,
        decided: { by: 'lee.hd', byDisplayName: '李主任', at: '2026-11-28T02:30:00Z', comment: '同意', approved: true },
      }),
    );
    const step = (key: string) => host.querySelector(`[data-step="${key}"]`)!.textContent!.replace(/\s+/g, ' ');
    expect(step('filed')).toContain('陳美華');
    expect(step('filed')).toContain('115/11/27 09:00');
    expect(step('decided')).toContain('核准');
    expect(step('decided')).toContain('李主任');
    expect(step('decided')).toContain('意見：同意');
    expect(step('accepted')).toContain('尚未辦理');
    expect(host.querySelector('[data-testid="request-status"]')!.textContent).toContain('待服務科受理');
  });

  it('approves with the comment and shows the new state', async () => {
    const { fixture, host, http, button } = await render(
      makeRequest({ can: { approve: true, reject: true, cancel: false, accept: false } }),
    );
    const comment = host.querySelector<HTMLTextAreaElement>('[data-testid="request-comment"]')!;
    comment.value = '同意辦理';
    comment.dispatchEvent(new Event('input'));
    button('request-approve')!.click();
    const approve = http.expectOne('/api/account-requests/12/approve');
    expect(approve.request.method).toBe('POST');
    expect(approve.request.body).toEqual({ comment: '同意辦理' });
    approve.flush(
      makeRequest({
        status: AccountRequestStatus.Approved,
        decided: { by: 'lee.hd', byDisplayName: '李主任', at: '2026-11-29T02:00:00Z', comment: '同意辦理', approved: true },
      }),
    );
    await fixture.whenStable();
    expect(button('request-approve')).toBeNull();
    expect(host.querySelector('[data-testid="request-status"]')!.textContent).toContain('待服務科受理');
  });

  it('shows REQUEST_ALREADY_DECIDED in the page and reloads the request', async () => {
    const { fixture, host, http, button } = await render(
      makeRequest({ can: { approve: true, reject: true, cancel: false, accept: false } }),
    );
    button('request-reject')!.click();
    http.expectOne('/api/account-requests/12/reject').flush(ALREADY_DECIDED, { status: 409, statusText: 'Conflict' });
    TestBed.tick();
    http.expectOne('/api/account-requests/12').flush(
      makeRequest({
        status: AccountRequestStatus.Approved,
        decided: { by: 'lin.hd', byDisplayName: '林副主任', at: '2026-11-29T01:00:00Z', comment: null, approved: true },
      }),
    );
    await fixture.whenStable();
    const error = host.querySelector('[data-testid="request-action-error"]')!;
    expect(error.textContent).toContain('此申請已由他人處理');
    expect(error.getAttribute('role')).toBe('alert');
    expect(document.activeElement).toBe(error);
    expect(button('request-reject')).toBeNull();
    expect(host.querySelector('[data-step="decided"]')!.textContent).toContain('林副主任');
    expect(open).not.toHaveBeenCalled();
  });

  it('shows a new account’s initial password once after acceptance', async () => {
    const { fixture, host, http, button } = await render(
      makeRequest({ status: AccountRequestStatus.Approved, can: { approve: false, reject: false, cancel: false, accept: true } }),
    );
    button('request-accept')!.click();
    http.expectOne('/api/account-requests/12/accept').flush({
      request: makeRequest({ status: AccountRequestStatus.Completed }),
      initialPassword: 'Vb8!qWe3-Rt5y',
    });
    await fixture.whenStable();
    expect(host.querySelector('[data-testid="initial-password"]')!.textContent!.trim()).toBe('Vb8!qWe3-Rt5y');
    expect(host.textContent).toContain('此密碼只會顯示這一次');
  });
});
