import { DestroyRef, Directive, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { type AbstractControl, type ControlValueAccessor, FormControl, type ValidationErrors, type Validator } from '@angular/forms';
import { DateAdapter } from '@angular/material/core';

/**
 * What the ROC date and month inputs share: a Material datepicker's own control
 * inside, the form's value as an ISO string outside (`toValue`), and text the
 * ROC adapter cannot read reported as `{ [errorKey]: { text } }`.
 */
@Directive()
export abstract class RocPickerControl implements ControlValueAccessor, Validator {
  protected readonly adapter = inject<DateAdapter<Date>>(DateAdapter);
  protected readonly inner = new FormControl<Date | null>(null);
  protected onTouched: () => void = () => undefined;
  private onChange: (value: string) => void = () => undefined;
  private onValidatorChange: () => void = () => undefined;

  protected abstract toValue(date: Date): string;
  protected abstract readonly errorKey: string;

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.inner.valueChanges.pipe(takeUntilDestroyed(destroyRef)).subscribe((date) => {
      this.onChange(date && this.adapter.isValid(date) ? this.toValue(date) : '');
    });
    // Text that turns from a date into no date (or back) without changing the value still changes validity.
    this.inner.statusChanges.pipe(takeUntilDestroyed(destroyRef)).subscribe(() => this.onValidatorChange());
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
    return parse ? { [this.errorKey]: { text: parse.text } } : null;
  }
}
