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
import { rxResource } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { ReassignRequest, UnitDto } from '@tunedesk/contracts';
import { I18nService } from '../i18n/i18n.service';
import { TranslatePipe } from '../i18n/t.pipe';
import { UnitsApi } from '../org/units.api';
import { apiErrorDetails, apiErrorMessage } from '../shared/api-error';
import { FormErrorComponent } from '../shared/form-error/form-error.component';
import { applyServerErrors, focusFirstProblem } from '../shared/form-errors';
import { QUEUE_TEXT_MAX } from './queue-labels';

/** The active units a reassignment may go to, by code, leaving out the one the item is in. */
export function reassignTargets(units: readonly UnitDto[], exclude: string | null): { code: string; name: string }[] {
  return units
    .filter((unit) => unit.active && unit.code !== exclude)
    .sort((a, b) => a.code.localeCompare(b.code))
    .map(({ code, name }) => ({ code, name }));
}

/**
 * 改派: another unit and the reason (which the receiving unit and the group
 * leader are told). For one item or a selection; the caller sends it and hands
 * back a failure. Without `units` given, it reads the unit list itself.
 */
@Component({
  selector: 'td-queue-reassign-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, FormErrorComponent, TranslatePipe],
  template: `
    <form class="queue-form" data-testid="reassign-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <h2 class="queue-form__title">{{ heading() }}</h2>
      <p class="queue-form__help td-muted">{{ 'queue.reassign.help' | t }}</p>
      @if (errorMessage()) {
        <td-form-error data-testid="reassign-error" [message]="errorMessage()" [reasons]="otherReasons()" />
      }
      <div class="queue-form__fields">
        <mat-form-field appearance="outline" class="queue-form__reason">
          <mat-label>{{ 'queue.reassign.unit' | t }}</mat-label>
          <select matNativeControl required formControlName="unitCode" data-testid="reassign-unit">
            <option value="" disabled>{{ 'queue.reassign.choose' | t }}</option>
            @for (option of options(); track option.code) {
              <option [value]="option.code">{{ option.name }} ({{ option.code }})</option>
            }
          </select>
          @if (form.controls.unitCode.hasError('required')) {
            <mat-error>{{ 'common.required' | t }}</mat-error>
          } @else if (form.controls.unitCode.hasError('server')) {
            <mat-error>{{ 'queue.reassign.unitRejected' | t }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline" class="queue-form__note">
          <mat-label>{{ 'queue.reassign.reason' | t }}</mat-label>
          <textarea matInput required rows="2" formControlName="reason" data-testid="reassign-reason" [attr.maxlength]="max"></textarea>
          <mat-hint>{{ 'queue.reassign.reasonHint' | t }}</mat-hint>
          @if (form.controls.reason.hasError('required') || form.controls.reason.hasError('server')) {
            <mat-error>{{ 'queue.reassign.reasonRequired' | t }}</mat-error>
          }
        </mat-form-field>
      </div>
      <div class="td-form-actions">
        <button mat-button type="button" data-testid="reassign-cancel" (click)="cancelled.emit()">{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" data-testid="reassign-submit" [disabled]="busy()">
          {{ (busy() ? 'common.saving' : 'queue.reassign.submit') | t }}
        </button>
      </div>
    </form>
  `,
  styleUrl: './queue-forms.scss',
})
export class QueueReassignFormComponent {
  private readonly unitsApi = inject(UnitsApi);
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** The form's heading, translated by the caller (「改派 3 項」). */
  readonly heading = input.required<string>();
  /** The unit list when the page has it already. */
  readonly units = input<readonly UnitDto[] | null>(null);
  /** The unit the item is in now: not offered. */
  readonly exclude = input<string | null>(null);
  readonly busy = input(false);
  readonly failure = input<unknown>(null);
  readonly submitted = output<ReassignRequest>();
  readonly cancelled = output<void>();

  protected readonly max = QUEUE_TEXT_MAX;

  private readonly loaded = rxResource({
    params: () => (this.units() ? undefined : true),
    stream: () => this.unitsApi.list(),
  });
  protected readonly options = computed(() => {
    const units = this.units() ?? (this.loaded.hasValue() ? this.loaded.value() : []);
    return reassignTargets(units, this.exclude());
  });

  protected readonly form = inject(NonNullableFormBuilder).group({
    unitCode: ['', Validators.required],
    reason: ['', [Validators.required, Validators.maxLength(QUEUE_TEXT_MAX)]],
  });

  protected readonly errorMessage = computed(() => (this.failure() ? apiErrorMessage(this.failure(), this.i18n) : ''));
  /** The server's reasons no field took. */
  protected readonly otherReasons = signal<string[]>([]);

  constructor() {
    // The keyboard starts on the unit.
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('select')?.focus(), { injector: this.injector });
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
    const reason = this.form.controls.reason.value.trim();
    if (!reason) this.form.controls.reason.setValue('');
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstProblem(this.injector, this.host.nativeElement);
      return;
    }
    this.submitted.emit({ unitCode: this.form.controls.unitCode.value, reason });
  }
}
