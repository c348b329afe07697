import { CdkDrag, type CdkDragDrop, CdkDragHandle, CdkDropList, moveItemInArray } from '@angular/cdk/drag-drop';
import { NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  linkedSignal,
  signal,
  viewChild,
} from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import type {
  ConsolidationDto,
  ErrorDetail,
  ListStatus,
  ProposalDto,
  ProposalKind,
  ProposalStatus,
  ReconcileResultDto,
} from '@tunedesk/contracts';
import { type Observable, filter } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { I18nService } from '../i18n/i18n.service';
import type { MessageKey } from '../i18n/messages';
import { localizeReason } from '../i18n/reason.pipe';
import { RocDatePipe } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { apiErrorDetails, apiErrorMessage, httpErrorOf } from '../shared/api-error';
import { confirmAction } from '../shared/confirm-dialog/confirm-dialog.component';
import { FileDrop } from '../shared/file-drop';
import { FormErrorComponent } from '../shared/form-error/form-error.component';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { type ChangeDiff, changeDiff } from './change-diff';
import { BANK_EXTENSIONS, CONSOLIDATION_EDITOR_ROLES, type ChangeDto, ConsolidationApi, acceptsBankFile } from './consolidation.api';
import { askDeferReason } from './defer-dialog.component';
import { CycleNamePipe } from '../i18n/cycle-name';
import { type FileFormat, FileLinksComponent } from '../shared/export/file-links.component';

export const LIST_STATUS_LABEL: Record<ListStatus, MessageKey> = {
  'not-started': 'consolidation.listStatus.not-started',
  'in-progress': 'consolidation.listStatus.in-progress',
  submitted: 'consolidation.listStatus.submitted',
  returned: 'consolidation.listStatus.returned',
  approved: 'consolidation.listStatus.approved',
};

export const LIST_STATUS_BADGE: Record<ListStatus, string> = {
  'not-started': 'td-badge td-badge--muted',
  'in-progress': 'td-badge td-badge--info',
  submitted: 'td-badge td-badge--warning',
  returned: 'td-badge td-badge--error',
  approved: 'td-badge td-badge--ok',
};

export const LIST_STATUS_ICON: Record<ListStatus, string> = {
  'not-started': 'radio_button_unchecked',
  'in-progress': 'edit_note',
  submitted: 'hourglass_top',
  returned: 'reply',
  approved: 'verified',
};

export const KIND_BADGE: Record<ProposalKind, string> = {
  add: 'td-badge--ok',
  modify: 'td-badge--info',
  delete: 'td-badge--error',
};

const OTHER_FIELD_LABEL: Record<ChangeDiff['others'][number], MessageKey> = {
  category: 'consolidation.diff.field.category',
  keywords: 'consolidation.diff.field.keywords',
  ownerUnitCode: 'consolidation.diff.field.ownerUnitCode',
};

type UnitRow = ConsolidationDto['units'][number];

/** A unit has something in the cycle once its list has started or holds a proposal. */
export function unitHasWork(unit: Pick<UnitRow, 'status' | 'proposals'>): boolean {
  return unit.status !== 'not-started' || unit.proposals > 0;
}

/** The units with work, in the server's order, and after them those with nothing to do. */
export function groupUnits<T extends Pick<UnitRow, 'status' | 'proposals'>>(units: readonly T[]): { busy: T[]; idle: T[] } {
  return { busy: units.filter(unitHasWork), idle: units.filter((unit) => !unitHasWork(unit)) };
}

export const KIND_LABEL: Record<ProposalKind, MessageKey> = {
  add: 'consolidation.kind.add',
  modify: 'consolidation.kind.modify',
  delete: 'consolidation.kind.delete',
};

/** A change of the set is approved, applied or deferred; anything else is shown as its bare code. */
const CHANGE_STATUS_LABEL: Partial<Record<ProposalStatus, MessageKey>> = {
  approved: 'consolidation.status.approved',
  applied: 'consolidation.status.applied',
  deferred: 'consolidation.status.deferred',
};

const CHANGE_STATUS_BADGE: Partial<Record<ProposalStatus, string>> = {
  approved: 'td-badge td-badge--info',
  applied: 'td-badge td-badge--ok',
  deferred: 'td-badge td-badge--warning',
};

const CHANGE_STATUS_ICON: Partial<Record<ProposalStatus, string>> = {
  approved: 'task_alt',
  applied: 'done_all',
  deferred: 'schedule',
};

