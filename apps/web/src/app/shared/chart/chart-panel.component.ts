import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import type { ChartData, ChartOptions } from 'chart.js';
import { BaseChartDirective, provideCharts, withDefaultRegisterables } from 'ng2-charts';
import { TranslatePipe } from '../../i18n/t.pipe';
import { TableExportComponent } from '../export/table-export.component';
import type { ExportTable } from '../export/table-export.service';

export type ChartPanelType = 'bar' | 'line';

export interface ChartSeries {
  name: string;
  data: number[];
  color?: string;
  /** One colour per bar, when bars of one series mean different things (a gain and a loss); overrides `color`. */
  colors?: readonly string[];
  /** What the per-bar colours mean, for the legend (▲ 增加 green, ▼ 減少 red) in place of the series name. */
  legend?: readonly { label: string; color: string }[];
  /** Diagonal stripes over the colour, so two series are told apart by more than their colour. */
  striped?: boolean;
  /** The legend's mark for the series (a circle when left out): a shape as well as a colour. */
  marker?: 'circle' | 'rect' | 'triangle' | 'rectRot' | 'rectRounded' | 'star' | 'crossRot';
}

/** A fill of diagonal light stripes over the colour; the plain colour where there is no canvas (tests). */
export function stripedFill(color: string): string | CanvasPattern {
  const tile = typeof document === 'undefined' ? null : document.createElement('canvas');
  const context = tile?.getContext?.('2d');
  if (!tile || !context) return color;
  tile.width = tile.height = 8;
  context.fillStyle = color;
  context.fillRect(0, 0, 8, 8);
  context.strokeStyle = 'rgba(255, 255, 255, 0.75)';
  context.lineWidth = 2;
  context.beginPath();
  context.moveTo(-2, 10);
  context.lineTo(10, -2);
  context.moveTo(6, 10);
  context.lineTo(10, 6);
  context.moveTo(-2, 2);
  context.lineTo(2, -2);
  context.stroke();
  return context.createPattern(tile, 'repeat') ?? color;
}

const FONT_STACK = '"Noto Sans TC", "Microsoft JhengHei", "PingFang TC", "Noto Sans CJK TC", system-ui, sans-serif';

let nextId = 0;

/** Characters a file name (or a data-testid built from it) should not carry, and runs of spaces. */
const NOT_IN_FILE_NAMES = /[\\/:*?"<>|\s]+/g;

/** A file name made from a chart's title: 「近 14 日背景工作」 → 近-14-日背景工作; 'chart' when nothing is left. */
export function chartFileName(text: string): string {
  const name = text.replace(NOT_IN_FILE_NAMES, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
  return name || 'chart';
}

/**
 * The one place charts are drawn. Every chart carries the table of exactly the
 * numbers it plots, one click away, for screen readers and for copying, and
 * that table exports as CSV and XLSX.
 */
@Component({
  selector: 'td-chart-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [BaseChartDirective, MatButtonModule, MatCardModule, MatIconModule, TableExportComponent, TranslatePipe],
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
  /** File name of the table's export, without extension; made from the title when left out. */
  readonly fileName = input<string>();

  protected readonly showTable = signal(false);
  protected readonly tableId = `td-chart-table-${nextId++}`;

  protected readonly isEmpty = computed(() => this.labels().length === 0 || this.datasets().length === 0);

  protected readonly rows = computed(() =>
    this.labels().map((label, index) => ({ label, values: this.datasets().map((series) => series.data[index] ?? null) })),
  );

  /** The table as shown, for td-table-export. */
  protected readonly exportTable = computed<ExportTable>(() => ({
    fileName: chartFileName(this.fileName()?.trim() || this.title()),
    title: this.title(),
    headers: [this.labelHeader(), ...this.datasets().map((series) => series.name)],
    rows: this.rows().map((row) => [row.label, ...row.values]),
  }));
  /** Suffix of the export buttons' data-testid: export-csv-<id>, export-xlsx-<id>. */
  protected readonly exportId = computed(() => this.exportTable().fileName);

  protected readonly chartData = computed<ChartData<ChartPanelType>>(() => ({
    labels: [...this.labels()],
    datasets: this.datasets().map((series) => ({
      label: series.name,
      data: [...series.data],
      backgroundColor: series.colors ? [...series.colors] : series.striped && series.color ? stripedFill(series.color) : series.color,
      borderColor: series.colors ? [...series.colors] : series.color,
      // Bars need no outline, except where the legend's mark is drawn by its outline only (a star, a cross).
      borderWidth: this.type() === 'line' ? 2 : series.marker === 'star' || series.marker === 'crossRot' ? 2 : 0,
      borderRadius: this.type() === 'bar' ? 3 : 0,
      maxBarThickness: 36,
      pointStyle: series.marker ?? 'circle',
    })),
  }));

  protected readonly chartOptions = computed<ChartOptions<ChartPanelType>>(() => ({
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    interaction: { mode: 'index', intersect: false },
    plugins: { legend: { position: 'bottom', labels: this.legendLabels() } },
    scales: {
      x: { stacked: this.stacked(), grid: { display: false } },
      y: { stacked: this.stacked(), beginAtZero: true, ticks: { precision: 0 } },
    },
  }));

  /** The legend: one entry per series, or the meanings of a series' per-bar colours when it gives them. */
  private legendLabels() {
    const entries = this.datasets().flatMap((series, datasetIndex) => (series.legend ?? []).map((entry) => ({ ...entry, datasetIndex })));
    if (entries.length === 0) return { usePointStyle: true, boxHeight: 10 };
    return {
      usePointStyle: true,
      boxHeight: 10,
      generateLabels: () =>
        entries.map((entry) => ({
          text: entry.label,
          fillStyle: entry.color,
          strokeStyle: entry.color,
          lineWidth: 0,
          pointStyle: 'rect' as const,
          hidden: false,
          datasetIndex: entry.datasetIndex,
        })),
    };
  }

  protected toggleTable(): void {
    this.showTable.update((shown) => !shown);
  }
}
