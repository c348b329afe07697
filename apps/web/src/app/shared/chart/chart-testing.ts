import { Directive, input } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { ChartData } from 'chart.js';
import { BaseChartDirective } from 'ng2-charts';
import { ChartPanelComponent } from './chart-panel.component';

/** For specs only. jsdom has no canvas: this stands in for ng2-charts and records what the chart was given. */
// eslint-disable-next-line @angular-eslint/directive-selector -- must match the ng2-charts selector it replaces
@Directive({ selector: 'canvas[baseChart]' })
export class FakeChartDirective {
  static last?: FakeChartDirective;
  readonly type = input<string>();
  readonly data = input<ChartData>();
  readonly options = input<unknown>();

  constructor() {
    FakeChartDirective.last = this;
  }
}

export function useFakeChart(): void {
  TestBed.overrideComponent(ChartPanelComponent, {
    remove: { imports: [BaseChartDirective] },
    add: { imports: [FakeChartDirective] },
  });
}
