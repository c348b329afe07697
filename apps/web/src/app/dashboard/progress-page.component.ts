import type { ListStatus } from '@tunedesk/contracts';
import { LIST_STATUS_LABEL } from '../proposals/proposal-labels';
import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, type Params, Router, RouterLink } from '@angular/router';
import {
  ALL_UNIT_ROLES,
  type OverdueItemDto,
  type ProgressDto,
  type ProposalKind,
  type ProposalStatus,
  type QueueItemKind,
} from '@tunedesk/contracts';
import { AuthService } from '../auth/auth.service';
import { I18nService } from '../i18n/i18n.service';
import type { MessageKey } from '../i18n/messages';
import { formatDisplayDate } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { httpErrorOf } from '../shared/api-error';
import { ChartPanelComponent, type ChartSeries } from '../shared/chart/chart-panel.component';
import type { ExportTable } from '../shared/export/table-export.service';
import { TableExportComponent } from '../shared/export/table-export.component';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { DashboardTabsComponent } from './dashboard-tabs.component';
import { DashboardApi } from './dashboard.api';

export const PROPOSAL_KINDS: readonly ProposalKind[] = ['add', 'modify', 'delete'];
export const PROPOSAL_STATUSES: readonly ProposalStatus[] = ['draft', 'submitted', 'returned', 'approved', 'deferred', 'applied'];

/**
 * How each proposal status is drawn. No two statuses share a colour family (已核章 green, 已更新 purple), and the
 * legend tells them by shape too, 已更新 by its stripes as well: not by colour alone.
 */
export const STATUS_STYLES: Record<ProposalStatus, Pick<ChartSeries, 'color' | 'marker' | 'striped'>> = {
  draft: { color: '#8d999e', marker: 'circle' },
  submitted: { color: '#3a6fd8', marker: 'rect' },
  returned: { color: '#c0392b', marker: 'triangle' },
  approved: { color: '#2e7d5b', marker: 'rectRot' },
  deferred: { color: '#d9a21b', marker: 'crossRot' },
  applied: { color: '#6a3d9a', marker: 'star', striped: true },
};

const BURNDOWN_COLORS = { open: '#c0392b', ideal: '#8d999e' } as const;

/** The done share of the assigned items in per cent, whole numbers; null when nothing was assigned. */
export function donePercent(done: number, assigned: number): number | null {
  return assigned > 0 ? Math.round((done / assigned) * 100) : null;
}

/** Days with one decimal at most (3, 2.5); null stays null. */
export function roundDays(days: number | null | undefined): number | null {
  return days === null || days === undefined ? null : Math.round(days * 10) / 10;
}

/** A positive whole number from the address, else null. */
function cycleParam(value: string | undefined): number | null {
  const id = Number(value?.trim());
  return Number.isInteger(id) && id > 0 ? id : null;
}

function param(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

export interface UnitOption {
  code: string;
  name: string;
}

interface UnitRow {
  unitCode: string;
  unitName: string;
  assigned: number;
  done: number;
  open: number;
  overdue: number;
  proposals: Record<ProposalKind, number>;
  listStatus: string;
  submittedAt: string;
  approvedAt: string;
  daysToProposal: number | null;
  daysToApproval: number | null;
}

interface ContactRow {
  key: string;
  label: string;
  unclaimed: boolean;
  unit: string;
  assigned: number;
  done: number;
  open: number;
  overdue: number;
}

interface ChaseView {
  person: string;
  email: string | null;
  mailLabel: string;
  extension: string | null;
}

interface OverdueRow {
  key: string;
  kind: QueueItemKind;
  id: number;
  link: string;
  kindLabel: string;
  title: string;
  unit: string;
  status: string;
  claimedBy: string;
  workdaysOverdue: number;
  chase: ChaseView[];
  chaseText: string;
}

interface Kpi {
  key: 'assigned' | 'done' | 'open' | 'overdue';
  label: string;
  value: number;
  alert: boolean;
}

/**
 * /dashboard/progress — 調校進度: one cycle's progress for the group leader
 * (and, held to their own unit by the server, for a unit's contact or head):
 * totals, each unit and each contact, proposals by kind and status, the
 * burndown and the overdue items with whom to chase. The cycle and the unit
 * live in the address (?cycle=12&unit=HT) so a view can be shared.
 */
@Component({
  selector: 'td-progress-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    RouterLink,
    ChartPanelComponent,
    DashboardTabsComponent,
    LoadStateComponent,
    TableExportComponent,
    TranslatePipe,
  ],
  templateUrl: './progress-page.component.html',
  styleUrl: './progress-page.component.scss',
})
export class ProgressPageComponent {
  private readonly api = inject(DashboardApi);
  private readonly i18n = inject(I18nService);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  // Query parameters, bound by the router (withComponentInputBinding).
  readonly cycle = input<string>();
  readonly unit = input<string>();