function sameOrder(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/**
 * The order the page shows: the server's, unless the user has moved rows and
 * not saved them; then their order is kept across reloads (an applied or
 * deferred change does not undo it), with changes new to the set at the end.
 */
export function keepLocalOrder(server: readonly number[], previous?: { source: readonly number[]; value: readonly number[] }): number[] {
  if (!previous || sameOrder(previous.value, previous.source)) return [...server];
  const present = new Set(server);
  const kept = previous.value.filter((id) => present.has(id));
  const keptSet = new Set(kept);
  return [...kept, ...server.filter((id) => !keptSet.has(id))];
}

/** What one row's question cell shows. */
function questionOf(change: Pick<ProposalDto, 'before' | 'content' | 'kbItemId'>): string {
  return change.content?.question ?? change.before?.question ?? change.kbItemId ?? '';
}

type Action = 'order' | 'sent' | `apply:${number}` | `defer:${number}` | `carry:${number}`;

/**
 * /consolidation/:cycleId — 服務科彙整: where every unit's list stands, the
 * change set in the order the vendor should apply it (reordered, downloaded,
 * marked sent), each change applied or deferred, deferred changes of earlier
 * cycles carried in, and the vendor's updated bank reconciled. The group
 * leader, administrator and auditor read it; only the service section acts.
 */
@Component({
  selector: 'td-consolidation-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FileLinksComponent,
    CycleNamePipe,
    CdkDrag,
    CdkDragHandle,
    CdkDropList,
    NgTemplateOutlet,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    MatTooltipModule,
    RouterLink,
    FormErrorComponent,
    LoadStateComponent,
    RocDatePipe,
    TranslatePipe,
  ],
  templateUrl: './consolidation-page.component.html',
  styleUrl: './consolidation-page.component.scss',
})
export class ConsolidationPageComponent {
  private readonly api = inject(ConsolidationApi);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** `:cycleId` of the route. */
  readonly cycleId = input.required<string>();

  protected readonly id = computed(() => Number(this.cycleId()));
  protected readonly overview = rxResource({ params: () => this.id(), stream: ({ params }) => this.api.overview(params) });
  protected readonly notFound = computed(() => {
    const status = httpErrorOf(this.overview.error())?.status;
    return status === 404 || status === 403;
  });

  protected readonly canEdit = computed(() => this.auth.hasRole(...CONSOLIDATION_EDITOR_ROLES));
  protected readonly closed = computed(() => this.overview.hasValue() && this.overview.value().closedAt !== null);
  /** The service section, on a cycle still open: the buttons are there. */
  protected readonly canWork = computed(() => this.canEdit() && this.overview.hasValue() && !this.closed());

  protected readonly listStatusLabel = LIST_STATUS_LABEL;
  protected readonly listStatusBadge = LIST_STATUS_BADGE;
  protected readonly listStatusIcon = LIST_STATUS_ICON;
  protected readonly kindLabel = KIND_LABEL;
  protected readonly kindBadge = KIND_BADGE;

  /** Units with work first; those with nothing to do after them, under their own heading. */
  protected readonly unitGroups = computed(() => groupUnits(this.overview.hasValue() ? this.overview.value().units : []));

  /** What each change alters, by proposal id. */
  protected readonly diffs = computed(
    () => new Map(this.overview.hasValue() ? this.overview.value().changes.map((change) => [change.id, changeDiff(change)] as const) : []),
  );
  /** Rows opened to show the whole answer and the alternates kept. */
  protected readonly expanded = signal<ReadonlySet<number>>(new Set());

  protected readonly unitNames = computed(
    () => new Map(this.overview.hasValue() ? this.overview.value().units.map((unit) => [unit.unitCode, unit.unitName] as const) : []),
  );

  /** The change set's ids as the server has them. */
  private readonly serverOrder = computed(() => (this.overview.hasValue() ? this.overview.value().changes.map((change) => change.id) : []));
  /** The ids in the order on screen. */
  protected readonly order = linkedSignal<number[], number[]>({ source: this.serverOrder, computation: keepLocalOrder });
  protected readonly rows = computed<ChangeDto[]>(() => {
    if (!this.overview.hasValue()) return [];
    const byId = new Map(this.overview.value().changes.map((change) => [change.id, change]));
    return this.order().flatMap((id) => byId.get(id) ?? []);
  });
  protected readonly orderChanged = computed(() => !sameOrder(this.order(), this.serverOrder()));
  /** Said to screen readers after a move. */
  protected readonly moveStatus = signal('');

  protected readonly changeSetHref = computed(() => {
    const id = this.id();
    return (format: FileFormat) => this.api.changeSetHref(id, format);
  });

  /** The action under way; the buttons wait for it. */
  protected readonly busy = signal<Action | null>(null);
  private readonly actionFailure = signal<unknown>(null);
  protected readonly actionError = computed(() => (this.actionFailure() ? apiErrorMessage(this.actionFailure(), this.i18n) : ''));
  private readonly actionErrorBox = viewChild<FormErrorComponent>('actionErrorBox');

