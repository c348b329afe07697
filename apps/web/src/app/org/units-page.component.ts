import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatTableModule } from '@angular/material/table';
import { UNIT_KINDS, type UnitDto, type UnitKind } from '@tunedesk/contracts';
import { TranslatePipe } from '../i18n/t.pipe';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { countByKind } from './unit-kinds';
import { UnitsApi } from './units.api';

export type KindFilter = UnitKind | 'all';

/** Case- and width-insensitive, so 'ａ01' finds 'A01' and '房屋' finds '房屋稅'. */
function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().trim();
}

export function matchesQuery(unit: UnitDto, query: string): boolean {
  const needle = normalise(query);
  if (!needle) return true;
  return [unit.code, unit.name, ...unit.categories].some((field) => normalise(field).includes(needle));
}

function byKindThenCode(a: UnitDto, b: UnitDto): number {
  return UNIT_KINDS.indexOf(a.kind) - UNIT_KINDS.indexOf(b.kind) || a.code.localeCompare(b.code);
}

@Component({
  selector: 'td-units-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatButtonToggleModule,
    MatCardModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatTableModule,
    LoadStateComponent,
    TranslatePipe,
  ],
  templateUrl: './units-page.component.html',
  styleUrl: './units-page.component.scss',
})
export class UnitsPageComponent {
  private readonly api = inject(UnitsApi);

  protected readonly columns = ['code', 'name', 'kind', 'categories', 'status'] as const;
  protected readonly units = rxResource({ stream: () => this.api.list() });
  protected readonly query = signal('');
  protected readonly kind = signal<KindFilter>('all');

  /** Sections, then offices, then branches, as on the bureau's organisation chart. */
  private readonly all = computed(() => (this.units.hasValue() ? [...this.units.value()].sort(byKindThenCode) : []));
  protected readonly kindCounts = computed(() => countByKind(this.all()));
  protected readonly filtered = computed(() =>
    this.all().filter((unit) => (this.kind() === 'all' || unit.kind === this.kind()) && matchesQuery(unit, this.query())),
  );

  protected onQuery(event: Event): void {
    this.query.set((event.target as HTMLInputElement).value);
  }

  protected clearFilters(): void {
    this.query.set('');
    this.kind.set('all');
  }
}
