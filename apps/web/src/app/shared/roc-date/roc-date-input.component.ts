import { ChangeDetectionStrategy, Component, forwardRef, input } from '@angular/core';
import { NG_VALIDATORS, NG_VALUE_ACCESSOR, ReactiveFormsModule } from '@angular/forms';
import { type ErrorStateMatcher } from '@angular/material/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe } from '../../i18n/t.pipe';
import { RocPickerControl } from './roc-picker-control';
import { provideRocDates, toIsoDateString } from './roc-date-adapter';

/**
 * A date field in the ROC calendar: type 115/12/07, 115.12.07, 民國115年12月7日 or 1151207, or pick one
 * from the calendar. The form control holds `YYYY-MM-DD` ('' when empty); text that is no date (115/02/30)
 * makes the control invalid with `{ rocDate: { text } }` and says so under the field.
 */
@Component({
  selector: 'td-roc-date-input',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatDatepickerModule, MatFormFieldModule, MatInputModule, TranslatePipe],
  providers: [
    ...provideRocDates(),
    { provide: NG_VALUE_ACCESSOR, useExisting: forwardRef(() => RocDateInputComponent), multi: true },
    { provide: NG_VALIDATORS, useExisting: forwardRef(() => RocDateInputComponent), multi: true },
  ],
  template: `
    <mat-form-field appearance="outline" subscriptSizing="dynamic" class="roc-field">
      <mat-label>{{ label() }}</mat-label>
      <input
        matInput
        [matDatepicker]="picker"
        [formControl]="inner"
        [placeholder]="'vocab.date.placeholder' | t"
        autocomplete="off"
        spellcheck="false"
        [attr.data-testid]="testId() || null"
        [attr.aria-describedby]="describedBy() || null"
        [errorStateMatcher]="errorState"
        (blur)="onTouched()"
      />
      <mat-datepicker-toggle matIconSuffix [for]="picker" [attr.data-testid]="testId() ? testId() + '-toggle' : null" />
      <mat-datepicker #picker />
      @if (inner.hasError('matDatepickerParse')) {
        <mat-error [attr.data-testid]="testId() ? testId() + '-error' : null">{{
          'vocab.date.invalid' | t: { text: inner.getError('matDatepickerParse')?.text ?? '' }
        }}</mat-error>
      } @else if (errors().length) {
        @for (error of errors(); track $index) {
          <mat-error>{{ error }}</mat-error>
        }
      } @else if (hint() !== '') {
        <mat-hint>{{ hint() ?? ('vocab.date.hint' | t) }}</mat-hint>
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
export class RocDateInputComponent extends RocPickerControl {
  protected readonly errorKey = 'rocDate';
  readonly label = input.required<string>();
  readonly testId = input('');
  /** Under the field: null shows the accepted forms, '' nothing, other text itself. */
  readonly hint = input<string | null>(null);

  /** Problems the form knows of (required, the server's reasons), shown under the field. */
  readonly errors = input<readonly string[]>([]);
  readonly describedBy = input('');

  /** Red once left with text that is no date (not while typing), or when the form reports a problem. */
  protected readonly errorState: ErrorStateMatcher = {
    isErrorState: (control) => !!control && ((control.invalid && control.touched) || this.errors().length > 0),
  };
  protected toValue(date: Date): string {
    return toIsoDateString(date);
  }
}
