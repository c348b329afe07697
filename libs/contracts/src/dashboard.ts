/**
 * Dashboards: chatbot quality by month and day, by channel and category, read
 * from rollups the import maintains (never a GROUP BY over raw messages at
 * request time).
 */

import type { ProposalKind, ProposalStatus, QueueItemKind, QueueItemStatus } from './proposals';
import type { ResponseType } from './reports';

export interface QualityFigures {
  messages: number;
  sessions: number;
  byResponseType: Record<ResponseType, number>;
  /** answered ÷ (all − chit-chat − invalid); null when the denominator is 0 */
  answerRate: number | null;
  /** 滿意 ÷ rated; null when nothing was rated */
  satisfactionRate: number | null;
  rated: number;
  satisfied: number;
  handedOff: number;
  /** handed off ÷ messages */
  handOffRate: number | null;
}

export interface QualityMonthDto extends QualityFigures {
  /** YYYY-MM */
  month: string;
  /** The same figures of the month before and of the same month a year earlier, when imported */
  previous: QualityFigures | null;
  lastYear: QualityFigures | null;
}

export interface QualityDto {
  filters: { from: string; to: string; channel: string | null; category: string | null };
  months: QualityMonthDto[];
  channels: string[];
  categories: string[];
}

export interface QualityDayDto extends QualityFigures {
  /** YYYY-MM-DD */
  day: string;
}

export interface QualityBreakdownDto {
  month: string;
  byChannel: (QualityFigures & { channel: string })[];
  byCategory: (QualityFigures & { category: string })[];
}

export interface ItemMonthDto {
  kbItemId: string;
  question: string;
  category: string;
  ownerUnitCode: string | null;
  hits: number;
  rated: number;
  satisfied: number;
  satisfactionRate: number | null;
}

/** A miss cluster of a month, as the dashboards list it. */
export interface DashboardMissDto {
  id: number;
  cycleId: number;
  representative: string;
  /** Misses (messages) in the month */
  size: number;
  /** Consecutive months it has come back, this one included */
  recurringMonths: number;
  /** First seen this month (no cluster of the month before matched it) */
  isNew: boolean;
  unitCode: string | null;
  unitName: string | null;
  status: QueueItemStatus;
}

/** The month's misses: the largest clusters, the newly appearing ones, the recurring ones. */
export interface MissesMonthDto {
  month: string;
  /** The month's cycle; null when its report has no cycle (yet) */
  cycleId: number | null;
  clusters: number;
  misses: number;
  newClusters: number;
  recurringClusters: number;
  largest: DashboardMissDto[];
  appeared: DashboardMissDto[];
  recurring: DashboardMissDto[];
}

/** A published item with no hits in the months considered: a candidate for deletion. */
export interface IdleItemDto {
  kbItemId: string;
  question: string;
  category: string;
  ownerUnitCode: string | null;
  ownerUnitName: string | null;
  /** The last month with a hit, among every imported month; null when never */
  lastHitMonth: string | null;
  /** An open (not applied, not deferred) delete proposal already on the item */
  openDeleteProposalId: number | null;
}

export interface CategoryChangeDto {
  category: string;
  hits: number;
  previousHits: number;
  /** hits − previousHits */
  change: number;
  satisfactionRate: number | null;
  previousSatisfactionRate: number | null;
}

/** Knowledge items for a month: hits per item over the recent months, idle items, categories that gained or lost. */
export interface ItemsOverviewDto {
  month: string;
  /** Imported months ending with `month`, oldest first (at most 6): the columns of `items[].hits` */
  months: string[];
  items: (ItemMonthDto & { hitsByMonth: number[] })[];
  /** The three months the idle list looks at; empty when fewer than three are imported */
  idleMonths: string[];
  idle: IdleItemDto[];
  /** Against the month before (empty when it was not imported), largest change first */
  categories: CategoryChangeDto[];
  /** The cycle a delete proposal made from this page goes to (the month's cycle, else the irregular one) */
  proposalCycleId: number | null;
}

export interface ProgressCountsDto {
  assigned: number;
  done: number;
  open: number;
  overdue: number;
}

export interface ProgressUnitDto extends ProgressCountsDto {
  unitCode: string;
  unitName: string;
  proposals: Record<ProposalKind, number>;
  proposalStatus: Partial<Record<ProposalStatus, number>>;
  /** The unit's 資料檢視清單: draft / submitted / returned / approved; null when none yet */
  listStatus: string | null;
  submittedAt: string | null;
  approvedAt: string | null;
  /** Mean days from the cycle's announcement (routing) to each proposal answering a queue item; null when none */
  daysToProposal: number | null;
  /** Days from the list's submission to its approval; null until approved */
  daysToApproval: number | null;
}

export interface ProgressContactDto extends ProgressCountsDto {
  /** null: items nobody has claimed yet */
  userId: number | null;
  account: string | null;
  name: string | null;
  unitCode: string;
}

export interface OverdueItemDto {
  kind: QueueItemKind;
  id: number;
  title: string;
  unitCode: string;
  unitName: string;
  status: QueueItemStatus;
  claimedBy: { account: string; name: string } | null;
  /** Who to chase: the claimant, else the unit's knowledge contacts */
  chase: { account: string; name: string; email: string | null; extension: string | null }[];
  /** Office workdays past the due date */
  workdaysOverdue: number;
}

