import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { Role } from '@tunedesk/contracts';
import { AuthService } from '../auth/auth.service';
import { WEBSITE_COMPLIANCE_ROLES } from '../auth/roles';
import { I18nService } from '../i18n/i18n.service';
import { RocDatePipe } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { ClockService } from '../shared/clock.service';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { WebsiteApi } from './website.api';
import { CORRECTION_STATUS_BADGE, FORM_STATUS_BADGE, TIMELINESS_BADGE, formatMonth, monthOf } from './website-labels';

/**
 * 網站檢視: this month's form of my unit, the forms waiting for my 核章 (unit
 * heads) and the corrections waiting for me (my section's fixes, my unit's 複檢,
 * the web admin's publication).
 */
@Component({
  selector: 'td-website-home-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    RouterLink,
    LoadStateComponent,
    RocDatePipe,
    TranslatePipe,
  ],
  template: `
    <header class="td-page-header td-page-header--actions">
      <div>
        <h1 class="td-page-title">{{ 'nav.website' | t }}</h1>
        <p class="td-page-intro">{{ 'website.home.intro' | t }}</p>
      </div>
      <nav class="links" [attr.aria-label]="'website.home.links' | t">
        <a mat-stroked-button routerLink="/website/pages" data-testid="website-to-pages">
          <mat-icon aria-hidden="true">account_tree</mat-icon>{{ 'website.pages.title' | t }}
        </a>
        <a mat-stroked-button routerLink="/website/corrections" data-testid="website-to-corrections">
          <mat-icon aria-hidden="true">build</mat-icon>{{ 'website.corrections.title' | t }}
        </a>
        @if (canSeeCompliance()) {
          <a mat-stroked-button routerLink="/website/compliance" data-testid="website-to-compliance">
            <mat-icon aria-hidden="true">grid_on</mat-icon>{{ 'website.compliance.title' | t }}
          </a>
        }
      </nav>
    </header>

    @if (reviews.hasValue()) {
      <div class="cards">
        <mat-card appearance="outlined" data-testid="website-my-form">
          <mat-card-header>
            <mat-card-title
              ><h2 class="card-title">{{ 'website.home.myForm' | t: { month: monthLabel() } }}</h2></mat-card-title
            >
          </mat-card-header>
          <mat-card-content>
            @if (myForm(); as form) {
              <p class="form-line">
                <strong>{{ form.unitName }}</strong>
                <span class="td-badge" [class]="formBadge[form.status]" data-testid="website-my-status">{{
                  'website.status.' + form.status | t
                }}</span>
                <span class="td-badge" [class]="timelinessBadge[form.timeliness]">{{ 'website.timeliness.' + form.timeliness | t }}</span>
              </p>
              <p data-testid="website-my-due">{{ 'website.home.due' | t: { date: (form.dueDate | rocDate) } }}</p>
              <p data-testid="website-my-progress">
                {{ 'website.home.progress' | t: { reviewed: form.reviewed, pages: form.pages, needsFix: form.needsFix } }}
              </p>
              <mat-progress-bar
                mode="determinate"
                [value]="form.pages ? (form.reviewed / form.pages) * 100 : 0"
                [attr.aria-label]="'website.home.progressLabel' | t"
              />
              <div class="td-form-actions">
                <a mat-flat-button [routerLink]="['/website/reviews', form.id]" data-testid="website-open-my-form">{{
                  'website.home.open' | t
                }}</a>
              </div>
            } @else {
              <p class="td-muted" data-testid="website-no-form">{{ 'website.home.noForm' | t }}</p>
            }
          </mat-card-content>
        </mat-card>

        @if (isHead()) {
          <mat-card appearance="outlined" data-testid="website-to-sign">
            <mat-card-header>
              <mat-card-title
                ><h2 class="card-title">{{ 'website.home.toSign' | t }}</h2></mat-card-title
              >
            </mat-card-header>
            <mat-card-content>
              <ul class="rows">
                @for (form of toSign(); track form.id) {
                  <li>
                    <a [routerLink]="['/website/reviews', form.id]" data-testid="website-to-sign-form"
                      >{{ month(form.month) }} {{ form.unitName }}</a
                    >
                    <span class="td-muted">{{ 'website.home.due' | t: { date: (form.dueDate | rocDate) } }}</span>
                  </li>
                } @empty {
                  <li class="td-muted">{{ 'website.home.nothingToSign' | t }}</li>
                }
              </ul>
            </mat-card-content>
          </mat-card>
        }

        <mat-card appearance="outlined" data-testid="website-my-corrections">
          <mat-card-header>
            <mat-card-title
              ><h2 class="card-title">{{ 'website.home.corrections' | t }}</h2></mat-card-title
            >
          </mat-card-header>
          <mat-card-content>
            @if (corrections.hasValue()) {
              <ul class="rows">
                @for (ticket of waiting(); track ticket.id) {
                  <li data-testid="website-waiting-correction">
                    <span class="td-badge" [class]="correctionBadge[ticket.status]">{{ 'website.correction.' + ticket.status | t }}</span>
                    <span>{{ ticket.pageTitle }}</span>
                    <span class="td-muted">{{ ticket.requestingUnitName }} · {{ 'website.kind.' + ticket.kind | t }}</span>
                  </li>
                } @empty {
                  <li class="td-muted">{{ 'website.home.noCorrections' | t }}</li>
                }
              </ul>
              <div class="td-form-actions">
                <a mat-stroked-button routerLink="/website/corrections">{{ 'website.home.toCorrections' | t }}</a>
              </div>
            } @else {
              <td-load-state [loading]="corrections.isLoading()" [error]="corrections.error()" (retry)="corrections.reload()" />
            }
          </mat-card-content>
        </mat-card>
      </div>
    } @else {
      <td-load-state [loading]="reviews.isLoading()" [error]="reviews.error()" (retry)="reviews.reload()" />
    }
  `,
  styles: `
    .links {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .cards {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(340px, 1fr));
      gap: 16px;
      align-items: start;
    }
    .card-title {
      margin: 0;
      font-size: 18px;
    }
    .form-line {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    .rows {
      list-style: none;
      margin: 0;
      padding: 0;
      li {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        align-items: center;
        padding: 6px 0;
        border-bottom: 1px solid var(--mat-sys-outline-variant);
      }
    }
  `,
})
export class WebsiteHomePageComponent {
  private readonly api = inject(WebsiteApi);
  private readonly auth = inject(AuthService);
  private readonly clock = inject(ClockService);
  private readonly i18n = inject(I18nService);

