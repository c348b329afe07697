import { ChangeDetectionStrategy, Component, ElementRef, inject, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { ReasonPipe } from '../../i18n/reason.pipe';

/**
 * A form's error area: the message, and under it the server's reasons that no
 * field took (see applyServerErrors). The element itself is the alert: it has
 * role="alert" and tabindex="-1", so focusFirstProblem finds it and focus() can
 * move the keyboard onto it. Render it only while there is a message, and give
 * it the page's own `data-testid`:
 *
 * `@if (errorMessage()) { <td-form-error data-testid="…" [message]="errorMessage()" [reasons]="otherReasons()" /> }`
 */
@Component({
  selector: 'td-form-error',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule, ReasonPipe],
  host: {
    class: 'td-alert td-alert--error',
    role: 'alert',
    tabindex: '-1',
  },
  template: `
    <mat-icon aria-hidden="true">error</mat-icon>
    <div class="td-alert__body">
      {{ message() }}
      @if (reasons().length) {
        <ul>
          @for (reason of reasons(); track $index) {
            <li>{{ reason | reason }}</li>
          }
        </ul>
      }
    </div>
  `,
})
export class FormErrorComponent {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly message = input.required<string>();
  /** Further reasons, each "中文 / English" or one language; shown in the interface language. */
  readonly reasons = input<readonly string[]>([]);

  /** Moves focus onto the message, so that it is read out and Shift+Tab leads back into the form. */
  focus(): void {
    this.host.nativeElement.focus();
  }
}
