import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { describeHttpError } from '../../http/error.interceptor';
import { I18nService } from '../../i18n/i18n.service';
import { TranslatePipe } from '../../i18n/t.pipe';

/** The loading and failed states every data block shares: a spinner, or the reason and a retry button. */
@Component({
  selector: 'td-load-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, MatProgressSpinnerModule, TranslatePipe],
  template: `
    @if (error()) {
      <div class="state state--error" role="alert">
        <mat-icon aria-hidden="true">error</mat-icon>
        <div class="state__text">
          <strong>{{ 'common.loadFailed' | t }}</strong>
          <span>{{ reason() }}</span>
        </div>
        <button mat-stroked-button type="button" (click)="retry.emit()"><mat-icon>refresh</mat-icon>{{ 'common.retry' | t }}</button>
      </div>
    } @else if (loading()) {
      <div class="state state--loading" role="status">
        <mat-spinner diameter="28" aria-hidden="true" />
        <span>{{ 'common.loading' | t }}</span>
      </div>
    }
  `,
  styles: `
    .state {
      display: flex;
      align-items: center;
      gap: 12px;
      padding: 16px;
      border-radius: 12px;
    }
    .state--loading {
      color: var(--mat-sys-on-surface-variant);
    }
    .state--error {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
      flex-wrap: wrap;
    }
    .state__text {
      display: flex;
      flex-direction: column;
      gap: 2px;
      flex: 1 1 200px;
    }
  `,
})
export class LoadStateComponent {
  private readonly i18n = inject(I18nService);

  readonly loading = input(false);
  readonly error = input<unknown>(undefined);
  readonly retry = output<void>();

  protected readonly reason = computed(() => describeHttpError(this.error(), this.i18n));
}
