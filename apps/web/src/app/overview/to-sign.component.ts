import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { HomeDto } from '@tunedesk/contracts';
import { RocDatePipe } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';

/** A unit head's 待核章: the lists waiting for 核章 and the account requests waiting for a decision, each with its way there. */
@Component({
  selector: 'td-home-to-sign',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, RouterLink, RocDatePipe, TranslatePipe],
  template: `
    @let head = toSign();
    <h3 class="home-sub">{{ 'home.head.lists' | t }}</h3>
    <ul class="home-rows" data-testid="to-sign-lists">
      @for (list of head.lists; track list.cycleId + '/' + list.unitCode) {
        <li class="home-row" [attr.data-cycle]="list.cycleId">
          <div class="home-row__main">
            <a class="home-row__title" [routerLink]="['/proposals/lists', list.cycleId, list.unitCode]">{{ list.label }}</a>
            <span class="home-row__meta home-meta">
              <span>{{ 'home.head.listLine' | t: { unit: list.unitName, count: list.proposals } }}</span>
              @if (list.submittedAt) {
                <span>{{ 'home.head.submittedAt' | t: { date: (list.submittedAt | rocDate: 'short-time') } }}</span>
              }
              @if (list.dueDate) {
                <span>{{ 'home.contact.due' | t: { date: (list.dueDate | rocDate) } }}</span>
              }
            </span>
          </div>
          <a mat-flat-button class="home-row__action" [routerLink]="['/proposals/lists', list.cycleId, list.unitCode]">
            {{ 'home.head.sign' | t }}
          </a>
        </li>
      } @empty {
        <li class="home-empty">{{ 'home.head.noLists' | t }}</li>
      }
    </ul>
    <h3 class="home-sub">{{ 'home.head.requests' | t }}</h3>
    <ul class="home-rows" data-testid="to-sign-requests">
      @for (request of head.accountRequests; track request.id) {
        <li class="home-row">
          <div class="home-row__main">
            <a class="home-row__title" [routerLink]="['/account-requests', request.id]">{{
              'home.head.requestLine' | t: { id: request.id, account: request.account, kind: ('requestKind.' + request.kind | t) }
            }}</a>
            <span class="home-row__meta">{{ 'home.head.effective' | t: { date: (request.effectiveDate | rocDate) } }}</span>
          </div>
          <a mat-stroked-button class="home-row__action" [routerLink]="['/account-requests', request.id]">{{ 'home.head.decide' | t }}</a>
        </li>
      } @empty {
        <li class="home-empty">{{ 'home.head.noRequests' | t }}</li>
      }
    </ul>
  `,
  styleUrl: './home.scss',
})
export class HomeToSignComponent {
  readonly toSign = input.required<NonNullable<HomeDto['unitHead']>>();
}
