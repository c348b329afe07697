import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, type Params, Router, RouterLink } from '@angular/router';
import {
  type DashboardMissDto,
  type MissesMonthDto,
  type QualityFigures,
  type QualityMonthDto,
  type QueueItemStatus,
  ResponseType,
} from '@tunedesk/contracts';
import { I18nService } from '../i18n/i18n.service';
import type { MessageKey } from '../i18n/messages';
import { formatDisplayDate } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { formatRocMonth } from '../reports/report-labels';
import { RocMonthPipe } from '../reports/roc-month.pipe';
import { ChartPanelComponent, type ChartSeries } from '../shared/chart/chart-panel.component';
import { TableExportComponent } from '../shared/export/table-export.component';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { DashboardApi, type QualityFilters } from './dashboard.api';
import { DashboardTabsComponent } from './dashboard-tabs.component';

export const RESPONSE_TYPES: readonly ResponseType[] = [
  ResponseType.Answered,
  ResponseType.Suggested,
  ResponseType.Unanswered,
  ResponseType.ChitChat,
  ResponseType.Invalid,
];

const RESPONSE_COLORS: Record<ResponseType, string> = {
  answered: '#2e7d5b',
  suggested: '#5b8def',
  unanswered: '#c0392b',
  'chit-chat': '#d9a21b',
  invalid: '#8d999e',
};

const RATE_COLORS = { answerRate: '#2e7d5b', satisfactionRate: '#5b8def', handOffRate: '#c0392b' } as const;

/** How many items the items table shows, the most hit first. */
export const TOP_ITEMS = 20;

export type Cell = string | number | null;

/** A table as shown and as exported: the header row and the rows of cells. */
export interface DataTable {
  id: string;
  title: string;
  /** Without extension. */
  fileName: string;
  headers: string[];
  rows: Cell[][];
}

export type MissListKey = 'largest' | 'appeared' | 'recurring';

/** The three miss lists of the month, in the order shown. */
export const MISS_LISTS: readonly MissListKey[] = ['largest', 'appeared', 'recurring'];

export const MISS_STATUS_LABEL: Record<QueueItemStatus, MessageKey> = {
  open: 'dashboard.misses.status.open',
  claimed: 'dashboard.misses.status.claimed',
  proposed: 'dashboard.misses.status.proposed',
  closed: 'dashboard.misses.status.closed',
};

const MISS_STATUS_BADGE: Record<QueueItemStatus, string> = {
  open: 'td-badge--warning',
  claimed: 'td-badge--info',
  proposed: 'td-badge--planned',
  closed: 'td-badge--ok',
};

/** One row of a miss list: the cluster, and its cells as they are shown and exported. */
export interface MissRow {
  miss: DashboardMissDto;
  unit: string;
  status: string;
  statusBadge: string;
  /** 連續 N 個月 */
  recurring: string;
}

/** A miss list: shown with links and badges, exported as the plain cells. */
export interface MissTable extends DataTable {
  key: MissListKey;
  items: MissRow[];
}

/** A rate (0–1) as a percentage with one decimal, or null. */
export function ratePercent(rate: number | null | undefined): number | null {
  return rate === null || rate === undefined ? null : Math.round(rate * 1000) / 10;
}

export function formatRate(rate: number | null | undefined): string | null {
  const percent = ratePercent(rate);
  return percent === null ? null : `${percent.toFixed(1)}%`;
}

export type ChangeKind = 'count' | 'rate';

export interface Change {
  arrow: '▲' | '▼' | '';
  /** Absolute, one decimal: per cent for counts, percentage points for rates. */
  value: string;
}

/**
 * The change of a figure against an earlier one: counts in per cent of the
 * earlier figure, rates in percentage points. Null when it cannot be told.
 */
export function changeOf(kind: ChangeKind, current: number | null, base: number | null | undefined): Change | null {
  if (current === null || base === null || base === undefined) return null;
  let delta: number;
  if (kind === 'count') {
    if (base === 0) return null;
    delta = ((current - base) / base) * 100;
  } else {
    delta = (current - base) * 100;
  }
  const value = Math.abs(delta).toFixed(1);
  const arrow = value === '0.0' ? '' : delta > 0 ? '▲' : '▼';
  return { arrow, value };
}

type KpiKey = 'messages' | 'sessions' | 'answerRate' | 'satisfactionRate' | 'handOffRate';

const KPIS: readonly { key: KpiKey; kind: ChangeKind }[] = [
  { key: 'messages', kind: 'count' },
  { key: 'sessions', kind: 'count' },
  { key: 'answerRate', kind: 'rate' },
  { key: 'satisfactionRate', kind: 'rate' },
  { key: 'handOffRate', kind: 'rate' },
];

