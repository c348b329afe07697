import { HttpClient, HttpContext } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, Injectable, signal, viewChildren } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { DUTY_ROUTES, DutyStatus, type DutyName, type DutyPeriodDto, type DutyYearDto } from '@tunedesk/contracts';
import type { Observable } from 'rxjs';
import { FORM_STATUSES } from '../auth/auth.service';
import { HANDLED_STATUSES } from '../http/error.interceptor';
import { RocDatePipe } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { ClockService } from '../shared/clock.service';
import { LoadStateComponent } from '../shared/load-state/load-state.component';

/** A year not imported (422 CALENDAR_YEAR_MISSING) is shown in the page, naming the year. */
const IN_PAGE = { context: new HttpContext().set(HANDLED_STATUSES, FORM_STATUSES) };

@Injectable({ providedIn: 'root' })
export class DutiesApi {
  private readonly http = inject(HttpClient);
  year(year: number): Observable<DutyYearDto> {
    return this.http.get<DutyYearDto>(DUTY_ROUTES.year(year), IN_PAGE);
  }
}

export const DUTY_STATUS_BADGE: Record<DutyStatus, string> = {
  [DutyStatus.Done]: 'td-badge--ok',
  [DutyStatus.Late]: 'td-badge--warning',
  [DutyStatus.Missing]: 'td-badge--error',
  [DutyStatus.Pending]: 'td-badge--info',
  [DutyStatus.Unknown]: 'td-badge--muted',
};
const LEGEND: DutyStatus[] = [DutyStatus.Done, DutyStatus.Late, DutyStatus.Missing, DutyStatus.Pending, DutyStatus.Unknown];
const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

interface Row {
  duty: DutyName;
  recurrence: string;
  tracked: boolean;
  /** The periods due in each month (index 0 = January); a period without a due date sits in its last month. */
  months: DutyPeriodDto[][];
}

/** The month a period belongs to in the grid: its due month, or (no due date yet) December. */
/** YYYY-MM-DD in Asia/Taipei, the office's day. */
function taipeiToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function monthOf(p: DutyPeriodDto): number {
  return p.due ? Number(p.due.slice(5, 7)) : 12;
}

/**
 * 工作行事曆: the year at a glance, duties × months, each cell the due dates of
 * that month with their status; arrow keys move across the grid (one tab stop),
 * the chosen cell's periods and units are listed below it.
 */
