import { ChangeDetectionStrategy, Component, forwardRef, input } from '@angular/core';
import { NG_VALIDATORS, NG_VALUE_ACCESSOR, ReactiveFormsModule } from '@angular/forms';
import { type MatDatepicker, MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe } from '../../i18n/t.pipe';
import { RocPickerControl } from './roc-picker-control';
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
export class RocMonthInputComponent extends RocPickerControl {
  protected readonly errorKey = 'rocMonth';
  readonly label = input.required<string>();
  readonly testId = input('');
  /** Under the field: null shows the accepted forms, '' nothing, other text itself. */
  readonly hint = input<string | null>(null);
  readonly required = input(false);

  protected toValue(date: Date): string {
    return toIsoMonthString(date);
  }

  /** A month is chosen in the year view: that is the answer, no day to pick. */
  protected pickMonth(month: Date, picker: MatDatepicker<Date>): void {
    this.inner.setValue(this.adapter.createDate(month.getFullYear(), month.getMonth(), 1));
    this.onTouched();
    picker.close();
  }
}
