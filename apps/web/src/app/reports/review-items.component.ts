import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, signal } from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import {
  ALL_UNIT_ROLES,
  REVIEW_REASONS,
  type ReviewItemDto,
  type ReviewItemUpdate,
  type ReviewReason,
  type ReviewStatus,
} from '@tunedesk/contracts';
import { AuthService } from '../auth/auth.service';
import { I18nService } from '../i18n/i18n.service';
import type { MessageKey } from '../i18n/messages';
import { RocDatePipe } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { type ReviewFilters, ReportsApi } from './reports.api';
import { REVIEW_REASON_BADGE, REVIEW_REASON_LABEL, canReview, reviewReasonHelp } from './review-labels';

/** One line of the counts table: a unit's items by reason, and how many are still to review. */
export interface ReviewCount {
  unitCode: string;
  unitName: string;
  open: number;
  done: number;
  reasons: Record<ReviewReason, number>;
}

function emptyCount(unitCode: string, unitName: string): ReviewCount {
  return {
    unitCode,
    unitName,
    open: 0,
    done: 0,
    reasons: { 'no-hits': 0, 'low-satisfaction': 0, expired: 0, 'past-year': 0, 'not-improved': 0 },
  };
}

function add(count: ReviewCount, item: ReviewItemDto): void {
  if (item.status === 'done') count.done++;
  else count.open++;
  for (const reason of item.reasons) count.reasons[reason]++;
}

/** The counts per unit (by code) and over all of them. */
export function countReviewItems(items: readonly ReviewItemDto[]): { units: ReviewCount[]; total: ReviewCount } {
  const units = new Map<string, ReviewCount>();
  const total = emptyCount('', '');
  for (const item of items) {
    let count = units.get(item.unitCode);
    if (!count) {
      count = emptyCount(item.unitCode, item.unitName ?? item.unitCode);
      units.set(item.unitCode, count);
    }
    add(count, item);
    add(total, item);
  }
  return { units: [...units.values()].sort((a, b) => a.unitCode.localeCompare(b.unitCode)), total };
}

/**
 * 原有題庫檢視 of a cycle: the existing items the cycle queued per unit for a
 * look (no hits, many 不滿意, expired, a past year in the answer), with the
 * counts per unit and reason, and the 已檢視 toggle with an optional note.
 * The counts come from the whole list; the table from the filtered one.
 */
@Component({
  selector: 'td-review-items',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatTooltipModule,
    RouterLink,
    LoadStateComponent,
    RocDatePipe,
    TranslatePipe,
  ],
  templateUrl: './review-items.component.html',
  styleUrl: './review-items.component.scss',
})
export class ReviewItemsComponent {
  private readonly api = inject(ReportsApi);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  private readonly destroyRef = inject(DestroyRef);

  readonly cycleId = input.required<number>();

  protected readonly reasons = REVIEW_REASONS;
  protected readonly columnCount = 5;

  /** A knowledge contact or unit head sees their own unit only (the server sees to it): no unit filter. */
  protected readonly limited = computed(() => !this.auth.hasRole(...ALL_UNIT_ROLES));
  protected readonly unit = signal('');
  protected readonly status = signal<ReviewStatus | ''>('open');
  private readonly filters = computed<ReviewFilters>(() => ({
    unit: this.limited() ? undefined : this.unit() || undefined,
    status: this.status() || undefined,
  }));
  protected readonly filtered = computed(() => !!this.filters().unit || this.status() !== '');

  /** Every item of the cycle the user may see, for the counts. */
  protected readonly summary = rxResource({ params: () => this.cycleId(), stream: ({ params }) => this.api.reviewItems(params) });
  /** The items the filters let through, for the table. */
  protected readonly items = rxResource({
    params: () => ({ cycleId: this.cycleId(), filters: this.filters() }),
    stream: ({ params }) => this.api.reviewItems(params.cycleId, params.filters),
  });

  protected readonly counts = computed(() => countReviewItems(this.summary.hasValue() ? this.summary.value() : []));
  protected readonly unitOptions = computed(() => {
    const options = this.counts().units.map(({ unitCode, unitName }) => ({ code: unitCode, name: unitName }));
    const chosen = this.unit();
    if (chosen && !options.some((option) => option.code === chosen)) options.unshift({ code: chosen, name: chosen });
    return options;
  });

  /** Notes typed but not saved yet, by item id. */
  private readonly drafts = signal<ReadonlyMap<number, string>>(new Map());
  protected readonly saving = signal<ReadonlySet<number>>(new Set());
  /** Read out after a change, for screen readers. */
  protected readonly announcement = signal('');

  protected onUnit(event: Event): void {
    this.unit.set((event.target as HTMLSelectElement).value);
  }

  protected onStatus(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.status.set(value === 'open' || value === 'done' ? value : '');
  }

  /** The unit's items, or all again when the unit is already the filter. */
  protected toggleUnit(code: string): void {
    this.unit.set(this.unit() === code ? '' : code);
  }

  protected canEdit(item: ReviewItemDto): boolean {
    return canReview(this.auth.me(), item);
  }

  protected reasonLabel(reason: ReviewReason): MessageKey {
    return REVIEW_REASON_LABEL[reason];
  }

  protected reasonBadge(reason: ReviewReason): string {
    return REVIEW_REASON_BADGE[reason];
  }

  protected reasonHelp(item: ReviewItemDto, reason: ReviewReason): string {
    return reviewReasonHelp(item, reason, this.i18n);
  }

  protected noteOf(item: ReviewItemDto): string {
    return this.drafts().get(item.id) ?? item.note ?? '';
  }

  protected setDraft(id: number, event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.drafts.update((drafts) => new Map(drafts).set(id, value));
  }

  /** 已檢視 with the note typed, or back to 待檢視 keeping the note. */
  protected toggle(item: ReviewItemDto): void {
    if (this.saving().has(item.id) || !this.canEdit(item)) return;
    const update: ReviewItemUpdate =
      item.status === 'open' ? { status: 'done', note: this.noteOf(item).trim() || null } : { status: 'open', note: item.note };
    this.setSaving(item.id, true);
    this.api
      .updateReviewItem(item.id, update)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (updated) => {
          this.setSaving(item.id, false);
          this.drafts.update((drafts) => {
            const next = new Map(drafts);
            next.delete(updated.id);
            return next;
          });
          this.replace(updated);
          this.announcement.set(
            this.i18n.t(updated.status === 'done' ? 'review.saved.done' : 'review.saved.open', { id: updated.kbItemId }),
          );
        },
        // The interceptor says what went wrong (a 403 for another unit's item).
        error: () => this.setSaving(item.id, false),
      });
  }

  /** The answer replaces the item in both lists; it stays in the table until the filters change, so it can be undone. */
  private replace(updated: ReviewItemDto): void {
    const swap = (list: ReviewItemDto[]) => list.map((item) => (item.id === updated.id ? updated : item));
    if (this.items.hasValue()) this.items.set(swap(this.items.value()));
    if (this.summary.hasValue()) this.summary.set(swap(this.summary.value()));
  }

  private setSaving(id: number, on: boolean): void {
    this.saving.update((ids) => {
      const next = new Set(ids);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }
}