export interface Kpi {
  key: KpiKey;
  label: string;
  value: string;
  previous: string;
  previousArrow: Change['arrow'];
  lastYear: string;
  lastYearArrow: Change['arrow'];
  /** Why the card has no figure (—) or a figure that is not what it seems; null when it needs no word. */
  note: string | null;
}

/** Query parameter of the address, or nothing when empty. */
function param(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function optionsOf(values: readonly string[], current: string | undefined): string[] {
  const options = values.filter(Boolean);
  return current && !options.includes(current) ? [...options, current] : options;
}

/**
 * /dashboard — 客服品質: the chatbot's figures by month (KPIs against the
 * month before and the same month a year earlier, charts), the selected
 * month by day, by channel and by category, its most hit items and its
 * misses (the largest, newly appearing and recurring clusters). The
 * filters live in the address (?channel=LINE&category=房屋稅&month=2026-10),
 * so a view can be shared.
 */
@Component({
  selector: 'td-quality-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    NgTemplateOutlet,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatSelectModule,
    ChartPanelComponent,
    DashboardTabsComponent,
    LoadStateComponent,
    RocMonthPipe,
    TableExportComponent,
    TranslatePipe,
  ],
  templateUrl: './quality-page.component.html',
  styleUrl: './quality-page.component.scss',
})
export class QualityPageComponent {
  private readonly api = inject(DashboardApi);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  // Query parameters, bound by the router (withComponentInputBinding).
  readonly channel = input<string>();
  readonly category = input<string>();
  readonly month = input<string>();

  protected readonly filters = computed<QualityFilters>(() => ({ channel: param(this.channel()), category: param(this.category()) }));

  protected readonly quality = rxResource({ params: () => this.filters(), stream: ({ params }) => this.api.quality(params) });

  /** Oldest first. */
  protected readonly months = computed<QualityMonthDto[]>(() =>
    this.quality.hasValue() ? [...this.quality.value().months].sort((a, b) => a.month.localeCompare(b.month)) : [],
  );
  /** The channels to pick from, and the one of the address even when it has no figures. */
  protected readonly channelOptions = computed(() =>
    optionsOf(this.quality.hasValue() ? this.quality.value().channels : [], this.filters().channel),
  );
  protected readonly categoryOptions = computed(() =>
    optionsOf(this.quality.hasValue() ? this.quality.value().categories : [], this.filters().category),
  );
  /** Newest first, for the month picker. */
  protected readonly monthOptions = computed(() =>
    this.months()
      .map((row) => row.month)
      .reverse(),
  );

  /** The month of the address when it has figures, else the latest one. */
  protected readonly selectedMonth = computed<string | undefined>(() => {
    const months = this.months();
    const wanted = param(this.month());
    return months.find((row) => row.month === wanted)?.month ?? months.at(-1)?.month;
  });
  protected readonly selected = computed(() => this.months().find((row) => row.month === this.selectedMonth()));
  protected readonly selectedLabel = computed(() => this.rocMonth(this.selectedMonth()));

  protected readonly days = rxResource({
    params: () => {
      const month = this.selectedMonth();
      return month ? { month, ...this.filters() } : undefined;
    },
    stream: ({ params: { month, ...filters } }) => this.api.days(month, filters),
  });
  protected readonly breakdown = rxResource({ params: () => this.selectedMonth(), stream: ({ params }) => this.api.breakdown(params) });
  protected readonly items = rxResource({ params: () => this.selectedMonth(), stream: ({ params }) => this.api.items(params) });
  protected readonly misses = rxResource({ params: () => this.selectedMonth(), stream: ({ params }) => this.api.misses(params) });

  protected readonly kpis = computed<Kpi[]>(() => {
    const row = this.selected();
    if (!row) return [];
    // A conversation spans categories: sessions are not counted per category, so a category view shows none.
    const perCategory = !!this.filters().category;
    return KPIS.map(({ key, kind }) => {
      const unknown = key === 'sessions' && perCategory;
      const previous = this.changeText(kind, row[key], unknown ? undefined : row.previous?.[key]);
      const lastYear = this.changeText(kind, row[key], unknown ? undefined : row.lastYear?.[key]);
      const value = row[key];
      return {
        key,
        label: this.i18n.t(`dashboard.kpi.${key}`),
        value: unknown
          ? this.i18n.t('dashboard.change.none')
          : kind === 'count'
            ? (value ?? 0).toLocaleString('en-US')
            : (formatRate(value) ?? this.i18n.t('dashboard.change.none')),
        previous: previous.text,
        previousArrow: previous.arrow,
        lastYear: lastYear.text,
        lastYearArrow: lastYear.arrow,
        note: unknown
          ? this.i18n.t('dashboard.kpi.sessionsPerCategory')
          : key === 'sessions' && row.sessions === 0 && row.messages > 0
            ? this.i18n.t('dashboard.kpi.sessionsMissing')
            : null,
      };
    });
  });

