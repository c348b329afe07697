import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  type ImportProfileDto,
  type ImportProfileInput,
  type ReportFieldDto,
  type RoutingRuleDto,
  type RoutingRuleInput,
  type RoutingTestDto,
  type SynonymDto,
  type SynonymInput,
  TUNING_ROUTES,
} from '@tunedesk/contracts';
import type { Observable } from 'rxjs';
import { HANDLED_STATUSES } from '../http/error.interceptor';

/** Statuses the forms and tables of the settings page show in place: a refused field, a duplicate, a row gone meanwhile. */
const IN_PAGE = { context: new HttpContext().set(HANDLED_STATUSES, [400, 403, 404, 409, 422]) };

/** Import profiles, synonyms and keyword routing rules (調校設定). */
@Injectable({ providedIn: 'root' })
export class TuningApi {
  private readonly http = inject(HttpClient);

  /** Every column of the two report formats, with the header names accepted without a profile. */
  reportFields(): Observable<ReportFieldDto[]> {
    return this.http.get<ReportFieldDto[]>(TUNING_ROUTES.reportFields);
  }

  profiles(): Observable<ImportProfileDto[]> {
    return this.http.get<ImportProfileDto[]>(TUNING_ROUTES.profiles);
  }

  createProfile(input: ImportProfileInput): Observable<ImportProfileDto> {
    return this.http.post<ImportProfileDto>(TUNING_ROUTES.profiles, input, IN_PAGE);
  }

  updateProfile(id: number, input: ImportProfileInput): Observable<ImportProfileDto> {
    return this.http.put<ImportProfileDto>(TUNING_ROUTES.profile(id), input, IN_PAGE);
  }

  removeProfile(id: number): Observable<void> {
    return this.http.delete<void>(TUNING_ROUTES.profile(id), IN_PAGE);
  }

  synonyms(): Observable<SynonymDto[]> {
    return this.http.get<SynonymDto[]>(TUNING_ROUTES.synonyms);
  }

  createSynonym(input: SynonymInput): Observable<SynonymDto> {
    return this.http.post<SynonymDto>(TUNING_ROUTES.synonyms, input, IN_PAGE);
  }

  updateSynonym(id: number, input: SynonymInput): Observable<SynonymDto> {
    return this.http.put<SynonymDto>(TUNING_ROUTES.synonym(id), input, IN_PAGE);
  }

  removeSynonym(id: number): Observable<void> {
    return this.http.delete<void>(TUNING_ROUTES.synonym(id), IN_PAGE);
  }

  rules(): Observable<RoutingRuleDto[]> {
    return this.http.get<RoutingRuleDto[]>(TUNING_ROUTES.rules);
  }

  createRule(input: RoutingRuleInput): Observable<RoutingRuleDto> {
    return this.http.post<RoutingRuleDto>(TUNING_ROUTES.rules, input, IN_PAGE);
  }

  updateRule(id: number, input: RoutingRuleInput): Observable<RoutingRuleDto> {
    return this.http.put<RoutingRuleDto>(TUNING_ROUTES.rule(id), input, IN_PAGE);
  }

  removeRule(id: number): Observable<void> {
    return this.http.delete<void>(TUNING_ROUTES.rule(id), IN_PAGE);
  }

  /** What routing would do with a question no item matched; changes nothing. */
  testRouting(text: string): Observable<RoutingTestDto> {
    return this.http.post<RoutingTestDto>(TUNING_ROUTES.ruleTest, { text }, IN_PAGE);
  }
}
