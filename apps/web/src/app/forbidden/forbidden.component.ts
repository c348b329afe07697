import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '../i18n/t.pipe';

/** What a role guard shows instead of a page the user's roles do not open (403). */
@Component({
  selector: 'td-forbidden',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, RouterLink, TranslatePipe],
  template: `
    <section class="forbidden" data-testid="forbidden">
      <mat-icon class="forbidden__icon" aria-hidden="true">lock_person</mat-icon>
      <h1 class="td-page-title">{{ 'forbidden.title' | t }}</h1>
      <p>{{ 'forbidden.body' | t }}</p>
      <div class="forbidden__actions">
        <a mat-flat-button routerLink="/"><mat-icon aria-hidden="true">home</mat-icon>{{ 'forbidden.home' | t }}</a>
        <a mat-stroked-button routerLink="/account-requests/new">
          <mat-icon aria-hidden="true">assignment_ind</mat-icon>{{ 'forbidden.request' | t }}
        </a>
      </div>
    </section>
  `,
  styles: `
    .forbidden {
      max-width: 600px;
      margin: 64px auto;
      text-align: center;
    }
    .forbidden__icon {
      width: 64px;
      height: 64px;
      font-size: 64px;
      color: var(--mat-sys-primary);
    }
    p {
      margin: 8px 0 24px;
      color: var(--mat-sys-on-surface-variant);
    }
    .forbidden__actions {
      display: flex;
      flex-wrap: wrap;
      justify-content: center;
      gap: 12px;
    }
  `,
})
export class ForbiddenComponent {}
