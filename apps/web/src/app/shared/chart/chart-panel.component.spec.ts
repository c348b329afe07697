import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import type { TableExportRequest } from '@tunedesk/contracts';
import { TableExportComponent } from '../export/table-export.component';
import { TableExportService } from '../export/table-export.service';
import { ChartPanelComponent, type ChartSeries, chartFileName } from './chart-panel.component';
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
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    useFakeChart();
    fixture = TestBed.createComponent(ChartPanelComponent);
    fixture.componentRef.setInput('title', '近 14 日背景工作');
    fixture.componentRef.setInput('labels', LABELS);
    fixture.componentRef.setInput('datasets', SERIES);
    fixture.componentRef.setInput('labelHeader', '日期');
    await fixture.whenStable();
    host = fixture.nativeElement as HTMLElement;
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  const toggle = () => host.querySelector<HTMLButtonElement>('[data-testid="chart-table-toggle"]')!;
  const exporter = () =>
    fixture.debugElement.query(By.directive(TableExportComponent))?.componentInstance as TableExportComponent | undefined;
  const byTestId = (id: string) => host.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`);

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

  it('offers CSV and XLSX of the table only in table view, named after the title when no file name is given', async () => {
    expect(host.querySelector('td-table-export')).toBeNull();
    expect(byTestId('export-csv-近-14-日背景工作')).toBeNull();

    toggle().click();
    await fixture.whenStable();
    expect(byTestId('export-csv-近-14-日背景工作')!.textContent).toContain('CSV');
    expect(byTestId('export-xlsx-近-14-日背景工作')!.textContent).toContain('XLSX');
    // The buttons belong to the region the toggle controls.
    const region = host.querySelector(`#${toggle().getAttribute('aria-controls')!}`)!;
    expect(region.querySelector('td-table-export')).not.toBeNull();
    expect(exporter()!.table().fileName).toBe('近-14-日背景工作');

    toggle().click();
    await fixture.whenStable();
    expect(host.querySelector('td-table-export')).toBeNull();
  });

  it('hands the exporter exactly the numbers of the chart, under the given file name', async () => {
    fixture.componentRef.setInput('fileName', 'jobs-14-days');
    toggle().click();
    await fixture.whenStable();

    const plotted = FakeChartDirective.last!.data()!.datasets.map((d) => d.data as number[]);
    expect(exporter()!.table()).toEqual({
      fileName: 'jobs-14-days',
      title: '近 14 日背景工作',
      headers: ['日期', '成功', '失敗'],
      rows: LABELS.map((label, i) => [label, ...plotted.map((series) => series[i])]),
    });
    expect(exporter()!.table().rows).toEqual([
      ['11/28', 3, 1],
      ['11/29', 0, 4],
      ['11/30', 12, 0],
    ]);
    expect(byTestId('export-csv-jobs-14-days')).not.toBeNull();

    // A missing value is an empty cell, not a zero.
    fixture.componentRef.setInput('datasets', [{ name: '成功', data: [5] }]);
    await fixture.whenStable();
    expect(exporter()!.table().rows).toEqual([
      ['11/28', 5],
      ['11/29', null],
      ['11/30', null],
    ]);
  });

  it('sends the table when CSV or XLSX is pressed', async () => {
    fixture.componentRef.setInput('fileName', 'jobs-14-days');
    toggle().click();
    await fixture.whenStable();

    const csv = jest.spyOn(TestBed.inject(TableExportService), 'csv').mockImplementation(() => undefined);
    byTestId('export-csv-jobs-14-days')!.click();
    expect(csv).toHaveBeenCalledWith(expect.objectContaining({ fileName: 'jobs-14-days', headers: ['日期', '成功', '失敗'] }));

    const urls = { createObjectURL: URL.createObjectURL, revokeObjectURL: URL.revokeObjectURL };
    Object.assign(URL, { createObjectURL: jest.fn(() => 'blob:chart'), revokeObjectURL: jest.fn() });
    try {
      byTestId('export-xlsx-jobs-14-days')!.click();
      const request = TestBed.inject(HttpTestingController).expectOne({ method: 'POST', url: '/api/exports/xlsx' });
      expect(request.request.body).toEqual<TableExportRequest>({
        fileName: 'jobs-14-days',
        sheet: '近 14 日背景工作',
        headers: ['日期', '成功', '失敗'],
        rows: [
          ['11/28', 3, 1],
          ['11/29', 0, 4],
          ['11/30', 12, 0],
        ],
      });
      request.flush(new Blob(['xlsx']));
      await fixture.whenStable();
      // The download link's address is let go on the next turn.
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:chart');

      // ODS (OpenDocument): the same table to the server's ODS writer, saved as .ods.
      expect(byTestId('export-ods-jobs-14-days')!.textContent).toContain('ODS（開放文件格式）');
      byTestId('export-ods-jobs-14-days')!.click();
      const ods = TestBed.inject(HttpTestingController).expectOne({ method: 'POST', url: '/api/exports/ods' });
      expect(ods.request.body).toEqual(request.request.body);
      expect(ods.request.responseType).toBe('blob');
      ods.flush(new Blob(['ods']));
      await fixture.whenStable();
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(URL.revokeObjectURL).toHaveBeenCalledTimes(2);
    } finally {
      Object.assign(URL, urls);
    }
  });

  it('says so when there is nothing to plot', async () => {
    fixture.componentRef.setInput('labels', []);
    await fixture.whenStable();
    expect(host.querySelector('canvas')).toBeNull();
    expect(host.textContent).toContain('沒有可顯示的資料');
  });
});

describe('chartFileName', () => {
  it('keeps the words of the title and drops what a file name cannot hold', () => {
    expect(chartFileName('近 14 日背景工作')).toBe('近-14-日背景工作');
    expect(chartFileName(' 每月答覆率/滿意度: "比例" ')).toBe('每月答覆率-滿意度-比例');
    expect(chartFileName('   ')).toBe('chart');
  });
});
