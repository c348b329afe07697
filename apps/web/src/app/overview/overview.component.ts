import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { taipeiDateOf } from '@tunedesk/domain/dates';
import { HealthApi } from '../health/health.api';
import { STATE_BADGE, STATE_ICON } from '../health/health-labels';
import { I18nService } from '../i18n/i18n.service';
import type { MessageKey } from '../i18n/messages';
import { RocDatePipe } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { countByKind } from '../org/unit-kinds';
import { UnitsApi } from '../org/units.api';
import { ClockService } from '../shared/clock.service';
import { LoadStateComponent } from '../shared/load-state/load-state.component';

interface PlannedModule {
  title: MessageKey;
  description: MessageKey;
  icon: string;
}

/** Modules announced in DESIGN.md that are not built yet; shown as planned, never with made-up numbers. */
const PLANNED_MODULES: readonly PlannedModule[] = [
  { title: 'module.website', description: 'module.website.desc', icon: 'web' },
  { title: 'module.compliance', description: 'module.compliance.desc', icon: 'fact_check' },
];

@Component({
  selector: 'td-overview',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatCardModule, MatIconModule, RouterLink, LoadStateComponent, RocDatePipe, TranslatePipe],
  templateUrl: './overview.component.html',
  styleUrl: './overview.component.scss',
})
export class OverviewComponent {
  private readonly i18n = inject(I18nService);
  private readonly unitsApi = inject(UnitsApi);
  private readonly healthApi = inject(HealthApi);

  protected readonly now = inject(ClockService).now;
  protected readonly plannedModules = PLANNED_MODULES;
  protected readonly stateBadge = STATE_BADGE;
  protected readonly stateIcon = STATE_ICON;

  protected readonly units = rxResource({ stream: () => this.unitsApi.list() });
  protected readonly health = rxResource({ stream: () => this.healthApi.report() });

  protected readonly kindCounts = computed(() => (this.units.hasValue() ? countByKind(this.units.value()) : []));

  protected readonly weekday = computed(() => {
    const today = taipeiDateOf(this.now());
    const day = new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay();
    return this.i18n.t(`weekday.${day}` as MessageKey);
  });
}
