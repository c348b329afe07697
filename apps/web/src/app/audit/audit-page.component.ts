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
import { describeHttpError } from '../http/error.interceptor';
import { I18nService } from '../i18n/i18n.service';
import { RocDatePipe } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { UnitsApi } from '../org/units.api';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { TranslatedPaginatorIntl } from '../shared/translated-paginator-intl';
import { AuditApi } from './audit.api';

export const DEFAULT_PAGE_SIZE = 50;
const MAX_VALUE_LENGTH = 40;

/** One value of a change, short enough for a table cell: null is ∅, lists are joined, long text is cut. */
export function formatChangeValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '∅';
  const text = Array.isArray(value)
    ? value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join('、')
    : typeof value === 'string'
      ? value
      : JSON.stringify(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

/** "roles: 知識維護窗口 → 知識維護窗口、單位主管" */
export function formatChange(change: AuditChange): string {
  return `${change.field}: ${formatChangeValue(change.before)} → ${formatChangeValue(change.after)}`;
}

type Verify = { phase: 'idle' } | { phase: 'running' } | { phase: 'done'; result: AuditVerifyDto } | { phase: 'error'; error: unknown };

@Component({
  selector: 'td-audit-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
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
  private readonly i18n = inject(I18nService);

  protected readonly actions = AUDIT_ACTIONS;
  protected readonly pageSizes = [20, 50, 100];
  protected readonly columns = ['occurredAt', 'actor', 'unit', 'action', 'target', 'changes', 'clientIp', 'requestId'] as const;
  protected readonly formatChange = formatChange;

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
  protected readonly exportHref = computed(() => this.api.exportHref(this.query()));

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

  protected target(event: AuditEventDto): string {
    return [event.targetType, event.targetId ? `#${event.targetId}` : null, event.targetLabel ? `(${event.targetLabel})` : null]
      .filter(Boolean)
      .join(' ');
  }

  /** Request ids are UUIDs: the first 8 characters find one in the logs; the whole id is in the tooltip. */
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
