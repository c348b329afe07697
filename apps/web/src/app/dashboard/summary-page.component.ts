import type { ListStatus } from '@tunedesk/contracts';
import { LIST_STATUS_LABEL } from '../proposals/proposal-labels';
import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, DOCUMENT, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, Router } from '@angular/router';
import { EFFECT_VERDICTS, type MonthlySummaryDto, type QualityFigures, ResponseType } from '@tunedesk/contracts';
import { I18nService } from '../i18n/i18n.service';
import type { MessageKey } from '../i18n/messages';
import { formatDisplayDate } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { formatRocMonth } from '../reports/report-labels';
import { RocMonthPipe } from '../reports/roc-month.pipe';
import { httpErrorOf } from '../shared/api-error';
import { TableExportComponent } from '../shared/export/table-export.component';
import type { ExportTable } from '../shared/export/table-export.service';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { DashboardApi } from './dashboard.api';
import { DashboardTabsComponent } from './dashboard-tabs.component';
import { VERDICT_LABEL } from './effect-page.component';

type Cell = string | number | null;

/** A table of the sheet: what is shown, printed and exported. */
export interface SummaryTable extends ExportTable {
  /** data-testid suffix of the table and its export buttons */
  id: string;
  headers: string[];
  rows: Cell[][];
  /** The 合計 row, shown in the table's foot and exported last */
  total: Cell[] | null;
  /** Columns whose cells are figures (right-aligned) */
  numeric: boolean[];
}

const RESPONSE_TYPES: readonly ResponseType[] = [
  ResponseType.Answered,
  ResponseType.Suggested,
  ResponseType.Unanswered,
  ResponseType.ChitChat,
  ResponseType.Invalid,
];

type KpiKey = 'messages' | 'sessions' | 'answerRate' | 'satisfactionRate' | 'handOffRate';
type KpiKind = 'count' | 'rate';

const KPIS: readonly { key: KpiKey; kind: KpiKind }[] = [
  { key: 'messages', kind: 'count' },
  { key: 'sessions', kind: 'count' },
  { key: 'answerRate', kind: 'rate' },
  { key: 'satisfactionRate', kind: 'rate' },
  { key: 'handOffRate', kind: 'rate' },
];

/** How many of the month's largest miss clusters the sheet lists. */
export const TOP_MISSES = 5;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A rate (0–1) as a percentage with one decimal, or null. */
export function formatPercent(rate: number | null | undefined): string | null {
  return rate === null || rate === undefined ? null : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/**
 * The change against an earlier figure, signed, one decimal: counts in per
 * cent of the earlier figure, rates in percentage points. Null when it cannot be told.
 */
export function signedChange(
  kind: KpiKind,
  current: number | null,
  base: number | null | undefined,
): { sign: string; value: string } | null {
  if (current === null || base === null || base === undefined) return null;
  if (kind === 'count' && base === 0) return null;
  const delta = kind === 'count' ? ((current - base) / base) * 100 : (current - base) * 100;
  const value = Math.abs(delta).toFixed(1);
  const sign = value === '0.0' ? '' : delta > 0 ? '+' : '-';
  return { sign, value };
}

function sum<T>(rows: readonly T[], of: (row: T) => number): number {
  return rows.reduce((total, row) => total + of(row), 0);
}

/**
 * /dashboard/summary — 月報摘要: the month on one A4 portrait sheet for the
 * service section's monthly report: the KPIs, the cycle and its changes per
 * unit, what is still open, the largest misses and whether tuning worked.
 * The month lives in the address (?month=2026-10); 列印 prints the sheet only.
 */
@Component({
  selector: 'td-summary-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    NgTemplateOutlet,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatSelectModule,
    DashboardTabsComponent,
    LoadStateComponent,
    RocMonthPipe,
    TableExportComponent,
    TranslatePipe,
  ],
  templateUrl: './summary-page.component.html',
  styleUrl: './summary-page.component.scss',
})
export class SummaryPageComponent {
  private readonly api = inject(DashboardApi);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly document = inject(DOCUMENT);