  // The reconcile upload.
  protected readonly accept = BANK_EXTENSIONS.join(',');
  protected readonly file = signal<File | null>(null);
  protected readonly wrongFile = signal<string | null>(null);
  protected readonly reconciling = signal(false);
  protected readonly fileDrop = new FileDrop(this.reconciling, (file) => this.choose(file));
  protected readonly result = signal<ReconcileResultDto | null>(null);
  private readonly reconcileFailure = signal<unknown>(null);
  protected readonly reconcileError = computed(() => (this.reconcileFailure() ? apiErrorMessage(this.reconcileFailure(), this.i18n) : ''));
  protected readonly reconcileDetails = computed(() => apiErrorDetails(this.reconcileFailure()).map((detail) => this.describe(detail)));
  private readonly fileInput = viewChild<ElementRef<HTMLInputElement>>('fileInput');
  private readonly resultBox = viewChild<ElementRef<HTMLElement>>('resultBox');
  /** The card stays while there is a result to read, also once the cycle has closed. */
  protected readonly showReconcile = computed(
    () => this.canEdit() && this.overview.hasValue() && (!this.closed() || this.result() !== null),
  );

  // Typed look-ups for the template.
  protected statusLabel(status: ProposalStatus): string {
    const key = CHANGE_STATUS_LABEL[status];
    return key ? this.i18n.t(key) : status;
  }

  protected statusBadge(status: ProposalStatus): string {
    return CHANGE_STATUS_BADGE[status] ?? 'td-badge td-badge--muted';
  }

  protected statusIcon(status: ProposalStatus): string {
    return CHANGE_STATUS_ICON[status] ?? 'help';
  }

  protected unitStatus(unit: Pick<UnitRow, 'status'>): ListStatus {
    return unit.status;
  }

  protected othersText(others: ChangeDiff['others']): string {
    return others.map((field) => this.i18n.t(OTHER_FIELD_LABEL[field])).join('、');
  }

  /** A row has more to show when its answer is there to read or it keeps alternates. */
  protected canExpand(change: ChangeDto): boolean {
    const diff = this.diffs().get(change.id);
    if (!diff) return false;
    return (
      (change.kind !== 'delete' && (change.kind === 'add' || diff.answer.changed)) ||
      (change.kind === 'modify' && diff.alternates.kept.length > 0)
    );
  }

