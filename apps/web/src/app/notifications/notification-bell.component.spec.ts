import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, provideRouter } from '@angular/router';
import { AuthService } from '../auth/auth.service';
import { errorInterceptor } from '../http/error.interceptor';
import { I18nService } from '../i18n/i18n.service';
import { signIn } from '../testing/auth-testing';
import { NOTIFICATION_POLL_MS, NotificationBellComponent } from './notification-bell.component';
import { makeNotificationList } from './notifications-testing';

/** Lets the answers arrive and renders, without letting the fake clock move. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  TestBed.tick();
}

/** What an element says, icon ligatures left out. */
function text(element: Element): string {
  const copy = element.cloneNode(true) as Element;
  copy.querySelectorAll('mat-icon').forEach((icon) => icon.remove());
  return copy.textContent!.replace(/\s+/g, ' ').trim();
}

const MINUTE = 60_000;

describe('NotificationBellComponent', () => {
  let open: jest.Mock;

  beforeEach(() => {
    localStorage.clear();
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
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

  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    jest.useRealTimers();
  });

  async function render(options: { signedIn?: boolean; passwordChangeRequired?: 'initial' } = {}) {
    if (options.signedIn !== false) signIn({ passwordChangeRequired: options.passwordChangeRequired ?? null });
    const navigateByUrl = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const fixture = TestBed.createComponent(NotificationBellComponent);
    await settle();
    const host = fixture.nativeElement as HTMLElement;
    const http = TestBed.inject(HttpTestingController);
    const polls = () => http.match({ method: 'GET', url: '/api/notifications' });
    const button = () => host.querySelector<HTMLButtonElement>('[data-testid="notifications-button"]')!;
    const badge = () => host.querySelector('.mat-badge-content');
    const badgeShown = () => !button().classList.contains('mat-badge-hidden');
    const items = () => [...document.querySelectorAll<HTMLButtonElement>('[data-testid="notification-item"]')];
    const openMenu = async () => {
      button().click();
      await settle();
    };
    const tick = async (ms: number) => {
      jest.advanceTimersByTime(ms);
      await settle();
    };
    return { fixture, host, http, polls, button, badge, badgeShown, items, openMenu, tick, navigateByUrl };
  }

  it('asks on load and then every minute while signed in, and shows the unread count as a badge', async () => {
    const { polls, button, badge, badgeShown, tick } = await render();
    expect(TestBed.inject(NOTIFICATION_POLL_MS)).toBe(MINUTE);
    const [first] = polls();
    first.flush(makeNotificationList({ unread: 3 }));
    await settle();
    expect(badgeShown()).toBe(true);
    expect(badge()!.textContent!.trim()).toBe('3');
    expect(button().getAttribute('aria-label')).toBe('通知，3 則未讀');

    await tick(MINUTE - 1);
    expect(polls()).toHaveLength(0);
    await tick(1);
    const [second] = polls();
    second.flush(makeNotificationList({ unread: 120 }));
    await settle();
    expect(badge()!.textContent!.trim()).toBe('99+');

    await tick(MINUTE);
    polls()[0].flush(makeNotificationList({ unread: 0, items: [] }));
    await settle();
    expect(badgeShown()).toBe(false);
    expect(button().getAttribute('aria-label')).toBe('通知');
  });

  it('asks again after a page change, without waiting for the minute (an action there may have settled a notice)', async () => {
    const { polls, badge, navigateByUrl } = await render();
    polls()[0].flush(makeNotificationList({ unread: 2 }));
    await settle();
    navigateByUrl.mockRestore();
    await TestBed.inject(Router).navigateByUrl('/');
    await settle();
    const [again] = polls();
    again.flush(makeNotificationList({ unread: 1 }));
    await settle();
    expect(badge()!.textContent!.trim()).toBe('1');
  });

  it('stops asking when the user signs out, and starts again at the next sign-in', async () => {
    const { polls, tick, badgeShown } = await render();
    polls()[0].flush(makeNotificationList());
    await settle();
    expect(badgeShown()).toBe(true);

    TestBed.inject(AuthService).clear();
    await settle();
    expect(badgeShown()).toBe(false);
    await tick(MINUTE * 5);
    expect(polls()).toHaveLength(0);

    signIn({ id: 8, account: 'lin.sc' });
    await settle();
    polls()[0].flush(makeNotificationList({ unread: 1 }));
    await settle();
    expect(badgeShown()).toBe(true);
    await tick(MINUTE);
    const again = polls();
    expect(again).toHaveLength(1);
    again[0].flush(makeNotificationList({ unread: 1 }));
  });

  it.each([
    ['before sign-in', { signedIn: false }],
    ['while the password must be changed', { passwordChangeRequired: 'initial' as const }],
  ])('does not ask %s', async (_when, options) => {
    const { polls, tick, badgeShown } = await render(options);
    await tick(MINUTE * 3);
    expect(polls()).toHaveLength(0);
    expect(badgeShown()).toBe(false);
  });

  it('keeps quiet when a poll fails, and tries again a minute later', async () => {
    const { polls, tick, badge } = await render();
    polls()[0].flush(
      { statusCode: 503, code: 'UNAVAILABLE', message: { 'zh-TW': '暫停服務', en: 'Unavailable' } },
      { status: 503, statusText: 'Service Unavailable' },
    );
    await settle();
    expect(open).not.toHaveBeenCalled();
    await tick(MINUTE);
    polls()[0].flush(makeNotificationList());
    await settle();
    expect(badge()!.textContent!.trim()).toBe('2');
  });

  it('lists the notifications in the interface language with ROC date and time, the unread ones marked', async () => {
    const { polls, items, openMenu } = await render();
    polls()[0].flush(makeNotificationList());
    await openMenu();
    expect(document.querySelector('.mat-mdc-menu-panel')!.textContent).toContain('通知');
    expect(items().map(text)).toEqual([
      '未讀： 115年10月定期調校已公告 115/11/04 10:00',
      '未讀： 房屋稅科有 12 題原有題目待檢視 115/11/03 09:35',
      '匯入 #31 已完成 115/11/03 09:29',
    ]);
    expect(items().map((item) => item.getAttribute('data-unread'))).toEqual(['true', 'true', 'false']);
    expect(items()[0].classList).toContain('item--unread');
    expect(items()[0].querySelector('time')!.getAttribute('datetime')).toBe('2026-11-04T02:00:00.000Z');

    TestBed.inject(I18nService).setLang('en');
    await settle();
    expect(text(items()[2])).toBe('Import #31 has completed 2026-11-03 09:29');
    expect(text(items()[0])).toBe('Unread: The October 2026 tuning cycle was announced 2026-11-04 10:00');
  });

  it('marks a notification read when it is clicked, and goes to its link', async () => {
    const { polls, items, openMenu, http, navigateByUrl, badge, button } = await render();
    polls()[0].flush(makeNotificationList());
    await openMenu();
    items()[1].click();
    await settle();
    expect(navigateByUrl).toHaveBeenCalledWith('/cycles/4');
    const read = http.expectOne('/api/notifications/10/read');
    expect(read.request.method).toBe('POST');
    read.flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(badge()!.textContent!.trim()).toBe('1');
    expect(button().getAttribute('aria-label')).toBe('通知，1 則未讀');

    await openMenu();
    expect(items().map((item) => item.getAttribute('data-unread'))).toEqual(['true', 'false', 'false']);
    // One already read: no request, only the way there.
    items()[2].click();
    await settle();
    http.expectNone((req) => req.method === 'POST');
    expect(navigateByUrl).toHaveBeenLastCalledWith('/reports/imports/31');
  });

  it('marks all read with 全部標為已讀', async () => {
    const { polls, items, openMenu, http, badgeShown } = await render();
    polls()[0].flush(makeNotificationList());
    await openMenu();
    const readAll = document.querySelector<HTMLButtonElement>('[data-testid="notifications-read-all"]')!;
    expect(text(readAll)).toBe('全部標為已讀');
    readAll.click();
    await settle();
    const request = http.expectOne('/api/notifications/read-all');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({});
    request.flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(badgeShown()).toBe(false);

    await openMenu();
    expect(items().map((item) => item.getAttribute('data-unread'))).toEqual(['false', 'false', 'false']);
    expect(document.querySelector<HTMLButtonElement>('[data-testid="notifications-read-all"]')!.disabled).toBe(true);
  });

  it('says when there is nothing to show', async () => {
    const { polls, items, openMenu } = await render();
    polls()[0].flush({ unread: 0, items: [] });
    await openMenu();
    expect(items()).toHaveLength(0);
    expect(document.querySelector('[data-testid="notifications-empty"]')!.textContent).toContain('目前沒有通知。');
    expect(document.querySelector('[data-testid="notifications-read-all"]')).toBeNull();
  });
});
