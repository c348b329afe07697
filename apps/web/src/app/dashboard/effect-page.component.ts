import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { ActivatedRoute, type Params, Router, RouterLink } from '@angular/router';
import {
  EFFECT_VERDICTS,
  type EffectDto,
  type EffectRowDto,
  type EffectVerdict,
  type QueueItemKind,
  Role,
  type SendBackResultDto,
} from '@tunedesk/contracts';
import { EMPTY, catchError, filter, finalize, switchMap, tap } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { I18nService } from '../i18n/i18n.service';
import type { MessageKey } from '../i18n/messages';
import { formatDisplayDate } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { PROPOSAL_KIND_BADGE, PROPOSAL_KIND_LABEL } from '../proposals/proposal-labels';
import { formatRocMonth } from '../reports/report-labels';
import { ChartPanelComponent, type ChartSeries } from '../shared/chart/chart-panel.component';
import { confirmAction } from '../shared/confirm-dialog/confirm-dialog.component';
import { TableExportComponent } from '../shared/export/table-export.component';
import type { ExportTable } from '../shared/export/table-export.service';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { DashboardApi } from './dashboard.api';
import { DashboardTabsComponent } from './dashboard-tabs.component';

/** Improved green, unchanged neutral, worse red, pending blue. */
export const VERDICT_BADGE: Record<EffectVerdict, string> = {
  improved: 'td-badge--ok',
  unchanged: 'td-badge--muted',
  worse: 'td-badge--error',
  pending: 'td-badge--info',
};

export const VERDICT_LABEL: Record<EffectVerdict, MessageKey> = {
  improved: 'dashEffect.verdict.improved',
  unchanged: 'dashEffect.verdict.unchanged',
  worse: 'dashEffect.verdict.worse',
  pending: 'dashEffect.verdict.pending',
};

const VERDICT_ICON: Record<EffectVerdict, string> = {
  improved: 'trending_down',
  unchanged: 'trending_flat',
  worse: 'trending_up',
  pending: 'hourglass_empty',
};

/** Only a change that did not cut its misses is worth sending back. */
const SEND_BACK_VERDICTS: readonly EffectVerdict[] = ['unchanged', 'worse'];

/** Who may send a change back to its unit; the server checks the same again. */
export const SEND_BACK_ROLES: readonly Role[] = [Role.GroupLeader, Role.ServiceSection];

const TARGET_LABEL: Record<QueueItemKind, MessageKey> = {
  cluster: 'dashEffect.target.cluster',
  review: 'dashEffect.target.review',
};