  protected readonly filters = computed(() => ({ cycle: cycleParam(this.cycle()), unit: param(this.unit()) }));

  protected readonly progress = rxResource({ params: () => this.filters(), stream: ({ params }) => this.api.progress(params) });

  protected readonly dto = computed<ProgressDto | null>(() => (this.progress.hasValue() ? this.progress.value() : null));

  /** 404: no cycle at all yet (or none by the address's id); shown as an empty state, not as a failure. */
  protected readonly notFound = computed(() => httpErrorOf(this.progress.error())?.status === 404);
  protected readonly failure = computed(() => (this.notFound() ? undefined : this.progress.error()));
  protected readonly empty = computed(() => this.notFound() || (this.dto()?.cycles.length ?? 1) === 0);
  /** A contact or unit head whose address names another unit is refused (403): offer their own unit. */
  protected readonly otherUnitRefused = computed(() => httpErrorOf(this.progress.error())?.status === 403 && this.filters().unit !== null);
  /** The address asked for something particular: the empty state then offers the latest cycle. */
  protected readonly askedForSomething = computed(() => this.filters().cycle !== null || this.filters().unit !== null);

  /** The cycles to pick from, kept while the next answer loads. */
  protected readonly cycleOptions = linkedSignal<ProgressDto | null, ProgressDto['cycles']>({
    source: () => this.dto(),
    computation: (dto, previous) => dto?.cycles ?? previous?.value ?? [],
  });

  /**
   * The units to pick from. An answer for all units lists them all; one
   * narrowed to a unit lists only that one, so it adds to the list rather
   * than replacing it, and the select does not shrink.
   */
  protected readonly unitOptions = linkedSignal<ProgressDto | null, UnitOption[]>({
    source: () => this.dto(),
    computation: (dto, previous) => {
      const known = previous?.value ?? [];
      if (!dto) return known;
      const answered = dto.units.map((row) => ({ code: row.unitCode, name: row.unitName }));
      if (dto.unitCode === null) return answered;
      return [...known, ...answered.filter((unit) => !known.some((option) => option.code === unit.code))];
    },
  });

  /**
   * A knowledge contact or unit head is held to their own unit by the server:
   * the answer is narrowed although the address did not ask (or asked for another unit).
   */
  protected readonly heldUnit = computed<string | null>(() => {
    const dto = this.dto();
    if (!dto?.unitCode) return null;
    const me = this.auth.me();
    const reachesAll = !!me && me.roles.some((role) => ALL_UNIT_ROLES.includes(role));
    const heldByRole = !!me && !reachesAll;
    return heldByRole || dto.unitCode !== this.filters().unit ? dto.unitCode : null;
  });

  protected readonly selectedCycle = computed(() => this.dto()?.cycle.id ?? this.filters().cycle);
  protected readonly selectedUnit = computed(() => this.heldUnit() ?? this.dto()?.unitCode ?? this.filters().unit ?? '');

