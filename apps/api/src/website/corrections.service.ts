import { HttpStatus, Injectable } from '@nestjs/common';
import { Role, type CorrectionDto, type CorrectionStatus } from '@tunedesk/contracts';
import { AuditService } from '../audit/audit.service';
import { Actor, hasRole, seesAllUnits } from '../common/actor';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { Transactions } from '../database/transactions';
import { NotificationsService } from '../notifications/notifications.service';
import { normalizeCode } from '../org/org-import';
import { UsersRepository } from '../org/users.repository';
import { ReviewsService } from './reviews.service';
import { mayCarryOut, WebsiteViews, worksForUnit } from './website-views';
import { CorrectionEntity, ReviewFormEntity } from './website.entities';
import { WebsiteRepository } from './website.repository';

const notFound = (id: number) =>
  new DomainError('CORRECTION_NOT_FOUND', { 'zh-TW': `找不到修正單 #${id}`, en: `No correction ticket #${id}` }, HttpStatus.NOT_FOUND);
const moved = (status: CorrectionStatus, zh: string, en: string) =>
  new DomainError('CORRECTION_STATUS', { 'zh-TW': `${zh}（目前狀態：${status}）`, en: `${en} (status: ${status})` }, HttpStatus.CONFLICT);

/**
 * Correction tickets: the section carries the fix out (done), the requesting
 * unit re-checks it (複檢; a failed re-check reopens the ticket), the service
 * section confirms it is published; the last publication completes the form.
 */