@Component({
  selector: 'td-duties-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatCardModule, MatIconModule, LoadStateComponent, RocDatePipe, TranslatePipe],
  template: `
    <header class="td-page-header td-page-header--actions">
      <div>
        <h1 class="td-page-title">{{ 'duties.title' | t }}</h1>
        <p class="td-page-intro">{{ 'duties.intro' | t }}</p>
      </div>
      <div class="year-picker" role="group" [attr.aria-label]="'duties.yearPicker' | t">
        <button mat-icon-button type="button" (click)="shiftYear(-1)" [attr.aria-label]="'duties.prevYear' | t" data-testid="duties-prev">
          <mat-icon aria-hidden="true">chevron_left</mat-icon>
        </button>
        <span class="year" data-testid="duties-year" aria-live="polite">{{ 'duties.year' | t: { roc: year() - 1911, year: year() } }}</span>
        <button mat-icon-button type="button" (click)="shiftYear(1)" [attr.aria-label]="'duties.nextYear' | t" data-testid="duties-next">
          <mat-icon aria-hidden="true">chevron_right</mat-icon>
        </button>
        @if (year() !== thisYear) {
          <button mat-button type="button" (click)="setYear(thisYear)" data-testid="duties-this-year">{{ 'duties.thisYear' | t }}</button>
        }
      </div>
    </header>

    @if (data.hasValue()) {
      <mat-card appearance="outlined">
        <div class="legend" data-testid="duties-legend">
          <span class="td-muted">{{ 'duties.legend' | t }}</span>
          @for (s of legend; track s) {
            <span class="td-badge" [class]="badge(s)">{{ 'dutyStatus.' + s | t }}</span>
          }
          <span class="today-key"
            ><span class="today-swatch" aria-hidden="true"></span>{{ 'duties.todayIs' | t: { date: (data.value().today | rocDate) } }}</span
          >
        </div>
        <div class="td-table-wrap">
          <table class="duties-grid" role="grid" [attr.aria-label]="'duties.gridLabel' | t: { year: year() }" data-testid="duties-grid">
            <thead>
              <tr>
                <th scope="col">{{ 'duties.duty' | t }}</th>
                @for (m of months; track m) {
                  <th scope="col" [class.is-today]="m === todayMonth()" [attr.aria-current]="m === todayMonth() ? 'date' : null">
                    {{ 'duties.monthHeader' | t: { month: m } }}
                  </th>
                }
              </tr>
            </thead>
            <tbody>
              @for (row of rows(); track row.duty; let r = $index) {
                <tr>
                  <th scope="row">
                    {{ 'duty.' + row.duty | t }}
                    <span class="td-muted recurrence">{{ 'dutyRecurrence.' + row.recurrence | t }}</span>
                  </th>
                  @for (cell of row.months; track $index; let c = $index) {
                    <td
                      #cell
                      role="gridcell"
                      [attr.tabindex]="r === active().row && c === active().col ? 0 : -1"
                      [attr.aria-selected]="r === active().row && c === active().col"
                      [class.is-today]="c + 1 === todayMonth()"
                      [class.is-active]="r === active().row && c === active().col"
                      [attr.data-cell]="row.duty + ':' + (c + 1)"
                      (click)="select(r, c)"
                      (keydown)="onKey($event, r, c)"
                    >
                      @for (p of cell; track p.period) {
                        <span
                          class="due td-badge"
                          [class]="badge(p.status)"
                          [attr.data-status]="p.status"
                          [class.due-today]="p.due === data.value().today"
                        >
                          @if (p.due) {
                            {{ p.due | rocDate: 'month-day' }}
                          } @else {
                            {{ 'duties.needsCalendar' | t: { year: p.needsCalendarYear ?? '' } }}
                          }
                          <span class="visually-hidden">{{ p.period }} {{ 'dutyStatus.' + p.status | t }}</span>
                        </span>
                      } @empty {
                        <span class="td-muted" aria-hidden="true">{{ 'duties.none' | t }}</span>
                      }
                    </td>
                  }
                </tr>
              }
            </tbody>
          </table>
        </div>
      </mat-card>

      <mat-card appearance="outlined" class="details" data-testid="duties-details">
        @if (selected(); as sel) {
          <h2 class="details-title">{{ 'duties.details' | t: { duty: ('duty.' + sel.row.duty | t), month: sel.month } }}</h2>
          @if (!sel.row.tracked) {
            <p class="td-muted">{{ 'duties.untracked' | t }}</p>
          }
          <table class="td-data-table">
            <thead>
              <tr>
                <th scope="col">{{ 'duties.col.period' | t }}</th>
                <th scope="col">{{ 'duties.col.due' | t }}</th>
                <th scope="col">{{ 'duties.col.status' | t }}</th>
                <th scope="col">{{ 'duties.col.units' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (p of sel.periods; track p.period) {
                <tr>
                  <td class="td-mono">{{ p.period }}</td>
                  <td>
                    @if (p.due) {
                      {{ p.due | rocDate }}
                    } @else {
                      {{ 'duties.needsCalendar' | t: { year: p.needsCalendarYear ?? '' } }}
                    }
                  </td>
                  <td>
                    <span class="td-badge" [class]="badge(p.status)">{{ 'dutyStatus.' + p.status | t }}</span>
                  </td>
                  <td>
                    @for (u of p.units; track u.unitCode) {
                      <span class="td-badge unit" [class]="badge(u.status)">{{ u.unitCode }} {{ 'dutyStatus.' + u.status | t }}</span>
                    } @empty {
                      <span class="td-muted">{{ 'duties.noUnits' | t }}</span>
                    }
                  </td>
                </tr>
              } @empty {
                <tr>
                  <td colspan="4" class="td-muted">{{ 'duties.none' | t }}</td>
                </tr>
              }
            </tbody>
          </table>
        } @else {
          <p class="td-muted">{{ 'duties.detailsHint' | t }}</p>
        }
      </mat-card>
    } @else {
      <td-load-state [loading]="data.isLoading()" [error]="data.error()" (retry)="data.reload()" />
    }
  `,
  styles: `
    .year-picker {
      display: flex;
      align-items: center;
      gap: 4px;
    }
    .year {
      min-width: 9em;
      text-align: center;
      font-weight: 700;
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      padding: 12px 16px 4px;
    }
    .today-key {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      margin-left: 8px;
    }
    .today-swatch {
      width: 14px;
      height: 14px;
      border: 2px solid var(--mat-sys-primary);
      border-radius: 3px;
    }
    .duties-grid {
      width: 100%;
      min-width: 980px;
      border-collapse: collapse;
      table-layout: fixed;
    }
    .duties-grid th,
    .duties-grid td {
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      padding: 8px 6px;
      vertical-align: top;
      text-align: left;
    }
    .duties-grid thead th:first-child,
    .duties-grid tbody th {
      width: 10em;
      /* On a narrow screen the months scroll; the duty stays in view. */
      position: sticky;
      left: 0;
      z-index: 1;
      background: var(--mat-sys-surface-container-low);
    }
    .duties-grid td {
      cursor: pointer;
    }
    .duties-grid td .due {
      display: flex;
      width: fit-content;
      margin-bottom: 4px;
      font-variant-numeric: tabular-nums;
    }
    .recurrence {
      display: block;
      font-size: 13px;
      font-weight: 400;
    }
    .is-today {
      background: color-mix(in srgb, var(--mat-sys-primary) 8%, transparent);
    }
    th.is-today {
      box-shadow: inset 0 -3px 0 var(--mat-sys-primary);
    }
    .due-today {
      outline: 2px solid var(--mat-sys-primary);
    }
    .is-active,
    td:focus-visible {
      outline: 3px solid var(--mat-sys-primary);
      outline-offset: -3px;
    }
    .details {
      margin-top: 16px;
      padding: 8px 16px 16px;
    }
    .details-title {
      font-size: 18px;
      margin: 8px 0;
    }
    .unit {
      margin: 0 4px 4px 0;
    }
  `,
})
export class DutiesPageComponent {
  private readonly api = inject(DutiesApi);
  private readonly todayOnOpen = taipeiToday(inject(ClockService).now());
  protected readonly thisYear = Number(this.todayOnOpen.slice(0, 4));
  protected readonly year = signal(this.thisYear);
  protected readonly months = MONTHS;
  protected readonly legend = LEGEND;
  protected readonly data = rxResource({ params: () => this.year(), stream: ({ params }) => this.api.year(params) });
  protected readonly active = signal<{ row: number; col: number }>({ row: 0, col: 0 });
  private readonly chosen = signal(false);
  private readonly cells = viewChildren<ElementRef<HTMLElement>>('cell');