  protected toggle(id: number): void {
    this.expanded.update((open) => {
      const next = new Set(open);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }

  protected unitName(code: string): string {
    return this.unitNames().get(code) ?? code;
  }

  /** 項次 of a proposal in the set as shown, or null. */
  protected numberOf(proposalId: number): number | null {
    const index = this.order().indexOf(proposalId);
    return index < 0 ? null : index + 1;
  }

  // Reordering.

  protected move(index: number, delta: -1 | 1): void {
    const to = index + delta;
    const next = [...this.order()];
    if (!this.canWork() || this.busy() || to < 0 || to >= next.length) return;
    moveItemInArray(next, index, to);
    this.order.set(next);
    this.moveStatus.set(this.i18n.t('consolidation.order.moved', { from: index + 1, to: to + 1 }));
    // The moved row's button keeps the focus; at the top or the bottom, where it is disabled, the other one takes it.
    const id = next[to];
    const wanted = delta < 0 ? 'up' : 'down';
    afterNextRender(
      () => {
        const row = this.host.nativeElement.querySelector(`[data-change-id="${id}"]`);
        const button =
          row?.querySelector<HTMLButtonElement>(`[data-move="${wanted}"]:not([disabled])`) ??
          row?.querySelector<HTMLButtonElement>('[data-move]:not([disabled])');
        button?.focus();
      },
      { injector: this.injector },
    );
  }

  protected dropped(event: CdkDragDrop<unknown>): void {
    if (event.previousIndex === event.currentIndex || !this.canWork() || this.busy()) return;
    const next = [...this.order()];
    moveItemInArray(next, event.previousIndex, event.currentIndex);
    this.order.set(next);
    this.moveStatus.set(this.i18n.t('consolidation.order.moved', { from: event.previousIndex + 1, to: event.currentIndex + 1 }));
  }

  protected resetOrder(): void {
    this.order.set([...this.serverOrder()]);
    this.moveStatus.set('');
  }

  protected saveOrder(): void {
    if (!this.canWork() || this.busy() || !this.orderChanged()) return;
    this.run('order', this.api.saveOrder(this.id(), this.order()), this.i18n.t('consolidation.order.saved'));
  }

  // Actions.

  protected markSent(): void {
    if (!this.canWork() || this.busy() || !this.overview.hasValue()) return;
    const overview = this.overview.value();
    this.confirmThen(
      {
        title: this.i18n.t('consolidation.sent.title'),
        message: this.i18n.t('consolidation.sent.body', { label: overview.cycleLabel, count: overview.changes.length }),
        confirmLabel: this.i18n.t('consolidation.sent.button'),
      },
      () => this.run('sent', this.api.markSent(this.id()), this.i18n.t('consolidation.sent.done')),
    );
  }

  protected apply(change: ChangeDto, no: number): void {
    if (!this.canWork() || this.busy()) return;
    this.confirmThen(
      {
        title: this.i18n.t('consolidation.apply.title'),
        message: this.i18n.t('consolidation.apply.body', { no, question: questionOf(change) }),
        confirmLabel: this.i18n.t('consolidation.apply.button'),
      },
      () => this.run(`apply:${change.id}`, this.api.apply(change.id), this.i18n.t('consolidation.apply.done', { no })),
    );
  }

  protected defer(change: ChangeDto, no: number): void {
    if (!this.canWork() || this.busy()) return;
    askDeferReason(this.dialog, { no, question: questionOf(change) })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((reason) => {
        if (reason) this.run(`defer:${change.id}`, this.api.defer(change.id, reason), this.i18n.t('consolidation.defer.done', { no }));
      });
  }

  protected carry(proposal: ProposalDto): void {
    if (!this.canWork() || this.busy()) return;
    this.run(
      `carry:${proposal.id}`,
      this.api.carry(proposal.id, this.id()),
      this.i18n.t('consolidation.carried.done', { id: proposal.id }),
    );
  }

  protected question(change: Pick<ProposalDto, 'before' | 'content' | 'kbItemId'>): string {
    return questionOf(change);
  }

  private confirmThen(data: { title: string; message: string; confirmLabel: string }, then: () => void): void {
    confirmAction(this.dialog, data)
      .pipe(filter(Boolean), takeUntilDestroyed(this.destroyRef))
      .subscribe(() => then());
  }

  /** Runs an action; done, the page reads the cycle again. A conflict (someone else got there first) reloads it too. */
  private run(action: Action, request: Observable<void>, done: string): void {
    this.busy.set(action);
    this.actionFailure.set(null);
    request.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      complete: () => {
        this.busy.set(null);
        this.snackBar.open(done, this.i18n.t('common.dismiss'), { duration: 4000 });
        this.overview.reload();
      },
      error: (error: unknown) => {
        this.busy.set(null);
        this.actionFailure.set(error);
        if (httpErrorOf(error)?.status === 409) this.overview.reload();
        afterNextRender(() => this.actionErrorBox()?.focus(), { injector: this.injector });
      },
    });
  }

  // Reconciling.

  protected onFileChosen(event: Event): void {
    this.choose((event.target as HTMLInputElement).files?.[0] ?? null);
  }

  private choose(file: File | null): void {
    if (file && !acceptsBankFile(file.name)) {
      this.file.set(null);
      this.wrongFile.set(file.name);
      return;
    }
    this.wrongFile.set(null);
    this.file.set(file);
    this.reconcileFailure.set(null);
  }

  protected reconcile(): void {
    const file = this.file();
    if (!file || this.reconciling() || !this.canWork()) return;
    this.reconciling.set(true);
    this.reconcileFailure.set(null);
    this.result.set(null);
    this.api
      .reconcile(this.id(), file)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (result) => {
          this.reconciling.set(false);
          this.result.set(result);
          this.file.set(null);
          const input = this.fileInput()?.nativeElement;
          if (input) input.value = '';
          this.overview.reload();
          // The result is read out from its heading; Tab goes on from there.
          afterNextRender(() => this.resultBox()?.nativeElement.focus(), { injector: this.injector });
        },
        error: (error: unknown) => {
          this.reconciling.set(false);
          this.reconcileFailure.set(error);
        },
      });
  }

  /** The change a flagged row concerns, to name it by 項次 and question. */
  protected flaggedChange(proposalId: number): ChangeDto | null {
    return this.rows().find((row) => row.id === proposalId) ?? null;
  }

  private describe(detail: ErrorDetail): string {
    const reason = localizeReason(detail.reason, this.i18n.lang());
    if (detail.row !== undefined && detail.column)
      return this.i18n.t('kb.import.detail.rowColumn', { row: detail.row, column: detail.column, reason });
    if (detail.row !== undefined) return this.i18n.t('kb.import.detail.row', { row: detail.row, reason });
    if (detail.column) return this.i18n.t('kb.import.detail.column', { column: detail.column, reason });
    return reason;
  }
}
