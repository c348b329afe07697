import type { RejectedLine } from './imports';

/** 回應類型 of format 1. */
export enum ResponseType {
  Answered = 'answered',
  Suggested = 'suggested',
  Unanswered = 'unanswered',
  ChitChat = 'chit-chat',
  Invalid = 'invalid',
}

export const RESPONSE_TYPE_LABELS: Record<ResponseType, string> = {
  answered: '直接回答',
  suggested: '推薦回答',
  unanswered: '未能回答',
  'chit-chat': '閒聊',
  invalid: '無效問題',
};

export type ReportKind = 'log' | 'summary';

export type ReportImportStatus = 'queued' | 'processing' | 'completed' | 'refused' | 'failed' | 'cancelled' | 'superseded' | 'withdrawn';

export interface ReportImportDto {
  id: number;
  /** YYYY-MM */
  month: string;
  kind: ReportKind;
  fileName: string;
  sha256: string;
  encoding: string | null;
  status: ReportImportStatus;
  /** 0–100, while processing */
  progress: number;
  stage: string | null;
  rowsRead: number;
  accepted: number;
  rejected: number;
  /** Messages by response type (for a summary file: occurrences of unanswered questions). */
  byResponseType: Partial<Record<ResponseType, number>>;
  errorCode: string | null;
  errorMessage: string | null;
  replacesImportId: number | null;
  /** The import profile whose header aliases read the file (null: the built-in names sufficed) */
  profileId: number | null;
  profileName: string | null;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
}

export interface ReportImportRejectedDto {
  importId: number;
  total: number;
  lines: RejectedLine[];
}

export type RoutedReason =
  'matched-item' | 'suggestion' | 'named-unit' | 'category-rule' | 'keyword-rule' | 'duty' | 'learned' | 'triage' | 'reassigned';

export interface ClusterSuggestionDto {
  kbItemId: string;
  question: string;
  score: number;
}

export interface MissClusterSummaryDto {
  id: number;
  cycleId: number;
  /** Stable within the month: 1 is the largest. */
  clusterNo: number;
  representative: string;
  /** Messages in the cluster. */
  size: number;
  wordingCount: number;
  channels: string[];
  firstSeen: string;
  lastSeen: string;
  /** Consecutive months this cluster has appeared, this one included. */
  recurringMonths: number;
  previousClusterId: number | null;
  routedUnitCode: string | null;
  routedUnitName: string | null;
  routedReason: RoutedReason;
  assigneeAccount: string | null;
  assigneeName: string | null;
  suggestions: ClusterSuggestionDto[];
  /** 0–1: how sure the grouping is; null for clusters built before it was kept. */
  confidence: number | null;
  /** `item`: its wordings were confidently matched to one item; `topic`: a new topic grouped by similarity. */
  basis: 'item' | 'topic' | null;
}

export interface MissClusterDto extends MissClusterSummaryDto {
  /** `suggested`: the wording's own nearest items, when they differ from the cluster's. */
  wordings: { text: string; count: number; suggested?: string[] }[];
  byResponseType: Partial<Record<ResponseType, number>>;
  examples: { sessionId: string | null; channel: string | null; askedAt: string; question: string; responseType: ResponseType }[];
}

export type CycleKind = 'regular' | 'irregular';

export interface TuningCycleDto {
  id: number;
  kind: CycleKind;
  /** YYYY-MM for a regular cycle */
  month: string | null;
  /** 115年10月定期調校 */
  label: string;
  /** YYYY-MM-DD on the office calendar */
  dueDate: string | null;
  announcedAt: string | null;
  announcedBy: string | null;
  importId: number | null;
  clusterCount: number;
  missCount: number;
  byUnit: { unitCode: string; unitName: string; clusters: number; misses: number }[];
  triageClusters: number;
  recurringClusters: number;
  createdAt: string;
}

export const REPORT_ROUTES = {
  imports: '/api/reports/imports',
  import: (id: number) => `/api/reports/imports/${id}`,
  rejected: (id: number) => `/api/reports/imports/${id}/rejected`,
  rejectedCsv: (id: number) => `/api/reports/imports/${id}/rejected.csv`,
  /** The rejected rows as .csv, .xlsx or .ods */
  rejectedFile: (id: number, format: 'csv' | 'xlsx' | 'ods') => `/api/reports/imports/${id}/rejected.${format}`,
  cancel: (id: number) => `/api/reports/imports/${id}/cancel`,
  /** DELETE: withdraw a completed conversation log (its month's figures go with it) */
  withdraw: (id: number) => `/api/reports/imports/${id}`,
  cycles: '/api/cycles',
  cycle: (id: number) => `/api/cycles/${id}`,
  announce: (id: number) => `/api/cycles/${id}/announce`,
  clusters: (cycleId: number) => `/api/cycles/${cycleId}/clusters`,
  clustersExport: (cycleId: number, format: 'csv' | 'xlsx' | 'ods') => `/api/cycles/${cycleId}/clusters/export?format=${format}`,
  cluster: (id: number) => `/api/clusters/${id}`,
} as const;