/** A mean of misses a month: whole numbers as they are, others with one decimal. */
export function formatMean(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** (after − before) ÷ before as a signed percentage with one decimal: +25.0%, -40.0%, 0.0%; null stays null. */
export function formatChange(change: number | null): string | null {
  if (change === null) return null;
  const percent = Math.round(change * 1000) / 10;
  const sign = percent > 0 ? '+' : percent < 0 ? '-' : '';
  return `${sign}${Math.abs(percent).toFixed(1)}%`;
}

/** The rule of `EffectDto.rule` in whole percentages. */
export function ruleParams(rule: EffectDto['rule']): { months: number; improved: number; worse: number } {
  return {
    months: rule.months,
    improved: Math.round(Math.abs(rule.improvedAtMost) * 100),
    worse: Math.round(rule.worseAtLeast * 100),
  };
}

interface Option<T> {
  value: T;
  label: string;
}

/** The options seen so far and the new ones, without repeats: a filtered answer must not shrink the pickers. */
function mergeOptions<T>(known: readonly Option<T>[], found: readonly Option<T>[]): Option<T>[] {
  const merged = new Map(known.map((option) => [option.value, option]));
  for (const option of found) merged.set(option.value, option);
  return [...merged.values()];
}

interface EffectRowView {
  row: EffectRowDto;
  kindLabel: MessageKey;
  kindBadge: string;
  appliedAt: string;
  before: string;
  beforeMean: string;
  after: string | null;
  afterMean: string | null;
  change: string;
  verdictLabel: string;
  verdictBadge: string;
  verdictIcon: string;
  sentBack: { text: string; link: string[]; target: string } | null;
  canSendBack: boolean;
}

/** Query parameter of the address, or nothing when empty. */
function param(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/**
 * /dashboard/effect — 調校成效: whether each change applied to the knowledge
 * base cut its source clusters' misses (the months before against the months
 * after), with a verdict; a change that did not can be sent back to its unit's
 * queue for another look. The filters live in the address
 * (?cycle=4&unit=HT&verdict=worse).
 */
@Component({
  selector: 'td-effect-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatButtonToggleModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatSelectModule,
    RouterLink,
    ChartPanelComponent,
    DashboardTabsComponent,
    LoadStateComponent,
    TableExportComponent,
    TranslatePipe,
  ],
  templateUrl: './effect-page.component.html',
  styleUrl: './effect-page.component.scss',
})
export class EffectPageComponent {
  private readonly api = inject(DashboardApi);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly destroyRef = inject(DestroyRef);

  // Query parameters, bound by the router (withComponentInputBinding).
  readonly cycle = input<string>();
  readonly unit = input<string>();
  readonly verdict = input<string>();

  protected readonly verdicts = EFFECT_VERDICTS;
  protected readonly verdictLabel = VERDICT_LABEL;

  protected readonly filters = computed(() => {
    const cycle = Number(param(this.cycle()));
    const verdict = param(this.verdict()) as EffectVerdict | null;
    return {
      cycle: Number.isInteger(cycle) && cycle > 0 ? cycle : null,
      unit: param(this.unit()),
      verdict: verdict && EFFECT_VERDICTS.includes(verdict) ? verdict : null,
    };
  });
  protected readonly hasFilters = computed(() => {
    const { cycle, unit, verdict } = this.filters();
    return cycle !== null || unit !== null || verdict !== null;
  });

  protected readonly effect = rxResource({ params: () => this.filters(), stream: ({ params }) => this.api.effect(params) });

  protected readonly rows = computed<EffectRowDto[]>(() => (this.effect.hasValue() ? this.effect.value().rows : []));
  /** Nothing applied at all (not merely nothing matching the filters). */
  protected readonly nothingApplied = computed(() => this.effect.hasValue() && this.rows().length === 0 && !this.hasFilters());

  /** The last counts known, kept while another filter loads so the toggles do not jump. */
  protected readonly counts = linkedSignal<Record<EffectVerdict, number> | undefined, Record<EffectVerdict, number> | null>({
    source: () => (this.effect.hasValue() ? this.effect.value().counts : undefined),
    computation: (counts, previous) => counts ?? previous?.value ?? null,
  });
  protected readonly total = computed(() => {
    const counts = this.counts();
    return counts ? EFFECT_VERDICTS.reduce((sum, verdict) => sum + (counts[verdict] ?? 0), 0) : null;
  });

  protected readonly ruleText = computed(() =>
    this.effect.hasValue() ? this.i18n.t('dashEffect.rule', ruleParams(this.effect.value().rule)) : '',
  );

  /** Newest cycle first; the one of the address even when no row shows it. */
  private readonly knownCycles = linkedSignal<EffectRowDto[], Option<number>[]>({
    source: () => this.rows(),
    computation: (rows, previous) =>
      mergeOptions(
        previous?.value ?? [],
        rows.map((row) => ({ value: row.cycleId, label: row.cycleLabel })),
      ),
  });
  protected readonly cycleOptions = computed(() => {
    const wanted = this.filters().cycle;
    const options = this.knownCycles();
    const all =
      wanted !== null && !options.some((option) => option.value === wanted)
        ? [...options, { value: wanted, label: `#${wanted}` }]
        : options;
    return [...all].sort((a, b) => b.value - a.value);
  });
  private readonly knownUnits = linkedSignal<EffectRowDto[], Option<string>[]>({
    source: () => this.rows(),
    computation: (rows, previous) =>
      mergeOptions(
        previous?.value ?? [],
        rows.map((row) => ({ value: row.unitCode, label: row.unitName })),
      ),
  });
  protected readonly unitOptions = computed(() => {
    const wanted = this.filters().unit;
    const options = this.knownUnits();
    const all =
      wanted !== null && !options.some((option) => option.value === wanted) ? [...options, { value: wanted, label: wanted }] : options;
    return [...all].sort((a, b) => a.value.localeCompare(b.value));
  });

  protected readonly canSendBack = computed(() => this.auth.hasRole(...SEND_BACK_ROLES));
  /** The proposal being sent back. */
  protected readonly busy = signal<number | null>(null);

  protected readonly views = computed<EffectRowView[]>(() => {
    const lang = this.i18n.lang();
    const canSendBack = this.canSendBack();
    return this.rows().map((row) => {
      const sentBack = row.sentBack;
      return {
        row,
        kindLabel: PROPOSAL_KIND_LABEL[row.kind],
        kindBadge: PROPOSAL_KIND_BADGE[row.kind],
        appliedAt: formatDisplayDate(row.appliedAt, 'short', lang),
        before: this.missesText(row.before),
        beforeMean: formatMean(row.beforeMean),
        after: row.after.length ? this.missesText(row.after) : null,
        afterMean: row.afterMean === null ? null : formatMean(row.afterMean),
        change: formatChange(row.change) ?? this.i18n.t('dashEffect.none'),
        verdictLabel: this.i18n.t(VERDICT_LABEL[row.verdict]),
        verdictBadge: VERDICT_BADGE[row.verdict],
        verdictIcon: VERDICT_ICON[row.verdict],
        sentBack: sentBack
          ? {
              text: this.i18n.t('dashEffect.sentBack', { date: formatDisplayDate(sentBack.at, 'short', lang), by: sentBack.by }),
              link: ['/queue', sentBack.kind, String(sentBack.id)],
              target: this.i18n.t(TARGET_LABEL[sentBack.kind], { id: sentBack.id }),
            }
          : null,
        canSendBack: canSendBack && !sentBack && SEND_BACK_VERDICTS.includes(row.verdict),
      };
    });
  });

  // The chart of the counts per verdict (its own table and export are in td-chart-panel).
  protected readonly chartLabels = computed(() => EFFECT_VERDICTS.map((verdict) => this.i18n.t(VERDICT_LABEL[verdict])));
  protected readonly chartSeries = computed<ChartSeries[]>(() => {
    const counts = this.effect.hasValue() ? this.effect.value().counts : null;
    return [
      {
        name: this.i18n.t('dashEffect.chart.series'),
        data: EFFECT_VERDICTS.map((verdict) => counts?.[verdict] ?? 0),
        color: '#3d6fb4',
      },
    ];
  });

  /** The table flattened to text, as exported. */
  protected readonly exportTable = computed<ExportTable>(() => {
    const t = (key: MessageKey) => this.i18n.t(key);
    const { cycle, unit, verdict } = this.filters();
    const suffix = [cycle ? `c${cycle}` : '', unit ?? '', verdict ?? ''].filter(Boolean).join('-');
    return {
      fileName: suffix ? `tuning-effect-${suffix}` : 'tuning-effect',
      title: t('dashEffect.table.title'),
      headers: [
        t('dashEffect.col.proposal'),
        t('dashEffect.col.cycle'),
        t('dashEffect.col.unit'),
        t('dashEffect.col.kind'),
        t('dashEffect.col.itemId'),
        t('dashEffect.col.title'),
        t('dashEffect.col.appliedAt'),
        t('dashEffect.col.source'),
        t('dashEffect.col.before'),
        t('dashEffect.col.beforeMean'),
        t('dashEffect.col.after'),
        t('dashEffect.col.afterMean'),
        t('dashEffect.col.change'),
        t('dashEffect.col.verdict'),
        t('dashEffect.col.sentBack'),
      ],
      rows: this.views().map((view) => [
        view.row.proposalId,
        view.row.cycleLabel,
        view.row.unitName,
        t(view.kindLabel),
        view.row.kbItemId,
        view.row.title,
        view.appliedAt,
        view.row.sourceRepresentative,
        view.before,
        view.row.beforeMean,
        view.after ?? t('dashEffect.noData'),
        view.row.afterMean,
        view.change,
        view.verdictLabel,
        view.sentBack ? `${view.sentBack.text} ${view.sentBack.target}` : null,
      ]),
    };
  });

  protected setFilter(name: 'cycle' | 'unit' | 'verdict', value: string | number | null | undefined): void {
    this.navigate({ [name]: value === null || value === undefined || value === '' ? null : String(value) });
  }

  protected clearFilters(): void {
    this.navigate({ cycle: null, unit: null, verdict: null });
  }

  /** Asks first, then puts the change's misses back in the unit's queue and says where they went. */
  protected sendBack(row: EffectRowDto): void {
    confirmAction(this.dialog, {
      title: this.i18n.t('dashEffect.sendBack.title'),
      message: this.i18n.t('dashEffect.sendBack.message', { id: row.proposalId, unit: row.unitName, source: row.sourceRepresentative }),
      confirmLabel: this.i18n.t('dashEffect.sendBack.confirm'),
    })
      .pipe(
        filter(Boolean),
        tap(() => this.busy.set(row.proposalId)),
        switchMap(() =>
          this.api.sendBack(row.proposalId).pipe(
            // The error interceptor has said what went wrong.
            catchError(() => EMPTY),
            finalize(() => this.busy.set(null)),
          ),
        ),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((result) => {
        this.announceSentBack(row, result);
        this.effect.reload();
      });
  }

  private announceSentBack(row: EffectRowDto, result: SendBackResultDto): void {
    const target = this.i18n.t(TARGET_LABEL[result.kind], { id: result.id });
    const ref = this.snackBar.open(
      this.i18n.t('dashEffect.sendBack.done', { unit: row.unitName, target }),
      this.i18n.t('dashEffect.sendBack.open'),
      { duration: 10000 },
    );
    ref
      .onAction()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(() => void this.router.navigate(['/queue', result.kind, result.id]));
  }

  private missesText(months: readonly { month: string; misses: number }[]): string {
    const lang = this.i18n.lang();
    const separator = lang === 'zh-TW' ? '、' : ', ';
    return months
      .map((entry) => this.i18n.t('dashEffect.monthMisses', { month: formatRocMonth(entry.month, lang), count: entry.misses }))
      .join(separator);
  }

  private navigate(queryParams: Params): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams, queryParamsHandling: 'merge' });
  }
}
