import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  PROPOSAL_ROUTES,
  type ProposalDto,
  type ProposalInput,
  type ProposalListDto,
  type ProposalListStateDto,
  type ProposalWarning,
  type QueueItemDetailDto,
  type QueueItemKind,
  type ReturnListRequest,
} from '@tunedesk/contracts';
import type { Observable } from 'rxjs';
import { FORM_STATUSES } from '../auth/auth.service';
import { HANDLED_STATUSES } from '../http/error.interceptor';

/** Failures the form and the list show in place: a refused field, LIST_LOCKED, QUEUE_ITEM_CLAIMED, LIST_STATE… */
const IN_PAGE = { context: new HttpContext().set(HANDLED_STATUSES, FORM_STATUSES) };
/** An unknown proposal or list is shown as such on the page, not as a snackbar. */
const NOT_FOUND_IN_PAGE = { context: new HttpContext().set(HANDLED_STATUSES, [403, 404]) };
/** The warnings are advice: when they cannot be had the form just goes without them. */
const QUIET = { context: new HttpContext().set(HANDLED_STATUSES, [0, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504]) };

@Injectable({ providedIn: 'root' })
export class ProposalsApi {
  private readonly http = inject(HttpClient);

  /** A new draft on the signed-in contact's unit list (201). */
  create(input: ProposalInput): Observable<ProposalDto> {
    return this.http.post<ProposalDto>(PROPOSAL_ROUTES.proposals, input, IN_PAGE);
  }

  /** Only while the proposal is a draft or was returned (409 PROPOSAL_LOCKED otherwise). */
  update(id: number, input: ProposalInput): Observable<ProposalDto> {
    return this.http.put<ProposalDto>(PROPOSAL_ROUTES.proposal(id), input, IN_PAGE);
  }

  get(id: number): Observable<ProposalDto> {
    return this.http.get<ProposalDto>(PROPOSAL_ROUTES.proposal(id), NOT_FOUND_IN_PAGE);
  }

  /** A draft only (204). */
  remove(id: number): Observable<void> {
    return this.http.delete<void>(PROPOSAL_ROUTES.proposal(id), IN_PAGE);
  }

  /** What the draft would be warned about; they never block saving. */
  warnings(input: ProposalInput): Observable<ProposalWarning[]> {
    return this.http.post<ProposalWarning[]>(PROPOSAL_ROUTES.warnings, input, QUIET);
  }

  /** Every unit's list of the cycle that the user may see. */
  lists(cycleId: number): Observable<ProposalListDto[]> {
    return this.http.get<ProposalListDto[]>(PROPOSAL_ROUTES.lists(cycleId));
  }

  list(cycleId: number, unitCode: string): Observable<ProposalListDto> {
    return this.http.get<ProposalListDto>(PROPOSAL_ROUTES.list(cycleId, unitCode), NOT_FOUND_IN_PAGE);
  }

  /** The knowledge contact sends the list to the unit head (409 LIST_EMPTY / LIST_STATE). */
  submit(cycleId: number, unitCode: string): Observable<ProposalListDto> {
    return this.http.post<ProposalListDto>(PROPOSAL_ROUTES.submit(cycleId, unitCode), {}, IN_PAGE);
  }

  /** 核章 by the unit head (409 LIST_STATE unless submitted). */
  approve(cycleId: number, unitCode: string): Observable<ProposalListDto> {
    return this.http.post<ProposalListDto>(PROPOSAL_ROUTES.approve(cycleId, unitCode), {}, IN_PAGE);
  }

  /** 退回 with the unit head's comment on at least one proposal. */
  returnList(cycleId: number, unitCode: string, request: ReturnListRequest): Observable<ProposalListDto> {
    return this.http.post<ProposalListDto>(PROPOSAL_ROUTES.returnList(cycleId, unitCode), request, IN_PAGE);
  }

  /** The signed-in proposer's own list of the cycle: open, or closed and where a proposal goes instead. */
  listState(cycleId: number): Observable<ProposalListStateDto> {
    return this.http.get<ProposalListStateDto>(PROPOSAL_ROUTES.listState(cycleId), NOT_FOUND_IN_PAGE);
  }

  /** The queue item a proposal answers: its wordings start the reason. */
  queueItem(kind: QueueItemKind, id: number): Observable<QueueItemDetailDto> {
    return this.http.get<QueueItemDetailDto>(PROPOSAL_ROUTES.queueItem(kind, id), NOT_FOUND_IN_PAGE);
  }
}