  protected readonly todayMonth = computed(() => {
    if (!this.data.hasValue()) return null;
    const { today, year } = this.data.value();
    return today.startsWith(`${year}-`) ? Number(today.slice(5, 7)) : null;
  });

  protected readonly rows = computed<Row[]>(() => {
    if (!this.data.hasValue()) return [];
    const { rules, duties } = this.data.value();
    return rules.map((rule) => {
      const months: DutyPeriodDto[][] = MONTHS.map(() => []);
      for (const p of duties) if (p.duty === rule.duty) months[monthOf(p) - 1].push(p);
      return { duty: rule.duty, recurrence: rule.recurrence, tracked: rule.tracked, months };
    });
  });

  protected readonly selected = computed(() => {
    if (!this.chosen()) return null;
    const { row, col } = this.active();
    const r = this.rows()[row];
    return r ? { row: r, month: col + 1, periods: r.months[col] } : null;
  });

  constructor() {
    // Start on today's month of the current year.
    const month = Number(this.todayOnOpen.slice(5, 7));
    this.active.set({ row: 0, col: month - 1 });
  }

  protected badge(status: DutyStatus): string {
    return DUTY_STATUS_BADGE[status];
  }

  protected shiftYear(delta: number): void {
    this.setYear(this.year() + delta);
  }

  protected setYear(year: number): void {
    this.year.set(year);
    this.chosen.set(false);
  }

  protected select(row: number, col: number): void {
    this.active.set({ row, col });
    this.chosen.set(true);
  }

  protected onKey(event: KeyboardEvent, row: number, col: number): void {
    const last = this.rows().length - 1;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [row, Math.max(0, col - 1)],
      ArrowRight: [row, Math.min(11, col + 1)],
      ArrowUp: [Math.max(0, row - 1), col],
      ArrowDown: [Math.min(last, row + 1), col],
      Home: [row, 0],
      End: [row, 11],
    };
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.select(row, col);
      return;
    }
    const to = moves[event.key];
    if (!to) return;
    event.preventDefault();
    this.select(to[0], to[1]);
    this.cells()[to[0] * 12 + to[1]]?.nativeElement.focus();
  }
}
