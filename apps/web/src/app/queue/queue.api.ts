import { HttpClient, HttpContext, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  type BulkQueueRequest,
  type BulkQueueResultDto,
  type CloseRequest,
  PROPOSAL_ROUTES,
  QUEUE_CYCLES_ROUTE,
  type QueueCyclesDto,
  type QueueItemDetailDto,
  type QueueItemDto,
  type QueueItemKind,
  type QueueQuery,
  type ReassignRequest,
} from '@tunedesk/contracts';
import type { Observable } from 'rxjs';
import { FORM_STATUSES } from '../auth/auth.service';
import { HANDLED_STATUSES } from '../http/error.interceptor';

/** The pages show these failures in place: a claim someone else holds (409), a note left out (422)… */
const IN_PAGE = { context: new HttpContext().set(HANDLED_STATUSES, FORM_STATUSES) };
/** An unknown item (or one reassigned away) is shown as such on the page, not as a snackbar. */
const NOT_FOUND_IN_PAGE = { context: new HttpContext().set(HANDLED_STATUSES, [404]) };

/** The queue's filters as query parameters; empty ones are left out. */
export function queueParams(query: QueueQuery): HttpParams {
  let params = new HttpParams();
  if (query.cycle !== undefined && Number.isInteger(query.cycle) && query.cycle > 0) params = params.set('cycle', query.cycle);
  if (query.kind) params = params.set('kind', query.kind);
  if (query.status) params = params.set('status', query.status);
  if (query.recurring) params = params.set('recurring', 'true');
  const category = query.category?.trim();
  if (category) params = params.set('category', category);
  const q = query.q?.trim();
  if (q) params = params.set('q', q);
  const unit = query.unit?.trim();
  if (unit) params = params.set('unit', unit);
  return params;
}

/** The work queues of the knowledge contacts and the group leader's triage queue. */
@Injectable({ providedIn: 'root' })
export class QueueApi {
  private readonly http = inject(HttpClient);

  /** Ordered by impact (messages × months recurring); without a cycle, the latest monthly one. */
  list(query: QueueQuery = {}): Observable<QueueItemDto[]> {
    return this.http.get<QueueItemDto[]>(PROPOSAL_ROUTES.queue, { params: queueParams(query) });
  }

  /**
   * The cycles the queue's picker offers the person, and the one the list
   * shows when none is chosen (the newest announced month with open work).
   * `unit`: 'triage' or a unit code, as for the list; none for one's own or every unit.
   */
  cycles(unit?: string): Observable<QueueCyclesDto> {
    const value = unit?.trim();
    return this.http.get<QueueCyclesDto>(QUEUE_CYCLES_ROUTE, value ? { params: new HttpParams().set('unit', value) } : {});
  }

  item(kind: QueueItemKind, id: number): Observable<QueueItemDetailDto> {
    return this.http.get<QueueItemDetailDto>(PROPOSAL_ROUTES.queueItem(kind, id), NOT_FOUND_IN_PAGE);
  }

  /** 409 QUEUE_ITEM_CLAIMED names who holds it. */
  claim(kind: QueueItemKind, id: number): Observable<QueueItemDto> {
    return this.http.post<QueueItemDto>(PROPOSAL_ROUTES.claim(kind, id), {}, IN_PAGE);
  }

  release(kind: QueueItemKind, id: number): Observable<QueueItemDto> {
    return this.http.post<QueueItemDto>(PROPOSAL_ROUTES.release(kind, id), {}, IN_PAGE);
  }

  close(kind: QueueItemKind, id: number, request: CloseRequest): Observable<QueueItemDto> {
    return this.http.post<QueueItemDto>(PROPOSAL_ROUTES.close(kind, id), request, IN_PAGE);
  }

  merge(id: number, intoId: number): Observable<QueueItemDto> {
    return this.http.post<QueueItemDto>(PROPOSAL_ROUTES.merge(id), { intoId }, IN_PAGE);
  }

  /** Moves the given wordings out into a new cluster; answers the new cluster. */
  split(id: number, wordings: string[]): Observable<QueueItemDto> {
    return this.http.post<QueueItemDto>(PROPOSAL_ROUTES.split(id), { wordings }, IN_PAGE);
  }

  reassign(kind: QueueItemKind, id: number, request: ReassignRequest): Observable<QueueItemDto> {
    return this.http.post<QueueItemDto>(PROPOSAL_ROUTES.reassign(kind, id), request, IN_PAGE);
  }

  /** Each item on its own: the answer lists the ones done and, with the reason, the ones that failed. */
  bulk(request: BulkQueueRequest): Observable<BulkQueueResultDto> {
    return this.http.post<BulkQueueResultDto>(PROPOSAL_ROUTES.bulk, request, IN_PAGE);
  }
}
