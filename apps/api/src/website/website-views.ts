import { Injectable } from '@nestjs/common';
import { Role, type CorrectionDto, type ReviewFormSummaryDto, type SignedStep } from '@tunedesk/contracts';
import { Actor, hasRole } from '../common/actor';
import { UnitsRepository } from '../org/units.repository';
import { UserEntity } from '../org/user.entity';
import { UsersRepository } from '../org/users.repository';
import { CorrectionEntity, ReviewFormEntity, ReviewRowEntity } from './website.entities';

export type Timeliness = ReviewFormSummaryDto['timeliness'];

/** Unit codes of the sections that carry out corrections: the service section for content, IT for program. */
export const CONTENT_SECTION = 'SVC';
export const PROGRAM_SECTION = 'IT';

/** On time when approved on or before the due date; late after it; overdue when past due unapproved; pending before. */
export function timelinessOf(form: Pick<ReviewFormEntity, 'approvedAt' | 'dueDate'>, today: string): Timeliness {
  if (form.approvedAt) return taipeiDayOf(form.approvedAt) <= form.dueDate ? 'on-time' : 'late';
  return today > form.dueDate ? 'overdue' : 'pending';
}

function taipeiDayOf(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Who may work the form of a unit: its knowledge contacts and its head. */
export function worksForUnit(actor: Actor, unitCode: string): boolean {
  return hasRole(actor, Role.KnowledgeContact, Role.UnitHead) && actor.unitCode === unitCode;
}

/** People and unit names for the signed steps of a set of forms and tickets. */
@Injectable()
export class WebsiteViews {
  constructor(
    private readonly users: UsersRepository,
    private readonly units: UnitsRepository,
  ) {}

  async context(ids: Iterable<number | null>): Promise<ViewContext> {
    const wanted = [...new Set([...ids].filter((id): id is number => !!id))];
    const people = new Map((await this.users.findByIds(wanted)).map((u) => [u.id, u]));
    const unitNames = new Map((await this.units.findAll()).map((u) => [u.code, u.name]));
    return new ViewContext(people, unitNames);
  }
}

export class ViewContext {
  constructor(
    private readonly people: Map<number, UserEntity>,
    readonly unitNames: Map<string, string>,
  ) {}

  unitName(code: string): string {
    return this.unitNames.get(code) ?? code;
  }

  person(id: number): { by: string; byDisplayName: string } {
    const u = this.people.get(id);
    return id === 0 ? { by: 'system', byDisplayName: '系統' } : { by: u?.account ?? `#${id}`, byDisplayName: u?.displayName ?? `#${id}` };
  }

  step(id: number | null, at: Date | null, note: string | null = null): SignedStep | null {
    if (id === null || !at) return null;
    return { ...this.person(id), at: at.toISOString(), note };
  }

  correction(
    actor: Actor,
    c: CorrectionEntity,
    form: ReviewFormEntity,
    row: Pick<ReviewRowEntity, 'title' | 'url'> | undefined,
  ): CorrectionDto {
    return {
      id: c.id,
      formId: c.formId,
      month: form.month,
      requestingUnitCode: form.unitCode,
      requestingUnitName: this.unitName(form.unitCode),
      pageId: c.pageId,
      pageTitle: row?.title ?? c.pageId,
      url: row?.url ?? '',
      kind: c.kind,
      sectionCode: c.sectionCode,
      what: c.what,
      status: c.status,
      opened: this.step(c.openedBy, c.openedAt)!,
      done: this.step(c.doneBy, c.doneAt, c.doneNote),
      rechecked:
        c.recheckedBy !== null && c.recheckedAt ? { ...this.step(c.recheckedBy, c.recheckedAt, c.recheckNote)!, ok: !!c.recheckOk } : null,
      published: this.step(c.publishedBy, c.publishedAt, c.publishedNote),
      can: {
        done: c.status === 'open' && mayCarryOut(actor, c),
        recheck: c.status === 'done' && worksForUnit(actor, form.unitCode),
        publish: c.status === 'rechecked' && hasRole(actor, Role.ServiceSection),
      },
    };
  }
}

/** The ticket's section: the service section carries out content fixes, the IT section program fixes. */
export function mayCarryOut(actor: Actor, c: Pick<CorrectionEntity, 'kind'>): boolean {
  return c.kind === 'content' ? hasRole(actor, Role.ServiceSection) : hasRole(actor, Role.ItSection);
}
