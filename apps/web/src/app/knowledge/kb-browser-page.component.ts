import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  signal,
  viewChild,
  type ElementRef,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorIntl, MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, type Params, Router, RouterLink } from '@angular/router';
import { KbItemStatus, type KbSearchHitDto } from '@tunedesk/contracts';
import { AuthService } from '../auth/auth.service';
import { ADMIN_ROLES } from '../auth/roles';
import type { MessageKey } from '../i18n/messages';
import { RocDatePipe } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { UnitsApi } from '../org/units.api';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { TranslatedPaginatorIntl } from '../shared/translated-paginator-intl';
import { KbApi, type KbListQuery } from './kb.api';
import { KB_MATCH_LABEL, KB_STATUSES, KB_STATUS_BADGE, KB_STATUS_LABEL } from './kb-labels';
import { markMatches } from './kb-text';
import { type FileFormat, FileLinksComponent } from '../shared/export/file-links.component';

export const KB_DEFAULT_PAGE_SIZE = 50;
/** Search-as-you-type waits this long after the last key. */
export const KB_SEARCH_DEBOUNCE_MS = 200;
/** From this many characters on the box searches by meaning; below it the paged list shows. */
export const KB_SEARCH_MIN_LENGTH = 2;
export const KB_SEARCH_LIMIT = 10;

function isStatus(value: string | null): value is KbItemStatus {
  return value === KbItemStatus.Published || value === KbItemStatus.Disabled;
}

function positive(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** Where the keyboard is typing text, '/' is a character, not a shortcut. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.getAttribute('role') === 'combobox';
}

@Component({
  selector: 'td-kb-browser-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FileLinksComponent,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatPaginatorModule,
    MatSelectModule,
    MatTableModule,
    RouterLink,
    LoadStateComponent,
    RocDatePipe,
    TranslatePipe,
  ],
  providers: [{ provide: MatPaginatorIntl, useClass: TranslatedPaginatorIntl }],
  host: { '(document:keydown)': 'onDocumentKey($event)' },
  templateUrl: './kb-browser-page.component.html',
  styleUrl: './kb-browser-page.component.scss',
})
export class KbBrowserPageComponent {
  private readonly api = inject(KbApi);
  private readonly unitsApi = inject(UnitsApi);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly statuses = KB_STATUSES;
  protected readonly statusBadge = KB_STATUS_BADGE;
  protected readonly statusLabel = KB_STATUS_LABEL;
  protected readonly matchLabel = KB_MATCH_LABEL;
  protected readonly pageSizes = [20, 50, 100];
  protected readonly columns = ['id', 'category', 'question', 'owner', 'alternates', 'status', 'updatedAt', 'version'] as const;
  protected readonly minLength = KB_SEARCH_MIN_LENGTH;

  protected readonly isAdmin = computed(() => this.auth.hasRole(...ADMIN_ROLES));
  protected readonly exportHref = (format: FileFormat) => this.api.exportHref(format);

  // The address keeps the search and filters, so "back" from an item returns to the same results.
  private readonly initial = this.route.snapshot.queryParamMap;
  /** What is in the search box. */
  protected readonly text = signal(this.initial.get('q') ?? '');
  /** The box's text once typing has paused: what is searched for. */
  protected readonly query = signal(this.text().trim());
  protected readonly category = signal(this.initial.get('category') ?? '');
  protected readonly unit = signal(this.initial.get('unit') ?? '');
  protected readonly status = signal<KbItemStatus | ''>(
    isStatus(this.initial.get('status')) ? (this.initial.get('status') as KbItemStatus) : '',
  );
  protected readonly page = signal(positive(this.initial.get('page'), 1));
  protected readonly pageSize = signal(positive(this.initial.get('pageSize'), KB_DEFAULT_PAGE_SIZE));

  protected readonly searching = computed(() => this.query().length >= KB_SEARCH_MIN_LENGTH);

  private readonly listQuery = computed<KbListQuery | undefined>(() =>
    this.searching()
      ? undefined
      : { category: this.category(), unit: this.unit(), status: this.status(), page: this.page(), pageSize: this.pageSize() },
  );
  protected readonly list = rxResource({ params: () => this.listQuery(), stream: ({ params }) => this.api.list(params) });
  protected readonly hits = rxResource({
    params: () => (this.searching() ? this.query() : undefined),
    stream: ({ params }) => this.api.search(params, KB_SEARCH_LIMIT),
  });
  /** The search has no filters of its own; the ones chosen narrow its hits here. */
  protected readonly shownHits = computed(() => {
    if (!this.hits.hasValue()) return [];
    const category = this.category();
    const unit = this.unit();
    const status = this.status();
    return this.hits
      .value()
      .filter(
        (hit) =>
          (!category || hit.item.category === category) &&
          (!unit || hit.item.ownerUnitCode === unit) &&
          (!status || hit.item.status === status),
      );
  });
  protected readonly filtered = computed(() => !!(this.category() || this.unit() || this.status()));

