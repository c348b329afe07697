import { KbItemStatus, type KbSnapshot, type RejectedLine } from '@tunedesk/contracts';
import { normalizeText, parseFlexibleDate, toIsoDate, type FieldSpec } from '@tunedesk/domain';

export type KbField =
  | 'id'
  | 'category'
  | 'question'
  | 'alternates'
  | 'answer'
  | 'keywords'
  | 'ownerSection'
  | 'status'
  | 'updatedAt'
  | 'effectiveDate'
  | 'expiryDate';

/** Format 3 (題庫), plus optional effective/expiry dates. */
export const KB_FIELDS: readonly FieldSpec<KbField>[] = [
  { field: 'id', label: '題目編號', required: true, aliases: ['題號', '編號', 'item id', 'kbItemId'] },
  { field: 'category', label: '稅目分類', required: true, aliases: ['稅目', '分類'] },
  { field: 'question', label: '標準問句', required: true, aliases: ['問句', '標準問題', '問題'] },
  { field: 'alternates', label: '相似問句', required: false, aliases: ['相似問題', '同義問句'] },
  { field: 'answer', label: '答案', required: true, aliases: ['回答', '標準答案'] },
  { field: 'keywords', label: '關鍵字', required: false, aliases: ['關鍵詞'] },
  { field: 'ownerSection', label: '權責單位', required: false, aliases: ['權責科室', '負責單位', 'owner'] },
  { field: 'status', label: '狀態', required: false, aliases: [] },
  { field: 'updatedAt', label: '最後修改日', required: false, aliases: ['修改日期', '更新日期'] },
  { field: 'effectiveDate', label: '生效日期', required: false, aliases: ['生效日'] },
  { field: 'expiryDate', label: '失效日期', required: false, aliases: ['失效日', '到期日'] },
];

export interface KbRow {
  row: number;
  id: string;
  snapshot: KbSnapshot;
  vendorUpdatedOn: string | null;
}

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;
const STATUS: Record<string, KbItemStatus> = {
  已發布: KbItemStatus.Published,
  發布: KbItemStatus.Published,
  published: KbItemStatus.Published,
  停用: KbItemStatus.Disabled,
  disabled: KbItemStatus.Disabled,
};

/** A cell exported spreadsheet-safe ('=…) reads back as what it was. */
export function unescapeCell(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

/** Alternates are separated by line breaks or ｜; the same alternate twice (after normalisation) is kept once. */
export function splitAlternates(raw: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of raw.split(/\r?\n|[｜|]/)) {
    const text = part.trim();
    const key = normalizeText(text);
    if (!text || seen.has(key)) continue;
    seen.add(key);
    out.push(text);
  }
  return out;
}

export function splitKeywords(raw: string): string[] {
  return [
    ...new Set(
      raw
        .split(/[、,，;；]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** Validates one format-3 record; `owner` resolves a section name or code to a unit code. */
export function validateKbRow(
  row: number,
  rawGet: (f: KbField) => string,
  owner: (nameOrCode: string) => string | null,
): KbRow | RejectedLine[] {
  const get = (f: KbField) => unescapeCell(rawGet(f) ?? '');
  const problems: RejectedLine[] = [];
  const id = get('id').normalize('NFKC').trim();
  const category = get('category').trim();
  const question = get('question').trim();
  const answer = get('answer').replace(/\r\n/g, '\n').trim();
  if (!ID_RE.test(id))
    problems.push({ row, column: '題目編號', reason: `「${get('id')}」不是有效的題目編號 (1–32 letters, digits, . _ -)` });
  if (!category || category.length > 32)
    problems.push({ row, column: '稅目分類', reason: '稅目分類必填，最多 32 字 (required, ≤ 32 characters)' });
  if (!question || question.length > 500)
    problems.push({ row, column: '標準問句', reason: '標準問句必填，最多 500 字 (required, ≤ 500 characters)' });
  if (!answer) problems.push({ row, column: '答案', reason: '答案必填 (required)' });
  const statusText = get('status').trim();
  const status = statusText ? (STATUS[statusText.toLowerCase()] ?? STATUS[statusText]) : KbItemStatus.Published;
  if (!status) problems.push({ row, column: '狀態', reason: `「${statusText}」不是 已發布 或 停用 (status must be 已發布 or 停用)` });
  const ownerText = get('ownerSection').trim();
  const ownerUnitCode = ownerText ? owner(ownerText) : null;
  if (ownerText && !ownerUnitCode)
    problems.push({ row, column: '權責單位', reason: `找不到單位「${ownerText}」(unknown section name or code)` });
  const dates: Partial<Record<'updatedAt' | 'effectiveDate' | 'expiryDate', string | null>> = {};
  for (const [field, label] of [
    ['updatedAt', '最後修改日'],
    ['effectiveDate', '生效日期'],
    ['expiryDate', '失效日期'],
  ] as const) {
    const text = get(field).trim();
    if (!text) {
      dates[field] = null;
      continue;
    }
    const parsed = parseFlexibleDate(text);
    if (!parsed) problems.push({ row, column: label, reason: `「${text}」不是可辨識的日期 (not a date: use 115/03/02, 2026-03-02 …)` });
    else dates[field] = toIsoDate(parsed);
  }
  const alternates = splitAlternates(get('alternates')).filter((a) => normalizeText(a) !== normalizeText(question));
  const tooLong = alternates.find((a) => a.length > 500);
  if (tooLong) problems.push({ row, column: '相似問句', reason: '相似問句每句最多 500 字 (each alternate ≤ 500 characters)' });
  if (problems.length) return problems;
  return {
    row,
    id,
    vendorUpdatedOn: dates.updatedAt ?? null,
    snapshot: {
      category,
      question,
      alternates,
      answer,
      keywords: splitKeywords(get('keywords')),
      ownerUnitCode,
      status: status!,
      effectiveDate: dates.effectiveDate ?? null,
      expiryDate: dates.expiryDate ?? null,
    },
  };
}
