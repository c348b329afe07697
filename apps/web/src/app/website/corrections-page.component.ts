import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import type { CorrectionDto, CorrectionStatus } from '@tunedesk/contracts';
import { I18nService } from '../i18n/i18n.service';
import { RocDatePipe } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { apiErrorMessage } from '../shared/api-error';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { WebsiteApi } from './website.api';
import { CORRECTION_STATUSES, CORRECTION_STATUS_BADGE, formatMonth } from './website-labels';

export type CorrectionAction = 'done' | 'recheck-ok' | 'recheck-not-ok' | 'publish';

/**
 * 更正單: the service section's content fixes and the IT section's program
 * fixes (完成), the requesting unit's 複檢, the web admin's 上線確認. What a
 * person may do on each ticket comes from the server (`can`).
 */
@Component({
  selector: 'td-corrections-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    RouterLink,
    LoadStateComponent,
    RocDatePipe,
    TranslatePipe,
  ],
  template: `
    <header class="td-page-header">
      <p class="crumb">
        <a routerLink="/website">{{ 'website.backToHome' | t }}</a>
      </p>
      <h1 class="td-page-title">{{ 'website.corrections.title' | t }}</h1>
      <p class="td-page-intro">{{ 'website.corrections.intro' | t }}</p>
    </header>

    <div class="filters">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'website.corrections.status' | t }}</mat-label>
        <mat-select [value]="status()" (selectionChange)="status.set($event.value)" data-testid="corrections-status">
          <mat-option value="">{{ 'common.all' | t }}</mat-option>
          @for (s of statuses; track s) {
            <mat-option [value]="s">{{ 'website.correction.' + s | t }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
    </div>

    @if (tickets.hasValue()) {
      <mat-card appearance="outlined">
        <div class="td-table-wrap">
          <table class="td-data-table tickets" data-testid="corrections-table">
            <thead>
              <tr>
                <th scope="col">{{ 'website.col.month' | t }}</th>
                <th scope="col">{{ 'website.col.page' | t }}</th>
                <th scope="col">{{ 'website.col.what' | t }}</th>
                <th scope="col">{{ 'website.col.status' | t }}</th>
                <th scope="col">{{ 'website.col.action' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (c of tickets.value(); track c.id) {
                <tr data-testid="correction-row" [attr.data-id]="c.id">
                  <td class="nowrap">
                    <a [routerLink]="['/website/reviews', c.formId]">{{ month(c.month) }}</a>
                    <div class="td-muted">{{ c.requestingUnitName }}</div>
                  </td>
                  <td>
                    <a [href]="c.url" target="_blank" rel="noopener">{{ c.pageTitle }}</a>
                    <div class="td-muted">{{ 'website.kindTo.' + c.kind | t }}</div>
                  </td>
                  <td class="what">{{ c.what }}</td>
                  <td>
                    <span class="td-badge" [class]="badge[c.status]" data-testid="correction-status">{{
                      'website.correction.' + c.status | t
                    }}</span>
                    <div class="td-muted small">{{ c.opened.at | rocDate }}</div>
                    @if (c.rechecked; as r) {
                      <div class="small">
                        {{ (r.ok ? 'website.correctionStep.recheckOk' : 'website.correctionStep.recheckNotOk') | t }}
                        {{ r.byDisplayName }}{{ r.note ? '：' + r.note : '' }}
                      </div>
                    }
                  </td>
                  <td class="actions">
                    @if (c.can.done || c.can.recheck || c.can.publish) {
                      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="note">
                        <mat-label>{{ 'website.corrections.note' | t }}</mat-label>
                        <input
                          matInput
                          maxlength="500"
                          [ngModel]="notes()[c.id] ?? ''"
                          (ngModelChange)="setNote(c.id, $event)"
                          data-testid="correction-note"
                        />
                      </mat-form-field>
                      <div class="buttons">
                        @if (c.can.done) {
                          <button
                            mat-flat-button
                            type="button"
                            data-testid="correction-done"
                            [disabled]="busy() === c.id"
                            (click)="act(c, 'done')"
                          >
                            {{ 'website.corrections.done' | t }}
                          </button>
                        }
                        @if (c.can.recheck) {
                          <button
                            mat-flat-button
                            type="button"
                            data-testid="correction-recheck-ok"
                            [disabled]="busy() === c.id"
                            (click)="act(c, 'recheck-ok')"
                          >
                            {{ 'website.corrections.recheckOk' | t }}
                          </button>
                          <button
                            mat-stroked-button
                            type="button"
                            data-testid="correction-recheck-not-ok"
                            [disabled]="busy() === c.id"
                            (click)="act(c, 'recheck-not-ok')"
                          >
                            {{ 'website.corrections.recheckNotOk' | t }}
                          </button>
                        }
                        @if (c.can.publish) {
                          <button
                            mat-flat-button
                            type="button"
                            data-testid="correction-publish"
                            [disabled]="busy() === c.id"
                            (click)="act(c, 'publish')"
                          >
                            {{ 'website.corrections.publish' | t }}
                          </button>
                        }
                      </div>
                      @if (errors()[c.id]; as error) {
                        <p class="td-field-error" role="alert" data-testid="correction-error">{{ error }}</p>
                      }
                    }
                  </td>
                </tr>
              } @empty {
                <tr>
                  <td colspan="5" class="td-muted" data-testid="corrections-empty">{{ 'website.corrections.empty' | t }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      </mat-card>
    } @else {
      <td-load-state [loading]="tickets.isLoading()" [error]="tickets.error()" (retry)="tickets.reload()" />
    }
  `,
  styles: `
    .crumb {
      margin: 0 0 4px;
      font-size: 14px;
    }
    .filters {
      display: flex;
      gap: 12px;
      margin-bottom: 16px;
    }
    .tickets {
      min-width: 1000px;
      td {
        vertical-align: top;
      }
    }
    .nowrap {
      white-space: nowrap;
    }
    .what {
      white-space: pre-wrap;
      max-width: 320px;
    }
    .small {
      font-size: 13px;
    }
    .actions {
      width: 300px;
      .note {
        width: 100%;
      }
    }
    .buttons {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin-top: 8px;
    }
  `,
})
export class CorrectionsPageComponent {
  private readonly api = inject(WebsiteApi);
  private readonly i18n = inject(I18nService);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly statuses = CORRECTION_STATUSES;
  protected readonly badge = CORRECTION_STATUS_BADGE;
  protected readonly status = signal<CorrectionStatus | ''>('');
  protected readonly tickets = rxResource({
    params: () => this.status(),
    stream: ({ params }) => this.api.corrections({ status: params }),
  });
  protected readonly notes = signal<Partial<Record<number, string>>>({});
  protected readonly errors = signal<Partial<Record<number, string>>>({});
  protected readonly busy = signal<number | null>(null);
  protected readonly count = computed(() => (this.tickets.hasValue() ? this.tickets.value().length : 0));

