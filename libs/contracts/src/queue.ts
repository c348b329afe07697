/**
 * What a queue follows (issue 14): which tuning cycles a person may pick in
 * 我的待辦 and which one they start on, and a wording answered in an earlier
 * month.
 */

import type { ProposalKind } from './proposals';

/**
 * A queue item whose wording (normalised key) an approved or applied proposal
 * of an earlier month already answered: not new work, with a link to that
 * proposal.
 */
export interface AnsweredBeforeDto {
  proposalId: number;
  proposalKind: ProposalKind;
  status: 'approved' | 'applied';
  /** The item the proposal changed (or created, once applied) */
  kbItemId: string | null;
  cycleId: number;
  cycleLabel: string;
  /** YYYY-MM of the earlier cycle */
  month: string | null;
  unitCode: string;
  /** The wording both months share */
  wording: string;
}

/** A cycle the queue's picker offers the person. */
export interface QueueCycleDto {
  id: number;
  kind: 'regular' | 'irregular';
  month: string | null;
  label: string;
  dueDate: string | null;
  /** null: not announced (公告) yet; only the service section and the group leader see such a cycle. */
  announcedAt: string | null;
  /** Open items of the person's queue (their unit's, or the scope asked for) that are new work. */
  openCount: number;
}

export interface QueueCyclesDto {
  /** Newest first; the irregular cycle last. */
  cycles: QueueCycleDto[];
  /** The cycle the queue shows when none is chosen; null when there is none yet. */
  defaultCycleId: number | null;
}

export const QUEUE_CYCLES_ROUTE = '/api/queue/cycles';
