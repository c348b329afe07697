import { ChangeDetectionStrategy, Component, computed, effect, inject, input, linkedSignal, signal, untracked } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import {
  type CloseRequest,
  type QueueItemDetailDto,
  type QueueItemDto,
  type ReassignRequest,
  type ResponseType,
  type ReviewReason,
  Role,
} from '@tunedesk/contracts';
import type { Observable } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { I18nService } from '../i18n/i18n.service';
import type { MessageKey } from '../i18n/messages';
import { RocDatePipe } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { listClosed } from '../proposals/proposal-labels';
import { RECURRING_FROM, RESPONSE_TYPE_LABEL, scorePercent } from '../reports/report-labels';
import { REVIEW_REASON_BADGE, REVIEW_REASON_LABEL } from '../reports/review-labels';
import { apiErrorCode, apiErrorMessage, httpErrorOf } from '../shared/api-error';
import { confirmAction } from '../shared/confirm-dialog/confirm-dialog.component';
import { FormErrorComponent } from '../shared/form-error/form-error.component';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { QueueApi } from './queue.api';
import { QueueAnsweredBeforeComponent } from './queue-answered-before.component';
import { QueueCloseFormComponent } from './queue-close-form.component';
import {
  CLOSE_REASON_LABEL,
  QUEUE_KIND_LABEL,
  QUEUE_STATUS_BADGE,
  QUEUE_STATUS_ICON,
  QUEUE_STATUS_LABEL,
  type QueueRef,
  canWork,
  isAnsweredBefore,
  isMine,
  isPlainKey,
  isQueueKind,
  isTyping,
  kbStatusBadge,
  kbStatusLabel,
  proposalQueryParams,
} from './queue-labels';
import { QueueOrderService } from './queue-order.service';
import { QueueReassignFormComponent } from './queue-reassign-form.component';
import { UnitNamesService } from '../org/unit-names.service';
import { CycleNamePipe } from '../i18n/cycle-name';
import { ListClosedNoticeComponent } from '../proposals/list-closed-notice.component';

/** What reassignedFrom holds for an item that came out of the triage queue. */
const FROM_TRIAGE = 'TRIAGE';

type Action = 'claim' | 'release' | 'close' | 'reassign' | 'merge' | 'split';
type Mode = 'close' | 'reassign' | 'merge' | 'split';

/**
 * /queue/:kind/:id — one item of the queue: who has it, its wordings and
 * example conversations, and the suggested items' (or the review item's)
 * current question, answer and alternates side by side. 認領 / 釋出 / 結案 /
 * 改派 / 提出提案; n / p walk the last list's order, c claims, e proposes,
 * d goes on to the next once this one is taken care of.
 */
