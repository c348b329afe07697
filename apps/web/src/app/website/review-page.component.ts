import { ChangeDetectionStrategy, Component, ElementRef, Injector, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import type { FixKind, ReviewFormDto, ReviewResult, ReviewRowDto, ReviewRowRequest, SignedStep } from '@tunedesk/contracts';
import { I18nService } from '../i18n/i18n.service';
import type { MessageKey } from '../i18n/messages';
import { RocDatePipe } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { apiErrorDetails, apiErrorMessage, httpErrorOf } from '../shared/api-error';
import type { FileFormat } from '../shared/export/file-links.component';
import { FileLinksComponent } from '../shared/export/file-links.component';
import { FormErrorComponent } from '../shared/form-error/form-error.component';
import { focusFirstProblem } from '../shared/form-errors';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { WEBSITE_API, WebsiteApi } from './website.api';
import { CORRECTION_STATUS_BADGE, FORM_STATUS_BADGE, TIMELINESS_BADGE, formatMonth } from './website-labels';

/** What the reviewer has put on a row, and whether the server has it. */
export interface RowDraft {
  result: ReviewResult | null;
  fixKind: FixKind | null;
  fixNote: string;
  /** saved: the server holds this; incomplete: 需修正 without kind or note (not sent yet). */
  state: 'idle' | 'saving' | 'saved' | 'error' | 'incomplete';
  error: string;
}

export function draftOf(row: ReviewRowDto): RowDraft {
  return { result: row.result, fixKind: row.fixKind, fixNote: row.fixNote ?? '', state: 'idle', error: '' };
}

/** The request a draft makes, or null while a 需修正 row still lacks its kind or what to change. */
export function rowRequest(draft: RowDraft): ReviewRowRequest | null {
  if (draft.result === 'correct') return { result: 'correct' };
  if (draft.result === 'needs-fix' && draft.fixKind && draft.fixNote.trim())
    return { result: 'needs-fix', fixKind: draft.fixKind, fixNote: draft.fixNote.trim() };
  return null;
}

export interface FormStepView {
  key: 'reviewer' | 'head' | 'filed' | 'completed';
  label: MessageKey;
  step: SignedStep | null;
  verdict?: 'approved' | 'returned';
}

export function formSteps(form: ReviewFormDto): FormStepView[] {
  return [
    { key: 'reviewer', label: 'website.step.reviewer', step: form.reviewer },
    {
      key: 'head',
      label: 'website.step.head',
      step: form.head,
      verdict: form.head ? (form.head.approved ? 'approved' : 'returned') : undefined,
    },
    { key: 'filed', label: 'website.step.filed', step: form.filed },
    { key: 'completed', label: 'website.step.completed', step: form.completed },
  ];
}

type FormAction = 'submit' | 'approve' | 'return';

/**
 * 網站資料檢視成果表 (附件三) of one unit and month: one row per page, 正確 or
 * 需修正 (kind and what to change), each row saved as soon as it is complete;
 * then submit, and the unit head's 核章 or 退回.
 */
@Component({
  selector: 'td-review-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
    RouterLink,
    FileLinksComponent,
    FormErrorComponent,
    LoadStateComponent,
    RocDatePipe,
    TranslatePipe,
  ],
  templateUrl: './review-page.component.html',
  styleUrl: './review-page.component.scss',
})
export class ReviewPageComponent {
  private readonly api = inject(WebsiteApi);
  private readonly i18n = inject(I18nService);
  private readonly snackBar = inject(MatSnackBar);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** `:id` of the route. */
  readonly id = input.required<string>();

  protected readonly formBadge = FORM_STATUS_BADGE;
  protected readonly correctionBadge = CORRECTION_STATUS_BADGE;
  protected readonly timelinessBadge = TIMELINESS_BADGE;
  protected readonly kinds: readonly FixKind[] = ['content', 'program'];

  protected readonly form = rxResource({ params: () => Number(this.id()), stream: ({ params }) => this.api.review(params) });
  /** Edits per page; a row without one shows what the server has. */
  private readonly drafts = signal<Record<string, RowDraft>>({});
  protected readonly steps = computed(() => (this.form.hasValue() ? formSteps(this.form.value()) : []));
  protected readonly monthLabel = computed(() => (this.form.hasValue() ? formatMonth(this.form.value().month, this.i18n.lang()) : ''));
  protected readonly unresolved = computed(() => {
    if (!this.form.hasValue()) return 0;
    return this.form.value().rows.filter((row) => rowRequest(this.draft(row)) === null).length;
  });
  protected readonly saving = computed(() => Object.values(this.drafts()).some((draft) => draft.state === 'saving'));

