import { ChangeDetectionStrategy, Component, DestroyRef, forwardRef, inject, input } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  type AbstractControl,
  type ControlValueAccessor,
  FormControl,
  NG_VALIDATORS,
  NG_VALUE_ACCESSOR,
  ReactiveFormsModule,
  type ValidationErrors,
  type Validator,
} from '@angular/forms';
import { DateAdapter } from '@angular/material/core';
import { type MatDatepicker, MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe } from '../../i18n/t.pipe';
import { ROC_MONTH_FORMATS, provideRocDates, toIsoMonthString } from './roc-date-adapter';

/**
 * A month field in the ROC calendar: type 115年12月, 115/12 or 11512, or pick the year and then the
 * month (the picker opens on the years and closes on a month). The form control holds `YYYY-MM`
 * ('' when empty); text that is no month makes it invalid with `{ rocMonth: { text } }`.
 */
@Component({
  selector: 'td-roc-month-input',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatDatepickerModule, MatFormFieldModule, MatInputModule, TranslatePipe],
  providers: [
    ...provideRocDates(ROC_MONTH_FORMATS),
    { provide: NG_VALUE_ACCESSOR, useExisting: forwardRef(() => RocMonthInputComponent), multi: true },
    { provide: NG_VALIDATORS, useExisting: forwardRef(() => RocMonthInputComponent), multi: true },
  ],
  template: `
    <mat-form-field appearance="outline" subscriptSizing="dynamic" class="roc-field">
      <mat-label>{{ label() }}</mat-label>
      <input
        matInput
        [matDatepicker]="picker"
        [formControl]="inner"
        [placeholder]="'vocab.month.placeholder' | t"
        autocomplete="off"
        spellcheck="false"
        [required]="required()"
        [attr.data-testid]="testId() || null"
        (blur)="onTouched()"
      />
      <mat-datepicker-toggle matIconSuffix [for]="picker" [attr.data-testid]="testId() ? testId() + '-toggle' : null" />
      <mat-datepicker #picker startView="multi-year" panelClass="td-month-picker" (monthSelected)="pickMonth($event, picker)" />
      @if (inner.hasError('matDatepickerParse')) {
        <mat-error [attr.data-testid]="testId() ? testId() + '-error' : null">{{
          'vocab.month.invalid' | t: { text: inner.getError('matDatepickerParse')?.text ?? '' }
        }}</mat-error>
      } @else if (hint() !== '') {
        <mat-hint>{{ hint() ?? ('vocab.month.hint' | t) }}</mat-hint>
      }
    </mat-form-field>
  `,
  styles: `
    :host {
      display: block;
    }
    .roc-field {
      width: 100%;
    }
  `,
})
export class RocMonthInputComponent implements ControlValueAccessor, Validator {
  readonly label = input.required<string>();
  readonly testId = input('');
  /** Under the field: null shows the accepted forms, '' nothing, other text itself. */
  readonly hint = input<string | null>(null);
  readonly required = input(false);

  private readonly adapter = inject<DateAdapter<Date>>(DateAdapter);
  protected readonly inner = new FormControl<Date | null>(null);
  private onChange: (value: string) => void = () => undefined;
  protected onTouched: () => void = () => undefined;
  private onValidatorChange: () => void = () => undefined;

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.inner.valueChanges.pipe(takeUntilDestroyed(destroyRef)).subscribe((date) => {
      this.onChange(date && this.adapter.isValid(date) ? toIsoMonthString(date) : '');
    });
    this.inner.statusChanges.pipe(takeUntilDestroyed(destroyRef)).subscribe(() => this.onValidatorChange());
  }

  /** A month is chosen in the year view: that is the answer, no day to pick. */
  protected pickMonth(month: Date, picker: MatDatepicker<Date>): void {
    this.inner.setValue(this.adapter.createDate(month.getFullYear(), month.getMonth(), 1));
    this.onTouched();
    picker.close();
  }

  writeValue(value: string | null | undefined): void {
    this.inner.setValue(value ? this.adapter.deserialize(value) : null, { emitEvent: false });
  }

  registerOnChange(fn: (value: string) => void): void {
    this.onChange = fn;
  }

  registerOnTouched(fn: () => void): void {
    this.onTouched = fn;
  }

  registerOnValidatorChange(fn: () => void): void {
    this.onValidatorChange = fn;
  }

  setDisabledState(disabled: boolean): void {
    if (disabled) this.inner.disable({ emitEvent: false });
    else this.inner.enable({ emitEvent: false });
  }

  validate(_control: AbstractControl): ValidationErrors | null {
    const parse = this.inner.getError('matDatepickerParse') as { text: string } | null;
    return parse ? { rocMonth: { text: parse.text } } : null;
  }
}