  private readonly unitNames = computed(() => {
    const names = new Map(this.unitOptions().map((unit) => [unit.code, unit.name]));
    for (const row of this.dto()?.units ?? []) names.set(row.unitCode, row.unitName);
    return names;
  });

  protected readonly unitLabel = computed(() => {
    const code = this.selectedUnit();
    return code ? (this.unitNames().get(code) ?? code) : this.i18n.t('dashProgress.filter.allUnits');
  });

  protected readonly cycleFacts = computed(() => {
    const dto = this.dto();
    if (!dto) return null;
    const { cycle } = dto;
    return {
      label: cycle.label,
      dueDate: cycle.dueDate ? this.date(cycle.dueDate) : this.i18n.t('dashProgress.cycle.noDueDate'),
      announcedAt: cycle.announcedAt ? this.date(cycle.announcedAt) : this.i18n.t('dashProgress.cycle.notAnnounced'),
      closed: cycle.closedAt !== null,
      state: cycle.closedAt
        ? this.i18n.t('dashProgress.cycle.closed', { date: this.date(cycle.closedAt) })
        : this.i18n.t('dashProgress.cycle.running'),
      today: this.date(dto.today),
    };
  });

  protected readonly kpis = computed<Kpi[]>(() => {
    const totals = this.dto()?.totals;
    if (!totals) return [];
    return (['assigned', 'done', 'open', 'overdue'] as const).map((key) => ({
      key,
      label: this.i18n.t(`dashProgress.kpi.${key}`),
      value: totals[key],
      alert: key === 'overdue' && totals.overdue > 0,
    }));
  });

  protected readonly doneShare = computed(() => {
    const totals = this.dto()?.totals;
    if (!totals) return null;
    const percent = donePercent(totals.done, totals.assigned);
    return {
      percent: percent ?? 0,
      text:
        percent === null
          ? this.i18n.t('dashProgress.kpi.nothingAssigned')
          : this.i18n.t('dashProgress.kpi.doneShare', { done: totals.done, assigned: totals.assigned, percent }),
    };
  });

  // Per unit.
  protected readonly unitRows = computed<UnitRow[]>(() =>
    (this.dto()?.units ?? []).map((row) => ({
      unitCode: row.unitCode,
      unitName: row.unitName,
      assigned: row.assigned,
      done: row.done,
      open: row.open,
      overdue: row.overdue,
      proposals: { add: row.proposals.add ?? 0, modify: row.proposals.modify ?? 0, delete: row.proposals.delete ?? 0 },
      listStatus: this.listStatusLabel(row.listStatus),
      submittedAt: this.dateOrNone(row.submittedAt),
      approvedAt: this.dateOrNone(row.approvedAt),
      daysToProposal: roundDays(row.daysToProposal),
      daysToApproval: roundDays(row.daysToApproval),
    })),
  );

  protected readonly unitsTable = computed<ExportTable>(() => ({
    fileName: this.fileName('units'),
    title: this.i18n.t('dashProgress.units.caption', { cycle: this.cycleLabel() }),
    headers: this.headers([
      'dashProgress.col.unit',
      'dashProgress.col.assigned',
      'dashProgress.col.done',
      'dashProgress.col.open',
      'dashProgress.col.overdue',
      'dashProgress.col.add',
      'dashProgress.col.modify',
      'dashProgress.col.delete',
      'dashProgress.col.listStatus',
      'dashProgress.col.submittedAt',
      'dashProgress.col.approvedAt',
      'dashProgress.col.daysToProposal',
      'dashProgress.col.daysToApproval',
    ]),
    rows: this.unitRows().map((row) => [
      row.unitName,
      row.assigned,
      row.done,
      row.open,
      row.overdue,
      row.proposals.add,
      row.proposals.modify,
      row.proposals.delete,
      row.listStatus,
      row.submittedAt,
      row.approvedAt,
      row.daysToProposal ?? this.none(),
      row.daysToApproval ?? this.none(),
    ]),
  }));

