import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, output } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule, type MatCheckboxChange } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import type { ClusterSuggestionDto, MissClusterSummaryDto, RoutedReason } from '@tunedesk/contracts';
import type { MessageKey } from '../i18n/messages';
import { TranslatePipe } from '../i18n/t.pipe';
import { UnitsApi } from '../org/units.api';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { RECURRING_FROM, ROUTED_REASON_BADGE, ROUTED_REASON_LABEL, scorePercent } from './report-labels';
import { type ClusterFilters, ReportsApi } from './reports.api';

/** The unit filter's value for 待分派. */
export const TRIAGE_OPTION = '__triage';
/** How many suggested items a row shows. */
export const ROW_SUGGESTIONS = 3;

/**
 * The misses explorer of a cycle: the filters and the clusters, largest first.
 * It keeps no filters of its own: the cycle page holds them (in the address)
 * and hands them in; a change goes out through filtersChange.
 */
@Component({
  selector: 'td-clusters-explorer',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatCardModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatTableModule,
    RouterLink,
    LoadStateComponent,
    TranslatePipe,
  ],
  templateUrl: './clusters-explorer.component.html',
  styleUrl: './clusters-explorer.component.scss',
})
export class ClustersExplorerComponent {
  private readonly api = inject(ReportsApi);
  private readonly unitsApi = inject(UnitsApi);
  private readonly router = inject(Router);

  readonly cycleId = input.required<number>();
  readonly filters = input.required<ClusterFilters>();
  readonly filtersChange = output<ClusterFilters>();

  protected readonly triageOption = TRIAGE_OPTION;
  protected readonly columns = [
    'no',
    'representative',
    'size',
    'wordings',
    'channels',
    'recurring',
    'suggestions',
    'routing',
    'assignee',
  ] as const;

  protected readonly clusters = rxResource({
    params: () => ({ cycleId: this.cycleId(), filters: this.filters() }),
    stream: ({ params }) => this.api.clusters(params.cycleId, params.filters),
  });
  protected readonly total = computed(() => {
    const list = this.clusters.hasValue() ? this.clusters.value() : [];
    return { clusters: list.length, misses: list.reduce((sum, cluster) => sum + cluster.size, 0) };
  });

  private readonly units = rxResource({ stream: () => this.unitsApi.list() });
  protected readonly unitOptions = computed(() => {
    const options = this.units.hasValue()
      ? [...this.units.value()].sort((a, b) => a.code.localeCompare(b.code)).map(({ code, name }) => ({ code, name }))
      : [];
    // A unit in the address that the list does not hold (yet) is still shown as chosen.
    const chosen = this.filters().unit;
    if (chosen && !options.some((option) => option.code === chosen)) options.unshift({ code: chosen, name: chosen });
    return options;
  });
  protected readonly unitValue = computed(() => (this.filters().triage ? TRIAGE_OPTION : (this.filters().unit ?? '')));

  /** Every channel seen in this cycle's lists so far, so that filtering by one does not hide the others. */
  private readonly seenChannels = linkedSignal<{ cycleId: number; list: MissClusterSummaryDto[] }, string[]>({
    source: () => ({ cycleId: this.cycleId(), list: this.clusters.hasValue() ? this.clusters.value() : [] }),
    computation: ({ cycleId, list }, previous) => {
      // Another cycle starts afresh.
      const seen = new Set(previous && previous.source.cycleId === cycleId ? previous.value : []);
      for (const cluster of list) for (const channel of cluster.channels) seen.add(channel);
      return [...seen];
    },
  });
  protected readonly channelOptions = computed(() => {
    const seen = new Set(this.seenChannels());
    const chosen = this.filters().channel;
    if (chosen) seen.add(chosen);
    return [...seen].sort((a, b) => a.localeCompare(b));
  });

  protected readonly filtered = computed(() => {
    const f = this.filters();
    return !!(f.unit || f.triage || f.recurring || f.channel || (f.minSize ?? 0) > 1);
  });

  protected onUnit(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.change({ unit: value && value !== TRIAGE_OPTION ? value : undefined, triage: value === TRIAGE_OPTION });
  }

  protected onMinSize(event: Event): void {
    const n = Math.floor(Number((event.target as HTMLInputElement).value));
    this.change({ minSize: Number.isFinite(n) && n > 1 ? n : undefined });
  }

  protected onRecurring(event: MatCheckboxChange): void {
    this.change({ recurring: event.checked });
  }

  protected onChannel(event: Event): void {
    this.change({ channel: (event.target as HTMLSelectElement).value || undefined });
  }

  protected clearFilters(): void {
    this.filtersChange.emit({});
  }

  private change(patch: Partial<ClusterFilters>): void {
    this.filtersChange.emit({ ...this.filters(), ...patch });
  }

  protected link(cluster: MissClusterSummaryDto): (string | number)[] {
    return ['/cycles', this.cycleId(), 'clusters', cluster.id];
  }

  /** A click anywhere on the row opens the cluster, except on a link of its own (a suggested item). */
  protected open(cluster: MissClusterSummaryDto, event: Event): void {
    if (event.target instanceof Element && event.target.closest('a')) return;
    void this.router.navigate(this.link(cluster), { queryParamsHandling: 'preserve' });
  }

  /** Table rows are untyped; these give the template typed look-ups. */
  protected reasonKey(reason: RoutedReason): MessageKey {
    return ROUTED_REASON_LABEL[reason];
  }

  protected reasonBadge(reason: RoutedReason): string {
    return ROUTED_REASON_BADGE[reason];
  }

  protected topSuggestions(cluster: MissClusterSummaryDto): ClusterSuggestionDto[] {
    return cluster.suggestions.slice(0, ROW_SUGGESTIONS);
  }

  /** 對應既有題目 · 信心 87% / 新主題 · 相似度 62%, under the representative (no column of its own: the table is wide already). */
  protected basisOf(cluster: MissClusterSummaryDto): { key: MessageKey; params: { percent: number } } | null {
    if (!cluster.basis) return null;
    if (cluster.confidence === null || cluster.confidence === undefined)
      return { key: cluster.basis === 'item' ? 'queue.basis.item' : 'queue.basis.topic', params: { percent: 0 } };
    return {
      key: cluster.basis === 'item' ? 'queue.basis.itemConfidence' : 'queue.basis.topicConfidence',
      params: { percent: scorePercent(cluster.confidence) },
    };
  }

  protected isRecurring(cluster: MissClusterSummaryDto): boolean {
    return cluster.recurringMonths >= RECURRING_FROM;
  }

  protected percent(score: number): number {
    return scorePercent(score);
  }
}
