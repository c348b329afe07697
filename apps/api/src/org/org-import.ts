import { UNIT_KINDS, UnitKind, type RejectedLine } from '@tunedesk/contracts';
import type { FieldSpec } from '@tunedesk/domain';

export type UnitField = 'code' | 'name' | 'kind' | 'parentCode' | 'categories';

/** Format 8 (組織單位). */
export const UNIT_FIELDS: readonly FieldSpec<UnitField>[] = [
  { field: 'code', label: '單位代碼', required: true, aliases: ['代碼', 'unit code'] },
  { field: 'name', label: '單位名稱', required: true, aliases: ['名稱', 'unit name'] },
  { field: 'kind', label: '類型', required: true, aliases: ['單位類型', 'type'] },
  { field: 'parentCode', label: '上級單位', required: false, aliases: ['上級單位代碼', 'parent'] },
  { field: 'categories', label: '主管稅目', required: false, aliases: ['稅目', 'category'] },
];

export interface UnitRow {
  row: number;
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: string | null;
  categories: string[];
}

const CODE_RE = /^[A-Za-z0-9_-]{1,16}$/;

/** NFKC folds full-width letters; codes are compared in upper case. */
export const normalizeCode = (raw: string): string => raw.normalize('NFKC').trim().toUpperCase();

export function splitCategories(raw: string): string[] {
  const parts = raw
    .normalize('NFKC')
    .split(/[、,，;；]/)
    .map((s) => s.trim())
    .filter(Boolean);
  return [...new Set(parts)];
}

/** Validates one format-8 record; returns the unit or the reasons it is rejected. */
export function validateUnitRow(row: number, get: (f: UnitField) => string): UnitRow | RejectedLine[] {
  const problems: RejectedLine[] = [];
  const code = normalizeCode(get('code'));
  const name = get('name').normalize('NFKC').trim();
  const kind = get('kind').trim() as UnitKind;
  const parent = normalizeCode(get('parentCode'));
  if (!CODE_RE.test(code))
    problems.push({ row, column: '單位代碼', reason: `「${get('code')}」不是有效的單位代碼 (1–16 letters, digits, _ or -)` });
  if (!name || name.length > 64)
    problems.push({ row, column: '單位名稱', reason: '單位名稱必填，最多 64 字 (required, at most 64 characters)' });
  if (!UNIT_KINDS.includes(kind))
    problems.push({ row, column: '類型', reason: `「${get('kind')}」不是 科、室 或 分局 (kind must be 科, 室 or 分局)` });
  if (parent && parent === code) problems.push({ row, column: '上級單位', reason: '上級單位不可為自己 (a unit cannot be its own parent)' });
  if (problems.length) return problems;
  return { row, code, name, kind, parentCode: parent || null, categories: splitCategories(get('categories')) };
}
