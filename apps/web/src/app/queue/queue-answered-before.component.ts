import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { AnsweredBeforeDto } from '@tunedesk/contracts';
import { RocDatePipe } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { PROPOSAL_KIND_LABEL, PROPOSAL_STATUS_LABEL } from '../proposals/proposal-labels';

/** The earlier month's proposal list, where the proposal that answered the wording sits. */
function listLink(answered: AnsweredBeforeDto): (string | number)[] {
  return ['/proposals/lists', answered.cycleId, answered.unitCode];
}

/** The earlier cycle's month as a date the rocDate pipe reads ('2026-10' → '2026-10-01'). */
function monthOf(answered: AnsweredBeforeDto): string | null {
  return answered.month ? `${answered.month}-01` : null;
}

/**
 * One line under a queue row: the wording was answered in an earlier month,
 * by which proposal, in what state, with a link to that month's list.
 */
@Component({
  selector: 'td-answered-before-link',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule, RouterLink, RocDatePipe, TranslatePipe],
  template: `
    @let a = answered();
    <p class="answered-before" data-testid="queue-answered-before">
      <mat-icon aria-hidden="true">history</mat-icon>
      <a [routerLink]="link()" [fragment]="'proposal-' + a.proposalId" data-testid="queue-answered-before-link">{{
        'queue.answered.row'
          | t
            : {
                month: month() ? (month() | rocDate: 'month') : a.cycleLabel,
                id: a.proposalId,
                status: statusLabel[a.status] | t,
              }
      }}</a>
    </p>
  `,
  styles: `
    .answered-before {
      display: flex;
      align-items: center;
      gap: 4px;
      margin: 4px 0 0;
      font-size: 0.8125rem;
      color: var(--mat-sys-on-surface-variant);
    }
    .answered-before mat-icon {
      flex: none;
      width: 16px;
      height: 16px;
      font-size: 16px;
    }
  `,
})
export class AnsweredBeforeLinkComponent {
  readonly answered = input.required<AnsweredBeforeDto>();
  protected readonly statusLabel = PROPOSAL_STATUS_LABEL;
  protected readonly link = computed(() => listLink(this.answered()));
  protected readonly month = computed(() => monthOf(this.answered()));
}

/**
 * The queue item page's notice: this wording was answered in an earlier month
 * by an approved (or applied) proposal, so it is not new work; what to do if
 * it keeps missing. Shows nothing when there is no earlier answer.
 */
@Component({
  selector: 'td-queue-answered-before',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule, RouterLink, RocDatePipe, TranslatePipe],
  template: `
    @if (answered(); as a) {
      <div class="td-alert td-alert--ok answered" role="note" data-testid="queue-item-answered-before">
        <mat-icon aria-hidden="true">history</mat-icon>
        <div class="td-alert__body">
          <p class="answered__title">
            {{ 'queue.answered.title' | t: { month: monthOf(a) ? (monthOf(a)! | rocDate: 'month') : a.cycleLabel } }}
          </p>
          <p>
            {{
              'queue.answered.body'
                | t: { id: a.proposalId, kind: kindLabel[a.proposalKind] | t, status: statusLabel[a.status] | t, wording: a.wording }
            }}
            @if (a.kbItemId) {
              <a class="td-mono" [routerLink]="['/kb/items', a.kbItemId]">{{ a.kbItemId }}</a>
            }
          </p>
          <p class="td-muted">{{ (a.status === 'applied' ? 'queue.answered.hintApplied' : 'queue.answered.hintApproved') | t }}</p>
          <a [routerLink]="linkOf(a)" [fragment]="'proposal-' + a.proposalId" data-testid="queue-item-answered-before-link">{{
            'queue.answered.open' | t: { cycle: a.cycleLabel }
          }}</a>
        </div>
      </div>
    }
  `,
  styles: `
    .answered {
      margin-block-end: 16px;
    }
    .answered p {
      margin: 0 0 4px;
    }
    .answered__title {
      font-weight: 600;
    }
  `,
})
export class QueueAnsweredBeforeComponent {
  readonly answered = input<AnsweredBeforeDto | null | undefined>(null);
  protected readonly kindLabel = PROPOSAL_KIND_LABEL;
  protected readonly statusLabel = PROPOSAL_STATUS_LABEL;
  protected linkOf(a: AnsweredBeforeDto): (string | number)[] {
    return listLink(a);
  }
  protected monthOf(a: AnsweredBeforeDto): string | null {
    return monthOf(a);
  }
}
