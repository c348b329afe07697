import { FileDrop } from '../shared/file-drop';
import { HttpEventType } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DOCUMENT, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { ErrorDetail, KbImportResultDto } from '@tunedesk/contracts';
import { I18nService } from '../i18n/i18n.service';
import { ReasonPipe, localizeReason } from '../i18n/reason.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { apiErrorDetails, apiErrorMessage } from '../shared/api-error';
import { FormErrorComponent } from '../shared/form-error/form-error.component';
import { KbImportApi } from './kb.api';
import { downloadText, rejectedReportCsv, reportFileName } from './kb-report';
import { TABLE_FILE_EXTENSIONS, acceptsTableFile } from '../shared/upload/table-files';

/** What the import takes: the vendor's CSV/TXT export, or the workbook. */
export const KB_IMPORT_EXTENSIONS = TABLE_FILE_EXTENSIONS;

/** The server's upload limit (20 MB): a larger file is turned away here, before it is sent. */
export const KB_IMPORT_MAX_BYTES = 20 * 1024 * 1024;

export const acceptsFile = acceptsTableFile;

export type ImportState =
  | { phase: 'idle' }
  /** percent is null while the browser cannot tell the size. */
  | { phase: 'uploading'; percent: number | null }
  /** The file is up; the server is reading it. */
  | { phase: 'processing' }
  | { phase: 'done'; result: KbImportResultDto }
  | { phase: 'error'; error: unknown };

@Component({
  selector: 'td-kb-import-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatCardModule, MatIconModule, MatProgressBarModule, RouterLink, FormErrorComponent, ReasonPipe, TranslatePipe],
  // Here, not in root: it must take the import route's HttpClient (see KbImportApi).
  providers: [KbImportApi],
  templateUrl: './kb-import-page.component.html',
  styleUrl: './kb-import-page.component.scss',
})
export class KbImportPageComponent {
  private readonly api = inject(KbImportApi);
  private readonly i18n = inject(I18nService);
  private readonly document = inject(DOCUMENT);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly accept = KB_IMPORT_EXTENSIONS.join(',');

  protected readonly file = signal<File | null>(null);
  /** A file of the wrong kind, or too large, was chosen or dropped. */
  protected readonly fileProblem = signal<{ name: string; reason: 'type' | 'size' } | null>(null);
  protected readonly state = signal<ImportState>({ phase: 'idle' });

  protected readonly busy = computed(() => this.state().phase === 'uploading' || this.state().phase === 'processing');
  protected readonly fileDrop = new FileDrop(this.busy, (file) => this.choose(file));
  protected readonly uploadPercent = computed(() => {
    const state = this.state();
    return state.phase === 'uploading' ? state.percent : null;
  });
  protected readonly result = computed(() => {
    const state = this.state();
    return state.phase === 'done' ? state.result : null;
  });
  private readonly failure = computed(() => {
    const state = this.state();
    return state.phase === 'error' ? state.error : null;
  });
  protected readonly errorMessage = computed(() => (this.failure() ? apiErrorMessage(this.failure(), this.i18n) : ''));
  /** "第 12 列「標準問句」：…" for each detail of a 422, in the interface language. */
  protected readonly errorDetails = computed(() => apiErrorDetails(this.failure()).map((detail) => this.describeDetail(detail)));

  protected onFileChosen(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.choose(input.files?.[0] ?? null);
  }

  private choose(file: File | null): void {
    const problem = !file ? null : !acceptsFile(file.name) ? 'type' : file.size > KB_IMPORT_MAX_BYTES ? 'size' : null;
    if (file && problem) {
      this.file.set(null);
      this.fileProblem.set({ name: file.name, reason: problem });
      return;
    }
    this.fileProblem.set(null);
    this.file.set(file);
    if (file && this.state().phase !== 'idle') this.state.set({ phase: 'idle' });
  }

  protected upload(): void {
    const file = this.file();
    if (!file || this.busy()) return;
    this.state.set({ phase: 'uploading', percent: 0 });
    this.api
      .importFile(file)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (event) => {
          if (event.type === HttpEventType.UploadProgress) {
            if (event.total && event.loaded >= event.total) this.state.set({ phase: 'processing' });
            else this.state.set({ phase: 'uploading', percent: event.total ? Math.floor((event.loaded / event.total) * 100) : null });
          } else if (event.type === HttpEventType.ResponseHeader) {
            this.state.set({ phase: 'processing' });
          } else if (event.type === HttpEventType.Response && event.body) {
            this.state.set({ phase: 'done', result: event.body });
          }
        },
        error: (error: unknown) => this.state.set({ phase: 'error', error }),
      });
  }

  protected reset(): void {
    this.file.set(null);
    this.fileProblem.set(null);
    this.state.set({ phase: 'idle' });
  }

  /** 列,欄位,原因 as a CSV file the user can hand to whoever fixes the source. */
  protected downloadReport(): void {
    const result = this.result();
    if (!result) return;
    const lang = this.i18n.lang();
    const csv = rejectedReportCsv(
      result.rejectedLines,
      { row: this.i18n.t('kb.import.col.row'), column: this.i18n.t('kb.import.col.column'), reason: this.i18n.t('kb.import.col.reason') },
      (reason) => localizeReason(reason, lang),
    );
    downloadText(this.document, csv, reportFileName(result.fileName, this.i18n.t('kb.import.reportSuffix')));
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
