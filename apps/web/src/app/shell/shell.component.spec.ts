import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { type HomeDto, type NotificationListDto, Role } from '@tunedesk/contracts';
import { AuthService } from '../auth/auth.service';
import { I18nService } from '../i18n/i18n.service';
import { makeNotificationList } from '../notifications/notifications-testing';
import { makeHeadHome } from '../overview/home-testing';
import { signIn } from '../testing/auth-testing';
import { ShellComponent } from './shell.component';

@Component({ selector: 'td-blank', template: '' })
class BlankComponent {}

describe('ShellComponent', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideRouter([{ path: '**', component: BlankComponent }]), provideHttpClient(), provideHttpClientTesting()],
    });
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  async function render(notifications: NotificationListDto = { unread: 0, items: [] }, home: HomeDto = makeHeadHome()) {
    const fixture = TestBed.createComponent(ShellComponent);
    await fixture.whenStable();
    // The bell asks for the signed-in user's notifications at once; a unit head's menu asks what waits for 核章.
    for (const request of TestBed.inject(HttpTestingController).match('/api/notifications')) request.flush(notifications);
    for (const request of TestBed.inject(HttpTestingController).match('/api/home')) request.flush(home);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    const navLabels = () => [...host.querySelectorAll('[data-testid="nav"] a .nav__label')].map((label) => label.textContent!.trim());
    const hrefs = () => [...host.querySelectorAll('[data-testid="nav"] a')].map((a) => a.getAttribute('href'));
    const langSwitch = () => host.querySelector<HTMLButtonElement>('[data-testid="lang-switch"]')!;
    const title = () => host.querySelector('[data-testid="app-title"]')!.textContent!.replace(/\s+/g, ' ').trim();
    return { fixture, host, navLabels, hrefs, langSwitch, title };
  }

  it('shows no menu and no user before sign-in, but keeps the title and the language switch', async () => {
    const { host, navLabels, langSwitch, title } = await render();
    expect(host.querySelector('[data-testid="nav"]')).toBeNull();
    expect(navLabels()).toEqual([]);
    expect(host.querySelector('[data-testid="user-menu"]')).toBeNull();
    expect(title()).toBe('智能客服知識庫調校平台 TuneDesk');
    expect(host.textContent).toContain('桃園市政府地方稅務局');
    expect(host.textContent).toContain('訪客');
    expect(langSwitch().textContent).toContain('English');
  });

  it('gives a knowledge contact the read-only units page and no admin or audit entries', async () => {
    signIn({ roles: [Role.KnowledgeContact] });
    const { navLabels, hrefs } = await render();
    expect(navLabels()).toEqual([
      '總覽',
      '題庫',
      '客服品質',
      '月報匯入',
      '我的待辦',
      '調校週期',
      '組織單位',
      '網站檢視',
      '帳號權限申請',
      '工作行事曆',
      '系統狀態',
    ]);
    expect(hrefs()).toEqual([
      '/',
      '/kb',
      '/dashboard',
      '/reports',
      '/queue',
      '/cycles',
      '/units',
      '/website',
      '/account-requests',
      '/duties',
      '/status',
    ]);
  });

  it('gives the system administrator unit management, users and the audit trail', async () => {
    signIn({ roles: [Role.SystemAdmin] });
    const { navLabels, hrefs } = await render();
    expect(navLabels()).toEqual([
      '總覽',
      '題庫',
      '客服品質',
      '月報匯入',
      '調校週期',
      '調校設定',
      '組織單位',
      '使用者',
      '網站檢視',
      '帳號權限申請',
      '工作行事曆',
      '稽核軌跡',
      '系統狀態',
    ]);
    expect(hrefs()).toEqual([
      '/',
      '/kb',
      '/dashboard',
      '/reports',
      '/cycles',
      '/tuning',
      '/admin/units',
      '/admin/users',
      '/website',
      '/account-requests',
      '/duties',
      '/audit',
      '/status',
    ]);
  });

  it('gives a unit head 待核章, the users page but not the audit trail', async () => {
    signIn({ roles: [Role.UnitHead] });
    const { hrefs, navLabels } = await render();
    expect(hrefs()).toEqual([
      '/',
      '/approvals',
      '/kb',
      '/dashboard',
      '/reports',
      '/cycles',
      '/units',
      '/admin/users',
      '/website',
      '/account-requests',
      '/duties',
      '/status',
    ]);
    expect(navLabels()[1]).toBe('待核章');
  });

  it('counts on 待核章 the lists and account requests waiting for the unit head, and asks again after a page change', async () => {
    signIn({ roles: [Role.UnitHead, Role.KnowledgeContact] });
    const { host, fixture } = await render();
    const badge = () => host.querySelector('[data-testid="nav-to-sign-count"]');
    const entry = host.querySelector('[data-testid="nav"] a[href="/approvals"]')!;
    expect(entry.contains(badge())).toBe(true);
    expect(badge()!.querySelector('.visually-hidden')!.textContent).toBe('3 件待處理');
    expect(badge()!.querySelector('[aria-hidden="true"]')!.textContent).toBe('3');

    await TestBed.inject(Router).navigateByUrl('/kb');
    await fixture.whenStable();
    // The bell asks again after a page change as well.
    for (const request of TestBed.inject(HttpTestingController).match('/api/notifications')) request.flush({ unread: 0, items: [] });
    const again = TestBed.inject(HttpTestingController).expectOne('/api/home');
    again.flush({ ...makeHeadHome(), unitHead: { lists: [], accountRequests: [] } });
    await fixture.whenStable();
    expect(badge()).toBeNull();
    expect(host.querySelector('[data-testid="nav"] a[href="/approvals"]')).not.toBeNull();
  });

  it.each([
    Role.KnowledgeContact,
    Role.GroupLeader,
    Role.ServiceSection,
    Role.ItSection,
    Role.ComplianceOfficer,
    Role.Auditor,
    Role.SystemAdmin,
  ])('shows no 待核章 to a %s and asks nothing for it', async (role) => {
    signIn({ roles: [role] });
    const { hrefs, navLabels, host } = await render();
    expect(hrefs()).not.toContain('/approvals');
    expect(navLabels()).not.toContain('待核章');
    expect(host.querySelector('[data-testid="nav-to-sign-count"]')).toBeNull();
    TestBed.inject(HttpTestingController).expectNone('/api/home');
  });

  it('puts 月報匯入 and 調校週期 after 題庫, with their icons', async () => {
    signIn({ roles: [Role.ServiceSection] });
    const { host, hrefs } = await render();
    expect(hrefs().slice(0, 5)).toEqual(['/', '/kb', '/dashboard', '/reports', '/cycles']);
    const icon = (path: string) => host.querySelector(`[data-testid="nav"] a[href="${path}"] mat-icon`)!.textContent!.trim();
    expect([icon('/reports'), icon('/cycles')]).toEqual(['upload_file', 'event_repeat']);
  });

  it('hides the menu while the password must be changed', async () => {
    signIn({ roles: [Role.SystemAdmin], passwordChangeRequired: 'initial' });
    const { host } = await render();
    expect(host.querySelector('[data-testid="nav"]')).toBeNull();
    expect(host.querySelector('[data-testid="user-menu"]')).not.toBeNull();
  });

  it('switches to English when the language button is clicked, and back', async () => {
    signIn();
    const { fixture, host, navLabels, langSwitch, title } = await render();
    langSwitch().click();
    await fixture.whenStable();
    expect(navLabels()).toEqual([
      'Overview',
      'Knowledge base',
      'Chatbot quality',
      'Report imports',
      'My queue',
      'Tuning cycles',
      'Units',
      'Website reviews',
      'Account requests',
      'Duties calendar',
      'System status',
    ]);
    expect(title()).toBe('TuneDesk — Chatbot Knowledge Tuning');
    expect(host.textContent).toContain('Taoyuan City Local Tax Bureau');
    expect(langSwitch().textContent).toContain('中文');
    expect(document.documentElement.lang).toBe('en');
    expect(TestBed.inject(I18nService).lang()).toBe('en');

    langSwitch().click();
    await fixture.whenStable();
    expect(navLabels()).toEqual([
      '總覽',
      '題庫',
      '客服品質',
      '月報匯入',
      '我的待辦',
      '調校週期',
      '組織單位',
      '網站檢視',
      '帳號權限申請',
      '工作行事曆',
      '系統狀態',
    ]);
  });

  it('shows who is signed in, and signs out from the user menu', async () => {
    signIn();
    const { fixture, host } = await render();
    const trigger = host.querySelector<HTMLButtonElement>('[data-testid="user-menu"]')!;
    expect(trigger.textContent).toContain('陳美華');
    expect(trigger.textContent).toContain('房屋稅科');

    trigger.click();
    await fixture.whenStable();
    expect(document.querySelector('[data-testid="menu-profile"]')!.getAttribute('href')).toBe('/profile');
    document.querySelector<HTMLButtonElement>('[data-testid="logout"]')!.click();
    const logout = TestBed.inject(HttpTestingController).expectOne('/api/auth/logout');
    expect(logout.request.method).toBe('POST');
    logout.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(TestBed.inject(AuthService).me()).toBeNull();
    expect(TestBed.inject(Router).url).toBe('/login');
  });

  it('shows a dismissible password reminder while the password is due soon', async () => {
    signIn({ passwordReminder: true, passwordExpiresInDays: 5 });
    const { fixture, host } = await render();
    const banner = () => host.querySelector('[data-testid="password-reminder"]');
    expect(banner()!.textContent).toContain('您的密碼將於 5 天後到期，請儘早變更');
    host.querySelector<HTMLButtonElement>('[data-testid="password-reminder-dismiss"]')!.click();
    await fixture.whenStable();
    expect(banner()).toBeNull();
  });

  it('puts the notification bell in the toolbar once signed in, with the unread count', async () => {
    signIn();
    const { host } = await render(makeNotificationList({ unread: 2 }));
    const bell = host.querySelector('.topbar [data-testid="notification-bell"]')!;
    const button = bell.querySelector<HTMLButtonElement>('[data-testid="notifications-button"]')!;
    expect(button.getAttribute('aria-label')).toBe('通知，2 則未讀');
    expect(bell.querySelector('.mat-badge-content')!.textContent!.trim()).toBe('2');
    // Before the user menu.
    expect(bell.compareDocumentPosition(host.querySelector('[data-testid="user-menu"]')!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('shows no bell and asks for no notifications before sign-in or while the password must be changed', async () => {
    const guest = await render();
    expect(guest.host.querySelector('[data-testid="notification-bell"]')).toBeNull();
    TestBed.inject(HttpTestingController).expectNone('/api/notifications');
    guest.fixture.destroy();

    signIn({ passwordChangeRequired: 'initial' });
    const { host } = await render();
    expect(host.querySelector('[data-testid="notification-bell"]')).toBeNull();
    TestBed.inject(HttpTestingController).expectNone('/api/notifications');
  });

  it('takes the bell away on sign-out', async () => {
    signIn();
    const { fixture, host } = await render(makeNotificationList());
    expect(host.querySelector('[data-testid="notification-bell"]')).not.toBeNull();
    TestBed.inject(AuthService).clear();
    await fixture.whenStable();
    expect(host.querySelector('[data-testid="notification-bell"]')).toBeNull();
  });

  it('shows no reminder when the password is not due', async () => {
    signIn({ passwordReminder: false });
    const { host } = await render();
    expect(host.querySelector('[data-testid="password-reminder"]')).toBeNull();
  });
});