  /** Query parameter, bound by the router (withComponentInputBinding). */
  readonly month = input<string>();

  protected readonly quality = rxResource({ stream: () => this.api.quality() });

  /** Imported months, newest first. */
  protected readonly months = computed(() =>
    this.quality.hasValue() ? [...new Set(this.quality.value().months.map((row) => row.month))].sort((a, b) => b.localeCompare(a)) : [],
  );
  protected readonly noMonths = computed(() => this.quality.hasValue() && this.months().length === 0);

  /** The month of the address when it is one, else the latest imported. */
  protected readonly selectedMonth = computed<string | undefined>(() => {
    const months = this.months();
    if (months.length === 0) return undefined;
    const wanted = this.month()?.trim();
    return wanted && MONTH.test(wanted) ? wanted : months[0];
  });
  protected readonly monthOptions = computed(() => {
    const selected = this.selectedMonth();
    const months = this.months();
    return selected && !months.includes(selected) ? [...months, selected].sort((a, b) => b.localeCompare(a)) : months;
  });
  protected readonly monthLabel = computed(() => formatRocMonth(this.selectedMonth(), this.i18n.lang()));

  protected readonly summary = rxResource({ params: () => this.selectedMonth(), stream: ({ params }) => this.api.summary(params) });
  protected readonly notFound = computed(() => httpErrorOf(this.summary.error())?.status === 404);
  protected readonly data = computed<MonthlySummaryDto | null>(() => (this.summary.hasValue() ? this.summary.value() : null));

  protected readonly sheetTitle = computed(() => this.i18n.t('dashSummary.sheetTitle', { month: this.monthLabel() }));
  protected readonly generatedAt = computed(() => {
    const data = this.data();
    return data
      ? this.i18n.t('dashSummary.generatedAt', { time: formatDisplayDate(data.generatedAt, 'short-time', this.i18n.lang()) })
      : '';
  });

  /** 1. The month's KPIs against the month before and, when imported, the same month a year earlier. */
  protected readonly kpiTable = computed<SummaryTable | null>(() => {
    const quality = this.data()?.quality;
    if (!quality) return null;
    const t = (key: MessageKey) => this.i18n.t(key);
    const withLastYear = quality.lastYear !== null;
    const headers = [
      t('dashSummary.col.indicator'),
      t('dashSummary.col.current'),
      t('dashSummary.col.previous'),
      t('dashSummary.col.vsPrevious'),
    ];
    if (withLastYear) headers.push(t('dashSummary.col.lastYear'), t('dashSummary.col.vsLastYear'));
    const rows = KPIS.map(({ key, kind }) => {
      const row: Cell[] = [
        t(`dashSummary.kpi.${key}`),
        this.figure(kind, quality[key]),
        this.figure(kind, quality.previous?.[key]),
        this.changeText(kind, quality[key], quality.previous?.[key]),
      ];
      if (withLastYear) row.push(this.figure(kind, quality.lastYear?.[key]), this.changeText(kind, quality[key], quality.lastYear?.[key]));
      return row;
    });
    return this.table('kpis', 'dashSummary.kpi.title', headers, rows, null);
  });

  /** 1. The month's messages by response type, with their share and the month before. */
  protected readonly responseTable = computed<SummaryTable | null>(() => {
    const quality = this.data()?.quality;
    if (!quality) return null;
    const t = (key: MessageKey) => this.i18n.t(key);
    const count = (figures: QualityFigures | null, type: ResponseType) => (figures ? (figures.byResponseType[type] ?? 0) : null);
    const rows = RESPONSE_TYPES.map((type) => {
      const value = count(quality, type) ?? 0;
      return [
        t(`dashSummary.responseType.${type}`),
        value,
        formatPercent(quality.messages ? value / quality.messages : null),
        count(quality.previous, type),
      ];
    });
    return this.table(
      'response-types',
      'dashSummary.responseTypes.title',
      [t('dashSummary.col.responseType'), t('dashSummary.col.count'), t('dashSummary.col.share'), t('dashSummary.col.previous')],
      rows,
      [t('dashSummary.total'), quality.messages, quality.messages ? '100.0%' : null, quality.previous?.messages ?? null],
    );
  });