  protected readonly categories = rxResource({ stream: () => this.api.categories() });
  protected readonly categoryOptions = computed(() => (this.categories.hasValue() ? this.categories.value() : []));
  protected readonly units = rxResource({ stream: () => this.unitsApi.list() });
  protected readonly unitOptions = computed(() =>
    this.units.hasValue() ? [...this.units.value()].sort((a, b) => a.code.localeCompare(b.code)) : [],
  );

  private readonly searchBox = viewChild.required<ElementRef<HTMLInputElement>>('searchBox');
  private readonly results = viewChild<ElementRef<HTMLElement>>('results');
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.timer));
    effect(() => {
      const params: Params = {
        q: this.query() || null,
        category: this.category() || null,
        unit: this.unit() || null,
        status: this.status() || null,
        page: this.page() > 1 ? this.page() : null,
        pageSize: this.pageSize() !== KB_DEFAULT_PAGE_SIZE ? this.pageSize() : null,
      };
      void this.router.navigate([], { relativeTo: this.route, queryParams: params, replaceUrl: true }).catch(() => false);
    });
  }

  protected onInput(event: Event): void {
    this.setText((event.target as HTMLInputElement).value);
  }

  protected clear(): void {
    this.setText('');
    this.searchBox().nativeElement.focus();
  }

  private setText(value: string): void {
    this.text.set(value);
    clearTimeout(this.timer);
    const trimmed = value.trim();
    // Back below the minimum: the list comes back at once; a search waits for typing to pause.
    if (trimmed.length < KB_SEARCH_MIN_LENGTH) {
      this.query.set(trimmed);
      return;
    }
    this.timer = setTimeout(() => {
      this.query.set(trimmed);
      this.page.set(1);
    }, KB_SEARCH_DEBOUNCE_MS);
  }

  protected setCategory(value: string): void {
    this.category.set(value);
    this.page.set(1);
  }

  protected setUnit(value: string): void {
    this.unit.set(value);
    this.page.set(1);
  }

  protected setStatus(value: KbItemStatus | ''): void {
    this.status.set(value);
    this.page.set(1);
  }

  protected onPage(event: PageEvent): void {
    this.page.set(event.pageIndex + 1);
    this.pageSize.set(event.pageSize);
  }

  /** Table rows are untyped; these give the template typed look-ups. */
  protected badge(status: KbItemStatus): string {
    return KB_STATUS_BADGE[status];
  }

  protected statusKey(status: KbItemStatus): MessageKey {
    return KB_STATUS_LABEL[status];
  }

  protected marks(hit: KbSearchHitDto) {
    return markMatches(hit.matchedText, this.query());
  }

  protected percent(score: number): number {
    return Math.round(Math.min(1, Math.max(0, score)) * 100);
  }

  /** '/' anywhere on the page (outside a text field) goes to the search box. */
  protected onDocumentKey(event: KeyboardEvent): void {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    event.preventDefault();
    this.searchBox().nativeElement.focus();
  }

  /** Enter opens the best hit; ↓ walks into the results. */
  protected onSearchKey(event: KeyboardEvent): void {
    if (event.key === 'Enter') {
      const text = this.text().trim();
      if (text.length < KB_SEARCH_MIN_LENGTH) return;
      event.preventDefault();
      // Enter before the pause: search now rather than open a hit for older text.
      if (text !== this.query()) {
        clearTimeout(this.timer);
        this.query.set(text);
        return;
      }
      const best = this.shownHits()[0];
      if (best) void this.router.navigate(['/kb/items', best.item.id]);
    } else if (event.key === 'ArrowDown') {
      const first = this.resultLinks()[0];
      if (first) {
        event.preventDefault();
        first.focus();
      }
    }
  }

  /** ↑ and ↓ move between results; ↑ from the first goes back to the box. Enter on a result is the link's own. */
  protected onResultKey(event: KeyboardEvent, index: number): void {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const links = this.resultLinks();
    const next = event.key === 'ArrowDown' ? Math.min(index + 1, links.length - 1) : index - 1;
    if (next < 0) this.searchBox().nativeElement.focus();
    else links[next]?.focus();
  }

  private resultLinks(): HTMLElement[] {
    const list = this.results()?.nativeElement;
    return list ? Array.from(list.querySelectorAll<HTMLElement>('a.hit__link')) : [];
  }
}