  // Per contact.
  protected readonly contactRows = computed<ContactRow[]>(() =>
    (this.dto()?.contacts ?? []).map((row) => ({
      key: `${row.userId ?? 'unclaimed'}-${row.unitCode}`,
      label: row.userId === null ? this.i18n.t('dashProgress.unclaimed') : this.person(row.name, row.account),
      unclaimed: row.userId === null,
      unit: this.unitNames().get(row.unitCode) ?? row.unitCode,
      assigned: row.assigned,
      done: row.done,
      open: row.open,
      overdue: row.overdue,
    })),
  );

  protected readonly contactsTable = computed<ExportTable>(() => ({
    fileName: this.fileName('contacts'),
    title: this.i18n.t('dashProgress.contacts.caption', { cycle: this.cycleLabel() }),
    headers: this.headers([
      'dashProgress.col.contact',
      'dashProgress.col.unit',
      'dashProgress.col.assigned',
      'dashProgress.col.done',
      'dashProgress.col.open',
      'dashProgress.col.overdue',
    ]),
    rows: this.contactRows().map((row) => [row.label, row.unit, row.assigned, row.done, row.open, row.overdue]),
  }));

  // Proposals by kind and status.
  protected readonly proposalLabels = computed(() => PROPOSAL_KINDS.map((kind) => this.i18n.t(`dashProgress.kind.${kind}`)));
  protected readonly proposalSeries = computed<ChartSeries[]>(() => {
    const counts = this.dto()?.proposalsByKindStatus ?? [];
    const count = (kind: ProposalKind, status: ProposalStatus) =>
      counts.filter((row) => row.kind === kind && row.status === status).reduce((sum, row) => sum + row.count, 0);
    return PROPOSAL_STATUSES.map((status) => ({
      name: this.i18n.t(`dashProgress.status.${status}`),
      data: PROPOSAL_KINDS.map((kind) => count(kind, status)),
      ...STATUS_STYLES[status],
    }));
  });
  protected readonly proposalsTitle = computed(() => this.i18n.t('dashProgress.proposals.chart', { cycle: this.cycleLabel() }));
  protected readonly proposalsTable = computed<ExportTable>(() => ({
    fileName: this.fileName('proposals'),
    title: this.proposalsTitle(),
    headers: [this.i18n.t('dashProgress.col.kind'), ...this.proposalSeries().map((series) => series.name)],
    rows: this.proposalLabels().map((label, index) => [label, ...this.proposalSeries().map((series) => series.data[index] ?? 0)]),
  }));

  // Burndown.
  protected readonly burndownLabels = computed(() =>
    (this.dto()?.burndown.days ?? []).map((day) => formatDisplayDate(day, 'month-day', this.i18n.lang())),
  );
  protected readonly burndownSeries = computed<ChartSeries[]>(() => {
    const burndown = this.dto()?.burndown;
    return [
      {
        name: this.i18n.t('dashProgress.burndown.open'),
        // Chart.js leaves a gap for null (days still to come); the table an empty cell.
        data: (burndown?.open ?? []) as number[],
        color: BURNDOWN_COLORS.open,
      },
      {
        name: this.i18n.t('dashProgress.burndown.ideal'),
        data: (burndown?.ideal ?? []).map((value) => roundDays(value)) as number[],
        color: BURNDOWN_COLORS.ideal,
      },
    ];
  });
  protected readonly burndownTitle = computed(() => this.i18n.t('dashProgress.burndown.chart', { cycle: this.cycleLabel() }));
  protected readonly burndownTable = computed<ExportTable>(() => {
    const days = this.dto()?.burndown.days ?? [];
    const [open, ideal] = this.burndownSeries();
    return {
      fileName: this.fileName('burndown'),
      title: this.burndownTitle(),
      headers: [this.i18n.t('dashProgress.col.day'), open.name, ideal.name],
      rows: days.map((day, index) => [this.date(day), open.data[index] ?? null, ideal.data[index] ?? null]),
    };
  });

