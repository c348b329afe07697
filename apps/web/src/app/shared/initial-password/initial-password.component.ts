import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, type ElementRef, afterNextRender, inject, input, output, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { I18nService } from '../../i18n/i18n.service';
import { TranslatePipe } from '../../i18n/t.pipe';

/**
 * A one-time initial password: shown once with a copy button and a warning
 * that it will not be shown again. It lives only in this component's input.
 */
@Component({
  selector: 'td-initial-password',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, TranslatePipe],
  template: `
    <section class="panel" tabindex="-1" #panel [attr.aria-label]="'initialPassword.title' | t: { account: account() }">
      <h2 class="panel__title">
        <mat-icon aria-hidden="true">key</mat-icon>
        {{ 'initialPassword.title' | t: { account: account() } }}
      </h2>
      <p class="panel__warning"><mat-icon aria-hidden="true">warning</mat-icon>{{ 'initialPassword.warning' | t }}</p>
      <div class="panel__secret">
        <code data-testid="initial-password" class="secret" translate="no">{{ password() }}</code>
        <button mat-stroked-button type="button" data-testid="initial-password-copy" (click)="copy()">
          <mat-icon aria-hidden="true">content_copy</mat-icon>{{ 'initialPassword.copy' | t }}
        </button>
      </div>
      <div class="panel__actions">
        <button mat-flat-button type="button" (click)="closed.emit()">{{ 'initialPassword.done' | t }}</button>
      </div>
    </section>
  `,
  styles: `
    .panel {
      margin: 0 0 24px;
      padding: 16px 20px;
      border: 2px solid var(--mat-sys-tertiary);
      border-radius: 12px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
      outline: none;
    }
    .panel:focus-visible {
      outline: 2px solid var(--mat-sys-primary);
      outline-offset: 2px;
    }
    .panel__title {
      display: flex;
      align-items: center;
      gap: 8px;
      margin: 0 0 8px;
      font-size: 18px;
    }
    .panel__warning {
      display: flex;
      gap: 8px;
      margin: 0 0 12px;
      font-weight: 600;
    }
    .panel__secret {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 12px;
    }
    .secret {
      padding: 8px 14px;
      border-radius: 8px;
      background: var(--mat-sys-surface);
      color: var(--mat-sys-on-surface);
      font-family: ui-monospace, 'Cascadia Mono', Consolas, monospace;
      font-size: 20px;
      letter-spacing: 0.06em;
      user-select: all;
    }
    .panel__actions {
      margin-top: 12px;
      display: flex;
      justify-content: flex-end;
    }
  `,
})
export class InitialPasswordComponent {
  private readonly clipboard = inject(Clipboard);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18nService);

  readonly account = input.required<string>();
  readonly password = input.required<string>();
  readonly closed = output<void>();

  private readonly panel = viewChild.required<ElementRef<HTMLElement>>('panel');

  constructor() {
    // Bring the password to the user's attention (and screen reader) as soon as it appears.
    afterNextRender(() => this.panel().nativeElement.focus());
  }

  protected copy(): void {
    // CDK's clipboard also works on plain-http intranet pages, where navigator.clipboard is missing.
    const ok = this.clipboard.copy(this.password());
    this.snackBar.open(this.i18n.t(ok ? 'initialPassword.copied' : 'initialPassword.copyFailed'), this.i18n.t('common.dismiss'), {
      duration: 4000,
    });
  }
}