export interface BurndownDto {
  /** YYYY-MM-DD from the announcement to the later of the due date and today (or the close) */
  days: string[];
  /** Items still open at the end of each day; null for days still to come */
  open: (number | null)[];
  /** A straight line from every item at the announcement to none on the due date */
  ideal: (number | null)[];
}

export interface ProgressDto {
  cycle: { id: number; label: string; month: string | null; dueDate: string | null; announcedAt: string | null; closedAt: string | null };
  /** Cycles the reader may pick, newest first */
  cycles: { id: number; label: string; month: string | null }[];
  /** The unit filter applied (a knowledge contact or unit head is held to their own unit) */
  unitCode: string | null;
  today: string;
  totals: ProgressCountsDto;
  units: ProgressUnitDto[];
  contacts: ProgressContactDto[];
  proposalsByKindStatus: { kind: ProposalKind; status: ProposalStatus; count: number }[];
  burndown: BurndownDto;
  overdue: OverdueItemDto[];
}

export type EffectVerdict = 'improved' | 'unchanged' | 'worse' | 'pending';
export const EFFECT_VERDICTS: readonly EffectVerdict[] = ['improved', 'unchanged', 'worse', 'pending'];

/** How a verdict is reached: the mean monthly misses after against before. */
export const EFFECT_RULE = {
  /** Months looked at on each side */
  months: 3,
  /** change ≤ −30 % → improved */
  improvedAtMost: -0.3,
  /** change ≥ +20 % (and at least 2 more misses a month) → worse */
  worseAtLeast: 0.2,
} as const;

export interface EffectRowDto {
  proposalId: number;
  cycleId: number;
  cycleLabel: string;
  unitCode: string;
  unitName: string;
  kind: ProposalKind;
  /** The item changed (for an added one, its new id) */
  kbItemId: string | null;
  title: string;
  appliedAt: string;
  appliedMonth: string;
  sourceClusterId: number;
  sourceRepresentative: string;
  /** Distinct wordings of the source cluster(s) that are followed */
  wordings: number;
  before: { month: string; misses: number }[];
  after: { month: string; misses: number }[];
  beforeMean: number;
  afterMean: number | null;
  /** (after − before) ÷ before; null when pending or before is 0 */
  change: number | null;
  verdict: EffectVerdict;
  /** Sent back to the owning unit's queue */
  sentBack: { kind: QueueItemKind; id: number; at: string; by: string } | null;
}

export interface EffectDto {
  rows: EffectRowDto[];
  counts: Record<EffectVerdict, number>;
  rule: typeof EFFECT_RULE;
}

export interface SendBackResultDto {
  kind: QueueItemKind;
  id: number;
  cycleId: number;
}

/** The service section's one printable page for a month. */
export interface MonthlySummaryDto {
  month: string;
  generatedAt: string;
  quality: QualityMonthDto | null;
  cycle: {
    id: number;
    label: string;
    dueDate: string | null;
    announcedAt: string | null;
    closedAt: string | null;
    changeSetSentAt: string | null;
  } | null;
  /** The cycle's proposals per unit */
  changes: {
    unitCode: string;
    unitName: string;
    add: number;
    modify: number;
    delete: number;
    approved: number;
    applied: number;
    deferred: number;
    listStatus: string | null;
  }[];
  /** Queue items of the cycle not yet answered, per unit */
  open: { unitCode: string; unitName: string; open: number; claimed: number; overdue: number }[];
  misses: MissesMonthDto | null;
  /** Verdicts on the changes this month's report judged (their first month after being applied) */
  effect: Record<EffectVerdict, number>;
}

/** The formats every export offers: CSV, XLSX and ODS (OpenDocument, the government's document standard). */
export const EXPORT_FORMATS = ['csv', 'xlsx', 'ods'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A table the browser built (a chart's numbers, a dashboard list), to be written as XLSX or ODS by the server. */
export interface TableExportRequest {
  /** File name without extension */
  fileName: string;
  /** Sheet name (≤ 31 characters) */
  sheet?: string;
  headers: string[];
  rows: (string | number | null)[][];
}

export const DASHBOARD_ROUTES = {
  quality: '/api/dashboard/quality',
  days: (month: string) => `/api/dashboard/quality/${month}/days`,
  breakdown: (month: string) => `/api/dashboard/quality/${month}/breakdown`,
  items: (month: string) => `/api/dashboard/items/${month}`,
  itemsOverview: (month: string) => `/api/dashboard/items/${month}/overview`,
  misses: (month: string) => `/api/dashboard/misses/${month}`,
  /** ?cycle=&unit= */
  progress: '/api/dashboard/progress',
  /** ?cycle=&unit=&verdict= */
  effect: '/api/dashboard/effect',
  sendBack: (proposalId: number) => `/api/dashboard/effect/${proposalId}/send-back`,
  summary: (month: string) => `/api/dashboard/summary/${month}`,
  /** POST TableExportRequest → .xlsx */
  exportXlsx: '/api/exports/xlsx',
  /** POST TableExportRequest → .ods (OpenDocument) */
  exportOds: '/api/exports/ods',
} as const;