  protected readonly formBadge = FORM_STATUS_BADGE;
  protected readonly correctionBadge = CORRECTION_STATUS_BADGE;
  protected readonly timelinessBadge = TIMELINESS_BADGE;

  private readonly me = this.auth.me;
  protected readonly thisMonth = computed(() => monthOf(this.clock.now()));
  protected readonly monthLabel = computed(() => formatMonth(this.thisMonth(), this.i18n.lang()));
  protected readonly isHead = computed(() => !!this.me()?.roles.includes(Role.UnitHead));
  protected readonly canSeeCompliance = computed(() => !!this.me()?.roles.some((role) => WEBSITE_COMPLIANCE_ROLES.includes(role)));

  /** Every form of my unit (the server sends all units' to all-unit roles; the unit filter keeps mine). */
  protected readonly reviews = rxResource({
    params: () => this.me()?.unitCode ?? '',
    stream: ({ params }) => this.api.reviews({ unit: params }),
  });
  protected readonly corrections = rxResource({ stream: () => this.api.corrections() });

  protected readonly myForm = computed(() =>
    this.reviews.hasValue() ? (this.reviews.value().find((form) => form.month === this.thisMonth()) ?? null) : null,
  );
  protected readonly toSign = computed(() =>
    this.reviews.hasValue() ? this.reviews.value().filter((form) => form.status === 'submitted') : [],
  );
  /** Tickets someone like me can move on now: the server says so per ticket. */
  protected readonly waiting = computed(() =>
    this.corrections.hasValue()
      ? this.corrections.value().filter((ticket) => ticket.can.done || ticket.can.recheck || ticket.can.publish)
      : [],
  );

  protected month(month: string): string {
    return formatMonth(month, this.i18n.lang());
  }
}
