import { FileDrop } from '../shared/file-drop';
import { HttpEventType } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, signal } from '@angular/core';
import { rxResource, takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import { map } from 'rxjs';
import type { ErrorDetail, ReportImportStatus } from '@tunedesk/contracts';
import { AuthService } from '../auth/auth.service';
import { I18nService } from '../i18n/i18n.service';
import type { MessageKey } from '../i18n/messages';
import { localizeReason } from '../i18n/reason.pipe';
import { RocDatePipe } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { apiErrorCode, apiErrorDetails, apiErrorMessage } from '../shared/api-error';
import { FormErrorComponent } from '../shared/form-error/form-error.component';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { RocMonthInputComponent } from '../shared/roc-date/roc-month-input.component';
import {
  IMPORT_STATUS_BADGE,
  IMPORT_STATUS_ICON,
  IMPORT_STATUS_LABEL,
  REPORT_UPLOAD_ROLES,
  formatRocMonth,
  importIdIn,
  monthIn,
} from './report-labels';
import { ReportUploadApi, ReportsApi } from './reports.api';
import { RocMonthPipe } from './roc-month.pipe';
import { TABLE_FILE_EXTENSIONS, acceptsTableFile } from '../shared/upload/table-files';

/** What the import takes: the vendor's CSV/TXT export, or the workbook. */
export const REPORT_EXTENSIONS = TABLE_FILE_EXTENSIONS;

export const acceptsReportFile = acceptsTableFile;

export type UploadState =
  | { phase: 'idle' }
  /** percent is null while the browser cannot tell the size. */
  | { phase: 'uploading'; percent: number | null }
  /** The file is up; the server is queueing it. */
  | { phase: 'processing' }
  /** REPORT_DUPLICATE_FILE: the same file was imported before, as import #importId. */
  | { phase: 'duplicate'; importId: number | null; message: string }
  /** REPORT_MONTH_EXISTS: the month has a report; the user may replace it. */
  | { phase: 'month-exists'; month: string | null }
  | { phase: 'error'; error: unknown };

@Component({
  selector: 'td-report-imports-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatTableModule,
    RouterLink,
    FormErrorComponent,
    LoadStateComponent,
    RocDatePipe,
    RocMonthInputComponent,
    RocMonthPipe,
    TranslatePipe,
  ],
  // Here, not in root: it must take the route's XMLHttpRequest HttpClient (see ReportUploadApi).
  providers: [ReportUploadApi],
  templateUrl: './report-imports-page.component.html',
  styleUrl: './report-imports-page.component.scss',
})
export class ReportImportsPageComponent {
  private readonly api = inject(ReportsApi);
  private readonly uploadApi = inject(ReportUploadApi);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly accept = REPORT_EXTENSIONS.join(',');
  protected readonly columns = ['id', 'month', 'fileName', 'status', 'rows', 'createdBy', 'createdAt'] as const;

  protected readonly canUpload = computed(() => this.auth.hasRole(...REPORT_UPLOAD_ROLES));
  protected readonly imports = rxResource({ stream: () => this.api.imports() });

  protected readonly file = signal<File | null>(null);
  /** YYYY-MM from the month picker; empty: the server reads it from the file. */
  protected readonly month = signal('');
  /** The ROC month picker (115年12月); it hands over YYYY-MM, or '' with an error for text that is no month. */
  protected readonly monthControl = new FormControl('', { nonNullable: true });
  /** Text in the month field that is not a month: the upload waits until it is fixed or cleared. */
  protected readonly monthInvalid = toSignal(this.monthControl.statusChanges.pipe(map((status) => status === 'INVALID')), {
    initialValue: false,
  });
  /** The uploaders' import profiles; none chosen (null), the server detects the columns. */
  protected readonly profiles = rxResource({ params: () => this.canUpload() || undefined, stream: () => this.api.profiles() });
  protected readonly profileOptions = computed(() =>
    this.profiles.hasValue() ? [...this.profiles.value()].sort((a, b) => a.name.localeCompare(b.name, 'zh-Hant')) : [],
  );
  protected readonly profileId = signal<number | null>(null);
  protected readonly wrongFile = signal<string | null>(null);
  protected readonly state = signal<UploadState>({ phase: 'idle' });

