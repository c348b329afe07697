import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { ResponseType } from '@tunedesk/contracts';
import { RocDatePipe } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { httpErrorOf } from '../shared/api-error';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import {
  RECURRING_FROM,
  RESPONSE_TYPES,
  RESPONSE_TYPE_LABEL,
  ROUTED_REASON_BADGE,
  ROUTED_REASON_LABEL,
  scorePercent,
} from './report-labels';
import { ReportsApi } from './reports.api';

/** /cycles/:id/clusters/:clusterId — one cluster of missed questions, in full. */
@Component({
  selector: 'td-cluster-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatCardModule, MatIconModule, RouterLink, LoadStateComponent, RocDatePipe, TranslatePipe],
  templateUrl: './cluster-page.component.html',
  styleUrl: './cluster-page.component.scss',
})
export class ClusterPageComponent {
  private readonly api = inject(ReportsApi);

  /** `:id` of the route: the cycle. */
  readonly id = input.required<string>();
  /** `:clusterId` of the route. */
  readonly clusterId = input.required<string>();

  protected readonly reasonLabel = ROUTED_REASON_LABEL;
  protected readonly reasonBadge = ROUTED_REASON_BADGE;

  protected readonly cluster = rxResource({ params: () => Number(this.clusterId()), stream: ({ params }) => this.api.cluster(params) });
  protected readonly notFound = computed(() => httpErrorOf(this.cluster.error())?.status === 404);
  protected readonly recurring = computed(() => this.cluster.hasValue() && this.cluster.value().recurringMonths >= RECURRING_FROM);

  /** Last month's cluster: it belongs to another cycle, which only it can name. */
  protected readonly previous = rxResource({
    params: () => (this.cluster.hasValue() ? (this.cluster.value().previousClusterId ?? undefined) : undefined),
    stream: ({ params }) => this.api.cluster(params),
  });

  protected readonly responseCounts = computed(() => {
    const counts = this.cluster.hasValue() ? this.cluster.value().byResponseType : {};
    return RESPONSE_TYPES.filter((type) => counts[type] !== undefined).map((type) => ({ type, count: counts[type] ?? 0 }));
  });

  protected responseKey(type: ResponseType) {
    return RESPONSE_TYPE_LABEL[type];
  }

  protected percent(score: number): number {
    return scorePercent(score);
  }
}
