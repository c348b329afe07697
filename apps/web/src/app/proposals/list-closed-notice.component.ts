import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink, type Params } from '@angular/router';
import type { ProposalListStateDto } from '@tunedesk/contracts';
import { cycleName } from '../i18n/cycle-name';
import { I18nService } from '../i18n/i18n.service';
import { RocDatePipe } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { closedAt } from './proposal-labels';

/**
 * The user's list of a cycle is closed (已送出 / 已核定): said before the work
 * starts — on the queue item and on the proposal form — with the date, and the
 * way on (不定期調校, else the next month) carrying what the page was about.
 * `testid` prefixes the test ids: `<testid>-list-closed`, `-text`, `-nowhere`, `-instead`, `-list`.
 */
@Component({
  selector: 'td-list-closed-notice',
  imports: [MatButtonModule, MatIconModule, RouterLink, RocDatePipe, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let closed = state();
    <div
      class="td-alert td-alert--warning list-closed td-no-print"
      [attr.role]="role()"
      [attr.data-testid]="testid() + '-list-closed'"
      [attr.data-status]="closed.status"
    >
      <mat-icon aria-hidden="true">lock_clock</mat-icon>
      <div class="td-alert__body">
        <strong>{{ 'proposals.closed.title' | t }}</strong>
        <p [attr.data-testid]="testid() + '-list-closed-text'">
          {{
            (closed.status === 'approved' ? 'proposals.closed.approved' : 'proposals.closed.submitted')
              | t: { cycle: name(closed.cycleLabel), date: (closedAt(closed) | rocDate) }
          }}
        </p>
        @if (closed.instead; as instead) {
          <p>{{ 'proposals.closed.insteadHint' | t: { cycle: name(instead.cycleLabel) } }}</p>
        } @else {
          <p [attr.data-testid]="testid() + '-list-closed-nowhere'">{{ 'proposals.closed.nowhere' | t }}</p>
        }
        @if (returnHint() && closed.status === 'submitted') {
          <p class="td-muted">{{ 'proposals.closed.returnHint' | t }}</p>
        }
        <div class="list-closed__actions">
          @if (closed.instead && insteadParams(); as params) {
            <a
              mat-flat-button
              [attr.data-testid]="testid() === 'queue' ? 'queue-propose-instead' : 'proposal-instead'"
              [attr.aria-keyshortcuts]="shortcut()"
              routerLink="/proposals/new"
              [queryParams]="params"
            >
              <mat-icon aria-hidden="true">edit_note</mat-icon
              >{{ 'proposals.closed.instead' | t: { cycle: name(closed.instead.cycleLabel) } }}
            </a>
          }
          <a mat-button [attr.data-testid]="testid() + '-list-closed-list'" [routerLink]="listLink()">{{
            'proposals.closed.viewList' | t
          }}</a>
        </div>
      </div>
    </div>
  `,
  styles: `
    .list-closed {
      margin-bottom: 12px;
    }
    .list-closed p {
      margin: 4px 0;
    }
    .list-closed__actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin-top: 8px;
    }
  `,
})
export class ListClosedNoticeComponent {
  private readonly i18n = inject(I18nService);
  readonly state = input.required<ProposalListStateDto>();
  /** The page's test-id prefix (queue, proposal). */
  readonly testid = input.required<string>();
  /** The same work in the cycle to go to instead; null when there is none. */
  readonly insteadParams = input<Params | null>(null);
  /** Where "view the list" goes; by default the closed list itself. */
  readonly list = input<(string | number)[] | string | null>(null);
  readonly role = input<'status' | 'alert'>('status');
  readonly returnHint = input(false);
  readonly shortcut = input<string | null>(null);

  protected readonly closedAt = closedAt;
  protected readonly listLink = computed(() => this.list() ?? ['/proposals/lists', this.state().cycleId, this.state().unitCode]);

  protected name(label: string): string {
    return cycleName(label, this.i18n);
  }
}
