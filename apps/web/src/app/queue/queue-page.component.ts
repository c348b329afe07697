import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
  signal,
  untracked,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { ActivatedRoute, type Params, Router, RouterLink } from '@angular/router';
import {
  ALL_UNIT_ROLES,
  type BulkQueueRequest,
  type BulkQueueResultDto,
  type CloseRequest,
  type QueueItemDto,
  type QueueItemKind,
  type QueueItemStatus,
  type QueueQuery,
  type ReassignRequest,
  type ReviewReason,
  Role,
} from '@tunedesk/contracts';
import { AuthService } from '../auth/auth.service';
import { I18nService } from '../i18n/i18n.service';
import type { MessageKey } from '../i18n/messages';
import { TranslatePipe } from '../i18n/t.pipe';
import { KbApi } from '../knowledge/kb.api';
import { UnitsApi } from '../org/units.api';
import { RECURRING_FROM, scorePercent } from '../reports/report-labels';
import { REVIEW_REASON_BADGE, REVIEW_REASON_LABEL } from '../reports/review-labels';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { QueueApi } from './queue.api';
import { AnsweredBeforeLinkComponent } from './queue-answered-before.component';
import { QueueCloseFormComponent } from './queue-close-form.component';
import {
  QUEUE_KINDS,
  QUEUE_KIND_LABEL,
  QUEUE_STATUSES,
  QUEUE_STATUS_BADGE,
  QUEUE_STATUS_LABEL,
  type QueueRef,
  canWork,
  isPlainKey,
  isQueueKind,
  isQueueStatus,
  isTyping,
  isAnsweredBefore,
  queueKey,
  worksQueues,
} from './queue-labels';
import { QueueOrderService } from './queue-order.service';
import { QueueReassignFormComponent } from './queue-reassign-form.component';
import { CycleNamePipe } from '../i18n/cycle-name';

/** The unit filter's value for the triage queue (待分派), as the API takes it. */
export const TRIAGE = 'triage';
/** The unit filter's value for every unit: the group leader's other view (the address keeps it; the request leaves the unit out). */
export const ALL_UNITS = 'all';
/** The search box waits this long after the last key. */
export const QUEUE_SEARCH_DEBOUNCE_MS = 300;

/** The filters as the address keeps them (?cycle=4&kind=cluster&unit=triage…). */
export interface QueueFilters {
  cycle?: number;
  kind?: QueueItemKind;
  status?: QueueItemStatus;
  recurring?: boolean;
  category?: string;
  q?: string;
  /** 'triage', 'all' or a unit code */
  unit?: string;
}

/** The filters as query parameters of the page's address; the ones not set are left out. */
export function queueFilterParams(filters: QueueFilters): Params {
  const params: Params = {};
  if (filters.cycle) params['cycle'] = filters.cycle;
  if (filters.kind) params['kind'] = filters.kind;
  if (filters.status) params['status'] = filters.status;
  if (filters.recurring) params['recurring'] = 'true';
  if (filters.category) params['category'] = filters.category;
  if (filters.q) params['q'] = filters.q;
  if (filters.unit) params['unit'] = filters.unit;
  return params;
}

