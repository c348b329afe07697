import {
  DOCUMENT,
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import type { ProposalDto, ProposalKind, ProposalListDto, ProposalWarning } from '@tunedesk/contracts';
import { type Observable, filter, switchMap } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { I18nService } from '../i18n/i18n.service';
import type { MessageKey } from '../i18n/messages';
import { RocDatePipe } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { apiErrorCode, apiErrorMessage, httpErrorOf } from '../shared/api-error';
import { confirmAction } from '../shared/confirm-dialog/confirm-dialog.component';
import { FormErrorComponent } from '../shared/form-error/form-error.component';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import {
  COMMENT_MAX,
  LIST_STATUS_BADGE,
  LIST_STATUS_LABEL,
  LOCKED_LIST,
  PROPOSAL_KIND_BADGE,
  PROPOSAL_KIND_LABEL,
  PROPOSAL_STATUS_BADGE,
  PROPOSAL_STATUS_LABEL,
  PROPOSER_ROLES,
  WARNING_LABEL,
  alternatesChange,
  canDecideList,
  canEditProposal,
  canSubmitList,
} from './proposal-labels';
import { ProposalsApi } from './proposals.api';
import { CycleNamePipe } from '../i18n/cycle-name';

/** One line of 附件二, as the attachment lays it out. */
export interface ListRow {
  /** 項次 */
  no: number;
  proposal: ProposalDto;
  kind: ProposalKind;
  kbItemId: string | null;
  /** 稅目 */
  category: string;
  /** 原問句: the item as it is (modify, delete). */
  original: string | null;
  /** 修正後問句: as proposed (add, modify). */
  revised: string | null;
  /** 相似問句 as they will be, and (modify) the ones taken away. */
  alternates: string[];
  addedAlternates: string[];
  removedAlternates: string[];
  /** 修正後答案 (add, modify). */
  answer: string | null;
  /** The alternates cell line by line: as they will be (added ones marked), then the ones taken away. */
  lines: { text: string; change: 'added' | 'removed' | 'kept' }[];
}

export function listRows(list: ProposalListDto): ListRow[] {
  return list.proposals.map((proposal, index) => {
    const { kind, before, content } = proposal;
    const change = kind === 'modify' && before && content ? alternatesChange(before.alternates, content.alternates) : null;
    const alternates = kind === 'delete' ? (before?.alternates ?? []) : (content?.alternates ?? []);
    const added = new Set(change?.added ?? []);
    return {
      no: index + 1,
      proposal,
      kind,
      kbItemId: proposal.kbItemId,
      category: (content ?? before)?.category ?? '',
      original: kind === 'add' ? null : (before?.question ?? null),
      revised: kind === 'delete' ? null : (content?.question ?? null),
      alternates,
      addedAlternates: change?.added ?? [],
      removedAlternates: change?.removed ?? [],
      answer: kind === 'delete' ? null : (content?.answer ?? null),
      lines: [
        ...alternates.map((text) => ({ text, change: added.has(text) ? ('added' as const) : ('kept' as const) })),
        ...(change?.removed ?? []).map((text) => ({ text, change: 'removed' as const })),
      ],
    };
  });
}

/** How many alternates a closed row shows. */
const ALTERNATES_SHOWN = 3;

type ListAction = 'submit' | 'approve' | 'return' | 'remove';

const DONE_MESSAGE: Record<ListAction, MessageKey> = {
  submit: 'proposals.list.done.submit',
  approve: 'proposals.list.done.approve',
  return: 'proposals.list.done.return',
  remove: 'proposals.list.done.remove',
};

/**
 * /proposals/lists/:cycleId/:unit — a unit's 資料檢視清單 (附件二) for a
 * cycle: every proposal of the unit in the attachment's columns. The unit's
 * knowledge contact edits drafts and returned proposals and sends the list
 * (送出清單); the unit head approves it (核章) or returns it with a comment on
 * at least one proposal. Once approved nothing can be changed. Printed, it is
 * the attachment itself: A4 landscape, with the two signature boxes.
 */
@Component({
  selector: 'td-list-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CycleNamePipe, MatButtonModule, MatIconModule, RouterLink, FormErrorComponent, LoadStateComponent, RocDatePipe, TranslatePipe],
  templateUrl: './list-page.component.html',
  styleUrl: './list-page.component.scss',
})
export class ListPageComponent {
  private readonly api = inject(ProposalsApi);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** `:cycleId` of the route. */
  readonly cycleId = input.required<string>();
  /** `:unit` of the route: the unit's code. */
  readonly unit = input.required<string>();

  protected readonly kindLabel = PROPOSAL_KIND_LABEL;
  protected readonly kindBadge = PROPOSAL_KIND_BADGE;
  protected readonly statusLabel = PROPOSAL_STATUS_LABEL;
  protected readonly statusBadge = PROPOSAL_STATUS_BADGE;
  protected readonly listStatusLabel = LIST_STATUS_LABEL;
  protected readonly listStatusBadge = LIST_STATUS_BADGE;
  protected readonly warningLabel = WARNING_LABEL;
  protected readonly commentMax = COMMENT_MAX;

  private readonly key = computed(() => ({ cycleId: Number(this.cycleId()), unit: this.unit().toUpperCase() }));
  protected readonly list = rxResource({ params: () => this.key(), stream: ({ params }) => this.api.list(params.cycleId, params.unit) });
  protected readonly notFound = computed(() => {
    const status = httpErrorOf(this.list.error())?.status;
    return status === 404 || status === 403;
  });
  protected readonly rows = computed(() => (this.list.hasValue() ? listRows(this.list.value()) : []));

  private readonly me = this.auth.me;
  protected readonly canSubmit = computed(() => this.list.hasValue() && canSubmitList(this.me(), this.list.value()));
  protected readonly canDecide = computed(() => this.list.hasValue() && canDecideList(this.me(), this.list.value()));
  /** A new proposal lands on the proposer's own unit list, while it is open. */
  protected readonly canAdd = computed(
    () =>
      this.list.hasValue() &&
      this.auth.hasRole(...PROPOSER_ROLES) &&
      this.me()?.unitCode === this.list.value().unitCode &&
      !LOCKED_LIST.includes(this.list.value().status),
  );
  protected readonly editable = computed(() => {
    if (!this.list.hasValue()) return new Set<number>();
    const list = this.list.value();
    return new Set(list.proposals.filter((proposal) => canEditProposal(this.me(), list, proposal)).map((proposal) => proposal.id));
  });
  /** Edit and delete buttons, the head's 退回意見: the screen's last column, kept in view. */
  protected readonly hasActions = computed(() => this.editable().size > 0 || this.canDecide());
  /** Cells in a row (print-only ones included): what a row below a proposal spans. */
  protected readonly columns = computed(() => (this.hasActions() ? 11 : 10));

  /** Alternates shown in a row before「另 N 則」; an opened row shows everything. */
  protected readonly alternatesShown = ALTERNATES_SHOWN;
  /** Rows opened to show their whole answer, reason, alternates and warnings. */
  protected readonly expanded = signal<ReadonlySet<number>>(new Set());

  // 退回: a comment per proposal, at least one, each written in a row right below its proposal.
  protected readonly returning = signal(false);
  protected readonly comments = signal<Partial<Record<number, string>>>({});
  /** Proposals whose comment box is open, in the order they were opened. */
  protected readonly commenting = signal<readonly number[]>([]);
  protected readonly commentCount = computed(() => Object.values(this.comments()).filter((comment) => comment?.trim()).length);
  protected readonly returnError = signal('');

  protected readonly busy = signal<ListAction | null>(null);
  protected readonly actionError = signal('');

  protected kindKey(kind: ProposalKind): MessageKey {
    return this.kindLabel[kind];
  }

  /** The server words a warning in both languages. */
  protected warningText(warning: ProposalWarning): string {
    return this.i18n.lang() === 'en' ? warning.message.en : warning.message['zh-TW'];
  }

  protected print(): void {
    this.document.defaultView?.print();
  }

  protected submit(list: ProposalListDto): void {
    const count = list.proposals.filter((proposal) => proposal.status === 'draft' || proposal.status === 'returned').length;
    this.confirmThen(
      'submit',
      {
        title: this.i18n.t('proposals.list.submit.title'),
        message: this.i18n.t('proposals.list.submit.body', { unit: list.unitName, count }),
        confirmLabel: this.i18n.t('proposals.list.submit.button'),
      },
      () => this.api.submit(list.cycleId, list.unitCode),
    );
  }

  protected approve(list: ProposalListDto): void {
    this.confirmThen(
      'approve',
      {
        title: this.i18n.t('proposals.list.approve.title'),
        message: this.i18n.t('proposals.list.approve.body', { unit: list.unitName, count: list.proposals.length }),
        confirmLabel: this.i18n.t('proposals.list.approve.button'),
      },
      () => this.api.approve(list.cycleId, list.unitCode),
    );
  }

  protected remove(list: ProposalListDto, row: ListRow): void {
    this.confirmThen(
      'remove',
      {
        title: this.i18n.t('proposals.list.remove.title'),
        message: this.i18n.t('proposals.list.remove.body', { no: row.no }),
        confirmLabel: this.i18n.t('proposals.list.remove.button'),
        danger: true,
      },
      () => this.api.remove(row.proposal.id),
      () => this.list.reload(),
    );
  }

  protected toggle(id: number): void {
    this.expanded.update((open) => {
      const next = new Set(open);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }

  /** 退回 in the header: the first proposal waiting for the head gets its comment box, right below it. */
  protected startReturn(): void {
    const first = this.rows().find((row) => row.proposal.status === 'submitted');
    this.comments.set({});
    this.commenting.set([]);
    this.actionError.set('');
    if (first) this.openComment(first.proposal.id);
    else this.returning.set(true);
  }

  /** A row's 退回意見: its comment box opens right below it, focused and naming it. */
  protected openComment(id: number): void {
    if (!this.returning()) {
      this.comments.set({});
      this.commenting.set([]);
    }
    this.returning.set(true);
    this.returnError.set('');
    this.commenting.update((open) => (open.includes(id) ? open : [...open, id]));
    this.focusLater(`#return-comment-${id}`);
  }

  protected commentOpen(id: number): boolean {
    return this.returning() && this.commenting().includes(id);
  }

  /** 不退回此項: the box closes and its comment is dropped. */
  protected closeComment(id: number): void {
    this.commenting.update((open) => open.filter((other) => other !== id));
    this.comments.update((comments) => {
      const next = { ...comments };
      delete next[id];
      return next;
    });
    this.focusLater(`[data-testid="list-row"][data-id="${id}"] [data-testid="row-comment"]`);
  }

  protected cancelReturn(): void {
    this.returning.set(false);
    this.commenting.set([]);
    this.comments.set({});
    this.returnError.set('');
  }

  protected commentOf(id: number): string {
    return this.comments()[id] ?? '';
  }

  protected onComment(id: number, event: Event): void {
    const value = (event.target as HTMLTextAreaElement).value;
    this.comments.update((comments) => ({ ...comments, [id]: value }));
    if (value.trim()) this.returnError.set('');
  }

  protected confirmReturn(list: ProposalListDto): void {
    if (this.busy()) return;
    const comments: Record<string, string> = {};
    for (const [id, comment] of Object.entries(this.comments())) if (comment?.trim()) comments[id] = comment.trim();
    if (!Object.keys(comments).length) {
      this.returnError.set(this.i18n.t('proposals.list.return.needsComment'));
      const first = this.commenting()[0];
      if (first === undefined) this.startReturn();
      else this.focusLater(`#return-comment-${first}`);
      return;
    }
    this.run('return', this.api.returnList(list.cycleId, list.unitCode, { comments }));
  }

  private confirmThen(
    action: ListAction,
    data: { title: string; message: string; confirmLabel: string; danger?: boolean },
    call: () => Observable<ProposalListDto | void>,
    after?: () => void,
  ): void {
    if (this.busy()) return;
    confirmAction(this.dialog, data)
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.busy.set(action);
          this.actionError.set('');
          return call();
        }),
      )
      .subscribe({
        next: (updated) => this.done(action, updated ?? null, after),
        error: (error: unknown) => this.failed(error),
      });
  }

  private run(action: ListAction, call: Observable<ProposalListDto>): void {
    this.busy.set(action);
    this.actionError.set('');
    call.subscribe({ next: (updated) => this.done(action, updated), error: (error: unknown) => this.failed(error) });
  }

  private done(action: ListAction, updated: ProposalListDto | null, after?: () => void): void {
    this.busy.set(null);
    this.returning.set(false);
    this.commenting.set([]);
    if (updated) this.list.set(updated);
    after?.();
    this.snackBar.open(this.i18n.t(DONE_MESSAGE[action]), this.i18n.t('common.dismiss'), { duration: 4000 });
  }

  private failed(error: unknown): void {
    this.busy.set(null);
    this.actionError.set(apiErrorMessage(error, this.i18n));
    // Someone else moved the list on: show it as it is now.
    if (['LIST_STATE', 'LIST_EMPTY', 'PROPOSAL_LOCKED'].includes(apiErrorCode(error) ?? '')) this.list.reload();
    this.focusLater('[data-testid="list-error"]');
  }

  private focusLater(selector: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(), { injector: this.injector });
  }
}
