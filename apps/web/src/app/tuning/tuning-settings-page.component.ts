import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatTabsModule } from '@angular/material/tabs';
import { ActivatedRoute, Router } from '@angular/router';
import { AuthService } from '../auth/auth.service';
import { TUNING_EDITOR_ROLES } from '../auth/roles';
import { TranslatePipe } from '../i18n/t.pipe';
import { ImportProfilesTabComponent } from './import-profiles-tab.component';
import { RoutingRulesTabComponent } from './routing-rules-tab.component';
import { SynonymsTabComponent } from './synonyms-tab.component';

/** The tabs, in order; `?tab=` names one, so a link (or a reload) opens it. */
export const TUNING_TABS = ['profiles', 'synonyms', 'rules'] as const;
export type TuningTab = (typeof TUNING_TABS)[number];

export function tabIndex(name: string | null): number {
  const index = TUNING_TABS.indexOf(name as TuningTab);
  return index < 0 ? 0 : index;
}

/**
 * 調校設定: import profiles, synonyms and keyword routing rules. The service
 * section and the administrator edit; the group leader reads (the server checks again).
 */
@Component({
  selector: 'td-tuning-settings-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule, MatTabsModule, ImportProfilesTabComponent, RoutingRulesTabComponent, SynonymsTabComponent, TranslatePipe],
  templateUrl: './tuning-settings-page.component.html',
  styleUrl: './tuning-settings-page.component.scss',
})
export class TuningSettingsPageComponent {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly canEdit = computed(() => this.auth.hasRole(...TUNING_EDITOR_ROLES));
  protected readonly selectedIndex = signal(tabIndex(this.route.snapshot.queryParamMap.get('tab')));

  protected onTabChange(index: number): void {
    this.selectedIndex.set(index);
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { tab: index === 0 ? null : TUNING_TABS[index] },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }
}