function positiveInt(value: string | undefined): number | undefined {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** A failed item of the last bulk action, by queueKey. */
type BulkFailure = BulkQueueResultDto['failed'][number];

/** Links, buttons and fields handle Enter themselves. */
function handlesEnter(target: EventTarget | null): boolean {
  return target instanceof Element && !!target.closest('a, button, input, select, textarea, mat-checkbox, [role="button"]');
}

/**
 * /queue — 我的待辦: the clusters and review items of the user's unit (a group
 * leader: the triage queue, or every unit), most impact first. The filters live
 * in the address so that "back" from an item returns to the same list; the
 * list's order is kept for the item page's next / previous. j / k move the
 * cursor, Enter opens, x ticks; ticked items are closed or reassigned at once.
 */
@Component({
  selector: 'td-queue-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CycleNamePipe,
    MatButtonModule,
    MatButtonToggleModule,
    MatCardModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    RouterLink,
    LoadStateComponent,
    AnsweredBeforeLinkComponent,
    QueueCloseFormComponent,
    QueueReassignFormComponent,
    TranslatePipe,
  ],
  host: { '(document:keydown)': 'onKey($event)' },
  templateUrl: './queue-page.component.html',
  styleUrl: './queue-page.component.scss',
})
export class QueuePageComponent {
  private readonly api = inject(QueueApi);
  private readonly kbApi = inject(KbApi);
  private readonly unitsApi = inject(UnitsApi);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  private readonly order = inject(QueueOrderService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  // Query parameters, bound by the router (withComponentInputBinding).
  readonly cycle = input<string>();
  readonly kind = input<string>();
  readonly status = input<string>();
  readonly recurring = input<string>();
  readonly category = input<string>();
  readonly q = input<string>();
  readonly unit = input<string>();

  protected readonly kinds = QUEUE_KINDS;
  protected readonly statuses = QUEUE_STATUSES;
  protected readonly kindLabel = QUEUE_KIND_LABEL;
  protected readonly statusLabel = QUEUE_STATUS_LABEL;
  protected readonly statusBadge = QUEUE_STATUS_BADGE;
  protected readonly triage = TRIAGE;
  protected readonly allUnits = ALL_UNITS;

  protected readonly isLeader = computed(() => this.auth.hasRole(Role.GroupLeader));
  /** Roles that read every unit's queue may pick a unit; a contact sees their own (the server sees to it). */
  protected readonly seesAll = computed(() => this.auth.hasRole(...ALL_UNIT_ROLES));
  /** Knowledge contacts and the group leader work items; the others only read. */
  protected readonly works = computed(() => worksQueues(this.auth.me()));

  protected readonly filters = computed<QueueFilters>(() => {
    const kind = this.kind();
    const status = this.status();
    return {
      cycle: positiveInt(this.cycle()),
      kind: isQueueKind(kind) ? kind : undefined,
      status: isQueueStatus(status) ? status : undefined,
      recurring: this.recurring() === 'true',
      category: this.category()?.trim() || undefined,
      q: this.q()?.trim() || undefined,
      unit: this.unit()?.trim() || undefined,
    };
  });

  /**
   * Which queue: 'triage', 'all' or a unit code; '' for a contact (their own unit).
   * The group leader starts on the triage queue.
   */
  protected readonly scope = computed(() => {
    if (!this.seesAll()) return '';
    const unit = this.filters().unit;
    if (unit) return unit;
    return this.isLeader() ? TRIAGE : ALL_UNITS;
  });
  protected readonly unitValue = computed(() => (this.scope() === ALL_UNITS ? '' : this.scope()));

  protected readonly query = computed<QueueQuery>(() => {
    const { cycle, kind, status, recurring, category, q } = this.filters();
    const scope = this.scope();
    return { cycle, kind, status, recurring, category, q, unit: scope && scope !== ALL_UNITS ? scope : undefined };
  });

  protected readonly list = rxResource({ params: () => this.query(), stream: ({ params }) => this.api.list(params) });
  protected readonly items = computed(() => (this.list.hasValue() ? this.list.value() : []));
  protected readonly cycleLabel = computed(() => this.items()[0]?.cycleLabel ?? '');

  /** Narrowed by a filter; the queue chosen (待分派, 全部單位) is not one. */
  protected readonly filtered = computed(() => {
    const f = this.filters();
    const unit = f.unit && f.unit !== ALL_UNITS && f.unit !== TRIAGE;
    return !!(f.cycle || f.kind || f.status || f.recurring || f.category || f.q || unit);
  });
  protected readonly emptyKey = computed<MessageKey>(() => {
    if (this.filtered()) return 'queue.noMatch';
    return this.scope() === TRIAGE ? 'queue.emptyTriage' : 'queue.empty';
  });
  /** The unit column, when the list holds more than one unit's items. */
  protected readonly showUnit = computed(() => this.scope() === ALL_UNITS);

  /** The picker's cycles for the queue shown (a month not announced yet only for the service section and the group leader). */
  private readonly cycleScope = computed(() => this.query().unit ?? '');
  private readonly cycles = rxResource({
    params: () => ({ unit: this.cycleScope() }),
    stream: ({ params }) => this.api.cycles(params.unit),
  });
  private readonly cycleList = computed(() => (this.cycles.hasValue() ? this.cycles.value().cycles : []));
  /** 不定期調校: a proposal outside any report goes into the always-open cycle. */
  protected readonly irregularCycleId = computed(() => this.cycleList().find((c) => c.kind === 'irregular')?.id ?? null);
  /** The cycle the list shows when none is chosen: the newest announced month with open work for the person. */
  protected readonly defaultCycle = computed(() => {
    const id = this.cycles.hasValue() ? this.cycles.value().defaultCycleId : null;
    return this.cycleList().find((c) => c.id === id) ?? null;
  });
  /** The cycle shown: the one chosen, else the default. */
  protected readonly shownCycle = computed(() => {
    const chosen = this.filters().cycle;
    return chosen ? (this.cycleList().find((c) => c.id === chosen) ?? null) : this.defaultCycle();
  });
  protected readonly cycleOptions = computed(() => {
    const options = this.cycleList().map(({ id, label, announcedAt, kind }) => ({
      id,
      label,
      unannounced: kind === 'regular' && !announcedAt,
    }));
    const chosen = this.filters().cycle;
    if (chosen && !options.some((option) => option.id === chosen)) options.unshift({ id: chosen, label: `#${chosen}`, unannounced: false });
    return options;
  });

  /** Not new work: open items whose wording a proposal of an earlier month answered. */
  protected readonly answeredCount = computed(() => this.items().filter(isAnsweredBefore).length);

  private readonly categories = rxResource({ stream: () => this.kbApi.categories() });
  protected readonly categoryOptions = computed(() => {
    const options = this.categories.hasValue() ? [...this.categories.value()] : [];
    const chosen = this.filters().category;
    if (chosen && !options.includes(chosen)) options.unshift(chosen);
    return options;
  });

  /** The unit picker and the bulk reassignment need the units; a read-only contact-less role of one unit does not. */
  protected readonly units = rxResource({
    params: () => (this.seesAll() || this.works() ? true : undefined),
    stream: () => this.unitsApi.list(),
  });
  protected readonly unitOptions = computed(() => {
    const options = this.units.hasValue()
      ? [...this.units.value()].sort((a, b) => a.code.localeCompare(b.code)).map(({ code, name }) => ({ code, name }))
      : [];
    const chosen = this.unitValue();
    if (chosen && chosen !== TRIAGE && !options.some((option) => option.code === chosen)) options.unshift({ code: chosen, name: chosen });
    return options;
  });

  /** What is in the search box; it goes into the address once typing pauses, or on Enter. */
  protected readonly text = linkedSignal<string | undefined, string>({
    source: () => this.filters().q,
    // The search that went out keeps what was typed around it (a space before the next word).
    computation: (q, previous) => (previous && previous.value.trim() === (q ?? '') ? previous.value : (q ?? '')),
  });
  private timer: ReturnType<typeof setTimeout> | undefined;

  // Selection, bulk action and its outcome belong to one set of filters: another starts afresh.
  protected readonly selection = linkedSignal<QueueQuery, ReadonlySet<string>>({ source: this.query, computation: () => new Set() });
  protected readonly failures = linkedSignal<QueueQuery, ReadonlyMap<string, BulkFailure>>({
    source: this.query,
    computation: () => new Map(),
  });
  protected readonly bulkResult = linkedSignal<QueueQuery, { done: number; failed: number } | null>({
    source: this.query,
    computation: () => null,
  });
  protected readonly bulkMode = linkedSignal<QueueQuery, 'close' | 'reassign' | null>({ source: this.query, computation: () => null });
  protected readonly bulkBusy = signal(false);
  protected readonly bulkFailure = signal<unknown>(null);

  protected readonly selectable = computed(() => {
    const me = this.auth.me();
    return this.works() ? this.items().filter((item) => canWork(me, item)) : [];
  });
  protected readonly selectedItems = computed(() => this.items().filter((item) => this.selection().has(queueKey(item))));
  protected readonly allSelected = computed(() => {
    const selectable = this.selectable();
    return selectable.length > 0 && selectable.every((item) => this.selection().has(queueKey(item)));
  });
  protected readonly someSelected = computed(() => this.selectedItems().length > 0 && !this.allSelected());

  /**
   * The keyboard's row (j / k): kept through a reload of the same list, else
   * on the item opened last, so "back" from an item lands where it left off.
   */
  protected readonly cursor = linkedSignal<QueueItemDto[], number>({
    source: this.items,
    computation: (items, previous) => {
      if (previous && previous.value >= 0 && items.length) return Math.min(previous.value, items.length - 1);
      const last = untracked(() => this.order.last());
      return last ? items.findIndex((item) => queueKey(item) === last) : -1;
    },
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.timer));
    // The item page's next / previous follow this list, as it was last shown.
    effect(() => {
      if (!this.list.hasValue()) return;
      const refs = this.list.value().map(({ kind, id }) => ({ kind, id }));
      untracked(() => this.order.remember(refs, this.router.url));
    });
  }

