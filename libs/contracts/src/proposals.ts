/**
 * The tuning loop after the import: a contact's queue (clusters and review
 * items of the unit), proposals (新增 / 修改 / 刪除), the unit's 資料檢視清單
 * (附件二) signed off by the unit head, and the service section's consolidation.
 */

import type { ClusterSuggestionDto, ResponseType } from './reports';
import type { AnsweredBeforeDto } from './queue';
import type { ReviewReason } from './tuning';

export type QueueItemKind = 'cluster' | 'review';
export type QueueItemStatus = 'open' | 'claimed' | 'proposed' | 'closed';

/** Why an item was closed with no change to the bank. */
export const CLOSE_REASONS = ['chit-chat', 'not-ours', 'already-answered', 'vendor-issue', 'other'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];
export const CLOSE_REASON_LABELS: Record<CloseReason, string> = {
  'chit-chat': '閒聊',
  'not-ours': '非本局業務',
  'already-answered': '已有答案',
  'vendor-issue': '廠商系統問題',
  other: '其他',
};

export interface QueueItemDto {
  kind: QueueItemKind;
  id: number;
  cycleId: number;
  cycleLabel: string;
  /** null: the group leader's triage queue */
  unitCode: string | null;
  unitName: string | null;
  /** The cluster's representative wording, or the review item's question */
  title: string;
  /** Messages (clusters); 0 for review items */
  size: number;
  recurringMonths: number;
  /** messages × months recurring: the queue's order */
  impact: number;
  status: QueueItemStatus;
  claimedBy: { account: string; name: string } | null;
  claimedAt: string | null;
  closeReason: CloseReason | null;
  closeNote: string | null;
  /** The unit it came from, when it was reassigned */
  reassignedFrom: string | null;
  reassignReason: string | null;
  suggestions: ClusterSuggestionDto[];
  reviewReasons: ReviewReason[];
  kbItemId: string | null;
  category: string | null;
  /** A wording of the item was answered by an approved or applied proposal of an earlier month (not new work). */
  answeredBefore?: AnsweredBeforeDto | null;
}

export interface QueueQuery {
  cycle?: number;
  kind?: QueueItemKind;
  status?: QueueItemStatus;
  recurring?: boolean;
  category?: string;
  q?: string;
  /** 'triage' for the group leader's queue; a unit code for all-unit roles */
  unit?: string;
}

export interface QueueItemDetailDto extends QueueItemDto {
  /** Most typed first; `suggested`: the wording's own nearest items, when they differ from the cluster's. */
  wordings: { text: string; count: number; suggested?: string[] }[];
  /** 0–1: how sure the grouping is (clusters; null for review items and clusters built before it was kept). */
  confidence: number | null;
  /** `item`: matched to an existing item; `topic`: a new topic grouped by similarity; null: unknown. */
  basis: 'item' | 'topic' | null;
  examples: { sessionId: string | null; channel: string | null; askedAt: string; question: string; responseType: ResponseType }[];
  /** The current answer of each suggested item (and of the review item), side by side */
  items: { id: string; question: string; answer: string; alternates: string[]; ownerUnitCode: string | null; status: string }[];
  /** The list a proposal from here would go on (the user's unit, this cycle); null when the user writes no proposals. */
  listState?: ProposalListStateDto | null;
}

export interface CloseRequest {
  reason: CloseReason;
  note?: string | null;
}

export interface ReassignRequest {
  unitCode: string;
  reason: string;
}

/** Moves some of a cluster's wordings out into a new cluster of the same queue. */
export interface SplitClusterRequest {
  /** The wording texts to move out: at least one, not all. */
  wordings: string[];
}

export interface BulkQueueRequest {
  action: 'close' | 'reassign';
  items: { kind: QueueItemKind; id: number }[];
  reason?: CloseReason;
  note?: string | null;
  unitCode?: string;
  reassignReason?: string;
}

export interface BulkQueueResultDto {
  done: { kind: QueueItemKind; id: number }[];
  failed: { kind: QueueItemKind; id: number; code: string; message: { 'zh-TW': string; en: string } }[];
}

export type ProposalKind = 'add' | 'modify' | 'delete';
export const PROPOSAL_KIND_LABELS: Record<ProposalKind, string> = { add: '新增', modify: '修改', delete: '刪除' };

export type ProposalStatus = 'draft' | 'submitted' | 'returned' | 'approved' | 'deferred' | 'applied';

export interface ProposalContent {
  category: string;
  question: string;
  alternates: string[];
  answer: string;
  keywords: string[];
  ownerUnitCode: string;
}

export interface ProposalInput {
  cycleId: number;
  kind: ProposalKind;
  /** modify / delete: the item */
  kbItemId?: string | null;
  /** add / modify: the item as it should be */
  content?: ProposalContent | null;
  reason: string;
  /** The queue item the proposal answers, if any (its wordings are attached as the reason) */
  source?: { kind: QueueItemKind; id: number } | null;
}

export type ProposalWarningCode = 'alternate-in-use' | 'near-duplicate' | 'open-proposal' | 'past-year';

export interface ProposalWarning {
  code: ProposalWarningCode;
  message: { 'zh-TW': string; en: string };
  /** The item or proposal it concerns */
  ref: string | null;
}