  // The charts.
  protected readonly monthLabels = computed(() => this.months().map((row) => this.rocMonth(row.month)));
  protected readonly monthlySeries = computed(() => this.responseSeries(this.months()));
  protected readonly rateSeries = computed<ChartSeries[]>(() =>
    (['answerRate', 'satisfactionRate', 'handOffRate'] as const).map((key) => ({
      name: this.i18n.t(`dashboard.col.${key}`),
      // Chart.js leaves a gap for null; the table shows an empty cell.
      data: this.months().map((row) => ratePercent(row[key])) as number[],
      color: RATE_COLORS[key],
    })),
  );
  protected readonly dayRows = computed(() => (this.days.hasValue() ? this.days.value() : []));
  protected readonly dayLabels = computed(() => this.dayRows().map((row) => formatDisplayDate(row.day, 'month-day', this.i18n.lang())));
  protected readonly dailySeries = computed(() => this.responseSeries(this.dayRows()));

  /** Each chart exports its own table (td-chart-panel); these name the files. */
  protected readonly chartFiles = computed(() => ({
    monthly: 'quality-monthly',
    rates: 'quality-rates',
    daily: `quality-daily-${this.selectedMonth()}`,
  }));
  protected readonly dailyTitle = computed(() => this.i18n.t('dashboard.chart.daily', { month: this.selectedLabel() }));

  // The selected month's tables.
  protected readonly channelTable = computed<DataTable | null>(() => {
    if (!this.breakdown.hasValue()) return null;
    const rows = this.breakdown.value().byChannel;
    return this.figuresTable('channels', 'dashboard.breakdown.byChannel', 'dashboard.col.channel', rows, (row) =>
      row.channel ? row.channel : this.i18n.t('dashboard.noChannel'),
    );
  });
  protected readonly categoryTable = computed<DataTable | null>(() => {
    if (!this.breakdown.hasValue()) return null;
    const rows = this.breakdown.value().byCategory;
    // No sessions column: a conversation spans categories, so sessions are not counted per category.
    return this.figuresTable(
      'categories',
      'dashboard.breakdown.byCategory',
      'dashboard.col.category',
      rows,
      (row) => (row.category ? row.category : this.i18n.t('dashboard.noCategory')),
      false,
    );
  });
  protected readonly itemsTable = computed<DataTable | null>(() => {
    if (!this.items.hasValue()) return null;
    const top = [...this.items.value()].sort((a, b) => b.hits - a.hits || a.kbItemId.localeCompare(b.kbItemId)).slice(0, TOP_ITEMS);
    const t = (key: MessageKey) => this.i18n.t(key);
    return {
      id: 'items',
      title: this.i18n.t('dashboard.items.heading', { month: this.selectedLabel() }),
      fileName: `quality-items-${this.selectedMonth()}`,
      headers: [
        t('dashboard.col.itemId'),
        t('dashboard.col.question'),
        t('dashboard.col.category'),
        t('dashboard.col.owner'),
        t('dashboard.col.hits'),
        t('dashboard.col.rated'),
        t('dashboard.col.satisfied'),
        t('dashboard.col.satisfactionRate'),
      ],
      rows: top.map((item) => [
        item.kbItemId,
        item.question,
        item.category || t('dashboard.noCategory'),
        item.ownerUnitCode,
        item.hits,
        item.rated,
        item.satisfied,
        formatRate(item.satisfactionRate),
      ]),
    };
  });

  // The selected month's misses.
  protected readonly missesMonth = computed<MissesMonthDto | null>(() => (this.misses.hasValue() ? this.misses.value() : null));
  /** The month's counts; none when it has no cycle. */
  protected readonly missCounts = computed(() => {
    const month = this.missesMonth();
    if (!month || month.cycleId === null) return [];
    return (
      [
        ['clusters', 'dashboard.misses.count.clusters'],
        ['misses', 'dashboard.misses.count.misses'],
        ['newClusters', 'dashboard.misses.count.newClusters'],
        ['recurringClusters', 'dashboard.misses.count.recurringClusters'],
      ] as const
    ).map(([key, label]) => ({ key, label: this.i18n.t(label), value: month[key].toLocaleString('en-US') }));
  });
  protected readonly missTables = computed<MissTable[]>(() => {
    const month = this.missesMonth();
    if (!month || month.cycleId === null) return [];
    return MISS_LISTS.map((key) => this.missTable(key, month[key]));
  });

