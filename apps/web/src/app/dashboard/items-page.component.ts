import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, linkedSignal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, type Params, Router, RouterLink } from '@angular/router';
import type { CategoryChangeDto, IdleItemDto, ItemsOverviewDto } from '@tunedesk/contracts';
import { catchError, of } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { I18nService } from '../i18n/i18n.service';
import { TranslatePipe } from '../i18n/t.pipe';
import { UnitsApi } from '../org/units.api';
import { PROPOSER_ROLES } from '../proposals/proposal-labels';
import { formatRocMonth } from '../reports/report-labels';
import { RocMonthPipe } from '../reports/roc-month.pipe';
import { ChartPanelComponent, type ChartSeries } from '../shared/chart/chart-panel.component';
import { TableExportComponent } from '../shared/export/table-export.component';
import type { ExportTable } from '../shared/export/table-export.service';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { DashboardTabsComponent } from './dashboard-tabs.component';
import { DashboardApi } from './dashboard.api';

/** Rows a table shows at first, and how many more each 顯示更多 adds: the bank has about a thousand items. */
export const ITEMS_PAGE_SIZE = 50;
/** Categories the chart of changes plots, the largest changes (either way) first. */
export const TOP_CATEGORIES = 12;
/** The search box writes the address once typing has paused this long (it filters at once). */
export const ITEMS_SEARCH_DEBOUNCE_MS = 300;

type ItemRow = ItemsOverviewDto['items'][number];

