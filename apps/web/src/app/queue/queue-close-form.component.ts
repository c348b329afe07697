import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { CLOSE_REASONS, type CloseReason, type CloseRequest } from '@tunedesk/contracts';
import { I18nService } from '../i18n/i18n.service';
import { TranslatePipe } from '../i18n/t.pipe';
import { apiErrorDetails, apiErrorMessage } from '../shared/api-error';
import { FormErrorComponent } from '../shared/form-error/form-error.component';
import { applyServerErrors, focusFirstProblem } from '../shared/form-errors';
import { CLOSE_REASON_LABEL, QUEUE_TEXT_MAX, isCloseReason } from './queue-labels';

/**
 * 結案 without a change to the bank: a reason from CLOSE_REASONS and a note,
 * which 其他 requires. Used for one item (the item page) and for a selection
 * (the queue's bulk close); the caller sends it and hands back a failure.
 */
@Component({
  selector: 'td-queue-close-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, FormErrorComponent, TranslatePipe],
  template: `
    <form class="queue-form" data-testid="close-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <h2 class="queue-form__title">{{ heading() }}</h2>
      <p class="queue-form__help td-muted">{{ 'queue.close.help' | t }}</p>
      @if (errorMessage()) {
        <td-form-error data-testid="close-error" [message]="errorMessage()" [reasons]="otherReasons()" />
      }
      <div class="queue-form__fields">
        <mat-form-field appearance="outline" class="queue-form__reason">
          <mat-label>{{ 'queue.close.reason' | t }}</mat-label>
          <select matNativeControl required formControlName="reason" data-testid="close-reason">
            <option value="" disabled>{{ 'queue.close.choose' | t }}</option>
            @for (reason of reasons; track reason) {
              <option [value]="reason">{{ reasonLabel[reason] | t }}</option>
            }
          </select>
          @if (form.controls.reason.hasError('required')) {
            <mat-error>{{ 'common.required' | t }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline" class="queue-form__note">
          <mat-label>{{ 'queue.close.note' | t }}</mat-label>
          <textarea
            matInput
            rows="2"
            formControlName="note"
            data-testid="close-note"
            [attr.maxlength]="max"
            [attr.aria-required]="noteRequired()"
          ></textarea>
          <mat-hint>{{ (noteRequired() ? 'queue.close.noteRequired' : 'queue.close.noteHint') | t }}</mat-hint>
          @if (note.hasError('required') || note.hasError('server')) {
            <mat-error data-testid="close-note-error">{{ 'queue.close.noteRequired' | t }}</mat-error>
          }
        </mat-form-field>
      </div>
      <div class="td-form-actions">
        <button mat-button type="button" data-testid="close-cancel" (click)="cancelled.emit()">{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" data-testid="close-submit" [disabled]="busy()">
          {{ (busy() ? 'common.saving' : 'queue.close.submit') | t }}
        </button>
      </div>
    </form>
  `,
  styleUrl: './queue-forms.scss',
})
export class QueueCloseFormComponent {
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** The form's heading, translated by the caller (「結案 3 項」). */
  readonly heading = input.required<string>();
  readonly busy = input(false);
  /** The failed request, if the last one failed: its message is shown and its field details go under the fields. */
  readonly failure = input<unknown>(null);
  readonly submitted = output<CloseRequest>();
  readonly cancelled = output<void>();

  protected readonly reasons = CLOSE_REASONS;
  protected readonly reasonLabel = CLOSE_REASON_LABEL;
  protected readonly max = QUEUE_TEXT_MAX;

  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: ['' as CloseReason | '', Validators.required],
    note: ['', Validators.maxLength(QUEUE_TEXT_MAX)],
  });
  protected readonly note = this.form.controls.note;
  private readonly reason = toSignal(this.form.controls.reason.valueChanges, { initialValue: this.form.controls.reason.value });
  protected readonly noteRequired = computed(() => this.reason() === 'other');

  protected readonly errorMessage = computed(() => (this.failure() ? apiErrorMessage(this.failure(), this.i18n) : ''));
  /** The server's reasons no field took. */
  protected readonly otherReasons = signal<string[]>([]);

  constructor() {
    // The keyboard starts on the reason.
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('select')?.focus(), { injector: this.injector });
    // A failure's field details go under the fields as soon as it arrives.
    effect(() => {
      const failure = this.failure();
      untracked(() => {
        this.otherReasons.set(failure ? applyServerErrors(this.form, apiErrorDetails(failure)) : []);
        if (failure) focusFirstProblem(this.injector, this.host.nativeElement);
      });
    });
  }

  protected submit(): void {
    if (this.busy()) return;
    const reason = this.form.controls.reason.value;
    const note = this.note.value.trim();
    if (reason === 'other' && !note) {
      this.note.setValue('');
      this.note.setErrors({ ...this.note.errors, required: true });
    }
    if (this.form.invalid || !isCloseReason(reason)) {
      this.form.markAllAsTouched();
      focusFirstProblem(this.injector, this.host.nativeElement);
      return;
    }
    this.submitted.emit({ reason, note: note || null });
  }
}
