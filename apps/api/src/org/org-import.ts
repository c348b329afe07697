import { UNIT_KINDS, UnitKind, type RejectedLine } from '@tunedesk/contracts';
import type { FieldSpec } from '@tunedesk/domain';

export type UnitField = 'code' | 'name' | 'kind' | 'parentCode' | 'categories' | 'duties' | 'districts';

/** Format 8 (組織單位). */
export const UNIT_FIELDS: readonly FieldSpec<UnitField>[] = [
  { field: 'code', label: '單位代碼', required: true, aliases: ['代碼', 'unit code'] },
  { field: 'name', label: '單位名稱', required: true, aliases: ['名稱', 'unit name'] },
  { field: 'kind', label: '類型', required: true, aliases: ['單位類型', 'type'] },
  { field: 'parentCode', label: '上級單位', required: false, aliases: ['上級單位代碼', 'parent'] },
  { field: 'categories', label: '主管稅目', required: false, aliases: ['稅目', 'category'] },
  { field: 'duties', label: '業務職掌', required: false, aliases: ['職掌', '業務', '業務範圍', 'duty'] },
  { field: 'districts', label: '轄區', required: false, aliases: ['服務轄區', '轄區範圍', 'district'] },
];

/** A duty or district keyword, and all of a unit's joined by 、 (the width of the unit.duties / unit.districts columns). */
export const KEYWORD_MAX_LENGTH = 32;
export const KEYWORDS_MAX_LENGTH = 1000;

export interface UnitRow {
  row: number;
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: string | null;
  categories: string[];
  /** 業務職掌: what else the unit handles, routing evidence for questions that name no tax. */
  duties: string[];
  /** 轄區: the districts a branch serves. */
  districts: string[];
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

/** The two keyword lists of format 8, by their header and their English name. */
export const KEYWORD_COLUMNS = {
  duties: { label: '業務職掌', en: 'duties' },
  districts: { label: '轄區', en: 'districts' },
} as const;

/**
 * Why a unit's 業務職掌 or 轄區 keywords cannot be stored, or null: each keyword at
 * most 32 characters and all of them, joined by 、, at most 1000 (the column's width).
 */
export function keywordListProblem(field: keyof typeof KEYWORD_COLUMNS, values: readonly string[]): { 'zh-TW': string; en: string } | null {
  const { label, en } = KEYWORD_COLUMNS[field];
  const long = values.find((v) => v.length > KEYWORD_MAX_LENGTH);
  if (long !== undefined)
    return {
      'zh-TW': `${label}「${long}」超過 ${KEYWORD_MAX_LENGTH} 字`,
      en: `a ${en} keyword is longer than ${KEYWORD_MAX_LENGTH} characters`,
    };
  const joined = values.join('、').length;
  if (joined > KEYWORDS_MAX_LENGTH)
    return {
      'zh-TW': `${label}合計 ${joined} 字，超過 ${KEYWORDS_MAX_LENGTH} 字`,
      en: `${en} come to ${joined} characters, more than ${KEYWORDS_MAX_LENGTH}`,
    };
  return null;
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
  const duties = splitCategories(get('duties'));
  const districts = splitCategories(get('districts'));
  for (const [field, values] of [
    ['duties', duties],
    ['districts', districts],
  ] as const) {
    const problem = keywordListProblem(field, values);
    if (problem) problems.push({ row, column: KEYWORD_COLUMNS[field].label, reason: `${problem['zh-TW']} (${problem.en})` });
  }
  if (problems.length) return problems;
  return { row, code, name, kind, parentCode: parent || null, categories: splitCategories(get('categories')), duties, districts };
}
