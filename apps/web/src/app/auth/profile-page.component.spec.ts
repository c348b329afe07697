import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, provideRouter } from '@angular/router';
import { Role, type SessionDto } from '@tunedesk/contracts';
import { errorInterceptor } from '../http/error.interceptor';
import { makeMe, signIn } from '../testing/auth-testing';
import { AuthService } from './auth.service';
import { ProfilePageComponent } from './profile-page.component';
import { describeUserAgent } from './user-agent';

@Component({ selector: 'td-blank', template: '' })
class BlankComponent {}

const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const EDGE = `${CHROME} Edg/131.0.0.0`;

const SESSIONS: SessionDto[] = [
  {
    id: 's-other',
    current: false,
    createdAt: '2026-11-27T00:30:00Z',
    lastSeenAt: '2026-11-27T03:00:00Z',
    expiresAt: '2026-11-27T11:00:00Z',
    clientIp: '10.20.1.8',
    userAgent: CHROME,
  },
  {
    id: 's-here',
    current: true,
    createdAt: '2026-11-29T00:05:00Z',
    lastSeenAt: '2026-11-29T02:00:00Z',
    expiresAt: '2026-11-29T10:05:00Z',
    clientIp: '10.20.1.15',
    userAgent: EDGE,
  },
];

describe('describeUserAgent', () => {
  it('names the browser and the system', () => {
    expect(describeUserAgent(EDGE)).toBe('Edge 131 · Windows');
    expect(describeUserAgent(CHROME)).toBe('Chrome 131 · Windows');
    expect(describeUserAgent(null)).toBeNull();
  });
});

describe('ProfilePageComponent', () => {
  let open: jest.Mock;

  beforeEach(() => {
    localStorage.clear();
    open = jest.fn();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '**', component: BlankComponent }]),
        provideHttpClient(withInterceptors([errorInterceptor])),
        provideHttpClientTesting(),
        { provide: MatSnackBar, useValue: { open } },
      ],
    });
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  async function render(overrides = {}) {
    signIn({ roles: [Role.KnowledgeContact, Role.UnitHead], ...overrides });
    await TestBed.inject(Router).navigateByUrl('/profile');
    const fixture = TestBed.createComponent(ProfilePageComponent);
    TestBed.tick();
    TestBed.inject(HttpTestingController).expectOne('/api/auth/sessions').flush(SESSIONS);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    const rows = () => [...host.querySelectorAll('[data-testid="profile-sessions"] tbody tr')];
    return { fixture, host, rows };
  }

  it('shows the account, unit and roles read-only, and when the password expires', async () => {
    const { host } = await render({ passwordExpiresInDays: 9, passwordReminder: true });
    expect(host.textContent).toContain('chen.mh');
    expect(host.textContent).toContain('房屋稅科');
    expect([...host.querySelectorAll('mat-chip')].map((chip) => chip.textContent!.trim())).toEqual(['知識維護窗口', '單位主管']);
    const expiry = host.querySelector('[data-testid="password-expiry"]')!;
    expect(expiry.textContent).toContain('密碼將於 9 天後到期');
    expect(expiry.classList).toContain('expiry--warning');
    expect(host.querySelector('[data-testid="profile-change-password"]')!.getAttribute('href')).toBe('/password');
  });

  it('shows no warning while the password is far from expiring', async () => {
    const { host } = await render({ passwordExpiresInDays: 70, passwordReminder: false });
    expect(host.querySelector('[data-testid="password-expiry"]')!.classList).not.toContain('expiry--warning');
  });

  it('lists the sessions, the current one first and marked, in Taipei time', async () => {
    const { rows } = await render();
    expect(rows()).toHaveLength(2);
    expect(rows()[0].textContent).toContain('目前這個');
    expect(rows()[0].textContent).toContain('115/11/29 08:05');
    expect(rows()[0].textContent).toContain('10.20.1.15');
    expect(rows()[0].textContent).toContain('Edge 131 · Windows');
    expect(rows()[1].textContent).not.toContain('目前這個');
  });

  it('ends another session with DELETE and reloads the list', async () => {
    const { fixture, rows } = await render();
    rows()[1].querySelector<HTMLButtonElement>('[data-testid="session-end"]')!.click();
    const http = TestBed.inject(HttpTestingController);
    const request = http.expectOne('/api/auth/sessions/s-other');
    expect(request.request.method).toBe('DELETE');
    request.flush(null, { status: 204, statusText: 'No Content' });
    // Not whenStable(): the reload keeps the app busy until it is answered.
    TestBed.tick();
    http.expectOne('/api/auth/sessions').flush([SESSIONS[1]]);
    await fixture.whenStable();
    expect(rows()).toHaveLength(1);
    expect(TestBed.inject(AuthService).me()).not.toBeNull();
  });

  it('signs out when the current session is ended', async () => {
    const { fixture, rows } = await render();
    rows()[0].querySelector<HTMLButtonElement>('[data-testid="session-end"]')!.click();
    TestBed.inject(HttpTestingController).expectOne('/api/auth/sessions/s-here').flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(TestBed.inject(AuthService).me()).toBeNull();
    expect(TestBed.inject(Router).url).toBe('/login');
  });

  it('saves the name, e-mail and extension with PATCH /api/auth/me', async () => {
    const { fixture, host } = await render();
    const name = host.querySelector<HTMLInputElement>('[data-testid="profile-display-name"]')!;
    expect(name.value).toBe('陳美華');
    name.value = '陳美樺';
    name.dispatchEvent(new Event('input'));
    host.querySelector<HTMLFormElement>('form')!.dispatchEvent(new Event('submit'));
    const request = TestBed.inject(HttpTestingController).expectOne('/api/auth/me');
    expect(request.request.method).toBe('PATCH');
    expect(request.request.body).toEqual({ displayName: '陳美樺', email: 'chen.mh@tax.tycg.gov.tw', extension: '2310' });
    request.flush(makeMe({ displayName: '陳美樺' }));
    await fixture.whenStable();
    expect(TestBed.inject(AuthService).me()?.displayName).toBe('陳美樺');
    expect(open).toHaveBeenCalledWith('個人資料已儲存', '關閉', expect.anything());
  });
});
