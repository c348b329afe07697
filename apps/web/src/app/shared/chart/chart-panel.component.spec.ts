import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { ChartPanelComponent, type ChartSeries } from './chart-panel.component';
import { FakeChartDirective, useFakeChart } from './chart-testing';

const LABELS = ['11/28', '11/29', '11/30'];
const SERIES: ChartSeries[] = [
  { name: '成功', data: [3, 0, 12], color: '#2e7d5b' },
  { name: '失敗', data: [1, 4, 0] },
];

describe('ChartPanelComponent', () => {
  let fixture: ComponentFixture<ChartPanelComponent>;
  let host: HTMLElement;

  beforeEach(async () => {
    localStorage.clear();
    useFakeChart();
    fixture = TestBed.createComponent(ChartPanelComponent);
    fixture.componentRef.setInput('title', '近 14 日背景工作');
    fixture.componentRef.setInput('labels', LABELS);
    fixture.componentRef.setInput('datasets', SERIES);
    fixture.componentRef.setInput('labelHeader', '日期');
    await fixture.whenStable();
    host = fixture.nativeElement as HTMLElement;
  });

  const toggle = () => host.querySelector<HTMLButtonElement>('[data-testid="chart-table-toggle"]')!;

  it('draws the chart first, with the series it was given', () => {
    expect(host.querySelector('canvas')).not.toBeNull();
    expect(host.querySelector('table')).toBeNull();
    const data = FakeChartDirective.last!.data()!;
    expect(data.labels).toEqual(LABELS);
    expect(data.datasets.map((d) => d.data)).toEqual([
      [3, 0, 12],
      [1, 4, 0],
    ]);
    expect(toggle().textContent).toContain('顯示數據表');
    expect(toggle().getAttribute('aria-expanded')).toBe('false');
  });

  it('shows a table holding exactly the plotted numbers, and goes back to the chart', async () => {
    toggle().click();
    await fixture.whenStable();

    const table = host.querySelector('table')!;
    expect(table).not.toBeNull();
    expect(toggle().getAttribute('aria-expanded')).toBe('true');
    expect(table.querySelector('caption')!.textContent).toContain('近 14 日背景工作');
    const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent!.trim());
    expect(headers).toEqual(['日期', '成功', '失敗']);

    const rows = [...table.querySelectorAll('tbody tr')];
    expect(rows.map((row) => row.querySelector('th')!.textContent!.trim())).toEqual(LABELS);
    const cells = rows.map((row) => [...row.querySelectorAll('td')].map((td) => Number(td.textContent!.trim())));
    const plotted = FakeChartDirective.last!.data()!.datasets.map((d) => d.data as number[]);
    // Transposed: one row per label, one column per series.
    expect(cells).toEqual(LABELS.map((_, i) => plotted.map((series) => series[i])));
    expect(cells).toEqual([
      [3, 1],
      [0, 4],
      [12, 0],
    ]);

    toggle().click();
    await fixture.whenStable();
    expect(host.querySelector('table')).toBeNull();
    expect(host.querySelector('canvas')).not.toBeNull();
  });

  it('follows new data in the table', async () => {
    toggle().click();
    fixture.componentRef.setInput('datasets', [{ name: '成功', data: [7, 8, 9] }]);
    await fixture.whenStable();
    const cells = [...host.querySelectorAll('tbody td')].map((td) => td.textContent!.trim());
    expect(cells).toEqual(['7', '8', '9']);
  });

  it('says so when there is nothing to plot', async () => {
    fixture.componentRef.setInput('labels', []);
    await fixture.whenStable();
    expect(host.querySelector('canvas')).toBeNull();
    expect(host.textContent).toContain('沒有可顯示的資料');
  });
});
