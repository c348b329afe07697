import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorIntl, MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { AUDIT_ACTIONS, type AuditChange, type AuditEventDto, type AuditQuery, type AuditVerifyDto } from '@tunedesk/contracts';
import { map } from 'rxjs';
import { describeHttpError } from '../http/error.interceptor';
import { I18nService } from '../i18n/i18n.service';
import { RocDatePipe } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { UnitsApi } from '../org/units.api';
import { ReportsApi } from '../reports/reports.api';
import { RocDateInputComponent } from '../shared/roc-date/roc-date-input.component';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { TranslatedPaginatorIntl } from '../shared/translated-paginator-intl';
import { AuditApi } from './audit.api';
import { AUDIT_TARGET_TYPES, type AuditNames, describeTarget, formatChange, targetTypeLabel, unitLabel } from './audit-labels';
import { type FileFormat, FileLinksComponent } from '../shared/export/file-links.component';

export const DEFAULT_PAGE_SIZE = 50;

export { formatChange, formatChangeValue } from './audit-labels';

type Verify = { phase: 'idle' } | { phase: 'running' } | { phase: 'done'; result: AuditVerifyDto } | { phase: 'error'; error: unknown };

@Component({
  selector: 'td-audit-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FileLinksComponent,
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatPaginatorModule,
    MatSelectModule,
    MatTableModule,
    LoadStateComponent,
    RocDateInputComponent,
    RocDatePipe,
    TranslatePipe,
  ],
  providers: [{ provide: MatPaginatorIntl, useClass: TranslatedPaginatorIntl }],
  templateUrl: './audit-page.component.html',
  styleUrl: './audit-page.component.scss',
})
export class AuditPageComponent {
  private readonly api = inject(AuditApi);
  private readonly unitsApi = inject(UnitsApi);
  private readonly reportsApi = inject(ReportsApi);
  private readonly i18n = inject(I18nService);

  protected readonly actions = AUDIT_ACTIONS;
  protected readonly pageSizes = [20, 50, 100];
  protected readonly columns = ['occurredAt', 'actor', 'unit', 'action', 'target', 'changes', 'source'] as const;

  protected readonly filters = inject(NonNullableFormBuilder).group({
    from: [''],
    to: [''],
    actor: [''],
    unit: [''],
    action: [''],
    targetType: [''],
    targetId: [''],
  });

  /** What was last searched for; the table, the paginator and the export link follow it. */
  protected readonly query = signal<AuditQuery>({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  protected readonly page = rxResource({ params: () => this.query(), stream: ({ params }) => this.api.list(params) });
  protected readonly units = rxResource({ stream: () => this.unitsApi.list() });
  protected readonly unitOptions = computed(() =>
    this.units.hasValue() ? [...this.units.value()].sort((a, b) => a.code.localeCompare(b.code)) : [],
  );
  /** Cycles name the lists in the trail (資料檢視清單 115年10月／房屋稅科); without them the id is shown. */
  protected readonly cycles = rxResource({
    stream: () => this.reportsApi.cycles().pipe(map((cycles) => new Map(cycles.map((c) => [c.id, c])))),
  });
  private readonly unitNames = computed(() => new Map(this.unitOptions().map((unit) => [unit.code, unit.name])));
  /** Read by the template, so labels follow the units, cycles and language as they arrive. */
  protected readonly names = computed<AuditNames>(() => {
    const units = this.unitNames();
    const cycles = this.cycles.hasValue() ? this.cycles.value() : new Map<number, { label: string; month: string | null }>();
    this.i18n.lang();
    return { i18n: this.i18n, unitName: (code) => units.get(code), cycle: (id) => cycles.get(id) };
  });
  /** The object-type filter: every type the trail records, by name, in the interface language. */
  protected readonly targetTypeOptions = computed(() => {
    this.i18n.lang();
    return AUDIT_TARGET_TYPES.map((type) => ({ value: type, label: targetTypeLabel(type, this.i18n) }));
  });
  protected readonly exportHref = computed(() => {
    const query = this.query();
    return (format: FileFormat) => this.api.exportHref(query, format);
  });

  protected readonly verify = signal<Verify>({ phase: 'idle' });
  protected readonly verifyResult = computed(() => {
    const state = this.verify();
    return state.phase === 'done' ? state.result : null;
  });
  /** "第 X 筆起鏈結中斷（內容被修改）" */
  protected readonly brokenText = computed(() => {
    const result = this.verifyResult();
    if (!result || result.ok) return '';
    const reason = this.i18n.t(result.reason === 'content-changed' ? 'audit.verify.content-changed' : 'audit.verify.link-broken');
    return this.i18n.t('audit.verify.broken', { id: result.brokenAt ?? '?', reason });
  });
  protected readonly verifyError = computed(() => {
    const state = this.verify();
    return state.phase === 'error' ? describeHttpError(state.error, this.i18n) : '';
  });

  protected search(): void {
    const value = this.filters.getRawValue();
    this.query.set({ ...value, page: 1, pageSize: this.query().pageSize ?? DEFAULT_PAGE_SIZE });
  }

  protected reset(): void {
    this.filters.reset();
    this.search();
  }

  protected onPage(event: PageEvent): void {
    this.query.update((query) => ({ ...query, page: event.pageIndex + 1, pageSize: event.pageSize }));
  }

  protected target(event: AuditEventDto, names: AuditNames): string {
    return describeTarget(event, names);
  }

  protected changeText(change: AuditChange, names: AuditNames): string {
    return formatChange(change, names);
  }

  protected unit(code: string | null, names: AuditNames): string {
    return unitLabel(code, names);
  }

  /** Request ids are UUIDs: the first 8 characters find one in the logs; the whole id is in the tooltip. */
  /** An IPv4 address as people write it: the IPv6-mapped prefix (::ffff:) the server sees is left off. */
  protected ip(address: string | null): string {
    return (address ?? '').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  }

  protected shortId(id: string | null): string {
    return id ? (id.length > 8 ? `${id.slice(0, 8)}…` : id) : '';
  }

  protected actionLabel(action: string): string {
    return this.i18n.tryT(`auditAction.${action}`, action);
  }

  protected runVerify(): void {
    if (this.verify().phase === 'running') return;
    this.verify.set({ phase: 'running' });
    this.api.verify().subscribe({
      next: (result) => this.verify.set({ phase: 'done', result }),
      error: (error: unknown) => this.verify.set({ phase: 'error', error }),
    });
  }
}