  protected readonly cycleFacts = computed(() => {
    const cycle = this.data()?.cycle;
    if (!cycle) return null;
    const lang = this.i18n.lang();
    const date = (value: string | null) => (value ? formatDisplayDate(value, 'short', lang) : this.i18n.t('dashSummary.cycle.notYet'));
    return [
      { key: 'label', label: this.i18n.t('dashSummary.cycle.label'), value: cycle.label },
      { key: 'announcedAt', label: this.i18n.t('dashSummary.cycle.announcedAt'), value: date(cycle.announcedAt) },
      {
        key: 'dueDate',
        label: this.i18n.t('dashSummary.cycle.dueDate'),
        value: cycle.dueDate ? date(cycle.dueDate) : this.i18n.t('dashEffect.none'),
      },
      { key: 'changeSetSentAt', label: this.i18n.t('dashSummary.cycle.changeSetSentAt'), value: date(cycle.changeSetSentAt) },
      { key: 'closedAt', label: this.i18n.t('dashSummary.cycle.closedAt'), value: date(cycle.closedAt) },
    ];
  });

  /** 2. The cycle's proposals per unit, with a total row. */
  protected readonly changesTable = computed<SummaryTable | null>(() => {
    const data = this.data();
    if (!data) return null;
    const t = (key: MessageKey) => this.i18n.t(key);
    const rows = data.changes;
    return this.table(
      'changes',
      'dashSummary.changes.title',
      [
        t('dashSummary.col.unit'),
        t('dashSummary.col.add'),
        t('dashSummary.col.modify'),
        t('dashSummary.col.delete'),
        t('dashSummary.col.approved'),
        t('dashSummary.col.applied'),
        t('dashSummary.col.deferred'),
        t('dashSummary.col.listStatus'),
      ],
      rows.map((row) => [
        row.unitName,
        row.add,
        row.modify,
        row.delete,
        row.approved,
        row.applied,
        row.deferred,
        this.listStatus(row.listStatus),
      ]),
      rows.length
        ? [
            t('dashSummary.total'),
            sum(rows, (row) => row.add),
            sum(rows, (row) => row.modify),
            sum(rows, (row) => row.delete),
            sum(rows, (row) => row.approved),
            sum(rows, (row) => row.applied),
            sum(rows, (row) => row.deferred),
            null,
          ]
        : null,
      [7],
    );
  });

  /** 3. Queue items not yet answered, per unit, with a total row. */
  protected readonly openTable = computed<SummaryTable | null>(() => {
    const data = this.data();
    if (!data) return null;
    const t = (key: MessageKey) => this.i18n.t(key);
    const rows = data.open;
    return this.table(
      'open',
      'dashSummary.open.title',
      [t('dashSummary.col.unit'), t('dashSummary.col.open'), t('dashSummary.col.claimed'), t('dashSummary.col.overdue')],
      rows.map((row) => [row.unitName, row.open, row.claimed, row.overdue]),
      rows.length
        ? [t('dashSummary.total'), sum(rows, (row) => row.open), sum(rows, (row) => row.claimed), sum(rows, (row) => row.overdue)]
        : null,
    );
  });