/** A rate (0–1) as a percentage with one decimal: 0.75 → 75.0%; null when there is none. */
export function formatPercent(rate: number | null | undefined): string | null {
  return rate === null || rate === undefined ? null : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/**
 * The colours of a gain and a loss of hits, the same in the chart and in its table (and with ▲/▼ in the table,
 * so not by colour alone): a gain in the bureau's green, a loss in the error red, no change grey.
 */
export const CHANGE_COLORS = { gain: '#1b6e46', loss: '#ba1a1a', none: '#6f797a' } as const;

export function changeColor(change: number): string {
  return change > 0 ? CHANGE_COLORS.gain : change < 0 ? CHANGE_COLORS.loss : CHANGE_COLORS.none;
}

/** The items hit in the month, most hit first: an item listed only for its hits in earlier months is left out. */
export function hitItems<T extends { kbItemId: string; hits: number }>(items: readonly T[]): T[] {
  return items.filter((item) => item.hits > 0).sort((a, b) => b.hits - a.hits || a.kbItemId.localeCompare(b.kbItemId));
}

/** A change of hits with its arrow and sign: ▲ +20, ▼ -5, 0. */
export function formatChange(change: number): string {
  if (change > 0) return `▲ +${change.toLocaleString('en-US')}`;
  if (change < 0) return `▼ -${Math.abs(change).toLocaleString('en-US')}`;
  return '0';
}

/** YYYY-MM of the month before: 2026-01 → 2025-12. */
export function monthBefore(month: string): string {
  const [year, value] = month.split('-').map(Number);
  const date = new Date(Date.UTC(year, value - 2, 1));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Whether an item matches the search text: its id, question or category contains it (case-insensitive). */
export function matchesQuery(item: Pick<ItemRow, 'kbItemId' | 'question' | 'category'>, query: string): boolean {
  const needle = query.trim().toLocaleLowerCase();
  if (!needle) return true;
  return [item.kbItemId, item.question, item.category].some((text) => (text ?? '').toLocaleLowerCase().includes(needle));
}

/** Query parameter of the address, or nothing when empty. */
function param(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * /dashboard/items — 知識題目: the month's hit items with their hits over the
 * recent imported months and satisfaction; the items nobody used for three
 * months, each with a one-click 「提出刪除」 into the proposal form; and the
 * categories that gained or lost hits against the month before. The month,
 * the search text and the category live in the address
 * (?month=2026-10&q=信用卡&category=房屋稅).
 */
@Component({
  selector: 'td-items-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    RouterLink,
    ChartPanelComponent,
    DashboardTabsComponent,
    LoadStateComponent,
    RocMonthPipe,
    TableExportComponent,
    TranslatePipe,
  ],
  templateUrl: './items-page.component.html',
  styleUrl: './items-page.component.scss',
})
export class ItemsPageComponent {
  private readonly api = inject(DashboardApi);
  private readonly unitsApi = inject(UnitsApi);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  // Query parameters, bound by the router (withComponentInputBinding).
  readonly month = input<string>();
  readonly q = input<string>();
  readonly category = input<string>();

  /** The imported months. */
  protected readonly quality = rxResource({ stream: () => this.api.quality() });
  /** Newest first, for the month picker. */
  protected readonly monthOptions = computed(() =>
    this.quality.hasValue() ? [...new Set(this.quality.value().months.map((row) => row.month))].sort().reverse() : [],
  );
  /** The month of the address when it was imported, else the latest one. */
  protected readonly selectedMonth = computed<string | undefined>(() => {
    const options = this.monthOptions();
    const wanted = param(this.month());
    return options.find((month) => month === wanted) ?? options[0];
  });
  protected readonly selectedLabel = computed(() => this.rocMonth(this.selectedMonth()));

  protected readonly overview = rxResource({
    params: () => this.selectedMonth(),
    stream: ({ params }) => this.api.itemsOverview(params),
  });
  protected readonly dto = computed<ItemsOverviewDto | null>(() => (this.overview.hasValue() ? this.overview.value() : null));

  /** Unit names for the owner column; the code stands in when they cannot be had. */
  private readonly units = rxResource({ stream: () => this.unitsApi.list().pipe(catchError(() => of([]))) });
  private readonly unitNames = computed(
    () => new Map((this.units.hasValue() ? this.units.value() : []).map((unit) => [unit.code, unit.name] as const)),
  );

  // ── The items table ─────────────────────────────────────────────────────

  /** The search text the address was last given by this page: its echo must not overwrite newer typing. */
  private sentQuery: string | undefined;
  /** What is in the search box; filters at once, reaches the address after a pause. */
  protected readonly queryText = linkedSignal<string | undefined, string>({
    source: () => this.q(),
    computation: (q, previous) => (previous && (q ?? '') === (this.sentQuery ?? '') ? previous.value : (q ?? '')),
  });
  private timer: ReturnType<typeof setTimeout> | undefined;

  protected readonly categoryFilter = computed(() => param(this.category()));
  protected readonly hasFilters = computed(() => !!this.queryText().trim() || !!this.categoryFilter());

  /** The month's categories, and the one of the address even when no item of the month has it. */
  protected readonly categoryOptions = computed(() => {
    const categories = new Set((this.dto()?.items ?? []).map((item) => item.category).filter(Boolean));
    const wanted = this.categoryFilter();
    if (wanted) categories.add(wanted);
    return [...categories].sort((a, b) => a.localeCompare(b, 'zh-Hant'));
  });

  /** Every item hit in the month, most hit first. */
  private readonly sortedItems = computed(() => hitItems(this.dto()?.items ?? []));
  protected readonly hitCount = computed(() => this.sortedItems().length);
  protected readonly filteredItems = computed(() => {
    const query = this.queryText();
    const category = this.categoryFilter();
    return this.sortedItems().filter((item) => (!category || item.category === category) && matchesQuery(item, query));
  });
  /** How many rows show: back to one page when the month or the filters change. */
  protected readonly itemLimit = linkedSignal({
    source: () => [this.selectedMonth(), this.queryText(), this.categoryFilter()],
    computation: () => ITEMS_PAGE_SIZE,
  });
  protected readonly shownItems = computed(() => this.filteredItems().slice(0, this.itemLimit()));
  protected readonly itemsRest = computed(() => this.filteredItems().length - this.shownItems().length);
  protected readonly hitMonthLabels = computed(() => (this.dto()?.months ?? []).map((month) => this.rocMonth(month)));

  protected readonly itemsTable = computed<ExportTable>(() => {
    const t = this.i18n;
    return {
      fileName: `items-${this.selectedMonth() ?? ''}`,
      title: t.t('dashItems.items.heading', { month: this.selectedLabel() }),
      headers: [
        t.t('dashItems.col.itemId'),
        t.t('dashItems.col.question'),
        t.t('dashItems.col.category'),
        t.t('dashItems.col.owner'),
        ...this.hitMonthLabels().map((month) => t.t('dashItems.col.hitsIn', { month })),
        t.t('dashItems.col.satisfaction'),
        t.t('dashItems.col.rated'),
      ],
      rows: this.filteredItems().map((item) => [
        item.kbItemId,
        item.question,
        this.categoryLabel(item.category),
        this.ownerLabel(item.ownerUnitCode, null),
        ...this.hitMonthLabels().map((_, index) => this.hitsIn(item, index)),
        formatPercent(item.satisfactionRate),
        item.rated,
      ]),
    };
  });

  // ── Idle items ──────────────────────────────────────────────────────────

  protected readonly idleFrom = computed(() => this.rocMonth(this.dto()?.idleMonths[0]));
  protected readonly idleTo = computed(() => this.rocMonth(this.dto()?.idleMonths.at(-1)));
  protected readonly idleKnown = computed(() => (this.dto()?.idleMonths.length ?? 0) > 0);
  protected readonly idleHeading = computed(() =>
    this.idleKnown()
      ? this.i18n.t('dashItems.idle.heading', { from: this.idleFrom(), to: this.idleTo() })
      : this.i18n.t('dashItems.idle.headingPending'),
  );
  protected readonly idleItems = computed(() => (this.idleKnown() ? (this.dto()?.idle ?? []) : []));
  protected readonly idleLimit = linkedSignal({ source: () => this.selectedMonth(), computation: () => ITEMS_PAGE_SIZE });
  protected readonly shownIdle = computed(() => this.idleItems().slice(0, this.idleLimit()));
  protected readonly idleRest = computed(() => this.idleItems().length - this.shownIdle().length);

  /** The same rule as the proposal form's. */
  protected readonly canPropose = computed(() => this.auth.hasRole(...PROPOSER_ROLES));
  /** Why 提出刪除 cannot be pressed; null when it can. */
  protected readonly proposeBlocked = computed(() => {
    if (!this.canPropose()) return this.i18n.t('dashItems.idle.notAllowed');
    if ((this.dto()?.proposalCycleId ?? null) === null) return this.i18n.t('dashItems.idle.noCycle');
    return null;
  });
  /** The reason the delete proposal starts with: 115年8月至115年10月連續三個月無人使用. */
  protected readonly idleReason = computed(() => this.i18n.t('dashItems.idle.reason', { from: this.idleFrom(), to: this.idleTo() }));

  protected readonly idleTable = computed<ExportTable>(() => {
    const t = this.i18n;
    return {
      fileName: `idle-items-${this.selectedMonth() ?? ''}`,
      title: this.idleHeading(),
      headers: [
        t.t('dashItems.col.itemId'),
        t.t('dashItems.col.question'),
        t.t('dashItems.col.category'),
        t.t('dashItems.col.owner'),
        t.t('dashItems.col.lastHit'),
        t.t('dashItems.col.deleteProposal'),
      ],
      rows: this.idleItems().map((item) => [
        item.kbItemId,
        item.question,
        this.categoryLabel(item.category),
        this.ownerLabel(item.ownerUnitCode, item.ownerUnitName),
        this.lastHitLabel(item),
        item.openDeleteProposalId === null ? null : `#${item.openDeleteProposalId}`,
      ]),
    };
  });

  // ── Categories gained or lost ───────────────────────────────────────────

  protected readonly previousLabel = computed(() => {
    const month = this.selectedMonth();
    return month ? this.rocMonth(monthBefore(month)) : '';
  });
  protected readonly categories = computed<CategoryChangeDto[]>(() => this.dto()?.categories ?? []);
  protected readonly topCategories = computed(() =>
    [...this.categories()]
      .sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || a.category.localeCompare(b.category))
      .slice(0, TOP_CATEGORIES),
  );
  protected readonly chartTitle = computed(() => this.i18n.t('dashItems.categories.chart', { count: TOP_CATEGORIES }));
  protected readonly chartLabels = computed(() => this.topCategories().map((row) => this.categoryLabel(row.category)));
  protected readonly chartSeries = computed<ChartSeries[]>(() => [
    {
      name: this.i18n.t('dashItems.categories.series'),
      data: this.topCategories().map((row) => row.change),
      colors: this.topCategories().map((row) => changeColor(row.change)),
      legend: [
        { label: this.i18n.t('dashItems.categories.gain'), color: CHANGE_COLORS.gain },
        { label: this.i18n.t('dashItems.categories.loss'), color: CHANGE_COLORS.loss },
      ],
    },
  ]);
  protected readonly categoryHeaders = computed(() => {
    const t = this.i18n;
    const month = this.selectedLabel();
    const previous = this.previousLabel();
    return [
      t.t('dashItems.col.category'),
      t.t('dashItems.col.hits', { month }),
      t.t('dashItems.col.previousHits', { month: previous }),
      t.t('dashItems.col.change'),
      t.t('dashItems.col.satisfactionIn', { month }),
      t.t('dashItems.col.satisfactionIn', { month: previous }),
    ];
  });
  protected readonly categoryTable = computed<ExportTable>(() => ({
    fileName: `category-change-${this.selectedMonth() ?? ''}`,
    title: this.i18n.t('dashItems.categories.heading', { month: this.selectedLabel(), previous: this.previousLabel() }),
    headers: this.categoryHeaders(),
    rows: this.categories().map((row) => [
      this.categoryLabel(row.category),
      row.hits,
      row.previousHits,
      row.change,
      formatPercent(row.satisfactionRate),
      formatPercent(row.previousSatisfactionRate),
    ]),
  }));

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.timer));
  }

  // ── Template helpers ────────────────────────────────────────────────────

  protected changeColor(change: number): string {
    return changeColor(change);
  }

  protected rocMonth(month: string | null | undefined): string {
    return formatRocMonth(month, this.i18n.lang());
  }

  /** Hits in the index-th month of `dto.months`; a short array (a month the server has no row for) reads as none. */
  protected hitsIn(item: ItemRow, index: number): number {
    return item.hitsByMonth[index] ?? 0;
  }

  protected percent(rate: number | null): string {
    return formatPercent(rate) ?? this.i18n.t('dashItems.none');
  }

  protected change(value: number): string {
    return formatChange(value);
  }

  protected categoryLabel(category: string): string {
    return category || this.i18n.t('dashItems.noCategory');
  }

  protected ownerLabel(code: string | null, name: string | null): string {
    if (!code) return name || this.i18n.t('dashItems.noOwner');
    return name || this.unitNames().get(code) || code;
  }

  protected lastHitLabel(item: IdleItemDto): string {
    return item.lastHitMonth ? this.rocMonth(item.lastHitMonth) : this.i18n.t('dashItems.idle.never');
  }

  /** /proposals/new?cycle=…&item=…&kind=delete&reason=…: the proposal form starts as this item's deletion. */
  protected deleteParams(item: IdleItemDto): Params {
    return { cycle: this.dto()?.proposalCycleId, item: item.kbItemId, kind: 'delete', reason: this.idleReason() };
  }

  // ── Filters ─────────────────────────────────────────────────────────────

  protected setMonth(month: string | null | undefined): void {
    this.navigate({ month: month || null });
  }

  protected setCategory(category: string | null | undefined): void {
    this.navigate({ category: category || null });
  }

  protected onSearch(event: Event): void {
    this.setQuery((event.target as HTMLInputElement).value);
  }

  protected clearSearch(): void {
    this.setQuery('', true);
  }

  protected clearFilters(): void {
    clearTimeout(this.timer);
    this.queryText.set('');
    this.sentQuery = undefined;
    this.navigate({ q: null, category: null });
  }

  protected showMoreItems(): void {
    this.itemLimit.update((limit) => limit + ITEMS_PAGE_SIZE);
  }

  protected showMoreIdle(): void {
    this.idleLimit.update((limit) => limit + ITEMS_PAGE_SIZE);
  }

  private setQuery(value: string, now = false): void {
    this.queryText.set(value);
    clearTimeout(this.timer);
    const write = () => {
      const trimmed = value.trim();
      this.sentQuery = trimmed || undefined;
      // Typing is not a step to go back to.
      this.navigate({ q: trimmed || null }, true);
    };
    if (now) write();
    else this.timer = setTimeout(write, ITEMS_SEARCH_DEBOUNCE_MS);
  }

  private navigate(queryParams: Params, replaceUrl = false): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams, queryParamsHandling: 'merge', replaceUrl });
  }
}
