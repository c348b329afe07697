import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { type HomeCycleWorkDto, type HomeDto, type HomeUnitState, Role } from '@tunedesk/contracts';
import { taipeiDateOf } from '@tunedesk/domain/dates';
import { AuthService } from '../auth/auth.service';
import { AUDIT_ROLES, USER_READER_ROLES } from '../auth/roles';
import { I18nService } from '../i18n/i18n.service';
import type { MessageKey } from '../i18n/messages';
import { RocDatePipe } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { LIST_STATUS_BADGE, LIST_STATUS_LABEL } from '../proposals/proposal-labels';
import { ClockService } from '../shared/clock.service';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { HomeApi } from './home.api';
import { HomeToSignComponent } from './to-sign.component';
import { CycleNamePipe } from '../i18n/cycle-name';

const DAY_MS = 86_400_000;

export const UNIT_STATE_BADGE: Record<HomeUnitState, string> = {
  late: 'td-badge--error',
  'awaiting-approval': 'td-badge--warning',
  returned: 'td-badge--error',
  'not-submitted': 'td-badge--muted',
};

/** Whole days from today to a YYYY-MM-DD date (negative once past). */
export function daysUntil(today: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
}

/**
 * 總覽: what is waiting for the signed-in person, one section per role they
 * hold (GET /api/home). Nothing here is a placeholder: a section with nothing
 * to do says so, and someone with nothing at all is told that too.
 */
@Component({
  selector: 'td-overview',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CycleNamePipe,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    RouterLink,
    LoadStateComponent,
    RocDatePipe,
    TranslatePipe,
    HomeToSignComponent,
  ],
  templateUrl: './overview.component.html',
  styleUrls: ['./home.scss', './overview.component.scss'],
})
export class OverviewComponent {
  private readonly i18n = inject(I18nService);
  private readonly api = inject(HomeApi);
  protected readonly me = inject(AuthService).me;

  protected readonly now = inject(ClockService).now;
  protected readonly listStatusLabel = LIST_STATUS_LABEL;
  protected readonly listStatusBadge = LIST_STATUS_BADGE;
  protected readonly unitStateBadge = UNIT_STATE_BADGE;

  protected readonly home = rxResource({ stream: () => this.api.get() });

  protected readonly weekday = computed(() => {
    const today = taipeiDateOf(this.now());
    const day = new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay();
    return this.i18n.t(`weekday.${day}` as MessageKey);
  });

  protected readonly roleLabels = computed(() => (this.me()?.roles ?? []).map((role) => `role.${role}` as MessageKey));

  /** Someone whose every section is empty (or who holds no role with a section) is told there is nothing to do. */
  protected readonly allClear = computed(() => {
    if (!this.home.hasValue()) return false;
    const h: HomeDto = this.home.value();
    const busy =
      !!h.contact?.cycles.length ||
      !!h.unitHead?.lists.length ||
      !!h.unitHead?.accountRequests.length ||
      !!h.oversight?.cycles.some((c) => c.units.length) ||
      !!h.oversight?.triage ||
      !!h.oversight?.unannounced.length ||
      !!h.service?.accountRequestsToAccept.length ||
      !!h.checks?.passwordsOverdue.length ||
      !!h.checks?.inactiveSoon.length ||
      !!h.checks?.requestsPastEffective.length ||
      !!(h.admin && (h.admin.requests.submitted || h.admin.requests.approved || h.admin.requests.scheduled || h.admin.lockedAccounts));
    return !busy;
  });

  protected readonly canReadAudit = computed(() => this.holds(AUDIT_ROLES));
  protected readonly canReadUsers = computed(() => this.holds(USER_READER_ROLES));
  protected readonly isLeader = computed(() => this.holds([Role.GroupLeader]));

  private holds(roles: readonly Role[]): boolean {
    const mine = this.me()?.roles ?? [];
    return roles.some((role) => mine.includes(role));
  }

  /** 剩 N 天 / 今天到期 / 已逾期 for a cycle of the contact. */
  protected dueNote(home: HomeDto, cycle: HomeCycleWorkDto): { key: MessageKey; days: number; urgent: boolean } | null {
    if (!cycle.dueDate) return null;
    const days = daysUntil(home.today, cycle.dueDate);
    if (days < 0 || cycle.overdue) return { key: 'home.contact.overdue', days, urgent: true };
    if (days === 0) return { key: 'home.contact.dueToday', days, urgent: true };
    return { key: 'home.contact.daysLeft', days, urgent: days <= 3 };
  }
}