  protected month(month: string): string {
    return formatMonth(month, this.i18n.lang());
  }

  protected setNote(id: number, note: string): void {
    this.notes.update((all) => ({ ...all, [id]: note }));
  }

  protected act(ticket: CorrectionDto, action: CorrectionAction): void {
    if (this.busy() !== null) return;
    const note = (this.notes()[ticket.id] ?? '').trim();
    if (action === 'recheck-not-ok' && !note) {
      this.errors.update((all) => ({ ...all, [ticket.id]: this.i18n.t('website.corrections.noteRequired') }));
      return;
    }
    const call =
      action === 'done'
        ? this.api.markDone(ticket.id, note)
        : action === 'publish'
          ? this.api.publish(ticket.id, note)
          : this.api.recheck(ticket.id, action === 'recheck-ok', note);
    this.busy.set(ticket.id);
    this.errors.update((all) => ({ ...all, [ticket.id]: '' }));
    call.subscribe({
      next: (updated) => {
        this.busy.set(null);
        this.notes.update((all) => ({ ...all, [ticket.id]: '' }));
        this.tickets.update((list) => list?.map((item) => (item.id === updated.id ? updated : item)));
        this.snackBar.open(this.i18n.t(`website.corrections.doneMessage.${action}`), this.i18n.t('common.dismiss'), { duration: 4000 });
      },
      error: (error: unknown) => {
        this.busy.set(null);
        this.errors.update((all) => ({ ...all, [ticket.id]: apiErrorMessage(error, this.i18n) }));
      },
    });
  }
}