export interface ProposalDto {
  id: number;
  cycleId: number;
  unitCode: string;
  kind: ProposalKind;
  kbItemId: string | null;
  /** For modify / delete: the item as it is now */
  before: ProposalContent | null;
  content: ProposalContent | null;
  reason: string;
  source: { kind: QueueItemKind; id: number; title: string } | null;
  status: ProposalStatus;
  returnComment: string | null;
  deferReason: string | null;
  warnings: ProposalWarning[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export type ListStatus = 'not-started' | 'in-progress' | 'submitted' | 'returned' | 'approved';

/** A unit's 資料檢視清單 (附件二) for a cycle. */
export interface ProposalListDto {
  cycleId: number;
  cycleLabel: string;
  unitCode: string;
  unitName: string;
  status: ListStatus;
  submittedBy: { account: string; name: string } | null;
  submittedAt: string | null;
  approvedBy: { account: string; name: string } | null;
  approvedAt: string | null;
  proposals: ProposalDto[];
}

/**
 * Whether a new proposal can still go on a unit's list of a cycle, and if
 * not, where it goes instead (the 不定期調校 cycle, else the next month's).
 */
export interface ProposalListStateDto {
  cycleId: number;
  cycleLabel: string;
  unitCode: string;
  unitName: string;
  status: ListStatus;
  /** false once the list is submitted (已送出) or approved (已核定): no new proposal goes on it. */
  open: boolean;
  submittedAt: string | null;
  approvedAt: string | null;
  /** Where a new proposal goes while this list is closed; null when it is open or there is nowhere open. */
  instead: { cycleId: number; cycleLabel: string; kind: 'regular' | 'irregular'; dueDate: string | null } | null;
}

export interface ReturnListRequest {
  /** proposal id → the unit head's comment; at least one */
  comments: Record<string, string>;
}

export const PROPOSAL_ROUTES = {
  queue: '/api/queue',
  queueItem: (kind: QueueItemKind, id: number) => `/api/queue/${kind}/${id}`,
  claim: (kind: QueueItemKind, id: number) => `/api/queue/${kind}/${id}/claim`,
  release: (kind: QueueItemKind, id: number) => `/api/queue/${kind}/${id}/release`,
  close: (kind: QueueItemKind, id: number) => `/api/queue/${kind}/${id}/close`,
  reassign: (kind: QueueItemKind, id: number) => `/api/queue/${kind}/${id}/reassign`,
  bulk: '/api/queue/bulk',
  merge: (id: number) => `/api/queue/cluster/${id}/merge`,
  split: (id: number) => `/api/queue/cluster/${id}/split`,
  proposals: '/api/proposals',
  proposal: (id: number) => `/api/proposals/${id}`,
  warnings: '/api/proposals/warnings',
  list: (cycleId: number, unitCode: string) => `/api/cycles/${cycleId}/lists/${unitCode}`,
  /** The signed-in proposer's own unit list of the cycle: open or closed, and where to go instead. */
  listState: (cycleId: number) => `/api/cycles/${cycleId}/list-state`,
  lists: (cycleId: number) => `/api/cycles/${cycleId}/lists`,
  submit: (cycleId: number, unitCode: string) => `/api/cycles/${cycleId}/lists/${unitCode}/submit`,
  approve: (cycleId: number, unitCode: string) => `/api/cycles/${cycleId}/lists/${unitCode}/approve`,
  returnList: (cycleId: number, unitCode: string) => `/api/cycles/${cycleId}/lists/${unitCode}/return`,
} as const;

/** The service section's view of a cycle (服務科彙整). */
export interface ConsolidationDto {
  cycleId: number;
  cycleLabel: string;
  dueDate: string | null;
  changeSetSentAt: string | null;
  changeSetSentBy: string | null;
  closedAt: string | null;
  units: { unitCode: string; unitName: string; status: ListStatus; proposals: number; approved: number }[];
  /** Approved, applied and deferred changes of this cycle, in change-set order */
  changes: (ProposalDto & { seq: number | null; newItemId: string | null; appliedAt: string | null; reconcileNote: string | null })[];
  /** Changes deferred in earlier cycles, which can be carried into this one */
  carriedOver: ProposalDto[];
}

export interface ReconcileResultDto {
  fileName: string;
  created: number;
  updated: number;
  /** Changes now present in the vendor's bank (marked applied) */
  applied: number[];
  /** Changes not found, or found different: each with what was seen */
  flagged: { proposalId: number; kbItemId: string | null; problem: 'missing' | 'different'; detail: string }[];
  closed: boolean;
}

export const CONSOLIDATION_ROUTES = {
  overview: (cycleId: number) => `/api/cycles/${cycleId}/consolidation`,
  order: (cycleId: number) => `/api/cycles/${cycleId}/change-set/order`,
  changeSet: (cycleId: number, format: 'csv' | 'xlsx' | 'ods') => `/api/cycles/${cycleId}/change-set?format=${format}`,
  sent: (cycleId: number) => `/api/cycles/${cycleId}/change-set/sent`,
  reconcile: (cycleId: number) => `/api/cycles/${cycleId}/reconcile`,
  defer: (proposalId: number) => `/api/proposals/${proposalId}/defer`,
  carry: (proposalId: number) => `/api/proposals/${proposalId}/carry`,
  apply: (proposalId: number) => `/api/proposals/${proposalId}/apply`,
} as const;
