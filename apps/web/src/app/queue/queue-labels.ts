import {
  CLOSE_REASONS,
  type CloseReason,
  KbItemStatus,
  type MeDto,
  type QueueItemDto,
  type QueueItemKind,
  type QueueItemStatus,
  Role,
} from '@tunedesk/contracts';
import { KB_STATUS_BADGE, KB_STATUS_LABEL } from '../knowledge/kb-labels';
import type { MessageKey } from '../i18n/messages';

export const QUEUE_KINDS: readonly QueueItemKind[] = ['cluster', 'review'];
export const QUEUE_STATUSES: readonly QueueItemStatus[] = ['open', 'claimed', 'proposed', 'closed'];

/** The longest note or reason the forms take (the server keeps 500). */
export const QUEUE_TEXT_MAX = 500;

export const QUEUE_KIND_LABEL: Record<QueueItemKind, MessageKey> = {
  cluster: 'queue.kind.cluster',
  review: 'queue.kind.review',
};

export const QUEUE_STATUS_LABEL: Record<QueueItemStatus, MessageKey> = {
  open: 'queue.status.open',
  claimed: 'queue.status.claimed',
  proposed: 'queue.status.proposed',
  closed: 'queue.status.closed',
};

/** Waiting is blue, in someone's hands amber, answered by a proposal green, closed grey. */
export const QUEUE_STATUS_BADGE: Record<QueueItemStatus, string> = {
  open: 'td-badge--info',
  claimed: 'td-badge--warning',
  proposed: 'td-badge--ok',
  closed: 'td-badge--muted',
};

export const QUEUE_STATUS_ICON: Record<QueueItemStatus, string> = {
  open: 'radio_button_unchecked',
  claimed: 'person',
  proposed: 'edit_note',
  closed: 'task_alt',
};

/** The labels of CLOSE_REASON_LABELS (zh-TW), in both languages. */
export const CLOSE_REASON_LABEL: Record<CloseReason, MessageKey> = {
  'chit-chat': 'queue.closeReason.chit-chat',
  'not-ours': 'queue.closeReason.not-ours',
  'already-answered': 'queue.closeReason.already-answered',
  'vendor-issue': 'queue.closeReason.vendor-issue',
  other: 'queue.closeReason.other',
};

/**
 * Open, but its wording was answered by an approved or applied proposal of an
 * earlier month: shown as 先前已答覆, not as 待處理 (new work).
 */
export function isAnsweredBefore(item: QueueItemDto): boolean {
  return item.status === 'open' && !!item.answeredBefore;
}

export function isQueueKind(value: string | null | undefined): value is QueueItemKind {
  return value === 'cluster' || value === 'review';
}

export function isQueueStatus(value: string | null | undefined): value is QueueItemStatus {
  return value === 'open' || value === 'claimed' || value === 'proposed' || value === 'closed';
}

export function isCloseReason(value: string | null | undefined): value is CloseReason {
  return (CLOSE_REASONS as readonly string[]).includes(value ?? '');
}

/** An item of the queue by kind and id. */
export interface QueueRef {
  kind: QueueItemKind;
  id: number;
}

/** "cluster:77": the key of an item in sets, the address and sessionStorage. */
export function queueKey(ref: QueueRef): string {
  return `${ref.kind}:${ref.id}`;
}

/** "review:501" → { kind: 'review', id: 501 }; anything else → null. */
export function parseQueueKey(key: string): QueueRef | null {
  const match = /^(cluster|review):(\d+)$/.exec(key);
  return match ? { kind: match[1] as QueueItemKind, id: Number(match[2]) } : null;
}

/**
 * Who may work the item: the group leader every unit's and the triage queue,
 * a knowledge contact their own unit's. Everyone else reads. The server checks the same again.
 */
export function canWork(me: MeDto | null, item: Pick<QueueItemDto, 'unitCode'>): boolean {
  if (!me) return false;
  if (me.roles.includes(Role.GroupLeader)) return true;
  return item.unitCode !== null && me.roles.includes(Role.KnowledgeContact) && me.unitCode === item.unitCode;
}

/** True when the user works any queue at all (checkboxes, bulk actions). */
export function worksQueues(me: MeDto | null): boolean {
  return !!me && (me.roles.includes(Role.GroupLeader) || me.roles.includes(Role.KnowledgeContact));
}

/** The item is in the signed-in user's hands. */
export function isMine(me: MeDto | null, item: Pick<QueueItemDto, 'claimedBy'>): boolean {
  return !!me && !!item.claimedBy && item.claimedBy.account === me.account;
}

/** The query of the proposal form for the item: its cycle, the item as the source and, when it has one, the bank item. */
export function proposalQueryParams(item: Pick<QueueItemDto, 'cycleId' | 'kind' | 'id' | 'kbItemId'>): Record<string, string | number> {
  const params: Record<string, string | number> = { cycle: item.cycleId, source: queueKey(item) };
  if (item.kbItemId) params['item'] = item.kbItemId;
  return params;
}

/** A bank item's status as a label key and a badge; an unknown status is shown as it is. */
export function kbStatusLabel(status: string): MessageKey | null {
  return status === KbItemStatus.Published || status === KbItemStatus.Disabled ? KB_STATUS_LABEL[status] : null;
}

export function kbStatusBadge(status: string): string {
  return status === KbItemStatus.Published || status === KbItemStatus.Disabled ? KB_STATUS_BADGE[status] : 'td-badge--muted';
}

/** Inputs that take no typed text: a shortcut still works while one of them has focus. */
const NOT_TEXT = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file']);

/** Where the keyboard is typing text, a letter is a character, not a shortcut. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !NOT_TEXT.has(target.type);
  return (
    target.isContentEditable ||
    target.tagName === 'TEXTAREA' ||
    target.tagName === 'SELECT' ||
    target.getAttribute('role') === 'combobox' ||
    !!target.closest('mat-select, [role="listbox"], [role="dialog"]')
  );
}

/** A shortcut key pressed on its own: no Ctrl, Alt or ⌘ (Shift only for capitals is not one either). */
export function isPlainKey(event: KeyboardEvent): boolean {
  return !event.ctrlKey && !event.metaKey && !event.altKey && !event.shiftKey;
}
