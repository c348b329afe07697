import { type Injector, afterNextRender } from '@angular/core';
import type { AbstractControl, FormGroup, ValidationErrors } from '@angular/forms';
import type { ErrorDetail } from '@tunedesk/contracts';

/**
 * Puts each reason whose `field` names a control of the form under that
 * control (as its `server` error, shown by `<mat-error>`), and returns the
 * reasons no control took so the form can list them in its error area.
 * The server error goes away as soon as the user edits the field.
 */
export function applyServerErrors(form: FormGroup, details: readonly ErrorDetail[]): string[] {
  const unmatched: string[] = [];
  const byField = new Map<AbstractControl, string[]>();
  for (const detail of details) {
    const control = detail.field ? form.get(detail.field) : null;
    if (!control) {
      unmatched.push(detail.reason);
      continue;
    }
    byField.set(control, [...(byField.get(control) ?? []), detail.reason]);
  }
  for (const [control, reasons] of byField) {
    control.setErrors({ ...control.errors, server: reasons });
    control.markAsTouched();
  }
  return unmatched;
}

/** The reasons applyServerErrors put on a control, for `@for` in a `<mat-error>`. */
export function serverReasons(errors: ValidationErrors | null | undefined): string[] {
  const reasons: unknown = errors?.['server'];
  return Array.isArray(reasons) ? (reasons as string[]) : [];
}

/**
 * After the next render, moves focus to the first invalid field inside `root`,
 * or, when no field is marked, to its error area (`[role="alert"]`, give it
 * tabindex="-1"). Keyboard and screen-reader users land on the problem.
 */
export function focusFirstProblem(injector: Injector, root: HTMLElement): void {
  afterNextRender(
    () => {
      // Material leaves aria-invalid off an empty required field, so the forms classes are asked too.
      const target =
        root.querySelector<HTMLElement>(
          'input.ng-invalid.ng-touched, textarea.ng-invalid.ng-touched, mat-select.ng-invalid.ng-touched, input[aria-invalid="true"], textarea[aria-invalid="true"]',
        ) ?? root.querySelector<HTMLElement>('[role="alert"]');
      target?.focus();
    },
    { injector },
  );
}

/** Focuses the first field of a form once it is on screen. */
export function focusFirstField(injector: Injector, host: () => HTMLElement | undefined): void {
  afterNextRender(
    () => {
      host()?.querySelector<HTMLElement>('input:not([type="hidden"]):not([disabled]), mat-select, textarea')?.focus();
    },
    { injector },
  );
}
