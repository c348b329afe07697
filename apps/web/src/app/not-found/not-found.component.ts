import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '../i18n/t.pipe';

@Component({
  selector: 'td-not-found',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, RouterLink, TranslatePipe],
  template: `
    <section class="not-found">
      <mat-icon class="not-found__icon" aria-hidden="true">travel_explore</mat-icon>
      <h1 class="td-page-title">{{ 'notFound.title' | t }}</h1>
      <p>{{ 'notFound.body' | t }}</p>
      <a mat-flat-button routerLink="/"><mat-icon aria-hidden="true">home</mat-icon>{{ 'notFound.home' | t }}</a>
    </section>
  `,
  styles: `
    .not-found {
      max-width: 560px;
      margin: 64px auto;
      text-align: center;
      color: var(--mat-sys-on-surface);
    }
    .not-found__icon {
      width: 64px;
      height: 64px;
      font-size: 64px;
      color: var(--mat-sys-primary);
    }
    p {
      margin: 8px 0 24px;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class NotFoundComponent {}