  protected readonly busy = computed(() => this.state().phase === 'uploading' || this.state().phase === 'processing');
  private readonly monthFollowsBusy = effect(() => {
    if (this.busy()) this.monthControl.disable({ emitEvent: false });
    else this.monthControl.enable({ emitEvent: false });
  });
  private readonly monthToSignal = this.monthControl.valueChanges.pipe(takeUntilDestroyed()).subscribe((month) => this.onMonth(month));
  protected readonly fileDrop = new FileDrop(this.busy, (file) => this.choose(file));
  protected readonly uploadPercent = computed(() => {
    const state = this.state();
    return state.phase === 'uploading' ? state.percent : null;
  });
  protected readonly duplicate = computed(() => {
    const state = this.state();
    return state.phase === 'duplicate' ? state : null;
  });
  protected readonly monthExists = computed(() => {
    const state = this.state();
    return state.phase === 'month-exists' ? state : null;
  });
  /** 取代 115年10月 的報表？ */
  protected readonly replaceQuestion = computed(() => {
    const state = this.monthExists();
    if (!state) return '';
    return state.month
      ? this.i18n.t('reports.upload.replaceQuestion', { month: formatRocMonth(state.month, this.i18n.lang()) })
      : this.i18n.t('reports.upload.replaceQuestionUnknown');
  });
  private readonly failure = computed(() => {
    const state = this.state();
    return state.phase === 'error' ? state.error : null;
  });
  protected readonly errorMessage = computed(() => (this.failure() ? apiErrorMessage(this.failure(), this.i18n) : ''));
  protected readonly errorDetails = computed(() => apiErrorDetails(this.failure()).map((detail) => this.describeDetail(detail)));

  /** Table rows are untyped; these give the template typed look-ups. */
  protected statusKey(status: ReportImportStatus): MessageKey {
    return IMPORT_STATUS_LABEL[status];
  }

  protected statusBadge(status: ReportImportStatus): string {
    return IMPORT_STATUS_BADGE[status];
  }

  protected statusIcon(status: ReportImportStatus): string {
    return IMPORT_STATUS_ICON[status];
  }

  protected onFileChosen(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.choose(input.files?.[0] ?? null);
  }

  private onMonth(month: string): void {
    this.month.set(month);
    if (!this.busy()) this.state.set({ phase: 'idle' });
  }

  protected onProfile(event: Event): void {
    const id = Number((event.target as HTMLSelectElement).value);
    this.profileId.set(Number.isInteger(id) && id > 0 ? id : null);
  }

  private choose(file: File | null): void {
    if (file && !acceptsReportFile(file.name)) {
      this.file.set(null);
      this.wrongFile.set(file.name);
      return;
    }
    this.wrongFile.set(null);
    this.file.set(file);
    if (file && !this.busy()) this.state.set({ phase: 'idle' });
  }

  protected upload(): void {
    this.send(false);
  }

  /** After REPORT_MONTH_EXISTS: the same file again, replacing the month's report. */
  protected replace(): void {
    this.send(true);
  }

  protected keepExisting(): void {
    this.state.set({ phase: 'idle' });
  }

  private send(replace: boolean): void {
    const file = this.file();
    if (!file || this.busy()) return;
    this.state.set({ phase: 'uploading', percent: 0 });
    this.uploadApi
      .upload(file, { month: this.month() || null, replace, profileId: this.profileId() })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (event) => {
          if (event.type === HttpEventType.UploadProgress) {
            if (event.total && event.loaded >= event.total) this.state.set({ phase: 'processing' });
            else this.state.set({ phase: 'uploading', percent: event.total ? Math.floor((event.loaded / event.total) * 100) : null });
          } else if (event.type === HttpEventType.ResponseHeader) {
            this.state.set({ phase: 'processing' });
          } else if (event.type === HttpEventType.Response && event.body) {
            void this.router.navigate(['/reports/imports', event.body.id]);
          }
        },
        error: (error: unknown) => this.state.set(this.refusal(error)),
      });
  }

  private refusal(error: unknown): UploadState {
    const code = apiErrorCode(error);
    const details = apiErrorDetails(error);
    if (code === 'REPORT_DUPLICATE_FILE') {
      const importId = details.map((detail) => importIdIn(detail.reason)).find((id) => id !== null) ?? null;
      return { phase: 'duplicate', importId, message: apiErrorMessage(error, this.i18n) };
    }
    if (code === 'REPORT_MONTH_EXISTS') {
      const month = this.month() || monthIn(details.flatMap((detail) => [detail.reason, detail.field]));
      return { phase: 'month-exists', month };
    }
    return { phase: 'error', error };
  }

  private describeDetail(detail: ErrorDetail): string {
    const reason = localizeReason(detail.reason, this.i18n.lang());
    if (detail.row !== undefined && detail.column)
      return this.i18n.t('kb.import.detail.rowColumn', { row: detail.row, column: detail.column, reason });
    if (detail.row !== undefined) return this.i18n.t('kb.import.detail.row', { row: detail.row, reason });
    if (detail.column) return this.i18n.t('kb.import.detail.column', { column: detail.column, reason });
    return reason;
  }
}