  protected reason = '';
  protected readonly pending = signal<FormAction | null>(null);
  private readonly failure = signal<unknown>(null);
  protected readonly actionError = computed(() => (this.failure() ? apiErrorMessage(this.failure(), this.i18n) : ''));
  protected readonly actionReasons = computed(() => apiErrorDetails(this.failure()).map((detail) => detail.reason));
  protected readonly exportHref = (format: FileFormat) => WEBSITE_API.exportReview(Number(this.id()), format);

  protected draft(row: ReviewRowDto): RowDraft {
    return this.drafts()[row.pageId] ?? draftOf(row);
  }

  private patch(row: ReviewRowDto, change: Partial<RowDraft>): RowDraft {
    const next = { ...this.draft(row), ...change };
    this.drafts.update((all) => ({ ...all, [row.pageId]: next }));
    return next;
  }

  protected setResult(row: ReviewRowDto, result: ReviewResult): void {
    if (!this.form.value()?.can.edit) return;
    const next = this.patch(row, result === 'correct' ? { result, fixKind: null, fixNote: '' } : { result });
    this.save(row, next);
  }

  protected setKind(row: ReviewRowDto, fixKind: FixKind): void {
    this.save(row, this.patch(row, { fixKind }));
  }

  protected setNote(row: ReviewRowDto, fixNote: string): void {
    this.patch(row, { fixNote, state: this.draft(row).state === 'saved' ? 'idle' : this.draft(row).state });
  }

  /** On leaving the note field: save what was typed. */
  protected commitNote(row: ReviewRowDto): void {
    const draft = this.draft(row);
    const server = draftOf(row);
    if (draft.fixNote.trim() === (server.fixNote ?? '').trim() && draft.fixKind === server.fixKind && draft.result === server.result)
      return;
    this.save(row, draft);
  }

  /** 1 = 正確, 2 = 需修正, anywhere on the row but in a text field. */
  protected onRowKey(event: KeyboardEvent, row: ReviewRowDto): void {
    const target = event.target as HTMLElement;
    if (target.closest('textarea, input:not([type="radio"]), mat-select')) return;
    if (event.key === '1') this.setResult(row, 'correct');
    else if (event.key === '2') this.setResult(row, 'needs-fix');
    else return;
    event.preventDefault();
  }

  private save(row: ReviewRowDto, draft: RowDraft): void {
    const form = this.form.value();
    if (!form?.can.edit) return;
    const request = rowRequest(draft);
    if (!request) {
      this.patch(row, { state: 'incomplete', error: '' });
      return;
    }
    this.patch(row, { state: 'saving', error: '' });
    this.api.saveRow(form.id, row.pageId, request).subscribe({
      next: (updated) => {
        this.form.set(updated);
        this.patch(row, { state: 'saved' });
      },
      error: (error: unknown) => this.patch(row, { state: 'error', error: apiErrorMessage(error, this.i18n) }),
    });
  }

  protected act(action: FormAction): void {
    const form = this.form.value();
    if (!form || this.pending()) return;
    if (action === 'return' && !this.reason.trim()) {
      this.failure.set(null);
      this.pending.set(null);
      this.returnError.set(true);
      focusFirstProblem(this.injector, this.host.nativeElement);
      return;
    }
    this.returnError.set(false);
    this.failure.set(null);
    this.pending.set(action);
    const call = action === 'return' ? this.api.returnForm(form.id, this.reason.trim()) : this.api.decide(form.id, action);
    call.subscribe({
      next: (updated) => {
        this.pending.set(null);
        this.reason = '';
        this.drafts.set({});
        this.form.set(updated);
        this.snackBar.open(this.i18n.t(`website.done.${action}`), this.i18n.t('common.dismiss'), { duration: 4000 });
      },
      error: (error: unknown) => {
        this.pending.set(null);
        this.failure.set(error);
        if (httpErrorOf(error)?.status === 409) this.form.reload();
        focusFirstProblem(this.injector, this.host.nativeElement);
      },
    });
  }

  protected readonly returnError = signal(false);

  protected historyLabel(action: string): string {
    return this.i18n.tryT(`website.history.${action}`, action);
  }
}
