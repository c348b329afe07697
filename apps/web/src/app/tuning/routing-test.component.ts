import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { RoutingTestDto } from '@tunedesk/contracts';
import { I18nService } from '../i18n/i18n.service';
import type { MessageKey } from '../i18n/messages';
import { TranslatePipe } from '../i18n/t.pipe';
import { apiErrorMessage } from '../shared/api-error';
import { FormErrorComponent } from '../shared/form-error/form-error.component';
import { TuningApi } from './tuning.api';
import { bilingualMessage, detailsForForm } from './tuning-text';

export const ROUTING_REASON_LABEL: Record<RoutingTestDto['reason'], MessageKey> = {
  'category-rule': 'tuning.test.reason.category-rule',
  'keyword-rule': 'tuning.test.reason.keyword-rule',
  triage: 'tuning.test.reason.triage',
  'named-unit': 'tuning.test.reason.named-unit',
  duty: 'tuning.test.reason.duty',
};

const ROUTING_REASON_EXPLAIN: Record<RoutingTestDto['reason'], MessageKey> = {
  'category-rule': 'tuning.test.explain.category-rule',
  'keyword-rule': 'tuning.test.explain.keyword-rule',
  triage: 'tuning.test.explain.triage',
  'named-unit': 'tuning.test.explain.named-unit',
  duty: 'tuning.test.explain.duty',
};

/** 試算分派: what routing would do with a question no item matched, with the rules as saved. */
@Component({
  selector: 'td-routing-test',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    FormErrorComponent,
    TranslatePipe,
  ],
  template: `
    <mat-card appearance="outlined" class="test-card">
      <mat-card-header>
        <mat-card-title>
          <h3 class="test-title" id="routing-test-title">{{ 'tuning.test.title' | t }}</h3>
        </mat-card-title>
        <mat-card-subtitle>{{ 'tuning.test.intro' | t }}</mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        <form
          class="test-form"
          role="search"
          aria-labelledby="routing-test-title"
          (submit)="$event.preventDefault(); run()"
          data-testid="routing-test-form"
        >
          <mat-form-field appearance="outline" subscriptSizing="dynamic" class="test-input">
            <mat-label>{{ 'tuning.test.question' | t }}</mat-label>
            <input
              matInput
              type="text"
              name="text"
              maxlength="500"
              autocomplete="off"
              data-testid="routing-test-text"
              [value]="text()"
              (input)="onText($event)"
            />
            <mat-hint>{{ 'tuning.test.hint' | t }}</mat-hint>
          </mat-form-field>
          <button mat-flat-button type="submit" data-testid="routing-test-run" [disabled]="!text().trim() || pending()">
            <mat-icon aria-hidden="true">alt_route</mat-icon>{{ 'tuning.test.run' | t }}
          </button>
        </form>
        @if (pending()) {
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="'tuning.test.running' | t" />
        }
        @if (errorMessage()) {
          <td-form-error data-testid="routing-test-error" [message]="errorMessage()" [reasons]="errorReasons()" />
        }
        <div aria-live="polite">
          @if (result(); as result) {
            <dl class="result" data-testid="routing-test-result">
              <div class="result__row">
                <dt>{{ 'tuning.test.folded' | t }}</dt>
                <dd data-testid="routing-test-folded">
                  <span class="folded">{{ result.folded }}</span>
                  @if (result.folded !== result.text) {
                    &ngsp;<span class="td-muted changed">{{ 'tuning.test.foldedChanged' | t }}</span>
                  }
                </dd>
              </div>
              <div class="result__row">
                <dt>{{ 'tuning.test.unit' | t }}</dt>
                <dd data-testid="routing-test-unit">
                  @if (result.unitCode) {
                    <strong>{{ result.unitName ?? result.unitCode }}</strong>&ngsp;<span class="td-mono td-muted">{{
                      result.unitCode
                    }}</span>
                  } @else {
                    <span class="td-badge td-badge--warning">{{ 'tuning.test.noUnit' | t }}</span>
                  }
                </dd>
              </div>
              <div class="result__row">
                <dt>{{ 'tuning.test.reason' | t }}</dt>
                <dd data-testid="routing-test-reason" [attr.data-reason]="result.reason">
                  <span class="td-badge td-badge--info">{{ reasonLabel(result) | t }}</span>&ngsp;
                  <span class="explain">{{ reasonExplain(result) | t: { matched: result.matched ?? '' } }}</span>
                </dd>
              </div>
            </dl>
          }
        </div>
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    :host {
      display: block;
      margin-bottom: 20px;
    }
    .test-title {
      margin: 0;
      font-size: 16px;
      font-weight: 600;
    }
    .test-form {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 8px 12px;
      margin: 12px 0;
    }
    .test-input {
      flex: 1 1 320px;
    }
    .test-form button {
      margin-top: 8px;
    }
    .result {
      display: grid;
      gap: 8px;
      margin: 8px 0 0;
    }
    .result__row {
      display: grid;
      grid-template-columns: minmax(7em, 10em) 1fr;
      gap: 12px;
      align-items: baseline;
    }
    dt {
      font-weight: 600;
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 4px 8px;
    }
    .folded {
      font-size: 16px;
    }
    .changed {
      font-size: 13px;
    }
  `,
})
export class RoutingTestComponent {
  private readonly api = inject(TuningApi);
  private readonly i18n = inject(I18nService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly text = signal('');
  protected readonly pending = signal(false);
  protected readonly result = signal<RoutingTestDto | null>(null);
  private readonly failure = signal<unknown>(null);
  protected readonly errorMessage = computed(() => (this.failure() ? apiErrorMessage(this.failure(), this.i18n) : ''));
  protected readonly errorReasons = computed(() =>
    detailsForForm(this.failure())
      .map((detail) => detail.reason)
      .filter((reason) => reason !== bilingualMessage(this.failure())),
  );

  protected onText(event: Event): void {
    this.text.set((event.target as HTMLInputElement).value);
  }

  protected reasonLabel(result: RoutingTestDto): MessageKey {
    return ROUTING_REASON_LABEL[result.reason];
  }

  protected reasonExplain(result: RoutingTestDto): MessageKey {
    return ROUTING_REASON_EXPLAIN[result.reason];
  }

  protected run(): void {
    const text = this.text().trim();
    if (!text || this.pending()) return;
    this.pending.set(true);
    this.failure.set(null);
    this.api
      .testRouting(text)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (result) => {
          this.pending.set(false);
          this.result.set(result);
        },
        error: (error: unknown) => {
          this.pending.set(false);
          this.result.set(null);
          this.failure.set(error);
        },
      });
  }
}
