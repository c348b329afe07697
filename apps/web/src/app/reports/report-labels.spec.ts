import { clusterParams } from './reports.api';
import { formatRocMonth, importIdIn, monthIn, scorePercent } from './report-labels';
import { filterQueryParams } from './cycle-page.component';

describe('report helpers', () => {
  it('shows a month as ROC in zh-TW and as YYYY-MM in English', () => {
    expect(formatRocMonth('2026-10', 'zh-TW')).toBe('115年10月');
    expect(formatRocMonth('2027-01', 'zh-TW')).toBe('116年1月');
    expect(formatRocMonth('2026-10', 'en')).toBe('2026-10');
    expect(formatRocMonth('not a month', 'zh-TW')).toBe('not a month');
    expect(formatRocMonth(null, 'zh-TW')).toBe('');
  });

  it('reads the import number of a duplicate and the month of a month that has a report', () => {
    expect(importIdIn('import #12')).toBe(12);
    expect(importIdIn('匯入 # 7')).toBe(7);
    expect(importIdIn('no number')).toBeNull();
    expect(monthIn([undefined, '2026-09 已有報表'])).toBe('2026-09');
    expect(monthIn(['2026-13', 'nothing'])).toBeNull();
  });

  it('turns a score into a whole percentage within 0–100', () => {
    expect([scorePercent(0.912), scorePercent(1.2), scorePercent(-0.1)]).toEqual([91, 100, 0]);
  });

  it('sends only the filters that are set, and keeps the same ones in the address', () => {
    expect(clusterParams({}).toString()).toBe('');
    expect(clusterParams({ unit: ' HT ', minSize: 1, recurring: false, channel: '' }).toString()).toBe('unit=HT');
    expect(clusterParams({ minSize: 3, recurring: true, channel: 'LINE', triage: true }).toString()).toBe(
      'minSize=3&recurring=true&channel=LINE&triage=true',
    );
    expect(filterQueryParams({ unit: 'HT', triage: true, minSize: 3 })).toEqual({ triage: 'true', minSize: 3 });
    expect(filterQueryParams({ unit: 'HT', recurring: false })).toEqual({ unit: 'HT' });
  });
});
