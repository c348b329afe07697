import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { CONSOLIDATION_ROUTES, type ConsolidationDto, type ReconcileResultDto, Role } from '@tunedesk/contracts';
import type { Observable } from 'rxjs';
import { FORM_STATUSES } from '../auth/auth.service';
import { HANDLED_STATUSES } from '../http/error.interceptor';
import { TABLE_FILE_EXTENSIONS, acceptsTableFile } from '../shared/upload/table-files';

/** Who may open the page: the service section works it, the group leader, administrator and auditor read it. */
export const CONSOLIDATION_READER_ROLES: readonly Role[] = [Role.ServiceSection, Role.GroupLeader, Role.SystemAdmin, Role.Auditor];
/** Who sees the buttons: reorder, mark sent, defer, carry, apply, reconcile. The server checks again. */
export const CONSOLIDATION_EDITOR_ROLES: readonly Role[] = [Role.ServiceSection];

export type ChangeSetFormat = 'csv' | 'xlsx' | 'ods';
/** One row of the change set. */
export type ChangeDto = ConsolidationDto['changes'][number];

/** What the vendor's bank upload takes. */
export const BANK_EXTENSIONS = TABLE_FILE_EXTENSIONS;

export const acceptsBankFile = acceptsTableFile;

/** The page shows these failures itself: CHANGE_SET_SENT, PROPOSAL_STATE, CYCLE_CLOSED, a refused file… */
const IN_PAGE = { context: new HttpContext().set(HANDLED_STATUSES, [...FORM_STATUSES, 413, 415]) };
/** An unknown cycle, or one the user may not see, is shown as such on the page. */
const NOT_FOUND_IN_PAGE = { context: new HttpContext().set(HANDLED_STATUSES, [403, 404]) };

@Injectable({ providedIn: 'root' })
export class ConsolidationApi {
  private readonly http = inject(HttpClient);

  overview(cycleId: number): Observable<ConsolidationDto> {
    return this.http.get<ConsolidationDto>(CONSOLIDATION_ROUTES.overview(cycleId), NOT_FOUND_IN_PAGE);
  }

  /** The whole change set in its new order (204). */
  saveOrder(cycleId: number, proposalIds: readonly number[]): Observable<void> {
    return this.http.put<void>(CONSOLIDATION_ROUTES.order(cycleId), { proposalIds: [...proposalIds] }, IN_PAGE);
  }

  /** A plain link: the browser downloads the file with the session cookie. */
  changeSetHref(cycleId: number, format: ChangeSetFormat): string {
    return CONSOLIDATION_ROUTES.changeSet(cycleId, format);
  }

  /** 409 CHANGE_SET_SENT when someone marked it already. */
  markSent(cycleId: number): Observable<void> {
    return this.http.post<void>(CONSOLIDATION_ROUTES.sent(cycleId), {}, IN_PAGE);
  }

  defer(proposalId: number, reason: string): Observable<void> {
    return this.http.post<void>(CONSOLIDATION_ROUTES.defer(proposalId), { reason }, IN_PAGE);
  }

  /** A change deferred earlier joins this cycle. */
  carry(proposalId: number, cycleId: number): Observable<void> {
    return this.http.post<void>(CONSOLIDATION_ROUTES.carry(proposalId), { cycleId }, IN_PAGE);
  }

  apply(proposalId: number): Observable<void> {
    return this.http.post<void>(CONSOLIDATION_ROUTES.apply(proposalId), {}, IN_PAGE);
  }

  /** The vendor's updated bank, as multipart field `file`. */
  reconcile(cycleId: number, file: File): Observable<ReconcileResultDto> {
    const body = new FormData();
    body.append('file', file, file.name);
    return this.http.post<ReconcileResultDto>(CONSOLIDATION_ROUTES.reconcile(cycleId), body, IN_PAGE);
  }
}
