import { FieldSpec, matchHeaders, normalizeHeader } from './header-match';

type F = 'code' | 'name' | 'kind' | 'categories';
const SPEC: FieldSpec<F>[] = [
  { field: 'code', label: '單位代碼', required: true, aliases: ['代碼'] },
  { field: 'name', label: '單位名稱', required: true },
  { field: 'kind', label: '類型', required: true },
  { field: 'categories', label: '主管稅目', required: false },
];

describe('header matching', () => {
  it('folds full-width forms, spaces and case', () => {
    expect(normalizeHeader('　單位 代碼 ')).toBe(normalizeHeader('單位代碼'));
    expect(normalizeHeader('ＡｓｋｅｄＡｔ')).toBe('askedat');
    expect(normalizeHeader('\uFEFF提問時間')).toBe('提問時間');
  });

  it('matches Chinese names, English field names and aliases in any order', () => {
    const m = matchHeaders([' name ', '代碼', 'ＫＩＮＤ', 'extra'], SPEC);
    expect(m.columns).toEqual({ name: 0, code: 1, kind: 2 });
    expect(m.missing).toEqual([]);
    expect(m.unknown).toEqual(['extra']);
  });

  it('names every missing required column', () => {
    const m = matchHeaders(['單位名稱', '主管稅目'], SPEC);
    expect(m.missing.map((s) => s.label)).toEqual(['單位代碼', '類型']);
  });

  it('reports a field matched twice and keeps the first column', () => {
    const m = matchHeaders(['單位代碼', '單位名稱', '類型', 'code'], SPEC);
    expect(m.columns.code).toBe(0);
    expect(m.duplicates).toEqual([{ field: 'code', headers: ['單位代碼', 'code'] }]);
  });
});
