import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink, RouterLinkActive } from '@angular/router';
import type { MessageKey } from '../i18n/messages';
import { TranslatePipe } from '../i18n/t.pipe';

const TABS: { path: string; label: MessageKey; exact: boolean }[] = [
  { path: '/dashboard', label: 'dashboard.tab.quality', exact: true },
  { path: '/dashboard/items', label: 'dashboard.tab.items', exact: false },
  { path: '/dashboard/progress', label: 'dashboard.tab.progress', exact: false },
  { path: '/dashboard/effect', label: 'dashboard.tab.effect', exact: false },
  { path: '/dashboard/summary', label: 'dashboard.tab.summary', exact: false },
];

/** The dashboards' own navigation, at the top of each of their pages. */
@Component({
  selector: 'td-dashboard-tabs',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatTabsModule, RouterLink, RouterLinkActive, TranslatePipe],
  template: `
    <nav mat-tab-nav-bar class="tabs" [tabPanel]="panel" [attr.aria-label]="'dashboard.tabs' | t" data-testid="dashboard-tabs">
      @for (tab of tabs; track tab.path) {
        <a
          mat-tab-link
          [routerLink]="tab.path"
          routerLinkActive
          #active="routerLinkActive"
          [routerLinkActiveOptions]="{ exact: tab.exact }"
          [active]="active.isActive"
          [attr.data-testid]="'dashboard-tab-' + tab.path.split('/').pop()"
          >{{ tab.label | t }}</a
        >
      }
    </nav>
    <mat-tab-nav-panel #panel />
  `,
  styles: `
    .tabs {
      margin-bottom: 16px;
    }
    @media print {
      .tabs {
        display: none;
      }
    }
  `,
})
export class DashboardTabsComponent {
  protected readonly tabs = TABS;
}