@Injectable()
export class CorrectionsService {
  constructor(
    private readonly repo: WebsiteRepository,
    private readonly views: WebsiteViews,
    private readonly reviews: ReviewsService,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  /** The carrying-out sections and bureau-wide readers see every ticket; a unit sees the tickets it asked for. */
  private seesAll(actor: Actor): boolean {
    return seesAllUnits(actor) || hasRole(actor, Role.ServiceSection, Role.ItSection);
  }

  async list(actor: Actor, filter: { status?: CorrectionStatus; section?: string }): Promise<CorrectionDto[]> {
    const tickets = await this.repo.listCorrections({
      status: filter.status,
      sectionCode: filter.section ? normalizeCode(filter.section) : undefined,
      unitCode: this.seesAll(actor) ? undefined : actor.unitCode,
    });
    return this.toDtos(actor, tickets);
  }

  private async toDtos(actor: Actor, tickets: CorrectionEntity[]): Promise<CorrectionDto[]> {
    const formIds = [...new Set(tickets.map((c) => c.formId))];
    const forms = new Map<number, ReviewFormEntity>();
    for (const id of formIds) forms.set(id, (await this.repo.findForm(id))!);
    const rows = new Map((await this.repo.rowsOf(formIds)).map((r) => [r.id, r]));
    const ctx = await this.views.context(tickets.flatMap((c) => [c.openedBy, c.doneBy, c.recheckedBy, c.publishedBy]));
    return tickets.map((c) => ctx.correction(actor, c, forms.get(c.formId)!, rows.get(c.rowId)));
  }

  private async dto(actor: Actor, id: number): Promise<CorrectionDto> {
    return (await this.toDtos(actor, [(await this.repo.findCorrection(id))!]))[0];
  }

  private async load(actor: Actor, id: number): Promise<{ c: CorrectionEntity; form: ReviewFormEntity }> {
    const c = await this.repo.findCorrection(id);
    if (!c) throw notFound(id);
    const form = (await this.repo.findForm(c.formId))!;
    if (!this.seesAll(actor) && actor.unitCode !== form.unitCode)
      throw await this.audit.denied(
        actor,
        { reason: 'other-unit', targetType: 'correction', targetId: id, unitCode: form.unitCode },
        HttpStatus.NOT_FOUND,
      );
    return { c, form };
  }

  /** The ticket's section reports the fix made. */
  async done(actor: Actor, id: number, note: string | null | undefined): Promise<CorrectionDto> {
    const { c, form } = await this.load(actor, id);
    if (!mayCarryOut(actor, c)) {
      await this.audit.denied(actor, { reason: 'wrong-section', targetType: 'correction', targetId: id, unitCode: form.unitCode });
      throw new DomainError(
        'CORRECTION_WRONG_SECTION',
        c.kind === 'content'
          ? { 'zh-TW': '內容修正由服務科辦理', en: 'Content corrections are carried out by the service section' }
          : { 'zh-TW': '程式修正由資訊科辦理', en: 'Program corrections are carried out by the IT section' },
        HttpStatus.FORBIDDEN,
      );
    }
    const now = this.clock.now();
    const text = note?.trim() || null;
    await this.tx.run(async (m) => {
      const ok = await this.repo.transitionCorrection(
        id,
        'open',
        { status: 'done', doneBy: actor.userId, doneAt: now, doneNote: text, updatedAt: now },
        m,
      );
      if (!ok) throw moved(c.status, '只有待處理的修正單可以回報完成', 'Only an open ticket can be reported done');
      await this.repo.addEvent(
        { formId: c.formId, correctionId: id, action: 'correction-done', byId: actor.userId, at: now, note: text },
        m,
      );
      await this.audit.record(
        {
          action: 'website-correction.done',
          actor,
          unitCode: form.unitCode,
          targetType: 'correction',
          targetId: id,
          changes: [{ field: 'status', before: 'open', after: 'done' }],
        },
        m,
      );
      const people = [
        ...(await this.users.withRole(Role.KnowledgeContact, form.unitCode)),
        ...(await this.users.withRole(Role.UnitHead, form.unitCode)),
      ];
      await this.notifications.notify(
        people.map((p) => p.id),
        {
          kind: 'website-correction.done',
          title: { 'zh-TW': `網頁 ${c.pageId} 已修正，請複檢`, en: `Page ${c.pageId} was corrected; please re-check it` },
          link: `/website/reviews/${c.formId}`,
        },
        m,
      );
    });
    return this.dto(actor, id);
  }

  /** The requesting unit re-checks the fix; not ok sends the ticket back to its section. */
  async recheck(actor: Actor, id: number, ok: boolean, note: string | null | undefined): Promise<CorrectionDto> {
    const { c, form } = await this.load(actor, id);
    if (!worksForUnit(actor, form.unitCode)) {
      await this.audit.denied(actor, { reason: 'not-requesting-unit', targetType: 'correction', targetId: id, unitCode: form.unitCode });
      throw new DomainError(
        'CORRECTION_NOT_REQUESTER',
        {
          'zh-TW': '複檢由提出修正的單位（知識維護窗口或主管）辦理',
          en: 'The requesting unit (its contact or head) re-checks a correction',
        },
        HttpStatus.FORBIDDEN,
      );
    }
    const now = this.clock.now();
    const text = note?.trim() || null;
    await this.tx.run(async (m) => {
      const fields: Partial<CorrectionEntity> = ok
        ? { status: 'rechecked', recheckedBy: actor.userId, recheckedAt: now, recheckOk: true, recheckNote: text, updatedAt: now }
        : {
            status: 'open',
            recheckedBy: actor.userId,
            recheckedAt: now,
            recheckOk: false,
            recheckNote: text,
            doneBy: null,
            doneAt: null,
            doneNote: null,
            updatedAt: now,
          };
      if (!(await this.repo.transitionCorrection(id, 'done', fields, m)))
        throw moved(c.status, '只有已回報完成的修正單可以複檢', 'Only a ticket reported done can be re-checked');
      await this.repo.addEvent(
        {
          formId: c.formId,
          correctionId: id,
          action: ok ? 'correction-recheck-ok' : 'correction-reopen',
          byId: actor.userId,
          at: now,
          note: text,
        },
        m,
      );
      await this.audit.record(
        {
          action: ok ? 'website-correction.recheck' : 'website-correction.reopen',
          actor,
          unitCode: form.unitCode,
          targetType: 'correction',
          targetId: id,
          changes: [{ field: 'status', before: 'done', after: ok ? 'rechecked' : 'open' }],
        },
        m,
      );
      const recipients = ok
        ? await this.users.withRole(Role.ServiceSection)
        : await this.users.withRole(c.kind === 'content' ? Role.ServiceSection : Role.ItSection);
      await this.notifications.notify(
        recipients.map((u) => u.id),
        {
          kind: ok ? 'website-correction.rechecked' : 'website-correction.reopened',
          title: ok
            ? { 'zh-TW': `網頁 ${c.pageId} 修正已複檢通過，請確認上線`, en: `Page ${c.pageId}: re-check passed; confirm it is published` }
            : { 'zh-TW': `網頁 ${c.pageId} 複檢未通過，請再修正`, en: `Page ${c.pageId}: re-check failed; correct it again` },
          link: `/website/reviews/${c.formId}`,
        },
        m,
      );
    });
    return this.dto(actor, id);
  }

  /** The web admin confirms the fix is live; the last one completes the form. */
  async publish(actor: Actor, id: number, note: string | null | undefined): Promise<CorrectionDto> {
    const { c, form } = await this.load(actor, id);
    const now = this.clock.now();
    const text = note?.trim() || null;
    await this.tx.run(async (m) => {
      const ok = await this.repo.transitionCorrection(
        id,
        'rechecked',
        { status: 'published', publishedBy: actor.userId, publishedAt: now, publishedNote: text, updatedAt: now },
        m,
      );
      if (!ok) throw moved(c.status, '只有複檢通過的修正單可以確認上線', 'Only a re-checked ticket can be confirmed published');
      await this.repo.addEvent(
        { formId: c.formId, correctionId: id, action: 'correction-publish', byId: actor.userId, at: now, note: text },
        m,
      );
      await this.audit.record(
        {
          action: 'website-correction.publish',
          actor,
          unitCode: form.unitCode,
          targetType: 'correction',
          targetId: id,
          changes: [{ field: 'status', before: 'rechecked', after: 'published' }],
        },
        m,
      );
      await this.reviews.completeIfAllPublished(actor, c.formId, m);
    });
    return this.dto(actor, id);
  }
}
