import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import type { ChartData, ChartOptions } from 'chart.js';
import { BaseChartDirective, provideCharts, withDefaultRegisterables } from 'ng2-charts';
import { TranslatePipe } from '../../i18n/t.pipe';

export type ChartPanelType = 'bar' | 'line';

export interface ChartSeries {
  name: string;
  data: number[];
  color?: string;
}

const FONT_STACK = '"Noto Sans TC", "Microsoft JhengHei", "PingFang TC", "Noto Sans CJK TC", system-ui, sans-serif';

let nextId = 0;

/**
 * The one place charts are drawn. Every chart carries the table of exactly the
 * numbers it plots, one click away, for screen readers and for copying.
 */
@Component({
  selector: 'td-chart-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [BaseChartDirective, MatButtonModule, MatCardModule, MatIconModule, TranslatePipe],
  // Provided here rather than app-wide so Chart.js loads only with the pages that draw charts.
  providers: [provideCharts(withDefaultRegisterables(), { defaults: { font: { family: FONT_STACK, size: 13 }, color: '#3f484c' } })],
  templateUrl: './chart-panel.component.html',
  styleUrl: './chart-panel.component.scss',
})
export class ChartPanelComponent {
  readonly title = input.required<string>();
  readonly type = input<ChartPanelType>('bar');
  readonly labels = input.required<readonly string[]>();
  readonly datasets = input.required<readonly ChartSeries[]>();
  readonly stacked = input(false);
  /** Heading of the table's first column, e.g. 日期. */
  readonly labelHeader = input('');

  protected readonly showTable = signal(false);
  protected readonly tableId = `td-chart-table-${nextId++}`;

  protected readonly isEmpty = computed(() => this.labels().length === 0 || this.datasets().length === 0);

  protected readonly rows = computed(() =>
    this.labels().map((label, index) => ({ label, values: this.datasets().map((series) => series.data[index] ?? null) })),
  );

  protected readonly chartData = computed<ChartData<ChartPanelType>>(() => ({
    labels: [...this.labels()],
    datasets: this.datasets().map((series) => ({
      label: series.name,
      data: [...series.data],
      backgroundColor: series.color,
      borderColor: series.color,
      borderWidth: this.type() === 'line' ? 2 : 0,
      borderRadius: this.type() === 'bar' ? 3 : 0,
      maxBarThickness: 36,
    })),
  }));

  protected readonly chartOptions = computed<ChartOptions<ChartPanelType>>(() => ({
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    interaction: { mode: 'index', intersect: false },
    plugins: { legend: { position: 'bottom', labels: { usePointStyle: true, boxHeight: 8 } } },
    scales: {
      x: { stacked: this.stacked(), grid: { display: false } },
      y: { stacked: this.stacked(), beginAtZero: true, ticks: { precision: 0 } },
    },
  }));

  protected toggleTable(): void {
    this.showTable.update((shown) => !shown);
  }
}
