import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatCardModule } from '@angular/material/card';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '../i18n/t.pipe';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { LIST_STATUS_BADGE, LIST_STATUS_LABEL, listLink } from './proposal-labels';
import { ProposalsApi } from './proposals.api';

/**
 * 各單位資料檢視清單 of a cycle, for the cycle page: each unit the user may
 * see, how far its list has got and how many proposals it holds, linking to the list.
 */
@Component({
  selector: 'td-lists-overview',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatCardModule, RouterLink, LoadStateComponent, TranslatePipe],
  template: `
    <mat-card appearance="outlined" data-testid="lists-overview">
      <mat-card-header>
        <mat-card-title>
          <h2 class="card-title">{{ 'proposals.lists.title' | t }}</h2>
        </mat-card-title>
      </mat-card-header>
      <mat-card-content>
        @if (lists.hasValue()) {
          <div class="td-table-wrap">
            <table class="td-data-table" data-testid="lists-table">
              <thead>
                <tr>
                  <th scope="col">{{ 'proposals.lists.unit' | t }}</th>
                  <th scope="col">{{ 'proposals.lists.status' | t }}</th>
                  <th scope="col" class="num">{{ 'proposals.lists.count' | t }}</th>
                </tr>
              </thead>
              <tbody>
                @for (list of lists.value(); track list.unitCode) {
                  <tr [attr.data-unit]="list.unitCode">
                    <th scope="row">
                      <a [routerLink]="link(list.cycleId, list.unitCode)">{{ list.unitName }}</a>
                    </th>
                    <td>
                      <span class="td-badge" [class]="statusBadge[list.status]" [attr.data-status]="list.status">{{
                        statusLabel[list.status] | t
                      }}</span>
                    </td>
                    <td class="num">{{ list.proposals.length }}</td>
                  </tr>
                } @empty {
                  <tr>
                    <td colspan="3" class="td-muted">{{ 'proposals.lists.empty' | t }}</td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        } @else {
          <td-load-state [loading]="lists.isLoading()" [error]="lists.error()" (retry)="lists.reload()" />
        }
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    :host {
      display: block;
    }
    .card-title {
      margin: 0;
      font-size: 16px;
      font-weight: 600;
    }
  `,
})
export class ListsOverviewComponent {
  private readonly api = inject(ProposalsApi);

  readonly cycleId = input.required<number>();

  protected readonly statusLabel = LIST_STATUS_LABEL;
  protected readonly statusBadge = LIST_STATUS_BADGE;
  protected readonly link = listLink;

  protected readonly lists = rxResource({ params: () => this.cycleId(), stream: ({ params }) => this.api.lists(params) });
}
