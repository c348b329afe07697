import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  type OnInit,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { rxResource, takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import {
  type AbstractControl,
  FormControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import type {
  ErrorDetail,
  KbItemDto,
  ProposalContent,
  ProposalDto,
  ProposalInput,
  ProposalKind,
  ProposalWarning,
  QueueItemDetailDto,
} from '@tunedesk/contracts';
import { catchError, debounceTime, distinctUntilChanged, map, of, switchMap } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { I18nService } from '../i18n/i18n.service';
import type { MessageKey } from '../i18n/messages';
import { ReasonPipe } from '../i18n/reason.pipe';
import { RocDatePipe } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { KbApi } from '../knowledge/kb.api';
import { KbDiffComponent } from '../knowledge/kb-diff.component';
import { UnitsApi } from '../org/units.api';
import { apiErrorCode, apiErrorDetails, apiErrorMessage, httpErrorOf } from '../shared/api-error';
import { FormErrorComponent } from '../shared/form-error/form-error.component';
import { applyServerErrors, focusFirstProblem, serverReasons } from '../shared/form-errors';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import {
  ANSWER_MAX,
  CATEGORY_MAX,
  EDITABLE_PROPOSAL,
  PROPOSAL_KINDS,
  PROPOSAL_KIND_LABEL,
  PROPOSAL_STATUS_BADGE,
  PROPOSAL_STATUS_LABEL,
  PROPOSER_ROLES,
  QUESTION_MAX,
  REASON_MAX,
  WARNING_LABEL,
  alternatesChange,
  contentDiff,
  listClosed,
  contentOf,
  joinKeywords,
  listLink,
  parseSource,
  sameContent,
  splitKeywords,
  splitLines,
  topWordings,
} from './proposal-labels';
import { ProposalsApi } from './proposals.api';
import { ListClosedNoticeComponent } from './list-closed-notice.component';

/** The form asks for warnings once typing has paused this long. */
export const PROPOSAL_WARNINGS_DEBOUNCE_MS = 400;

/** 題目編號 is needed to modify or delete an item, not to add one. */
function itemUnlessAdding(control: AbstractControl): ValidationErrors | null {
  const kind = control.parent?.get('kind')?.value as ProposalKind | undefined;
  return kind && kind !== 'add' && !String(control.value ?? '').trim() ? { required: true } : null;
}

/**
 * The reason a proposal starts with: what people asked, most asked first
 * (「房屋稅刷卡」9 次…), or for a review item why it was queued.
 */
export function reasonFromSource(detail: QueueItemDetailDto, i18n: I18nService): string {
  const wordings = topWordings(detail);
  if (wordings.length) {
    const list = wordings
      .map((w) => i18n.t('proposals.form.reasonWording', { text: w.text, count: w.count }))
      .join(i18n.t('proposals.form.listSeparator'));
    return i18n.t('proposals.form.reasonFromWordings', { wordings: list });
  }
  const reasons = detail.reviewReasons
    .map((reason) => i18n.tryT(`review.reason.${reason}`, reason))
    .join(i18n.t('proposals.form.listSeparator'));
  return reasons ? i18n.t('proposals.form.reasonFromReview', { reasons }) : '';
}

/**
 * The reason a link asks the form to start with (the knowledge-items
 * dashboard's 「提出刪除」): trimmed and cut to the field's limit, without
 * leaving half a surrogate pair at the cut.
 */
export function reasonFromAddress(text: string | null | undefined): string {
  let reason = (text ?? '').trim();
  if (reason.length > REASON_MAX) {
    reason = reason.slice(0, REASON_MAX);
    if (/[\uD800-\uDBFF]$/.test(reason)) reason = reason.slice(0, -1);
    reason = reason.trimEnd();
  }
  return reason;
}

/**
 * /proposals/new?cycle=4&source=cluster:77&item=HT-0012 (&kind=delete&reason=…) and /proposals/:id/edit:
 * a proposal to add, modify or delete a knowledge item. A modification
 * starts from the item's current content and shows, as it is typed, what it
 * changes. Warnings (an alternate another item uses, a near-duplicate…) are
 * asked for while the form changes; they never block saving. Saving keeps a
 * draft on the unit's 資料檢視清單 and goes there.
 */
@Component({
  selector: 'td-proposal-form-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ListClosedNoticeComponent,
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
    RouterLink,
    FormErrorComponent,
    KbDiffComponent,
    LoadStateComponent,
    ReasonPipe,
    RocDatePipe,
    TranslatePipe,
  ],
  templateUrl: './proposal-form-page.component.html',
  styleUrl: './proposal-form-page.component.scss',
})
export class ProposalFormPageComponent implements OnInit {
  private readonly api = inject(ProposalsApi);
  private readonly kbApi = inject(KbApi);
  private readonly unitsApi = inject(UnitsApi);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** `:id` of /proposals/:id/edit; absent for a new proposal. */
  readonly id = input<string>();
  // Query parameters of /proposals/new, bound by the router (withComponentInputBinding).
  readonly cycle = input<string>();
  /** `cluster:77` or `review:501`: the queue item the proposal answers. */
  readonly source = input<string>();
  /** 題目編號 of the item to modify (or, with `kind=delete`, to delete). */
  readonly item = input<string>();
  /** `add`, `modify` or `delete` (?kind=): what the form starts as; anything else is ignored. */
  // eslint-disable-next-line @angular-eslint/no-input-rename -- `kind` is already the form's kind signal; the address names it ?kind=
  readonly kindParam = input<string>(undefined, { alias: 'kind' });
  /** ?reason=: the reason the form starts with (the knowledge-items dashboard's 「提出刪除」 words it). */
  readonly reason = input<string>();

  protected readonly kinds = PROPOSAL_KINDS;
  protected readonly kindLabel = PROPOSAL_KIND_LABEL;
  protected readonly statusLabel = PROPOSAL_STATUS_LABEL;
  protected readonly statusBadge = PROPOSAL_STATUS_BADGE;
  protected readonly warningLabel = WARNING_LABEL;
  protected readonly serverReasons = serverReasons;
  protected readonly questionMax = QUESTION_MAX;
  protected readonly answerMax = ANSWER_MAX;
  protected readonly reasonMax = REASON_MAX;
  protected readonly categoryMax = CATEGORY_MAX;

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    kind: ['add' as ProposalKind],
    kbItemId: ['', [itemUnlessAdding, Validators.maxLength(32)]],
    content: this.fb.group({
      category: ['', [Validators.required, Validators.maxLength(CATEGORY_MAX)]],
      question: ['', [Validators.required, Validators.maxLength(QUESTION_MAX)]],
      /** One wording a line. */
      alternates: [''],
      answer: ['', [Validators.required, Validators.maxLength(ANSWER_MAX)]],
      /** Separated by 、 or commas. */
      keywords: [''],
      ownerUnitCode: [this.auth.me()?.unitCode ?? '', Validators.required],
    }),
    reason: ['', [Validators.required, Validators.maxLength(REASON_MAX)]],
  });
  protected readonly controls = this.form.controls.content.controls;

  protected readonly kind = toSignal(this.form.controls.kind.valueChanges, { initialValue: this.form.controls.kind.value });
  private readonly value = toSignal(this.form.valueChanges.pipe(map(() => this.form.getRawValue())), {
    initialValue: this.form.getRawValue(),
  });

  protected readonly canPropose = computed(() => this.auth.hasRole(...PROPOSER_ROLES));
  protected readonly editing = computed(() => !!this.id());

  protected readonly proposal = rxResource({
    params: () => (this.id() ? Number(this.id()) : undefined),
    stream: ({ params }) => this.api.get(params),
  });
  protected readonly proposalNotFound = computed(() => {
    const error = this.proposal.error();
    return !!error && (apiErrorCode(error) === 'PROPOSAL_NOT_FOUND' || httpErrorOf(error)?.status === 404);
  });
  /** Sent or approved already: shown, not changed. */
  protected readonly locked = computed(() => this.proposal.hasValue() && !EDITABLE_PROPOSAL.includes(this.proposal.value().status));

  protected readonly cycleId = computed<number | null>(() => {
    if (this.editing()) return this.proposal.hasValue() ? this.proposal.value().cycleId : null;
    const id = Number(this.cycle());
    return Number.isInteger(id) && id > 0 ? id : null;
  });

  protected readonly sourceRef = computed(() => {
    if (!this.editing()) return parseSource(this.source());
    const source = this.proposal.hasValue() ? this.proposal.value().source : null;
    return source ? { kind: source.kind, id: source.id } : null;
  });
  /** The queue item's wordings start the reason of a new proposal. */
  protected readonly sourceDetail = rxResource({
    params: () => (this.editing() ? undefined : (this.sourceRef() ?? undefined)),
    stream: ({ params }) => this.api.queueItem(params.kind, params.id),
  });
  protected readonly sourceTitle = computed(() => {
    if (this.sourceDetail.hasValue()) return this.sourceDetail.value().title;
    return this.proposal.hasValue() ? (this.proposal.value().source?.title ?? '') : '';
  });
  /** The items the source suggests (a cluster's nearest items, a review item's own), offered as a quick pick. */
  protected readonly suggestedItems = computed(() => (this.sourceDetail.hasValue() ? this.sourceDetail.value().items : []));

  protected readonly units = rxResource({ stream: () => this.unitsApi.list() });
  protected readonly unitOptions = computed(() =>
    this.units.hasValue()
      ? this.units
          .value()
          .filter((unit) => unit.active)
          .sort((a, b) => a.code.localeCompare(b.code))
      : [],
  );
  /** 稅目分類 the units own, the owning unit's first. */
  protected readonly categoryOptions = computed(() => {
    const owner = this.value().content.ownerUnitCode;
    const units = this.unitOptions();
    const ordered = [...units.filter((unit) => unit.code === owner), ...units.filter((unit) => unit.code !== owner)];
    return [...new Set(ordered.flatMap((unit) => unit.categories))];
  });

  /** The 題目編號 asked for; the item it names is loaded. */
  protected readonly itemId = signal('');
  protected readonly kbItem = rxResource({
    params: () => this.itemId() || undefined,
    stream: ({ params }) => this.kbApi.get(params),
  });
  protected readonly itemMissing = computed(() => !!this.kbItem.error());
  /** The id whose content the form already holds (an edited proposal): loading that item leaves the content alone. */
  private keepContentOf: string | null = null;

  /** The content as it would be sent. */
  protected readonly content = computed<ProposalContent>(() => {
    const c = this.value().content;
    return {
      category: c.category.trim(),
      question: c.question.trim(),
      alternates: splitLines(c.alternates),
      answer: c.answer.trim(),
      keywords: splitKeywords(c.keywords),
      ownerUnitCode: c.ownerUnitCode,
    };
  });
  /** Modify: the item as it is now against the form, character by character. */
  protected readonly diff = computed(() => {
    if (this.kind() !== 'modify' || !this.kbItem.hasValue()) return null;
    const item = this.kbItem.value();
    return contentDiff(item.id, item.version, contentOf(item), this.content());
  });
  /**
   * Modify: the form holds the item exactly as it is. The server refuses to
   * save it (PROPOSAL_NO_CHANGE); the form says so and keeps 儲存 disabled.
   */
  protected readonly noChange = computed(
    () =>
      this.kind() === 'modify' && this.kbItem.hasValue() && !this.locked() && sameContent(contentOf(this.kbItem.value()), this.content()),
  );
  protected readonly alternates = computed(() =>
    this.kbItem.hasValue() ? alternatesChange(this.kbItem.value().alternates, this.content().alternates) : { added: [], removed: [] },
  );

  /** The warnings of the form as it is; before any change, the ones the saved proposal carries. */
  private readonly liveWarnings = signal<ProposalWarning[] | null>(null);
  protected readonly warnings = computed(() => this.liveWarnings() ?? (this.proposal.hasValue() ? this.proposal.value().warnings : []));
  protected readonly checkingWarnings = signal(false);

  protected readonly backLink = computed(() => {
    if (this.proposal.hasValue()) return listLink(this.proposal.value().cycleId, this.proposal.value().unitCode);
    const cycleId = this.cycleId();
    const unit = this.auth.me()?.unitCode;
    return cycleId && unit ? listLink(cycleId, unit) : ['/cycles'];
  });

  /**
   * The user's own list of the cycle, for a new proposal: once it is sent to
   * the unit head or approved nothing can be added, so the form is not offered
   * at all; the page says where to propose instead.
   */
  protected readonly listState = rxResource({
    params: () => (!this.editing() && this.canPropose() ? (this.cycleId() ?? undefined) : undefined),
    stream: ({ params }) => this.api.listState(params),
  });
  protected readonly closedList = computed(() => {
    const state = this.listState.hasValue() ? this.listState.value() : null;
    return listClosed(state) ? state : null;
  });
  /** The address of this same new proposal in the cycle to go to instead. */
  protected readonly insteadParams = computed(() => {
    const instead = this.closedList()?.instead;
    if (!instead) return null;
    const params: Record<string, string | number> = { cycle: instead.cycleId };
    const [source, item, kind, reason] = [this.source(), this.item(), this.kindParam(), this.reason()];
    if (source) params['source'] = source;
    if (item) params['item'] = item;
    if (kind) params['kind'] = kind;
    if (reason) params['reason'] = reason;
    return params;
  });

  protected readonly pending = signal(false);
  protected readonly otherReasons = signal<string[]>([]);
  /** The error area: the server's message, unless a field already shows it. */
  protected readonly errorMessage = signal('');

  constructor() {
    const controls = this.form.controls;
    controls.kind.valueChanges.pipe(takeUntilDestroyed()).subscribe((kind) => this.onKind(kind));
    this.form.valueChanges
      .pipe(
        debounceTime(PROPOSAL_WARNINGS_DEBOUNCE_MS),
        map(() => this.warningInput()),
        distinctUntilChanged((a, b) => JSON.stringify(a) === JSON.stringify(b)),
        switchMap((request) => {
          if (!request) return of([]);
          this.checkingWarnings.set(true);
          return this.api.warnings(request).pipe(catchError(() => of(null)));
        }),
        takeUntilDestroyed(),
      )
      .subscribe((warnings) => {
        this.checkingWarnings.set(false);
        if (warnings) this.liveWarnings.set(this.withoutSelf(warnings));
      });

    // An edited proposal fills the form once it has arrived.
    effect(() => {
      if (!this.proposal.hasValue()) return;
      const proposal = this.proposal.value();
      untracked(() => this.fillFrom(proposal));
    });
    // The item to modify: the form starts from its content.
    effect(() => {
      if (!this.kbItem.hasValue()) return;
      const item = this.kbItem.value();
      untracked(() => this.applyItem(item));
    });
    // The source's wordings start the reason.
    effect(() => {
      if (!this.sourceDetail.hasValue()) return;
      const detail = this.sourceDetail.value();
      untracked(() => this.applySource(detail));
    });
  }

  ngOnInit(): void {
    if (this.editing()) return;
    const controls = this.form.controls;
    const asked = this.kindParam()?.trim();
    const kind = PROPOSAL_KINDS.find((k) => k === asked);
    const item = this.item()?.trim();
    // An item is modified unless the address says to delete it; adding needs none.
    if (item && kind !== 'add') {
      controls.kind.setValue(kind ?? 'modify');
      controls.kbItemId.setValue(item);
      this.itemId.set(item);
    } else if (kind && kind !== controls.kind.value) {
      controls.kind.setValue(kind);
    }
    const reason = reasonFromAddress(this.reason());
    if (reason && !controls.reason.value.trim()) controls.reason.setValue(reason);
  }

  protected kindKey(kind: ProposalKind): MessageKey {
    return this.kindLabel[kind];
  }

  /** The server words a warning in both languages. */
  protected warningText(warning: ProposalWarning): string {
    return this.i18n.lang() === 'en' ? warning.message.en : warning.message['zh-TW'];
  }

  /** 帶入: loads the item the 題目編號 field names. */
  protected loadItem(): void {
    const id = this.form.controls.kbItemId.value.trim();
    this.form.controls.kbItemId.setValue(id);
    if (!id) {
      this.form.controls.kbItemId.markAsTouched();
      return;
    }
    if (id === this.itemId() && this.kbItem.error()) this.kbItem.reload();
    this.itemId.set(id);
  }

  protected onItemEnter(event: Event): void {
    event.preventDefault();
    this.loadItem();
  }

  protected pickItem(id: string): void {
    this.form.controls.kbItemId.setValue(id);
    this.loadItem();
  }

  protected save(): void {
    if (this.pending() || this.locked() || this.noChange() || this.closedList()) return;
    const cycleId = this.cycleId();
    if (cycleId === null) return;
    const controls = this.form.controls;
    controls.reason.setValue(controls.reason.value.trim());
    const kind = controls.kind.value;
    const item = this.kbItem.hasValue() ? this.kbItem.value() : null;
    if (kind !== 'add' && controls.kbItemId.valid && item?.id !== controls.kbItemId.value.trim()) {
      controls.kbItemId.setErrors({ notLoaded: true });
      controls.kbItemId.markAsTouched();
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstProblem(this.injector, this.host.nativeElement);
      return;
    }
    const request = this.input(cycleId);
    this.pending.set(true);
    this.errorMessage.set('');
    this.otherReasons.set([]);
    const id = this.id();
    (id ? this.api.update(Number(id), request) : this.api.create(request)).subscribe({
      next: (saved) => {
        this.pending.set(false);
        this.snackBar.open(this.i18n.t('proposals.form.saved', { id: saved.id }), this.i18n.t('common.dismiss'), { duration: 4000 });
        void this.router.navigate(listLink(saved.cycleId, saved.unitCode));
      },
      error: (error: unknown) => {
        this.pending.set(false);
        this.showFailure(error);
        focusFirstProblem(this.injector, this.host.nativeElement);
        // The list closed while this was typed: the page says where to go instead; what was typed goes along.
        if (!id && apiErrorCode(error) === 'LIST_LOCKED') this.listState.reload();
      },
    });
  }

  /** The body of POST / PUT: the content for add and modify, the item for modify and delete. */
  private input(cycleId: number): ProposalInput {
    const value = this.form.getRawValue();
    const source = this.sourceRef();
    return {
      cycleId,
      kind: value.kind,
      kbItemId: value.kind === 'add' ? null : value.kbItemId.trim(),
      content: value.kind === 'delete' ? null : this.content(),
      reason: value.reason.trim(),
      source,
    };
  }

  /** What the warnings are asked for: nothing until there is a question (add) or an item (modify, delete). */
  private warningInput(): ProposalInput | null {
    const cycleId = this.cycleId();
    if (cycleId === null || this.locked()) return null;
    const kind = this.form.controls.kind.value;
    if (kind === 'add' && !this.content().question) return null;
    if (kind !== 'add' && !this.kbItem.hasValue()) return null;
    const request = this.input(cycleId);
    return kind === 'add' || !this.kbItem.hasValue() ? request : { ...request, kbItemId: this.kbItem.value().id };
  }

  /** The proposal being edited is an open proposal on its own item: not worth a warning. */
  private withoutSelf(warnings: ProposalWarning[]): ProposalWarning[] {
    const self = this.id();
    return self ? warnings.filter((warning) => !(warning.code === 'open-proposal' && warning.ref === self)) : warnings;
  }

  /**
   * Reasons on the fields they name (`content.question`, `kbItemId`, `reason`…):
   * the server says one problem at a time, in both languages in its message.
   */
  private showFailure(error: unknown): void {
    const details = apiErrorDetails(error);
    const message = apiErrorMessage(error, this.i18n);
    const onFields: ErrorDetail[] = [];
    const others: string[] = [];
    for (const detail of details) {
      const control = detail.field ? this.form.get(detail.field) : null;
      // One problem: the message says it in the interface language; several: each its own reason.
      if (control instanceof FormControl && control.enabled)
        onFields.push({ ...detail, reason: details.length === 1 ? message : detail.reason });
      else if (details.length > 1) others.push(detail.reason);
    }
    applyServerErrors(this.form, onFields);
    this.otherReasons.set(others);
    if (!onFields.length) this.errorMessage.set(message);
    else this.errorMessage.set(others.length ? this.i18n.t('proposals.form.fixFields') : '');
  }

  private onKind(kind: ProposalKind): void {
    const controls = this.form.controls;
    controls.kbItemId.updateValueAndValidity({ emitEvent: false });
    if (kind === 'delete') controls.content.disable({ emitEvent: false });
    else controls.content.enable({ emitEvent: false });
    const item = this.kbItem.hasValue() ? this.kbItem.value() : null;
    // A modification starts from the item; a new item from nothing.
    if (kind === 'modify' && item) this.fillContent(contentOf(item));
    if (kind === 'add') this.fillContent(null);
  }

  private fillFrom(proposal: ProposalDto): void {
    const controls = this.form.controls;
    this.keepContentOf = proposal.kbItemId;
    controls.kind.setValue(proposal.kind);
    controls.kbItemId.setValue(proposal.kbItemId ?? '');
    if (proposal.content) this.fillContent(proposal.content);
    controls.reason.setValue(proposal.reason);
    controls.kind.disable({ emitEvent: false });
    this.itemId.set(proposal.kbItemId ?? '');
    if (!EDITABLE_PROPOSAL.includes(proposal.status)) this.form.disable({ emitEvent: false });
  }

  private applyItem(item: KbItemDto): void {
    const controls = this.form.controls;
    if (controls.kbItemId.value.trim() !== item.id) controls.kbItemId.setValue(item.id);
    if (this.keepContentOf === item.id) {
      this.keepContentOf = null;
      return;
    }
    this.keepContentOf = null;
    if (controls.kind.value === 'modify') this.fillContent(contentOf(item));
  }

  private applySource(detail: QueueItemDetailDto): void {
    const controls = this.form.controls;
    if (!controls.reason.value.trim()) controls.reason.setValue(reasonFromSource(detail, this.i18n));
    // A review item is about an existing item: start by modifying it, unless the address named another.
    if (detail.kind === 'review' && detail.kbItemId && !this.itemId()) {
      controls.kind.setValue('modify');
      controls.kbItemId.setValue(detail.kbItemId);
      this.itemId.set(detail.kbItemId);
    }
  }

  private fillContent(content: ProposalContent | null): void {
    this.form.controls.content.patchValue({
      category: content?.category ?? '',
      question: content?.question ?? '',
      alternates: (content?.alternates ?? []).join('\n'),
      answer: content?.answer ?? '',
      keywords: joinKeywords(content?.keywords ?? []),
      ownerUnitCode: content?.ownerUnitCode || this.auth.me()?.unitCode || '',
    });
  }
}