  protected readonly hasFilters = computed(() => !!this.filters().channel || !!this.filters().category);

  /** A code or a name of one term (LEG-0002, 土地增值稅): kept on one line, a question or sentence wraps. */
  protected isTerm(cell: Cell): boolean {
    return typeof cell === 'string' && cell.length <= 12 && !/\s/.test(cell);
  }

  protected isNumeric(cell: Cell): boolean {
    return typeof cell === 'number' || (typeof cell === 'string' && /^-?\d+(\.\d+)?%$/.test(cell));
  }

  protected setFilter(name: 'channel' | 'category' | 'month', value: string | null | undefined): void {
    this.navigate({ [name]: value ? value : null });
  }

  protected clearFilters(): void {
    this.navigate({ channel: null, category: null });
  }

  private navigate(queryParams: Params): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams, queryParamsHandling: 'merge' });
  }

  private rocMonth(month: string | undefined): string {
    return formatRocMonth(month, this.i18n.lang());
  }

  private changeText(kind: ChangeKind, current: number | null, base: number | null | undefined): { text: string; arrow: Change['arrow'] } {
    const change = changeOf(kind, current, base);
    if (!change) return { text: this.i18n.t('dashboard.change.none'), arrow: '' };
    const key = kind === 'count' ? 'dashboard.change.count' : 'dashboard.change.points';
    return { text: this.i18n.t(key, { arrow: change.arrow, value: change.value }).trim(), arrow: change.arrow };
  }

  private responseSeries(rows: readonly QualityFigures[]): ChartSeries[] {
    return RESPONSE_TYPES.map((type) => ({
      name: this.i18n.t(`dashboard.responseType.${type}`),
      data: rows.map((row) => row.byResponseType[type] ?? 0),
      color: RESPONSE_COLORS[type],
    }));
  }

  /** The recurring list adds how many months; the badge 新 is the last column of the export. */
  private missTable(key: MissListKey, misses: readonly DashboardMissDto[]): MissTable {
    const t = (messageKey: MessageKey) => this.i18n.t(messageKey);
    const withMonths = key === 'recurring';
    const items = misses.map<MissRow>((miss) => ({
      miss,
      unit: miss.unitName ?? t('dashboard.misses.triage'),
      status: t(MISS_STATUS_LABEL[miss.status]),
      statusBadge: MISS_STATUS_BADGE[miss.status],
      recurring: this.i18n.t('dashboard.misses.recurringMonths', { months: miss.recurringMonths }),
    }));
    return {
      key,
      id: `misses-${key}`,
      title: t(`dashboard.misses.${key}`),
      fileName: `quality-misses-${key}-${this.selectedMonth()}`,
      headers: [
        t('dashboard.misses.col.representative'),
        t('dashboard.misses.col.size'),
        t('dashboard.misses.col.unit'),
        t('dashboard.misses.col.status'),
        ...(withMonths ? [t('dashboard.misses.col.recurring')] : []),
        t('dashboard.misses.col.new'),
      ],
      rows: items.map((row) => [
        row.miss.representative,
        row.miss.size,
        row.unit,
        row.status,
        ...(withMonths ? [row.recurring] : []),
        row.miss.isNew ? t('dashboard.misses.new') : '',
      ]),
      items,
    };
  }

  private figuresTable<T extends QualityFigures>(
    id: string,
    title: MessageKey,
    labelHeader: MessageKey,
    rows: readonly T[],
    labelOf: (row: T) => string,
    withSessions = true,
  ): DataTable {
    const t = (key: MessageKey) => this.i18n.t(key);
    return {
      id,
      title: t(title),
      fileName: `quality-${id}-${this.selectedMonth()}`,
      headers: [
        t(labelHeader),
        t('dashboard.col.messages'),
        ...(withSessions ? [t('dashboard.col.sessions')] : []),
        t('dashboard.col.answerRate'),
        t('dashboard.col.satisfactionRate'),
        t('dashboard.col.handOffRate'),
      ],
      rows: [...rows]
        .sort((a, b) => b.messages - a.messages)
        .map((row) => [
          labelOf(row),
          row.messages,
          ...(withSessions ? [row.sessions] : []),
          formatRate(row.answerRate),
          formatRate(row.satisfactionRate),
          formatRate(row.handOffRate),
        ]),
    };
  }
}
