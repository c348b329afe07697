import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { I18nService } from '../i18n/i18n.service';
import { TranslatePipe } from '../i18n/t.pipe';
import { ClockService } from '../shared/clock.service';
import type { FileFormat } from '../shared/export/file-links.component';
import { FileLinksComponent } from '../shared/export/file-links.component';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { WEBSITE_API, WebsiteApi } from './website.api';
import { TIMELINESS_BADGE, type Timeliness, addMonths, formatMonth, monthOf } from './website-labels';

export const TIMELINESS_ORDER: readonly Timeliness[] = ['on-time', 'late', 'overdue', 'pending', 'missing'];

/** 網站檢視辦理情形: units × months, on time / late / overdue / missing, with the open corrections. */
@Component({
  selector: 'td-compliance-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatSelectModule,
    RouterLink,
    FileLinksComponent,
    LoadStateComponent,
    TranslatePipe,
  ],
  template: `
    <header class="td-page-header td-page-header--actions">
      <div>
        <p class="crumb">
          <a routerLink="/website">{{ 'website.backToHome' | t }}</a>
        </p>
        <h1 class="td-page-title">{{ 'website.compliance.title' | t }}</h1>
        <p class="td-page-intro">{{ 'website.compliance.intro' | t }}</p>
      </div>
      <div class="exports">
        <td-file-links [href]="exportHref" testid="compliance-export" verb="export" />
      </div>
    </header>

    <div class="filters">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'website.compliance.span' | t }}</mat-label>
        <mat-select [value]="span()" (selectionChange)="span.set($event.value)" data-testid="compliance-span">
          @for (n of spans; track n) {
            <mat-option [value]="n">{{ 'website.compliance.lastMonths' | t: { count: n } }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <ul class="legend" data-testid="compliance-legend" [attr.aria-label]="'website.compliance.legend' | t">
        @for (t of order; track t) {
          <li>
            <span class="td-badge" [class]="badge[t]">{{ 'website.timeliness.' + t | t }}</span>
          </li>
        }
        <li><span class="open">●</span> {{ 'website.compliance.openLegend' | t }}</li>
      </ul>
    </div>

    @if (grid.hasValue()) {
      @let g = grid.value();
      <mat-card appearance="outlined">
        <div class="td-table-wrap">
          <table class="td-data-table grid" data-testid="compliance-grid">
            <caption class="visually-hidden">
              {{
                'website.compliance.title' | t
              }}
            </caption>
            <thead>
              <tr>
                <th scope="col">{{ 'website.col.unit' | t }}</th>
                @for (m of g.months; track m) {
                  <th scope="col" class="month">{{ month(m) }}</th>
                }
              </tr>
            </thead>
            <tbody>
              @for (unit of g.units; track unit.unitCode) {
                <tr [attr.data-unit]="unit.unitCode">
                  <th scope="row">{{ unit.unitName }}</th>
                  @for (cell of unit.cells; track cell.month) {
                    <td [attr.data-month]="cell.month" [attr.data-timeliness]="cell.timeliness" data-testid="compliance-cell">
                      @if (cell.formId !== null) {
                        <a [routerLink]="['/website/reviews', cell.formId]" class="td-badge" [class]="badge[cell.timeliness]"
                          >{{ 'website.timeliness.' + cell.timeliness | t
                          }}<span class="visually-hidden"> {{ unit.unitName }} {{ month(cell.month) }}</span></a
                        >
                      } @else {
                        <span class="td-badge" [class]="badge[cell.timeliness]">{{ 'website.timeliness.' + cell.timeliness | t }}</span>
                      }
                      @if (cell.openCorrections) {
                        <span class="open" data-testid="compliance-open">{{
                          'website.compliance.open' | t: { count: cell.openCorrections }
                        }}</span>
                      }
                    </td>
                  }
                </tr>
              } @empty {
                <tr>
                  <td [attr.colspan]="g.months.length + 1" class="td-muted">{{ 'website.compliance.empty' | t }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      </mat-card>
    } @else {
      <td-load-state [loading]="grid.isLoading()" [error]="grid.error()" (retry)="grid.reload()" />
    }
  `,
  styles: `
    .crumb {
      margin: 0 0 4px;
      font-size: 14px;
    }
    .exports {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .filters {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 16px;
      margin-bottom: 16px;
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      list-style: none;
      margin: 0;
      padding: 0;
      align-items: center;
    }
    .grid {
      th[scope='row'] {
        white-space: nowrap;
      }
      .month {
        white-space: nowrap;
      }
      td {
        white-space: nowrap;
      }
      a.td-badge {
        text-decoration: none;
      }
    }
    .open {
      display: block;
      font-size: 12px;
      color: var(--mat-sys-error);
    }
    .legend .open {
      display: inline;
    }
  `,
})
export class CompliancePageComponent {
  private readonly api = inject(WebsiteApi);
  private readonly i18n = inject(I18nService);
  private readonly clock = inject(ClockService);

  protected readonly badge = TIMELINESS_BADGE;
  protected readonly order = TIMELINESS_ORDER;
  protected readonly spans = [6, 12, 24] as const;
  protected readonly span = signal<number>(6);
  protected readonly range = computed(() => {
    const to = monthOf(this.clock.now());
    return { from: addMonths(to, 1 - this.span()), to };
  });
  protected readonly grid = rxResource({ params: () => this.range(), stream: ({ params }) => this.api.compliance(params.from, params.to) });
  protected readonly exportHref = (format: FileFormat) => WEBSITE_API.exportCompliance(this.range().from, this.range().to, format);

  protected month(month: string): string {
    return formatMonth(month, this.i18n.lang());
  }
}
