import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import type { AccountRequestStatus } from '@tunedesk/contracts';
import { RocDatePipe } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { AccountRequestsApi } from './account-requests.api';
import { STATUS_BADGE } from './request-labels';

@Component({
  selector: 'td-request-list-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatCardModule, MatIconModule, MatTableModule, RouterLink, LoadStateComponent, RocDatePipe, TranslatePipe],
  template: `
    <header class="td-page-header td-page-header--actions">
      <div>
        <h1 class="td-page-title">{{ 'requests.title' | t }}</h1>
        <p class="td-page-intro">{{ 'requests.intro' | t }}</p>
      </div>
      <a mat-flat-button routerLink="/account-requests/new" data-testid="request-new">
        <mat-icon aria-hidden="true">add</mat-icon>{{ 'requests.new' | t }}
      </a>
    </header>

    @if (requests.hasValue()) {
      <mat-card appearance="outlined">
        <div class="td-table-wrap">
          <table mat-table [dataSource]="sorted()" data-testid="requests-table" class="requests-table">
            <ng-container matColumnDef="id">
              <th mat-header-cell *matHeaderCellDef scope="col">{{ 'requests.col.id' | t }}</th>
              <td mat-cell *matCellDef="let request">
                <a [routerLink]="['/account-requests', request.id]" class="id-link">
                  <span class="visually-hidden">{{ 'requests.col.id' | t }}</span>{{ request.id }}
                </a>
              </td>
            </ng-container>
            <ng-container matColumnDef="kind">
              <th mat-header-cell *matHeaderCellDef scope="col">{{ 'requests.col.kind' | t }}</th>
              <td mat-cell *matCellDef="let request">{{ 'requestKind.' + request.kind | t }}</td>
            </ng-container>
            <ng-container matColumnDef="account">
              <th mat-header-cell *matHeaderCellDef scope="col">{{ 'requests.col.account' | t }}</th>
              <td mat-cell *matCellDef="let request">
                <span class="td-mono">{{ request.account }}</span>
                @if (request.displayName) {
                  <span class="td-muted">（{{ request.displayName }}）</span>
                }
              </td>
            </ng-container>
            <ng-container matColumnDef="unit">
              <th mat-header-cell *matHeaderCellDef scope="col">{{ 'requests.col.unit' | t }}</th>
              <td mat-cell *matCellDef="let request">{{ request.unitName }}</td>
            </ng-container>
            <ng-container matColumnDef="effectiveDate">
              <th mat-header-cell *matHeaderCellDef scope="col">{{ 'requests.col.effectiveDate' | t }}</th>
              <td mat-cell *matCellDef="let request" class="nowrap">{{ request.effectiveDate | rocDate }}</td>
            </ng-container>
            <ng-container matColumnDef="status">
              <th mat-header-cell *matHeaderCellDef scope="col">{{ 'requests.col.status' | t }}</th>
              <td mat-cell *matCellDef="let request">
                <span class="td-badge" [class]="badge(request.status)" [attr.data-status]="request.status">
                  {{ 'requestStatus.' + request.status | t }}
                </span>
              </td>
            </ng-container>
            <ng-container matColumnDef="filedBy">
              <th mat-header-cell *matHeaderCellDef scope="col">{{ 'requests.col.filedBy' | t }}</th>
              <td mat-cell *matCellDef="let request" class="nowrap">
                {{ request.filed.byDisplayName }}
                <span class="td-muted filed-at">{{ request.filed.at | rocDate }}</span>
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let row; columns: columns"></tr>
            <tr class="mat-mdc-row" *matNoDataRow>
              <td class="mat-mdc-cell no-data" [attr.colspan]="columns.length">{{ 'requests.empty' | t }}</td>
            </tr>
          </table>
        </div>
      </mat-card>
    } @else {
      <td-load-state [loading]="requests.isLoading()" [error]="requests.error()" (retry)="requests.reload()" />
    }
  `,
  styles: `
    .requests-table {
      width: 100%;
      min-width: 880px;
      --mat-table-background-color: transparent;
    }
    /* A target wide enough to hit, above the cell (the cell's own layer used to take the click). */
    .id-link {
      display: inline-block;
      position: relative;
      z-index: 1;
      min-width: 3em;
      padding: 6px 0;
      font-weight: 700;
      font-variant-numeric: tabular-nums;
    }
    .nowrap {
      white-space: nowrap;
    }
    .filed-at {
      margin-left: 6px;
      font-size: 13px;
    }
    .no-data {
      padding: 24px 16px;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class RequestListPageComponent {
  private readonly api = inject(AccountRequestsApi);

  protected readonly columns = ['id', 'kind', 'account', 'unit', 'effectiveDate', 'status', 'filedBy'] as const;
  protected readonly requests = rxResource({ stream: () => this.api.list() });
  protected badge(status: AccountRequestStatus): string {
    return STATUS_BADGE[status];
  }

  /** Newest first. */
  protected readonly sorted = computed(() => (this.requests.hasValue() ? [...this.requests.value()].sort((a, b) => b.id - a.id) : []));
}
