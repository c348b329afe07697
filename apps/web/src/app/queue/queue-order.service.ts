import { DOCUMENT, Injectable, computed, inject, signal } from '@angular/core';
import { type QueueRef, parseQueueKey, queueKey } from './queue-labels';

export const QUEUE_ORDER_STORAGE_KEY = 'td.queue.order';

/** The last list the user saw: the items in its order, where it was, and the item opened last. */
interface QueueOrderState {
  keys: string[];
  listUrl: string;
  last: string | null;
}

export interface QueuePosition {
  /** 1-based */
  index: number;
  total: number;
  previous: QueueRef | null;
  next: QueueRef | null;
}

const EMPTY: QueueOrderState = { keys: [], listUrl: '/queue', last: null };

function isState(value: unknown): value is QueueOrderState {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<QueueOrderState>;
  return (
    Array.isArray(candidate.keys) &&
    candidate.keys.every((key) => typeof key === 'string') &&
    typeof candidate.listUrl === 'string' &&
    (candidate.last === null || typeof candidate.last === 'string')
  );
}

/**
 * The order of the queue as last listed, so that the item page can go to the
 * next and the previous item (n / p) and back to the same list. Kept in
 * sessionStorage: it survives a reload of the tab, not the next session.
 */
@Injectable({ providedIn: 'root' })
export class QueueOrderService {
  private readonly document = inject(DOCUMENT);
  private readonly state = signal<QueueOrderState>(this.read());

  /** The list's address (with its filters), for "back to the queue". */
  readonly listUrl = computed(() => this.state().listUrl);
  /** The key of the item opened last, so the list can put its cursor there again. */
  readonly last = computed(() => this.state().last);

  remember(items: readonly QueueRef[], listUrl: string): void {
    this.write({ ...this.state(), keys: items.map(queueKey), listUrl: listUrl.startsWith('/queue') ? listUrl : '/queue' });
  }

  opened(ref: QueueRef): void {
    this.write({ ...this.state(), last: queueKey(ref) });
  }

  /** Where the item is in the last list, or null when it is not in it (opened from a notification). */
  position(ref: QueueRef): QueuePosition | null {
    const { keys } = this.state();
    const at = keys.indexOf(queueKey(ref));
    if (at < 0) return null;
    return {
      index: at + 1,
      total: keys.length,
      previous: at > 0 ? parseQueueKey(keys[at - 1]) : null,
      next: at < keys.length - 1 ? parseQueueKey(keys[at + 1]) : null,
    };
  }

  private read(): QueueOrderState {
    try {
      const raw = this.document.defaultView?.sessionStorage.getItem(QUEUE_ORDER_STORAGE_KEY);
      const parsed: unknown = raw ? JSON.parse(raw) : null;
      return isState(parsed) ? parsed : EMPTY;
    } catch {
      return EMPTY;
    }
  }

  private write(state: QueueOrderState): void {
    this.state.set(state);
    try {
      this.document.defaultView?.sessionStorage.setItem(QUEUE_ORDER_STORAGE_KEY, JSON.stringify(state));
    } catch {
      // Storage can be disabled by policy; the order then lasts for this page only.
    }
  }
}
