import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { ActivatedRoute, type Params, Router, RouterLink } from '@angular/router';
import { filter, switchMap } from 'rxjs';
import { Role } from '@tunedesk/contracts';
import { AuthService } from '../auth/auth.service';
import { I18nService } from '../i18n/i18n.service';
import { CycleNamePipe } from '../i18n/cycle-name';
import { RocDatePipe } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { httpErrorOf } from '../shared/api-error';
import { confirmAction } from '../shared/confirm-dialog/confirm-dialog.component';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { ListsOverviewComponent } from '../proposals/lists-overview.component';
import { ClustersExplorerComponent } from './clusters-explorer.component';
import { CYCLE_ANNOUNCE_ROLES } from './report-labels';
import { type ClusterFilters, ReportsApi } from './reports.api';
import { ReviewItemsComponent } from './review-items.component';
import { type FileFormat, FileLinksComponent } from '../shared/export/file-links.component';

/** A query parameter as a whole number above 1, or nothing. */
function minSizeOf(value: string | undefined): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 1 ? n : undefined;
}

/** The filters as the address keeps them; the ones not set are left out. */
export function filterQueryParams(filters: ClusterFilters): Params {
  const params: Params = {};
  if (filters.triage) params['triage'] = 'true';
  else if (filters.unit) params['unit'] = filters.unit;
  if (filters.minSize !== undefined && filters.minSize > 1) params['minSize'] = filters.minSize;
  if (filters.recurring) params['recurring'] = 'true';
  if (filters.channel) params['channel'] = filters.channel;
  return params;
}

/**
 * /cycles/:id — one tuning cycle: its header, the clusters per unit, the
 * misses explorer, 原有題庫檢視 (the existing items queued for review), and each
 * unit's 資料檢視清單 (附件二) with its status. The explorer's filters live in the address (?unit=HT&minSize=3…),
 * so "back" from a cluster returns to the same list.
 */
@Component({
  selector: 'td-cycle-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FileLinksComponent,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    RouterLink,
    ClustersExplorerComponent,
    ListsOverviewComponent,
    LoadStateComponent,
    ReviewItemsComponent,
    RocDatePipe,
    CycleNamePipe,
    TranslatePipe,
  ],
  templateUrl: './cycle-page.component.html',
  styleUrl: './cycle-page.component.scss',
})
export class CyclePageComponent {
  private readonly api = inject(ReportsApi);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  /** `:id` of the route. */
  readonly id = input.required<string>();
  // Query parameters, bound by the router (withComponentInputBinding).
  readonly unit = input<string>();
  readonly minSize = input<string>();
  readonly recurring = input<string>();
  readonly channel = input<string>();
  readonly triage = input<string>();

  protected readonly cycleId = computed(() => Number(this.id()));
  protected readonly filters = computed<ClusterFilters>(() => {
    const triage = this.triage() === 'true';
    return {
      unit: triage ? undefined : this.unit() || undefined,
      minSize: minSizeOf(this.minSize()),
      recurring: this.recurring() === 'true',
      channel: this.channel() || undefined,
      triage,
    };
  });

  protected readonly cycle = rxResource({ params: () => this.cycleId(), stream: ({ params }) => this.api.cycle(params) });
  protected readonly notFound = computed(() => httpErrorOf(this.cycle.error())?.status === 404);

  /** 服務科彙整: the service section works it; the group leader, administrator and auditor read it. */
  protected readonly canConsolidate = computed(() =>
    this.auth.hasRole(Role.ServiceSection, Role.GroupLeader, Role.SystemAdmin, Role.Auditor),
  );
  protected readonly canAnnounce = computed(
    () => this.cycle.hasValue() && !this.cycle.value().announcedAt && this.auth.hasRole(...CYCLE_ANNOUNCE_ROLES),
  );
  protected readonly announcing = signal(false);

  protected readonly exportHref = computed(() => {
    const id = this.cycleId();
    return (format: FileFormat) => this.api.exportHref(id, format);
  });

  /** The unit's clusters, or all again when the unit is already the filter. */
  protected toggleUnit(code: string): void {
    const current = this.filters();
    this.applyFilters({ ...current, triage: false, unit: current.unit === code ? undefined : code });
  }

  protected toggleTriage(): void {
    const current = this.filters();
    this.applyFilters({ ...current, unit: undefined, triage: !current.triage });
  }

  protected toggleRecurring(): void {
    const current = this.filters();
    this.applyFilters({ ...current, recurring: !current.recurring });
  }

  protected applyFilters(filters: ClusterFilters): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: filterQueryParams(filters) });
  }

  protected announce(): void {
    if (!this.cycle.hasValue() || this.announcing()) return;
    const cycle = this.cycle.value();
    confirmAction(this.dialog, {
      title: this.i18n.t('cycles.announce.title'),
      message: this.i18n.t('cycles.announce.body', { label: cycle.label }),
      confirmLabel: this.i18n.t('cycles.announce.button'),
    })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.announcing.set(true);
          return this.api.announce(cycle.id);
        }),
      )
      .subscribe({
        next: (updated) => {
          this.announcing.set(false);
          this.cycle.set(updated);
          this.snackBar.open(this.i18n.t('cycles.announce.done', { label: updated.label }), this.i18n.t('common.dismiss'), {
            duration: 4000,
          });
        },
        error: () => this.announcing.set(false),
      });
  }
}
