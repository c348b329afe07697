import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject, viewChild, type ElementRef } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatSidenav, MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { filter, map } from 'rxjs';
import { I18nService } from '../i18n/i18n.service';
import { RocDatePipe } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import type { MessageKey } from '../i18n/messages';
import { ClockService } from '../shared/clock.service';

interface NavItem {
  path: string;
  label: MessageKey;
  icon: string;
  exact: boolean;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', label: 'nav.overview', icon: 'space_dashboard', exact: true },
  { path: '/units', label: 'nav.units', icon: 'account_tree', exact: false },
  { path: '/status', label: 'nav.health', icon: 'monitor_heart', exact: false },
];

/** Below this width the menu becomes an overlay opened from the toolbar. */
const NARROW_QUERY = '(max-width: 959.98px)';

@Component({
  selector: 'td-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatIconModule,
    MatListModule,
    MatSidenavModule,
    MatToolbarModule,
    MatTooltipModule,
    RouterLink,
    RouterLinkActive,
    RouterOutlet,
    RocDatePipe,
    TranslatePipe,
  ],
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.scss',
})
export class ShellComponent {
  protected readonly i18n = inject(I18nService);
  protected readonly now = inject(ClockService).now;
  protected readonly navItems = NAV_ITEMS;

  private readonly sidenav = viewChild.required(MatSidenav);
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
    // On narrow screens the overlay menu closes once the user has picked a page.
    inject(Router)
      .events.pipe(
        filter((event) => event instanceof NavigationEnd),
        takeUntilDestroyed(),
      )
      .subscribe(() => {
        if (this.narrow()) void this.sidenav().close();
      });
  }

  protected toggleLang(): void {
    this.i18n.toggle();
  }

  protected skipToContent(event: Event): void {
    event.preventDefault();
    this.main().nativeElement.focus();
  }
}
