/**
 * What the service section tunes about the tuning itself: import profiles
 * (a vendor's header names), the synonym list (同義詞) the matcher folds
 * before searching, and keyword routing rules; plus the review items a cycle
 * queues per unit and the notifications people receive.
 */

import type { ReportKind } from './reports';

/** One column of a report format, with the names accepted without a profile. */
export interface ReportFieldDto {
  format: ReportKind;
  field: string;
  /** The format's Chinese header */
  label: string;
  required: boolean;
  builtInAliases: string[];
}

/** Header aliases of one vendor: field name → further header names, per format. */
export type ProfileAliases = Partial<Record<ReportKind, Record<string, string[]>>>;

export interface ImportProfileDto {
  id: number;
  name: string;
  note: string | null;
  aliases: ProfileAliases;
  updatedBy: string;
  updatedAt: string;
}

export interface ImportProfileInput {
  name: string;
  note?: string | null;
  aliases: ProfileAliases;
}

export interface SynonymDto {
  id: number;
  /** The canonical term the matcher folds the variants to, e.g. 土地增值稅 */
  term: string;
  /** Abbreviations, colloquial names and common mis-typings, e.g. 土增稅、增值稅 */
  variants: string[];
  note: string | null;
  updatedBy: string;
  updatedAt: string;
}

export interface SynonymInput {
  term: string;
  variants: string[];
  note?: string | null;
}

export interface RoutingRuleDto {
  id: number;
  keyword: string;
  unitCode: string;
  unitName: string | null;
  /** A rule that wins over a tax's name in the same question (繳稅方式 questions name a tax but belong to the service section). */
  overridesTaxNames: boolean;
  note: string | null;
  updatedBy: string;
  updatedAt: string;
}

export interface RoutingRuleInput {
  keyword: string;
  unitCode: string;
  overridesTaxNames?: boolean;
  note?: string | null;
}

/** What routing would do with a question that no item matched: for trying rules out. */
export interface RoutingTestDto {
  text: string;
  /** The text after the synonym list was applied */
  folded: string;
  unitCode: string | null;
  unitName: string | null;
  reason: 'named-unit' | 'category-rule' | 'keyword-rule' | 'duty' | 'triage';
  /** The category name, synonym or keyword that decided */
  matched: string | null;
}

/** not-improved: a change applied for the item did not cut its misses (sent back from 調校成效) */
export type ReviewReason = 'no-hits' | 'low-satisfaction' | 'expired' | 'past-year' | 'not-improved';

export const REVIEW_REASONS: readonly ReviewReason[] = ['no-hits', 'low-satisfaction', 'expired', 'past-year', 'not-improved'];

export type ReviewStatus = 'open' | 'done';

export interface ReviewItemDto {
  id: number;
  cycleId: number;
  unitCode: string;
  unitName: string | null;
  kbItemId: string;
  question: string;
  reasons: ReviewReason[];
  /** Answered or suggested hits in the cycle's month and the two before it */
  hits: number;
  ratings: number;
  dissatisfied: number;
  expiryDate: string | null;
  /** Years the answer mentions that are past, as written (114年, 2024年) */
  pastYears: string[];
  status: ReviewStatus;
  note: string | null;
  doneBy: string | null;
  doneAt: string | null;
}

export interface ReviewItemUpdate {
  status: ReviewStatus;
  note?: string | null;
}

export interface NotificationDto {
  id: number;
  kind: string;
  title: { 'zh-TW': string; en: string };
  /** A route inside the web app */
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationListDto {
  unread: number;
  items: NotificationDto[];
}

export const TUNING_ROUTES = {
  reportFields: '/api/tuning/report-fields',
  profiles: '/api/tuning/import-profiles',
  profile: (id: number) => `/api/tuning/import-profiles/${id}`,
  synonyms: '/api/tuning/synonyms',
  synonym: (id: number) => `/api/tuning/synonyms/${id}`,
  rules: '/api/tuning/routing-rules',
  rule: (id: number) => `/api/tuning/routing-rules/${id}`,
  ruleTest: '/api/tuning/routing-rules/test',
  reviewItems: (cycleId: number) => `/api/cycles/${cycleId}/review-items`,
  reviewItem: (id: number) => `/api/review-items/${id}`,
  notifications: '/api/notifications',
  notificationRead: (id: number) => `/api/notifications/${id}/read`,
  notificationsReadAll: '/api/notifications/read-all',
} as const;
