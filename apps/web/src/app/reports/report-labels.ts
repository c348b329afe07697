import { type ReportImportStatus, ResponseType, Role, type RoutedReason } from '@tunedesk/contracts';
import type { Lang } from '../i18n/i18n.service';
import type { MessageKey } from '../i18n/messages';

/** Who may upload a monthly report and cancel an import; the server checks the same again. */
export const REPORT_UPLOAD_ROLES: readonly Role[] = [Role.ServiceSection, Role.SystemAdmin];
/** Who announces a tuning cycle to the units. */
export const CYCLE_ANNOUNCE_ROLES: readonly Role[] = [Role.ServiceSection];

export const IMPORT_STATUS_LABEL: Record<ReportImportStatus, MessageKey> = {
  queued: 'reports.status.queued',
  processing: 'reports.status.processing',
  completed: 'reports.status.completed',
  refused: 'reports.status.refused',
  failed: 'reports.status.failed',
  cancelled: 'reports.status.cancelled',
  superseded: 'reports.status.superseded',
  withdrawn: 'reports.status.withdrawn',
};

/** Waiting is blue, at work amber, done green, turned down or broken red, stopped or replaced grey. */
export const IMPORT_STATUS_BADGE: Record<ReportImportStatus, string> = {
  queued: 'td-badge--info',
  processing: 'td-badge--warning',
  completed: 'td-badge--ok',
  refused: 'td-badge--error',
  failed: 'td-badge--error',
  cancelled: 'td-badge--muted',
  superseded: 'td-badge--planned',
  withdrawn: 'td-badge--planned',
};

export const IMPORT_STATUS_ICON: Record<ReportImportStatus, string> = {
  queued: 'schedule',
  processing: 'autorenew',
  completed: 'check_circle',
  refused: 'block',
  failed: 'error',
  cancelled: 'cancel',
  superseded: 'history',
  withdrawn: 'undo',
};

/** 回應類型, in the order of format 1. */
export const RESPONSE_TYPES: readonly ResponseType[] = [
  ResponseType.Answered,
  ResponseType.Suggested,
  ResponseType.Unanswered,
  ResponseType.ChitChat,
  ResponseType.Invalid,
];

export const RESPONSE_TYPE_LABEL: Record<ResponseType, MessageKey> = {
  [ResponseType.Answered]: 'reports.responseType.answered',
  [ResponseType.Suggested]: 'reports.responseType.suggested',
  [ResponseType.Unanswered]: 'reports.responseType.unanswered',
  [ResponseType.ChitChat]: 'reports.responseType.chit-chat',
  [ResponseType.Invalid]: 'reports.responseType.invalid',
};

export const RESPONSE_TYPE_COLOR: Record<ResponseType, string> = {
  [ResponseType.Answered]: '#2e7d5b',
  [ResponseType.Suggested]: '#3d6fb4',
  [ResponseType.Unanswered]: '#c0392b',
  [ResponseType.ChitChat]: '#8e6bbf',
  [ResponseType.Invalid]: '#7b868c',
};

export const ROUTED_REASON_LABEL: Record<RoutedReason, MessageKey> = {
  'matched-item': 'clusters.reason.matched-item',
  suggestion: 'clusters.reason.suggestion',
  'category-rule': 'clusters.reason.category-rule',
  'keyword-rule': 'clusters.reason.keyword-rule',
  triage: 'clusters.reason.triage',
  reassigned: 'clusters.reason.reassigned',
  'named-unit': 'clusters.reason.named-unit',
  duty: 'clusters.reason.duty',
  learned: 'clusters.reason.learned',
};

export const ROUTED_REASON_BADGE: Record<RoutedReason, string> = {
  'matched-item': 'td-badge--ok',
  suggestion: 'td-badge--info',
  'category-rule': 'td-badge--info',
  'keyword-rule': 'td-badge--info',
  triage: 'td-badge--warning',
  reassigned: 'td-badge--info',
  'named-unit': 'td-badge--info',
  duty: 'td-badge--info',
  learned: 'td-badge--info',
};

/** From this many consecutive months a cluster carries the 連續 N 個月 badge. */
export const RECURRING_FROM = 2;

/** A similarity score (0–1) as a whole percentage. */
export function scorePercent(score: number): number {
  return Math.round(Math.min(1, Math.max(0, score)) * 100);
}

const MONTH = /^(\d{4})-(\d{2})$/;

/** "2026-10" → 115年10月 in zh-TW, 2026-10 in English; anything else as it is. */
export function formatRocMonth(month: string | null | undefined, lang: Lang): string {
  if (!month) return '';
  const match = MONTH.exec(month.trim());
  if (!match) return month;
  if (lang === 'en') return `${match[1]}-${match[2]}`;
  return `${Number(match[1]) - 1911}年${Number(match[2])}月`;
}

/** "import #12" (REPORT_DUPLICATE_FILE's detail) → 12. */
export function importIdIn(text: string | null | undefined): number | null {
  const match = /#\s*(\d+)/.exec(text ?? '');
  return match ? Number(match[1]) : null;
}

/** The first YYYY-MM in the texts, e.g. the month a REPORT_MONTH_EXISTS names. */
export function monthIn(texts: readonly (string | null | undefined)[]): string | null {
  for (const text of texts) {
    const match = /\b(\d{4})-(0[1-9]|1[0-2])\b/.exec(text ?? '');
    if (match) return `${match[1]}-${match[2]}`;
  }
  return null;
}