  protected key(item: QueueRef): string {
    return queueKey(item);
  }

  protected canWorkItem(item: QueueItemDto): boolean {
    return canWork(this.auth.me(), item);
  }

  protected answeredBefore(item: QueueItemDto): boolean {
    return isAnsweredBefore(item);
  }

  protected isRecurring(item: QueueItemDto): boolean {
    return item.recurringMonths >= RECURRING_FROM;
  }

  protected percent(score: number): number {
    return scorePercent(score);
  }

  protected reviewReasonKey(reason: ReviewReason): MessageKey {
    return REVIEW_REASON_LABEL[reason];
  }

  protected reviewReasonBadge(reason: ReviewReason): string {
    return REVIEW_REASON_BADGE[reason];
  }

  protected failureOf(item: QueueItemDto): string | null {
    const failure = this.failures().get(queueKey(item));
    if (!failure) return null;
    return this.i18n.lang() === 'en' ? failure.message.en : failure.message['zh-TW'];
  }

  // Filters ------------------------------------------------------------------

  private apply(patch: Partial<QueueFilters>): void {
    clearTimeout(this.timer);
    void this.router.navigate([], { relativeTo: this.route, queryParams: queueFilterParams({ ...this.filters(), ...patch }) });
  }

  /** The leader's switch: the triage queue (the default, so the address leaves it out) or every unit. */
  protected onScope(value: string): void {
    this.apply({ unit: value === ALL_UNITS ? ALL_UNITS : undefined });
  }