@Component({
  selector: 'td-queue-item-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ListClosedNoticeComponent,
    CycleNamePipe,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    RouterLink,
    FormErrorComponent,
    LoadStateComponent,
    QueueAnsweredBeforeComponent,
    QueueCloseFormComponent,
    QueueReassignFormComponent,
    RocDatePipe,
    TranslatePipe,
  ],
  host: { '(document:keydown)': 'onKey($event)' },
  templateUrl: './queue-item-page.component.html',
  styleUrl: './queue-item-page.component.scss',
})
export class QueueItemPageComponent {
  private readonly api = inject(QueueApi);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly i18n = inject(I18nService);
  private readonly unitNames = inject(UnitNamesService);
  private readonly order = inject(QueueOrderService);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);

  /** `:kind` of the route: cluster or review. */
  readonly kind = input.required<string>();
  /** `:id` of the route. */
  readonly id = input.required<string>();

  protected readonly kindLabel = QUEUE_KIND_LABEL;
  protected readonly statusLabel = QUEUE_STATUS_LABEL;
  protected readonly statusBadge = QUEUE_STATUS_BADGE;
  protected readonly statusIcon = QUEUE_STATUS_ICON;
  protected readonly closeReasonLabel = CLOSE_REASON_LABEL;

  protected readonly ref = computed<QueueRef | null>(() => {
    const kind = this.kind();
    const id = Number(this.id());
    return isQueueKind(kind) && Number.isInteger(id) && id > 0 ? { kind, id } : null;
  });

  protected readonly item = rxResource({
    params: () => this.ref() ?? undefined,
    stream: ({ params }) => this.api.item(params.kind, params.id),
  });
  protected readonly notFound = computed(() => !this.ref() || httpErrorOf(this.item.error())?.status === 404);
  /** The server's own words for the 404 (找不到待辦項目 群組 #77), when it sent any. */
  protected readonly notFoundMessage = computed(() =>
    apiErrorCode(this.item.error()) ? apiErrorMessage(this.item.error(), this.i18n) : '',
  );

  /** Where the item is in the last list; null when it was opened from elsewhere. */
  protected readonly position = computed(() => {
    const ref = this.ref();
    return ref ? this.order.position(ref) : null;
  });
  protected readonly listLink = computed(() => this.router.parseUrl(this.order.listUrl()));

  private readonly me = this.auth.me;
  private readonly isLeader = computed(() => this.auth.hasRole(Role.GroupLeader));
  protected readonly may = computed(() => this.item.hasValue() && canWork(this.me(), this.item.value()));
  protected readonly mine = computed(() => this.item.hasValue() && isMine(this.me(), this.item.value()));
  /** Free, or in the user's hands, or the user is the group leader. */
  private readonly handsFree = computed(() => this.item.hasValue() && (!this.item.value().claimedBy || this.mine() || this.isLeader()));

  /** The item's status, when the user may work it; null otherwise. */
  private readonly workable = computed(() => (this.may() && this.item.hasValue() ? this.item.value() : null));
  protected readonly canClaim = computed(() => {
    const item = this.workable();
    return !!item && item.status === 'open' && !item.claimedBy;
  });
  protected readonly canRelease = computed(() => this.workable()?.status === 'claimed' && (this.mine() || this.isLeader()));
  protected readonly canClose = computed(() => {
    const item = this.workable();
    return !!item && item.status !== 'closed' && this.handsFree();
  });
  protected readonly canReassign = computed(() => {
    const status = this.workable()?.status;
    return (status === 'open' || status === 'claimed') && this.handsFree();
  });
  protected readonly canPropose = computed(() => {
    const item = this.workable();
    return !!item && item.status !== 'closed' && this.handsFree();
  });
  /** Someone else has it and the user is not the group leader: nothing to do here but wait or ask. */
  protected readonly heldByOther = computed(() => this.may() && !this.handsFree());
  protected readonly proposalParams = computed(() => (this.item.hasValue() ? proposalQueryParams(this.item.value()) : {}));

  // The user's list of this cycle, closed (已送出 / 已核定): said here, before the work starts, with the way on.
  /** Open, but an earlier month's approved or applied change already answers it (as the queue list says). */
  protected readonly answeredBefore = isAnsweredBefore;

  protected readonly closedList = computed(() => {
    const state = this.item.hasValue() ? this.item.value().listState : null;
    return listClosed(state) ? state : null;
  });
  /** The same proposal in the cycle to go to instead (不定期調校, else the next month). */
  protected readonly insteadParams = computed(() => {
    const instead = this.closedList()?.instead;
    return instead ? { ...this.proposalParams(), cycle: instead.cycleId } : null;
  });

  /** The list the closed state is about. */
  protected listOf(state: { cycleId: number; unitCode: string }): (string | number)[] {
    return ['/proposals/lists', state.cycleId, state.unitCode];
  }
  /** Taken care of: claimed, proposed or closed, or nothing here the user may do. */
  protected readonly handled = computed(() => this.item.hasValue() && (this.item.value().status !== 'open' || !this.may()));

  protected readonly recurring = computed(
    () => this.item.hasValue() && this.item.value().kind === 'cluster' && this.item.value().recurringMonths >= RECURRING_FROM,
  );
  /** The suggested items' scores, by bank item id. */
  private readonly scores = computed(
    () => new Map(this.item.hasValue() ? this.item.value().suggestions.map((s) => [s.kbItemId, scorePercent(s.score)]) : []),
  );

  // What is being done to this item; another item starts afresh.
  protected readonly mode = linkedSignal<QueueRef | null, Mode | null>({
    source: this.ref,
    computation: () => null,
  });
  /** Other clusters of the same queue this one can be merged into (loaded when the merge form opens). */
  protected readonly mergeTargets = signal<QueueItemDto[]>([]);
  protected readonly mergeInto = signal<number | null>(null);
  protected readonly canMerge = computed(() => this.item.hasValue() && this.item.value().kind === 'cluster' && this.canReassign());
  /** The wordings ticked to move out into a new cluster (by text). */
  protected readonly splitChosen = linkedSignal<QueueRef | null, ReadonlySet<string>>({ source: this.ref, computation: () => new Set() });
  /** A cluster of two wordings or more that could be merged could be split too. */
  protected readonly canSplit = computed(() => this.canMerge() && this.item.hasValue() && this.item.value().wordings.length > 1);
  /** The ticked wordings' messages. */
  protected readonly splitSize = computed(() =>
    this.item.hasValue() ? this.item.value().wordings.reduce((n, w) => n + (this.splitChosen().has(w.text) ? w.count : 0), 0) : 0,
  );
  /** Every wording ticked: one must stay. */
  protected readonly splitAll = computed(
    () => this.item.hasValue() && this.splitChosen().size > 0 && this.splitChosen().size >= this.item.value().wordings.length,
  );
  protected readonly splitReady = computed(() => this.splitChosen().size > 0 && !this.splitAll());
  /** 對應既有題目 · 信心 87% / 新主題 · 相似度 62%; null when the cluster's basis is not known. */
  protected readonly basisLabel = computed(() => {
    const item = this.item.hasValue() ? this.item.value() : null;
    if (!item || item.kind !== 'cluster' || !item.basis) return null;
    if (item.confidence === null || item.confidence === undefined) return this.i18n.t(`queue.basis.${item.basis}`);
    return this.i18n.t(`queue.basis.${item.basis}Confidence`, { percent: scorePercent(item.confidence) });
  });
  protected readonly busy = linkedSignal<QueueRef | null, Action | null>({ source: this.ref, computation: () => null });
  /** A failed claim or release; the forms show their own. */
  protected readonly actionFailure = linkedSignal<QueueRef | null, unknown>({ source: this.ref, computation: () => null });
  protected readonly formFailure = linkedSignal<QueueRef | null, unknown>({ source: this.ref, computation: () => null });
  protected readonly mergeError = computed(() => (this.formFailure() ? apiErrorMessage(this.formFailure(), this.i18n) : ''));
  protected readonly actionError = computed(() => (this.actionFailure() ? apiErrorMessage(this.actionFailure(), this.i18n) : ''));
  /** A word for the keyboard user: d before the item is taken care of, n at the end of the list. */
  protected readonly notice = linkedSignal<QueueRef | null, MessageKey | null>({ source: this.ref, computation: () => null });
  protected readonly announcement = signal('');

  constructor() {
    // 「由 房屋稅科 改派」: the unit it came from is named, not coded.
    effect(() => {
      const from = this.item.hasValue() ? this.item.value().reassignedFrom : null;
      if (from && from !== FROM_TRIAGE) untracked(() => this.unitNames.load());
    });
    // The list puts its cursor back on the item opened last.
    effect(() => {
      const ref = this.ref();
      if (ref) untracked(() => this.order.opened(ref));
    });
  }

  protected statusKey(status: QueueItemDto['status']): MessageKey {
    return QUEUE_STATUS_LABEL[status];
  }

  protected responseKey(type: ResponseType): MessageKey {
    return RESPONSE_TYPE_LABEL[type];
  }

  protected reviewReasonKey(reason: ReviewReason): MessageKey {
    return REVIEW_REASON_LABEL[reason];
  }

  protected reviewReasonBadge(reason: ReviewReason): string {
    return REVIEW_REASON_BADGE[reason];
  }

  protected kbStatusKey(status: string): MessageKey | null {
    return kbStatusLabel(status);
  }

  protected kbStatusBadge(status: string): string {
    return kbStatusBadge(status);
  }

  protected scoreOf(kbItemId: string): number | null {
    return this.scores().get(kbItemId) ?? null;
  }

  /** 'TRIAGE' or a unit code. */
  protected fromLabel(from: string): string {
    return from === FROM_TRIAGE ? this.i18n.t('queue.scope.triage') : this.unitNames.name(from);
  }

  // Actions ------------------------------------------------------------------

  protected claim(): void {
    this.run('claim', (ref) => this.api.claim(ref.kind, ref.id), 'queue.done.claim');
  }

  protected release(): void {
    this.run('release', (ref) => this.api.release(ref.kind, ref.id), 'queue.done.release');
  }

  protected startClose(): void {
    this.formFailure.set(null);
    this.mode.set(this.mode() === 'close' ? null : 'close');
  }

  protected startReassign(): void {
    this.formFailure.set(null);
    this.mode.set(this.mode() === 'reassign' ? null : 'reassign');
  }

  protected startMerge(): void {
    const item = this.item.hasValue() ? this.item.value() : null;
    if (!item) return;
    this.formFailure.set(null);
    this.mergeInto.set(null);
    this.mode.set(this.mode() === 'merge' ? null : 'merge');
    if (this.mode() !== 'merge') return;
    this.api
      .list({ cycle: item.cycleId, kind: 'cluster', ...(item.unitCode ? {} : { unit: 'triage' }) })
      .subscribe((rows) =>
        this.mergeTargets.set(
          rows.filter((r) => r.id !== item.id && r.unitCode === item.unitCode && (r.status === 'open' || r.status === 'claimed')),
        ),
      );
  }

  protected startSplit(): void {
    this.formFailure.set(null);
    this.splitChosen.set(new Set());
    this.mode.set(this.mode() === 'split' ? null : 'split');
  }

  protected toggleSplit(text: string, checked: boolean): void {
    const next = new Set(this.splitChosen());
    if (checked) next.add(text);
    else next.delete(text);
    this.splitChosen.set(next);
  }

  /** Asks first: the new cluster starts open in the same queue, and the split cannot be undone here. */
  protected split(): void {
    const ref = this.ref();
    if (!ref || !this.item.hasValue() || !this.splitReady() || this.busy()) return;
    const all = this.item.value().wordings;
    const texts = all.filter((w) => this.splitChosen().has(w.text)).map((w) => w.text);
    confirmAction(this.dialog, {
      title: this.i18n.t('queue.split.confirmTitle'),
      message: this.i18n.t('queue.split.confirm', { count: texts.length, size: this.splitSize(), left: all.length - texts.length }),
      confirmLabel: this.i18n.t('queue.split.submit'),
    }).subscribe((yes) => {
      if (!yes || this.busy()) return;
      this.busy.set('split');
      this.formFailure.set(null);
      this.api.split(ref.id, texts).subscribe({
        next: (created) => {
          this.busy.set(null);
          this.mode.set(null);
          const message = this.i18n.t('queue.done.split', { title: created.title });
          this.announcement.set(message);
          this.snackBar.open(message, this.i18n.t('common.dismiss'), { duration: 4000 });
          this.go({ kind: 'cluster', id: created.id });
        },
        error: (error: unknown) => {
          this.busy.set(null);
          this.formFailure.set(error);
        },
      });
    });
  }

  protected merge(): void {
    const ref = this.ref();
    const into = this.mergeInto();
    if (!ref || into === null || this.busy()) return;
    this.busy.set('merge');
    this.formFailure.set(null);
    this.api.merge(ref.id, into).subscribe({
      next: (merged) => {
        this.busy.set(null);
        this.mode.set(null);
        const message = this.i18n.t('queue.done.merge', { title: merged.title });
        this.announcement.set(message);
        this.snackBar.open(message, this.i18n.t('common.dismiss'), { duration: 4000 });
        this.go({ kind: 'cluster', id: merged.id });
      },
      error: (error: unknown) => {
        this.busy.set(null);
        this.formFailure.set(error);
      },
    });
  }

  protected cancelForm(): void {
    this.mode.set(null);
    this.formFailure.set(null);
  }

  protected close(request: CloseRequest): void {
    this.run('close', (ref) => this.api.close(ref.kind, ref.id, request), 'queue.done.close');
  }

  protected reassign(request: ReassignRequest): void {
    this.run('reassign', (ref) => this.api.reassign(ref.kind, ref.id, request), 'queue.done.reassign');
  }

  private run(action: Action, call: (ref: QueueRef) => Observable<QueueItemDto>, done: MessageKey): void {
    const ref = this.ref();
    if (!ref || !this.item.hasValue() || this.busy()) return;
    const form = action === 'close' || action === 'reassign';
    this.busy.set(action);
    this.actionFailure.set(null);
    this.formFailure.set(null);
    this.notice.set(null);
    call(ref).subscribe({
      next: (updated) => {
        this.busy.set(null);
        if (form) this.mode.set(null);
        // The answer is the item without its details; these stay as they were.
        this.item.update((current) => (current ? ({ ...current, ...updated } as QueueItemDetailDto) : current));
        const message = this.i18n.t(done, { title: updated.title, unit: updated.unitName ?? updated.unitCode ?? '' });
        this.announcement.set(message);
        this.snackBar.open(message, this.i18n.t('common.dismiss'), { duration: 4000 });
      },
      error: (error: unknown) => {
        this.busy.set(null);
        if (form) this.formFailure.set(error);
        else this.actionFailure.set(error);
        // Someone else was quicker: show who has it now.
        if (apiErrorCode(error) === 'QUEUE_ITEM_CLAIMED' || apiErrorCode(error) === 'QUEUE_ITEM_CLOSED') this.item.reload();
      },
    });
  }

  // Moving on ----------------------------------------------------------------

  private go(ref: QueueRef | null | undefined): void {
    if (ref) void this.router.navigate(['/queue', ref.kind, ref.id]);
  }

  protected previous(): void {
    const previous = this.position()?.previous;
    if (previous) this.go(previous);
    else this.notice.set('queue.item.firstItem');
  }

  protected next(): void {
    const next = this.position()?.next;
    if (next) this.go(next);
    else this.notice.set('queue.item.lastItem');
  }

  /** d: on to the next item (or back to the list after the last) once this one is taken care of. */
  protected doneAndNext(): void {
    if (!this.item.hasValue()) return;
    if (!this.handled()) {
      this.notice.set('queue.item.doneFirst');
      return;
    }
    const next = this.position()?.next;
    if (next) this.go(next);
    else void this.router.navigateByUrl(this.listLink());
  }

  protected propose(): void {
    if (!this.canPropose()) return;
    const params = this.closedList() ? this.insteadParams() : this.proposalParams();
    if (params) void this.router.navigate(['/proposals/new'], { queryParams: params });
  }

  /** n / p, c, e, d; not while typing in a field or with a modifier. */
  protected onKey(event: KeyboardEvent): void {
    if (event.defaultPrevented || isTyping(event.target) || !isPlainKey(event)) return;
    switch (event.key) {
      case 'n':
        event.preventDefault();
        this.next();
        break;
      case 'p':
        event.preventDefault();
        this.previous();
        break;
      case 'c':
        if (this.canClaim()) {
          event.preventDefault();
          this.claim();
        }
        break;
      case 'e':
        if (this.canPropose()) {
          event.preventDefault();
          this.propose();
        }
        break;
      case 'd':
        event.preventDefault();
        this.doneAndNext();
        break;
    }
  }
}