  // Overdue items, most overdue first as the server sorts them.
  protected readonly overdueRows = computed<OverdueRow[]>(() => (this.dto()?.overdue ?? []).map((item) => this.overdueRow(item)));
  protected readonly overdueTable = computed<ExportTable>(() => ({
    fileName: this.fileName('overdue'),
    title: this.i18n.t('dashProgress.overdue.caption', { cycle: this.cycleLabel() }),
    headers: this.headers([
      'dashProgress.col.itemKind',
      'dashProgress.col.title',
      'dashProgress.col.unit',
      'dashProgress.col.status',
      'dashProgress.col.claimedBy',
      'dashProgress.col.workdaysOverdue',
      'dashProgress.col.chase',
    ]),
    rows: this.overdueRows().map((row) => [
      row.kindLabel,
      row.title,
      row.unit,
      row.status,
      row.claimedBy,
      row.workdaysOverdue,
      row.chaseText,
    ]),
  }));

  private readonly cycleLabel = computed(() => this.dto()?.cycle.label ?? '');

  protected setCycle(id: number | null | undefined): void {
    this.navigate({ cycle: id ? id : null });
  }

  protected setUnit(code: string | null | undefined): void {
    this.navigate({ unit: code ? code : null });
  }

  protected showLatest(): void {
    this.navigate({ cycle: null, unit: null });
  }

  private navigate(queryParams: Params): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams, queryParamsHandling: 'merge' });
  }

  private overdueRow(item: OverdueItemDto): OverdueRow {
    const chase = item.chase.map((person) => {
      const label = this.person(person.name, person.account);
      return {
        person: label,
        email: person.email,
        mailLabel: person.email ? this.i18n.t('dashProgress.mailTo', { name: person.name, email: person.email }) : '',
        extension: person.extension ? this.i18n.t('dashProgress.extension', { extension: person.extension }) : null,
      };
    });
    return {
      key: `${item.kind}-${item.id}`,
      kind: item.kind,
      id: item.id,
      link: `/queue/${item.kind}/${item.id}`,
      kindLabel: this.i18n.tryT(`dashProgress.itemKind.${item.kind}`, item.kind),
      title: item.title,
      unit: item.unitName || item.unitCode,
      status: this.i18n.tryT(`dashProgress.itemStatus.${item.status}`, item.status),
      claimedBy: item.claimedBy ? this.person(item.claimedBy.name, item.claimedBy.account) : this.i18n.t('dashProgress.unclaimed'),
      workdaysOverdue: item.workdaysOverdue,
      chase,
      chaseText: chase.map((person) => [person.person, person.email, person.extension].filter(Boolean).join(' ')).join('；'),
    };
  }

  private listStatusLabel(status: string | null): string {
    if (status === null) return this.i18n.t('dashProgress.listStatus.none');
    const key = LIST_STATUS_LABEL[status as ListStatus];
    return key ? this.i18n.t(key) : status;
  }

  private person(name: string | null, account: string | null): string {
    if (name && account) return this.i18n.t('dashProgress.person', { name, account });
    return name ?? account ?? this.none();
  }

  private date(value: string): string {
    return formatDisplayDate(value, 'short', this.i18n.lang());
  }

  private dateOrNone(value: string | null): string {
    return value ? this.date(value) : this.none();
  }

  private none(): string {
    return this.i18n.t('dashProgress.none');
  }

  private headers(keys: readonly MessageKey[]): string[] {
    return keys.map((key) => this.i18n.t(key));
  }

  private fileName(part: string): string {
    const dto = this.dto();
    const unit = dto?.unitCode ? `-${dto.unitCode}` : '';
    return `progress-${part}-${dto?.cycle.id ?? ''}${unit}`;
  }
}
