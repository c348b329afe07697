/** 已發布 / 停用 */
export enum KbItemStatus {
  Published = 'published',
  Disabled = 'disabled',
}

export const KB_STATUS_LABELS: Record<KbItemStatus, string> = { published: '已發布', disabled: '停用' };

export interface KbItemSummaryDto {
  /** 題目編號, the vendor's stable id */
  id: string;
  category: string;
  question: string;
  ownerUnitCode: string | null;
  ownerUnitName: string | null;
  status: KbItemStatus;
  alternateCount: number;
  version: number;
  updatedAt: string;
}

export interface KbItemDto extends KbItemSummaryDto {
  alternates: string[];
  answer: string;
  keywords: string[];
  effectiveDate: string | null;
  expiryDate: string | null;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
}

export interface KbItemPageDto {
  items: KbItemSummaryDto[];
  total: number;
  page: number;
  pageSize: number;
}

export type KbVersionSource = 'import' | 'proposal' | 'correction';

/** The content a version holds; two versions are compared field by field. */
export interface KbSnapshot {
  category: string;
  question: string;
  alternates: string[];
  answer: string;
  keywords: string[];
  ownerUnitCode: string | null;
  status: KbItemStatus;
  effectiveDate: string | null;
  expiryDate: string | null;
}

export interface KbVersionDto {
  version: number;
  source: KbVersionSource;
  reason: string;
  changedBy: string;
  changedAt: string;
  snapshot: KbSnapshot;
}

export interface KbFieldDiff {
  field: keyof KbSnapshot;
  changed: boolean;
  before: string;
  after: string;
  /** Character-level: equal / delete / insert segments in order. */
  segments: { op: 'equal' | 'insert' | 'delete'; text: string }[];
}

export interface KbDiffDto {
  itemId: string;
  from: number;
  to: number;
  fields: KbFieldDiff[];
}

export interface KbSearchHitDto {
  item: KbItemSummaryDto;
  /** 0–1 */
  score: number;
  matchedKind: 'question' | 'alternate' | 'keyword';
  matchedText: string;
}

export interface KbImportResultDto {
  fileName: string;
  encoding: string;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejectedLines: { row: number; column?: string; reason: string }[];
  /** Items in the bank that this file does not hold: reported, never deleted. */
  missing: string[];
}

export interface KbHealthDto {
  /** The same alternate (after normalisation) under two or more items. */
  duplicateAlternates: { text: string; itemIds: string[] }[];
  /** Pairs of items whose standard questions are near-duplicates. */
  nearDuplicates: { a: string; b: string; score: number; questionA: string; questionB: string }[];
  /** Past their expiry date. */
  expired: { id: string; question: string; expiryDate: string }[];
  /** Answers that mention a year already past. */
  staleYears: { id: string; question: string; years: string[] }[];
  checkedAt: string;
}

export interface KbStatusChangeRequest {
  status: KbItemStatus;
  reason: string;
}

export const KB_ROUTES = {
  items: '/api/kb/items',
  item: (id: string) => `/api/kb/items/${encodeURIComponent(id)}`,
  versions: (id: string) => `/api/kb/items/${encodeURIComponent(id)}/versions`,
  diff: (id: string, from: number, to: number) => `/api/kb/items/${encodeURIComponent(id)}/diff?from=${from}&to=${to}`,
  status: (id: string) => `/api/kb/items/${encodeURIComponent(id)}/status`,
  search: '/api/kb/search',
  import: '/api/kb/import',
  export: '/api/kb/export',
  health: '/api/kb/health',
  categories: '/api/kb/categories',
} as const;
