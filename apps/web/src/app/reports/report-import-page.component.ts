import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { Role } from '@tunedesk/contracts';
import { filter, switchMap } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { I18nService } from '../i18n/i18n.service';
import { ReasonPipe } from '../i18n/reason.pipe';
import { RocDatePipe } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { apiErrorMessage, httpErrorOf } from '../shared/api-error';
import { ChartPanelComponent, type ChartSeries } from '../shared/chart/chart-panel.component';
import { confirmAction } from '../shared/confirm-dialog/confirm-dialog.component';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import {
  IMPORT_STATUS_BADGE,
  IMPORT_STATUS_ICON,
  IMPORT_STATUS_LABEL,
  REPORT_UPLOAD_ROLES,
  RESPONSE_TYPES,
  RESPONSE_TYPE_LABEL,
  formatRocMonth,
} from './report-labels';
import { ReportsApi, isImportActive } from './reports.api';
import { RocMonthPipe } from './roc-month.pipe';
import { type FileFormat, FileLinksComponent } from '../shared/export/file-links.component';

/** Who may withdraw a month's conversation log; the server checks the same again. */
export const REPORT_WITHDRAW_ROLES: readonly Role[] = [Role.ServiceSection, Role.SystemAdmin];

@Component({
  selector: 'td-report-import-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FileLinksComponent,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    RouterLink,
    ChartPanelComponent,
    LoadStateComponent,
    ReasonPipe,
    RocDatePipe,
    RocMonthPipe,
    TranslatePipe,
  ],
  templateUrl: './report-import-page.component.html',
  styleUrl: './report-import-page.component.scss',
})
export class ReportImportPageComponent {
  private readonly api = inject(ReportsApi);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  /** `:id` of the route. */
  readonly id = input.required<string>();

  protected readonly statusLabel = IMPORT_STATUS_LABEL;
  protected readonly statusBadge = IMPORT_STATUS_BADGE;
  protected readonly statusIcon = IMPORT_STATUS_ICON;

  private readonly importId = computed(() => Number(this.id()));
  /** Polled every second while the worker has the import; the subscription ends with the page. */
  protected readonly report = rxResource({ params: () => this.importId(), stream: ({ params }) => this.api.watchImport(params) });
  protected readonly current = computed(() => (this.report.hasValue() ? this.report.value() : null));
  protected readonly active = computed(() => {
    const current = this.current();
    return !!current && isImportActive(current.status);
  });
  protected readonly notFound = computed(() => httpErrorOf(this.report.error())?.status === 404);

  protected readonly canCancel = computed(() => this.active() && this.auth.hasRole(...REPORT_UPLOAD_ROLES));
  protected readonly cancelling = signal(false);

  /** A completed conversation log can be taken back, with its month's figures. */
  protected readonly canWithdraw = computed(() => {
    const current = this.current();
    return !!current && current.status === 'completed' && current.kind === 'log' && this.auth.hasRole(...REPORT_WITHDRAW_ROLES);
  });
  protected readonly withdrawing = signal(false);
  /** Why the server refused the withdrawal (the month's cycle already announced). */
  protected readonly withdrawError = signal<string | null>(null);

  /** 讀取檔案 for 'reading'; a stage without a name here is shown as the worker wrote it. */
  protected readonly stageLabel = computed(() => {
    const current = this.current();
    if (!current) return '';
    if (current.status === 'queued') return this.i18n.t('reports.stage.queued');
    return current.stage
      ? this.i18n.tryT(`reports.stage.${current.stage}`, current.stage)
      : this.i18n.t(IMPORT_STATUS_LABEL[current.status]);
  });

  protected readonly chartLabels = computed(() => this.responseCounts().map((entry) => this.i18n.t(RESPONSE_TYPE_LABEL[entry.type])));
  protected readonly chartSeries = computed<ChartSeries[]>(() => [
    { name: this.i18n.t('reports.import.messages'), data: this.responseCounts().map((entry) => entry.count), color: '#3d6fb4' },
  ]);
  private readonly responseCounts = computed(() => {
    const counts = this.current()?.byResponseType ?? {};
    return RESPONSE_TYPES.filter((type) => counts[type] !== undefined).map((type) => ({ type, count: counts[type] ?? 0 }));
  });

  /** The rows the import turned down, once it has finished with them. */
  protected readonly rejected = rxResource({
    params: () => {
      const current = this.current();
      return current && !isImportActive(current.status) && current.rejected > 0 ? current.id : undefined;
    },
    stream: ({ params }) => this.api.rejected(params),
  });
  protected readonly rejectedHref = computed(() => {
    const id = this.importId();
    return (format: FileFormat) => (format === 'csv' ? this.api.rejectedCsvHref(id) : this.api.rejectedHref(id, format));
  });

  /** The tuning cycle the completed import opened. */
  protected readonly cycles = rxResource({
    params: () => (this.current()?.status === 'completed' ? this.importId() : undefined),
    stream: () => this.api.cycles(),
  });
  protected readonly cycle = computed(() => {
    if (!this.cycles.hasValue()) return null;
    return this.cycles.value().find((cycle) => cycle.importId === this.importId()) ?? null;
  });

  protected withdraw(): void {
    const current = this.current();
    if (!current || this.withdrawing()) return;
    const month = formatRocMonth(current.month, this.i18n.lang());
    confirmAction(this.dialog, {
      title: this.i18n.t('dashboard.withdraw.title', { month }),
      message: this.i18n.t('dashboard.withdraw.body', { month }),
      confirmLabel: this.i18n.t('dashboard.withdraw.confirm'),
      danger: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.withdrawing.set(true);
          this.withdrawError.set(null);
          return this.api.withdraw(current.id);
        }),
      )
      .subscribe({
        next: (withdrawn) => {
          this.withdrawing.set(false);
          this.report.set(withdrawn);
          this.snackBar.open(this.i18n.t('dashboard.withdraw.done', { month }), this.i18n.t('common.dismiss'), { duration: 5000 });
        },
        error: (error: unknown) => {
          this.withdrawing.set(false);
          // Other failures have had their snackbar from the error interceptor.
          if (httpErrorOf(error)?.status === 409) this.withdrawError.set(apiErrorMessage(error, this.i18n));
        },
      });
  }

  protected cancel(): void {
    const current = this.current();
    if (!current || this.cancelling()) return;
    confirmAction(this.dialog, {
      title: this.i18n.t('reports.cancel.title'),
      message: this.i18n.t('reports.cancel.body', { id: current.id, name: current.fileName }),
      confirmLabel: this.i18n.t('reports.cancel.button'),
      danger: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.cancelling.set(true);
          return this.api.cancelImport(current.id);
        }),
      )
      .subscribe({
        next: () => {
          this.cancelling.set(false);
          // Watch again: the worker may take a moment to stop.
          this.report.reload();
        },
        error: () => this.cancelling.set(false),
      });
  }
}