  protected onUnit(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    // For the leader "every unit" has to be said; for the others it is the default.
    this.apply({ unit: value || (this.isLeader() ? ALL_UNITS : undefined) });
  }

  protected onCycle(event: Event): void {
    this.apply({ cycle: positiveInt((event.target as HTMLSelectElement).value) });
  }

  protected onKind(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.apply({ kind: isQueueKind(value) ? value : undefined });
  }

  protected onStatus(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.apply({ status: isQueueStatus(value) ? value : undefined });
  }

  protected onCategory(event: Event): void {
    this.apply({ category: (event.target as HTMLSelectElement).value || undefined });
  }

  protected onRecurring(checked: boolean): void {
    this.apply({ recurring: checked });
  }

  protected onSearchInput(event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.text.set(value);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.search(), QUEUE_SEARCH_DEBOUNCE_MS);
  }

  /** Enter searches at once. */
  protected search(): void {
    const q = this.text().trim() || undefined;
    if (q === this.filters().q) {
      clearTimeout(this.timer);
      return;
    }
    this.apply({ q });
  }

  protected clearSearch(): void {
    this.text.set('');
    this.apply({ q: undefined });
    this.searchBox()?.focus();
  }

  protected clearFilters(): void {
    this.text.set('');
    // The queue chosen stays: 待分派 or 全部單位 (which a unit narrowed).
    const unit = this.filters().unit;
    const scope = unit === TRIAGE || unit === ALL_UNITS ? unit : unit && this.isLeader() ? ALL_UNITS : undefined;
    this.apply({ cycle: undefined, kind: undefined, status: undefined, recurring: false, category: undefined, q: undefined, unit: scope });
  }

  // Selection ----------------------------------------------------------------

  protected toggle(item: QueueItemDto): void {
    if (!this.canWorkItem(item)) return;
    const key = queueKey(item);
    this.selection.update((selected) => {
      const next = new Set(selected);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }

  protected toggleAll(checked: boolean): void {
    this.selection.set(new Set(checked ? this.selectable().map(queueKey) : []));
  }

  protected clearSelection(): void {
    this.selection.set(new Set());
    this.bulkMode.set(null);
  }

  // Bulk ---------------------------------------------------------------------

  protected startBulk(mode: 'close' | 'reassign'): void {
    this.bulkFailure.set(null);
    this.bulkResult.set(null);
    this.bulkMode.set(mode);
  }

  protected cancelBulk(): void {
    this.bulkMode.set(null);
    this.bulkFailure.set(null);
  }

  protected bulkClose(request: CloseRequest): void {
    this.sendBulk({ action: 'close', items: this.selectedRefs(), reason: request.reason, note: request.note ?? null });
  }

  protected bulkReassign(request: ReassignRequest): void {
    this.sendBulk({ action: 'reassign', items: this.selectedRefs(), unitCode: request.unitCode, reassignReason: request.reason });
  }

  private selectedRefs(): QueueRef[] {
    return this.selectedItems().map(({ kind, id }) => ({ kind, id }));
  }

  private sendBulk(request: BulkQueueRequest): void {
    if (this.bulkBusy() || !request.items.length) return;
    this.bulkBusy.set(true);
    this.bulkFailure.set(null);
    this.api.bulk(request).subscribe({
      next: (result) => {
        this.bulkBusy.set(false);
        this.bulkMode.set(null);
        this.failures.set(new Map(result.failed.map((failure) => [queueKey(failure), failure])));
        // What failed stays ticked, to try again or to look at.
        this.selection.set(new Set(result.failed.map(queueKey)));
        this.bulkResult.set({ done: result.done.length, failed: result.failed.length });
        this.list.reload();
      },
      error: (error: unknown) => {
        this.bulkBusy.set(false);
        this.bulkFailure.set(error);
      },
    });
  }

  // Keyboard -----------------------------------------------------------------

  protected setCursor(index: number): void {
    this.cursor.set(index);
  }

  protected opened(item: QueueItemDto): void {
    this.order.opened(item);
  }

  private open(item: QueueItemDto): void {
    this.order.opened(item);
    void this.router.navigate(['/queue', item.kind, item.id]);
  }

  private move(delta: number): void {
    const count = this.items().length;
    if (!count) return;
    const current = this.cursor();
    const next = current < 0 ? 0 : Math.min(count - 1, Math.max(0, current + delta));
    this.cursor.set(next);
    afterNextRender(
      () => {
        const row = this.host.nativeElement.querySelector<HTMLElement>(`tr[data-index="${next}"]`);
        row?.focus({ preventScroll: true });
        row?.scrollIntoView?.({ block: 'nearest' });
      },
      { injector: this.injector },
    );
  }

  private searchBox(): HTMLInputElement | null {
    return this.host.nativeElement.querySelector<HTMLInputElement>('[data-testid="queue-search"]');
  }

  /** j / k move, Enter opens, x ticks, / goes to the search box; not while typing in a field. */
  protected onKey(event: KeyboardEvent): void {
    if (event.defaultPrevented || isTyping(event.target) || !isPlainKey(event)) return;
    const current = this.items()[this.cursor()];
    switch (event.key) {
      case 'j':
        event.preventDefault();
        this.move(1);
        break;
      case 'k':
        event.preventDefault();
        this.move(-1);
        break;
      case 'x':
        if (current && this.works()) {
          event.preventDefault();
          this.toggle(current);
        }
        break;
      case 'Enter':
        if (current && !handlesEnter(event.target)) {
          event.preventDefault();
          this.open(current);
        }
        break;
      case '/':
        event.preventDefault();
        this.searchBox()?.focus();
        break;
    }
  }
}