  /** 4. The month's largest miss clusters. */
  protected readonly missesTable = computed<SummaryTable | null>(() => {
    const misses = this.data()?.misses;
    if (!misses) return null;
    const t = (key: MessageKey) => this.i18n.t(key);
    const top = [...misses.largest].sort((a, b) => b.size - a.size).slice(0, TOP_MISSES);
    return this.table(
      'misses',
      'dashSummary.misses.title',
      [
        t('dashSummary.col.rank'),
        t('dashSummary.col.representative'),
        t('dashSummary.col.unit'),
        t('dashSummary.col.size'),
        t('dashSummary.col.recurring'),
      ],
      top.map((cluster, index) => [
        index + 1,
        cluster.representative,
        cluster.unitName,
        cluster.size,
        cluster.recurringMonths === 1
          ? this.i18n.t('dashSummary.recurringMonthsOne')
          : this.i18n.t('dashSummary.recurringMonths', { count: cluster.recurringMonths }),
      ]),
      null,
      [1, 2],
    );
  });
  protected readonly missesCounts = computed(() => {
    const misses = this.data()?.misses;
    return misses
      ? this.i18n.t('dashSummary.misses.counts', {
          clusters: misses.clusters,
          misses: misses.misses,
          newClusters: misses.newClusters,
          recurringClusters: misses.recurringClusters,
        })
      : null;
  });

  /** 5. Applied changes per verdict. */
  protected readonly effectTable = computed<SummaryTable | null>(() => {
    const data = this.data();
    if (!data) return null;
    const t = (key: MessageKey) => this.i18n.t(key);
    const counts = EFFECT_VERDICTS.map((verdict) => data.effect[verdict] ?? 0);
    return this.table(
      'effect',
      'dashSummary.effect.title',
      [t('dashSummary.col.verdict'), t('dashSummary.col.proposals')],
      EFFECT_VERDICTS.map((verdict, index) => [t(VERDICT_LABEL[verdict]), counts[index]]),
      [t('dashSummary.total'), counts.reduce((total, count) => total + count, 0)],
    );
  });

  protected setMonth(month: string): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { month }, queryParamsHandling: 'merge' });
  }

  protected print(): void {
    this.document.defaultView?.print();
  }

  /** `textColumns`: the columns after the first whose cells are words, not figures (figures are right-aligned). */
  private table(
    id: string,
    title: MessageKey,
    headers: string[],
    rows: Cell[][],
    total: Cell[] | null,
    textColumns: number[] = [],
  ): SummaryTable {
    return {
      id,
      title: this.i18n.t(title),
      fileName: `monthly-summary-${this.selectedMonth()}-${id}`,
      headers,
      rows,
      total,
      numeric: headers.map((_, column) => column > 0 && !textColumns.includes(column)),
    };
  }

  /** A cell as shown: counts with thousands separators, nothing as a dash. */
  protected show(cell: Cell): string {
    if (cell === null) return this.i18n.t('dashEffect.none');
    return typeof cell === 'number' ? cell.toLocaleString('en-US') : cell;
  }

  /** What goes to the export: the rows and then the total. */
  protected exportOf(table: SummaryTable): ExportTable {
    return {
      fileName: table.fileName,
      title: table.title,
      headers: table.headers,
      rows: table.total ? [...table.rows, table.total] : table.rows,
    };
  }

  private figure(kind: KpiKind, value: number | null | undefined): string {
    if (value === null || value === undefined) return this.i18n.t('dashEffect.none');
    return kind === 'count' ? value.toLocaleString('en-US') : (formatPercent(value) ?? this.i18n.t('dashEffect.none'));
  }

  private changeText(kind: KpiKind, current: number | null, base: number | null | undefined): string {
    const change = signedChange(kind, current, base);
    if (!change) return this.i18n.t('dashEffect.none');
    return this.i18n.t(kind === 'count' ? 'dashSummary.change.count' : 'dashSummary.change.points', change);
  }

  private listStatus(status: string | null): string {
    if (!status) return this.i18n.t('dashSummary.listStatus.none');
    const key = LIST_STATUS_LABEL[status as ListStatus];
    return key ? this.i18n.t(key) : status;
  }
}
