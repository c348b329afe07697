import { ChangeDetectionStrategy, Component, InjectionToken, computed, effect, inject, signal } from '@angular/core';
import { MatBadgeModule } from '@angular/material/badge';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { NavigationEnd, Router } from '@angular/router';
import type { NotificationDto, NotificationListDto } from '@tunedesk/contracts';
import { EMPTY, catchError, exhaustMap, filter, interval, merge, startWith } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { I18nService } from '../i18n/i18n.service';
import { RocDatePipe } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { NotificationsApi } from './notifications.api';

/** How often the bell asks for new notifications while someone is signed in. */
export const NOTIFICATION_POLL_MS = new InjectionToken<number>('NOTIFICATION_POLL_MS', { providedIn: 'root', factory: () => 60_000 });

/** Above this the badge says 99+. */
const BADGE_MAX = 99;

/**
 * The toolbar's bell: the unread count as a badge, and a menu of the newest
 * notifications. It asks the server on load, after each page change and every NOTIFICATION_POLL_MS
 * while a user is signed in (not while the password must be changed), and
 * stops when they sign out or the bell goes away.
 */
@Component({
  selector: 'td-notification-bell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatBadgeModule, MatButtonModule, MatDividerModule, MatIconModule, MatMenuModule, RocDatePipe, TranslatePipe],
  templateUrl: './notification-bell.component.html',
  styleUrl: './notification-bell.component.scss',
})
export class NotificationBellComponent {
  private readonly api = inject(NotificationsApi);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18nService);
  private readonly pollMs = inject(NOTIFICATION_POLL_MS);

  /** Whose notifications are polled: the signed-in user who may use the app, or nobody. */
  private readonly userId = computed(() => {
    const me = this.auth.me();
    return me && !me.passwordChangeRequired ? me.id : null;
  });

  protected readonly list = signal<NotificationListDto | null>(null);
  protected readonly items = computed(() => this.list()?.items ?? []);
  protected readonly unread = computed(() => this.list()?.unread ?? 0);
  protected readonly badge = computed(() => (this.unread() > BADGE_MAX ? `${BADGE_MAX}+` : String(this.unread())));
  protected readonly buttonLabel = computed(() =>
    this.unread() > 0 ? this.i18n.t('notify.buttonUnread', { count: this.unread() }) : this.i18n.t('notify.button'),
  );

  constructor() {
    effect((onCleanup) => {
      const userId = this.userId();
      this.list.set(null);
      if (userId === null) return;
      // At once, then every pollMs and after each page change (what the user just did may have settled a notice);
      // a slow answer is waited for rather than asked for twice.
      const polling = merge(
        interval(this.pollMs),
        this.router.events.pipe(
          filter((event) => event instanceof NavigationEnd),
          // Signing out navigates too: a page change after the user has gone asks nothing.
          filter(() => this.userId() === userId),
        ),
      )
        .pipe(
          startWith(-1),
          exhaustMap(() => this.api.list().pipe(catchError(() => EMPTY))),
        )
        .subscribe((list) => this.list.set(list));
      onCleanup(() => polling.unsubscribe());
    });
  }

  protected title(item: NotificationDto): string {
    return this.i18n.lang() === 'en' ? item.title.en : item.title['zh-TW'];
  }

  /** Marks the notification read (once) and goes where it points. */
  protected open(item: NotificationDto): void {
    if (!item.readAt) {
      this.api.markRead(item.id).subscribe(() => this.markedRead([item.id]));
    }
    // A route inside the app; anything else is not followed.
    if (item.link?.startsWith('/') && !item.link.startsWith('//')) void this.router.navigateByUrl(item.link);
  }

  protected readAll(): void {
    this.api.markAllRead().subscribe(() => this.markedRead(null));
  }

  /** The ids now read, or null for all of them. */
  private markedRead(ids: number[] | null): void {
    const now = new Date().toISOString();
    this.list.update((list) => {
      if (!list) return list;
      let newlyRead = 0;
      const items = list.items.map((item) => {
        if (item.readAt || (ids && !ids.includes(item.id))) return item;
        newlyRead++;
        return { ...item, readAt: now };
      });
      return { unread: ids ? Math.max(0, list.unread - newlyRead) : 0, items };
    });
  }
}
