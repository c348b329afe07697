import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, viewChild, type ElementRef } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatMenuModule } from '@angular/material/menu';
import { MatSidenav, MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { type MeDto, Role } from '@tunedesk/contracts';
import { EMPTY, catchError, filter, map, startWith, switchMap } from 'rxjs';
import { LOGIN_PATH } from '../auth/auth.guards';
import { AuthService } from '../auth/auth.service';
import { ADMIN_ROLES, AUDIT_ROLES, QUEUE_ROLES, TUNING_READER_ROLES, USER_READER_ROLES } from '../auth/roles';
import { I18nService } from '../i18n/i18n.service';
import { RocDatePipe } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import type { MessageKey } from '../i18n/messages';
import { NotificationBellComponent } from '../notifications/notification-bell.component';
import { HomeApi, toSignCount } from '../overview/home.api';
import { ClockService } from '../shared/clock.service';

interface NavItem {
  path: string;
  label: MessageKey;
  icon: string;
  exact: boolean;
  /** Shown to holders of any of these roles; everyone signed in when absent. */
  roles?: readonly Role[];
  /** Hidden from holders of any of these roles (they get another entry for the same thing). */
  hiddenFor?: readonly Role[];
}

/** The unit head's 待核章 page: lists waiting for 核章 and account requests waiting for a decision. */
export const TO_SIGN_PATH = '/approvals';

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', label: 'nav.overview', icon: 'space_dashboard', exact: true },
  { path: TO_SIGN_PATH, label: 'home.nav.toSign', icon: 'approval', exact: false, roles: [Role.UnitHead] },
  { path: '/kb', label: 'nav.kb', icon: 'menu_book', exact: false },
  { path: '/dashboard', label: 'nav.dashboard', icon: 'monitoring', exact: false },
  { path: '/reports', label: 'nav.reports', icon: 'upload_file', exact: false },
  { path: '/queue', label: 'nav.queue', icon: 'inbox', exact: false, roles: QUEUE_ROLES },
  { path: '/cycles', label: 'nav.cycles', icon: 'event_repeat', exact: false },
  { path: '/tuning', label: 'nav.tuning', icon: 'tune', exact: false, roles: TUNING_READER_ROLES },
  { path: '/admin/units', label: 'nav.units', icon: 'account_tree', exact: false, roles: ADMIN_ROLES },
  { path: '/units', label: 'nav.units', icon: 'account_tree', exact: false, hiddenFor: ADMIN_ROLES },
  { path: '/admin/users', label: 'nav.users', icon: 'group', exact: false, roles: USER_READER_ROLES },
  { path: '/website', label: 'nav.website', icon: 'web', exact: false },
  { path: '/account-requests', label: 'nav.accountRequests', icon: 'assignment_ind', exact: false },
  { path: '/duties', label: 'nav.duties', icon: 'calendar_month', exact: false },
  { path: '/audit', label: 'nav.audit', icon: 'policy', exact: false, roles: AUDIT_ROLES },
  { path: '/status', label: 'nav.health', icon: 'monitor_heart', exact: false },
];

/** The menu a user sees: nothing until signed in, and nothing while the password must be changed. */
export function navItemsFor(me: MeDto | null): NavItem[] {
  if (!me || me.passwordChangeRequired) return [];
  const holds = (roles: readonly Role[] | undefined) => !!roles && roles.some((role) => me.roles.includes(role));
  return NAV_ITEMS.filter((item) => (!item.roles || holds(item.roles)) && !holds(item.hiddenFor));
}

/** Below this width the menu becomes an overlay opened from the toolbar. */
const NARROW_QUERY = '(max-width: 959.98px)';

@Component({
  selector: 'td-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatIconModule,
    MatListModule,
    MatMenuModule,
    MatSidenavModule,
    MatToolbarModule,
    MatTooltipModule,
    RouterLink,
    RouterLinkActive,
    RouterOutlet,
    NotificationBellComponent,
    RocDatePipe,
    TranslatePipe,
  ],
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.scss',
})
export class ShellComponent {
  protected readonly i18n = inject(I18nService);
  protected readonly now = inject(ClockService).now;
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  private readonly homeApi = inject(HomeApi);

  protected readonly me = this.auth.me;
  protected readonly navItems = computed(() => navItemsFor(this.me()));
  /** 待核章's badge: what the newest home answer says is waiting for this unit head. */
  protected readonly toSignPath = TO_SIGN_PATH;
  protected readonly toSignCount = computed(() => toSignCount(this.homeApi.latest()));
  /** Whose 待核章 count is kept: a signed-in unit head who may use the app, or nobody. */
  private readonly headId = computed(() => {
    const me = this.me();
    return me && !me.passwordChangeRequired && me.roles.includes(Role.UnitHead) ? me.id : null;
  });
  protected readonly showNav = computed(() => this.navItems().length > 0);

  /** Dismissed for this page load; it comes back on the next visit while the password is still due. */
  private readonly reminderDismissed = signal(false);
  protected readonly showReminder = computed(() => {
    const me = this.me();
    return !!me && me.passwordReminder && !me.passwordChangeRequired && !this.reminderDismissed();
  });
  protected readonly reminderText = computed(() => {
    const days = this.me()?.passwordExpiresInDays ?? 0;
    return days > 0 ? this.i18n.t('reminder.password', { days }) : this.i18n.t('reminder.passwordToday');
  });

  private readonly sidenav = viewChild(MatSidenav);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  protected readonly narrow = toSignal(
    inject(BreakpointObserver)
      .observe(NARROW_QUERY)
      .pipe(map((state) => state.matches)),
    {
      initialValue: false,
    },
  );
  protected readonly isEnglish = computed(() => this.i18n.lang() === 'en');

  constructor() {
    // A unit head's count is asked for at once and after each page change (the pages that show it ask themselves).
    const pageChanges = this.router.events.pipe(
      filter((event): event is NavigationEnd => event instanceof NavigationEnd),
      filter((event) => !['/', TO_SIGN_PATH].includes(event.urlAfterRedirects.split(/[?#]/)[0])),
    );
    effect((onCleanup) => {
      const headId = this.headId();
      this.homeApi.clear();
      if (headId === null) return;
      const counting = pageChanges
        .pipe(
          startWith(null),
          switchMap(() => this.homeApi.get({ quiet: true }).pipe(catchError(() => EMPTY))),
        )
        .subscribe();
      onCleanup(() => counting.unsubscribe());
    });
    // On narrow screens the overlay menu closes once the user has picked a page.
    this.router.events
      .pipe(
        filter((event) => event instanceof NavigationEnd),
        takeUntilDestroyed(),
      )
      .subscribe(() => {
        if (this.narrow()) void this.sidenav()?.close();
      });
  }

  protected toggleNav(): void {
    void this.sidenav()?.toggle();
  }

  protected dismissReminder(): void {
    this.reminderDismissed.set(true);
  }

  protected logout(): void {
    this.auth.logout().subscribe(() => void this.router.navigateByUrl(LOGIN_PATH));
  }

  protected toggleLang(): void {
    this.i18n.toggle();
  }

  protected skipToContent(event: Event): void {
    event.preventDefault();
    this.main().nativeElement.focus();
  }
}
