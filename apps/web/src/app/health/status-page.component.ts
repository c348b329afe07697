import { Role } from '@tunedesk/contracts';
import { AuthService } from '../auth/auth.service';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { type JobRunDto, JobStatus } from '@tunedesk/contracts';
import { describeHttpError } from '../http/error.interceptor';
import { I18nService } from '../i18n/i18n.service';
import { RocDatePipe, formatDisplayDate } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { JobsApi } from '../jobs/jobs.api';
import { ChartPanelComponent, type ChartSeries } from '../shared/chart/chart-panel.component';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { HealthApi } from './health.api';
import { STATE_BADGE, STATE_ICON } from './health-labels';

export const SUMMARY_DAYS = 14;

const SERIES_COLORS = { succeeded: '#2e7d5b', failed: '#c0392b', other: '#8d999e' } as const;

type SelfTest =
  | { phase: 'idle' }
  | { phase: 'running'; run: JobRunDto | null }
  | { phase: 'finished'; run: JobRunDto }
  | { phase: 'error'; message: string };

interface SelfTestResult {
  processedBy?: string;
  attempt?: number;
}

@Component({
  selector: 'td-status-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    MatTableModule,
    ChartPanelComponent,
    LoadStateComponent,
    RocDatePipe,
    TranslatePipe,
  ],
  templateUrl: './status-page.component.html',
  styleUrl: './status-page.component.scss',
})
export class StatusPageComponent {
  private readonly i18n = inject(I18nService);
  private readonly healthApi = inject(HealthApi);
  private readonly jobsApi = inject(JobsApi);
  private readonly destroyRef = inject(DestroyRef);
  private readonly auth = inject(AuthService);
  /** The self-test enqueues a job: the IT section and administrators only (the API refuses others). */
  protected readonly canSelfTest = computed(() => !!this.auth.me() && this.auth.hasRole(Role.ItSection, Role.SystemAdmin));

  protected readonly stateBadge = STATE_BADGE;
  protected readonly stateIcon = STATE_ICON;

  /** The API's words for how jobs run ('in-process', 'bullmq', 'in-process job runner') in the interface language; versions as they are. */
  protected detail(detail: string | undefined): string {
    return detail ? this.i18n.tryT(`vocab.health.detail.${detail}`, detail) : '—';
  }
  protected readonly JobStatus = JobStatus;
  protected readonly recentColumns = ['name', 'status', 'progress', 'attempts', 'createdAt', 'finishedAt', 'processedBy'] as const;

  protected readonly health = rxResource({ stream: () => this.healthApi.report() });
  protected readonly summary = rxResource({ stream: () => this.jobsApi.summary(SUMMARY_DAYS) });
  protected readonly recent = rxResource({ stream: () => this.jobsApi.recent() });

  protected readonly selfTest = signal<SelfTest>({ phase: 'idle' });

  protected readonly downNames = computed(() => {
    if (!this.health.hasValue()) return '';
    return this.health
      .value()
      .components.filter((component) => component.state === 'down')
      .map((component) => this.i18n.t(`health.component.${component.name}`))
      .join('、');
  });

  protected readonly chartLabels = computed(() =>
    this.summary.hasValue() ? this.summary.value().map((row) => formatDisplayDate(row.day, 'month-day', this.i18n.lang())) : [],
  );

  protected readonly chartSeries = computed<ChartSeries[]>(() => {
    const rows = this.summary.hasValue() ? this.summary.value() : [];
    return [
      { name: this.i18n.t('jobs.series.succeeded'), data: rows.map((r) => r.succeeded), color: SERIES_COLORS.succeeded },
      { name: this.i18n.t('jobs.series.failed'), data: rows.map((r) => r.failed), color: SERIES_COLORS.failed },
      { name: this.i18n.t('jobs.series.other'), data: rows.map((r) => r.other), color: SERIES_COLORS.other },
    ];
  });

  protected recheck(): void {
    this.health.reload();
  }

  protected startSelfTest(): void {
    this.selfTest.set({ phase: 'running', run: null });
    this.jobsApi
      .runSelfTest()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (run) =>
          this.selfTest.set(
            run.status === JobStatus.Succeeded || run.status === JobStatus.Failed ? { phase: 'finished', run } : { phase: 'running', run },
          ),
        error: (error: unknown) => this.selfTest.set({ phase: 'error', message: describeHttpError(error, this.i18n) }),
        complete: () => {
          this.recent.reload();
          this.summary.reload();
        },
      });
  }

  protected resultOf(run: JobRunDto): SelfTestResult {
    const result = (typeof run.result === 'object' && run.result !== null ? run.result : {}) as SelfTestResult;
    return { processedBy: run.processedBy ?? result.processedBy, attempt: result.attempt ?? run.attempts };
  }

  protected jobName(name: string): string {
    return this.i18n.tryT(`jobName.${name}`, name);
  }
}
