import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import {
  Role,
  type ComplianceGridDto,
  type ReviewFormDto,
  type ReviewFormStatus,
  type ReviewFormSummaryDto,
  type ReviewRowDto as ReviewRowView,
} from '@tunedesk/contracts';
import { CalendarOutOfRangeError, formatRoc, formatRocInstant, parseIsoDate, spreadsheetSafe, type OfficeCalendar } from '@tunedesk/domain';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { OfficeCalendarProvider } from '../calendar/office-calendar.provider';
import { Actor, hasRole, seesAllUnits, systemActor } from '../common/actor';
import { Clock, taipeiDay } from '../common/clock';
import { DomainError } from '../common/domain-error';
import type { DownloadFile } from '../common/send-file';
import { tableFile, type TableFormat } from '../common/tabular/write-table';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import { NotificationsService } from '../notifications/notifications.service';
import { normalizeCode } from '../org/org-import';
import { UsersRepository } from '../org/users.repository';
import { ReviewRowDto } from './dto';
import { splitMenuPath } from './pages.service';
import { CONTENT_SECTION, PROGRAM_SECTION, timelinessOf, ViewContext, WebsiteViews, worksForUnit } from './website-views';
import { CorrectionEntity, ReviewFormEntity, ReviewRowEntity } from './website.entities';
import { WebsiteRepository } from './website.repository';

const APPROVED: ReviewFormStatus[] = ['filed', 'correcting', 'complete'];
const OPEN: ReviewFormStatus[] = ['draft', 'submitted', 'returned'];
export const REMIND_WORKDAYS_BEFORE = 3;
const MAX_GRID_MONTHS = 36;

const notFound = (id: number) =>
  new DomainError('REVIEW_FORM_NOT_FOUND', { 'zh-TW': `找不到檢視表 #${id}`, en: `No review form #${id}` }, HttpStatus.NOT_FOUND);
const moved = () =>
  new DomainError(
    'REVIEW_FORM_CHANGED',
    { 'zh-TW': '此檢視表已由他人處理，請重新整理', en: 'Someone else has already acted on this form; reload it' },
    HttpStatus.CONFLICT,
  );
const wrongStatus = (status: ReviewFormStatus, zh: string, en: string) =>
  new DomainError('REVIEW_FORM_STATUS', { 'zh-TW': `${zh}（目前狀態：${status}）`, en: `${en} (status: ${status})` }, HttpStatus.CONFLICT);

export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  while ((y < ty || (y === ty && m <= tm)) && out.length <= MAX_GRID_MONTHS) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}

/**
 * The monthly website review (網站資料檢視成果表, 附件三): opened on the month's
 * first workday for every unit owning a page, filled by the unit's contacts,
 * approved (核章) or returned by the unit's head, then filed (no fixes) or
 * turned into correction tickets.
 */
@Injectable()
export class ReviewsService {
  private readonly logger = new Logger(ReviewsService.name);

  constructor(
    private readonly repo: WebsiteRepository,
    private readonly views: WebsiteViews,
    private readonly users: UsersRepository,
    private readonly calendar: OfficeCalendarProvider,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private today(): string {
    return taipeiDay(this.clock.now());
  }

  /** The office calendar, which must cover the year: a year not imported is an error naming it, never a guess. */
  private async calendarFor(year: number): Promise<OfficeCalendar> {
    const cal = await this.calendar.current();
    if (!cal || !cal.has(`${year}-01-01`) || !cal.has(`${year}-12-31`))
      throw new DomainError(
        'CALENDAR_YEAR_MISSING',
        {
          'zh-TW': `辦公日曆表尚未匯入 ${year} 年，無法計算期限`,
          en: `The office calendar for ${year} has not been imported; no due date can be set`,
        },
        HttpStatus.UNPROCESSABLE_ENTITY,
        [{ field: 'year', reason: String(year) }],
      );
    return cal;
  }

  /** The due day of the month (10th by default), rolled to the next workday when it is a day off, unless roll-over is off. */
  async dueDate(month: string): Promise<string> {
    const [year, m] = month.split('-').map(Number);
    const cal = await this.calendarFor(year);
    const day = `${month}-${String(this.config.website.reviewDueDay).padStart(2, '0')}`;
    if (!this.config.website.rollOver) return day;
    try {
      return cal.monthlyDeadline(year, m, this.config.website.reviewDueDay);
    } catch (error) {
      if (error instanceof CalendarOutOfRangeError) await this.calendarFor(Number(error.date.slice(0, 4)));
      throw error;
    }
  }

  /** The first workday of the month on the office calendar. */
  async firstWorkday(month: string): Promise<string> {
    const cal = await this.calendarFor(Number(month.slice(0, 4)));
    return cal.workdayOnOrAfter(`${month}-01`);
  }

  /**
   * Opens the month's forms: one per unit owning at least one page on the site,
   * with a row per page. Idempotent: a unit that has its form keeps it.
   */
  async openMonth(
    month: string,
    actor: Actor = systemActor('website-review'),
  ): Promise<{ month: string; dueDate: string; opened: string[] }> {
    const dueDate = await this.dueDate(month);
    const opened: string[] = [];
    for (const unitCode of await this.repo.unitsWithActivePages()) {
      const created = await this.tx.run(async (m) => {
        if (await this.repo.findFormOf(unitCode, month, m)) return false;
        const now = this.clock.now();
        const id = await this.repo.insertForm(
          {
            unitCode,
            month,
            status: 'draft',
            dueDate,
            reviewerBy: null,
            reviewerAt: null,
            headBy: null,
            headAt: null,
            headApproved: null,
            headNote: null,
            approvedAt: null,
            filedBy: null,
            filedAt: null,
            completedBy: null,
            completedAt: null,
            remindedOn: null,
            createdAt: now,
            updatedAt: now,
          },
          m,
        );
        const pages = await this.repo.activePagesOf(unitCode, m);
        await this.repo.insertRows(
          pages.map((p) => ({
            formId: id,
            pageId: p.pageId,
            menuPath: p.menuPath,
            title: p.title,
            url: p.url,
            result: null,
            fixKind: null,
            fixNote: null,
            updatedAt: now,
          })),
          m,
        );
        await this.repo.addEvent({ formId: id, correctionId: null, action: 'open', byId: actor.userId, at: now, note: null }, m);
        await this.audit.record(
          {
            action: 'website-review.open',
            actor,
            unitCode,
            targetType: 'review-form',
            targetId: id,
            detail: { month, dueDate, pages: pages.length },
          },
          m,
        );
        const people = [
          ...(await this.users.withRole(Role.KnowledgeContact, unitCode)),
          ...(await this.users.withRole(Role.UnitHead, unitCode)),
        ];
        await this.notifications.notify(
          people.map((p) => p.id),
          {
            kind: 'website-review.opened',
            title: {
              'zh-TW': `${month.replace('-', ' 年 ')} 月網站資料檢視成果表已開啟，期限 ${formatRoc(parseIsoDate(dueDate))}`,
              en: `The website review for ${month} is open, due ${dueDate}`,
            },
            link: `/website/reviews/${id}`,
          },
          m,
        );
        return true;
      });
      if (created) opened.push(unitCode);
    }
    if (opened.length) this.logger.log({ month, dueDate, units: opened.length }, 'Website review forms opened');
    return { month, dueDate, opened };
  }

  /** Daily: opens the month's forms on its first workday (and any day after it, for a unit that gained pages or a missed run). */
  async openIfDue(): Promise<{ month: string; opened: string[] } | null> {
    const today = this.today();
    const month = today.slice(0, 7);
    if (today < (await this.firstWorkday(month))) return null;
    const r = await this.openMonth(month);
    return { month, opened: r.opened };
  }

  /**
   * Daily: reminds the unit's contacts and head three workdays before the due
   * date, on it, and every workday after it until the head approves; one
   * reminder per form per day however often it runs.
   */
  async remind(): Promise<string[]> {
    const today = this.today();
    if (!(await this.calendar.isWorkday(today))) return [];
    const sent: string[] = [];
    for (const form of await this.repo.formsWithStatus(OPEN)) {
      const kind =
        today > form.dueDate
          ? 'overdue'
          : today === form.dueDate
            ? 'due-today'
            : (await this.calendar.workdaysBetween(today, form.dueDate)) === REMIND_WORKDAYS_BEFORE
              ? 'due-in-3'
              : null;
      if (!kind) continue;
      const people = [
        ...(await this.users.withRole(Role.KnowledgeContact, form.unitCode)),
        ...(await this.users.withRole(Role.UnitHead, form.unitCode)),
      ];
      const due = formatRoc(parseIsoDate(form.dueDate));
      const prefix = { overdue: '【逾期】', 'due-today': '【今日到期】', 'due-in-3': '【3 個工作天後到期】' }[kind];
      const en = { overdue: 'Overdue', 'due-today': 'Due today', 'due-in-3': 'Due in 3 workdays' }[kind];
      const done = await this.tx.run(async (m) => {
        if (!(await this.repo.markReminded(form.id, today, m))) return false;
        await this.notifications.notify(
          people.map((p) => p.id),
          {
            kind: `website-review.${kind}`,
            title: {
              'zh-TW': `${prefix}{unit} ${form.month} 網站資料檢視成果表${form.status === 'submitted' ? '待主管核章' : '尚未送出'}（期限 ${due}）`,
              en: `${en}: {unit} website review for ${form.month} ${form.status === 'submitted' ? 'awaits approval' : 'not submitted'} (due ${form.dueDate})`,
            },
            link: `/website/reviews/${form.id}`,
            units: { unit: form.unitCode },
          },
          m,
        );
        return true;
      });
      if (done) sent.push(`${form.id}/${form.unitCode}/${kind}`);
    }
    if (sent.length) this.logger.log({ day: today, reminders: sent.length }, 'Website review reminders sent');
    return sent;
  }

  /** Deletes forms, rows, tickets and their history older than WEBSITE_RETENTION_DAYS; logs and audits counts and ids. */
  async purge(
    actor: Actor = systemActor('website-retention'),
  ): Promise<{ cutoff: string; formIds: number[]; forms: number; rows: number; corrections: number; events: number }> {
    const days = Math.max(365, this.config.website.retentionDays);
    const cutoff = new Date(this.clock.now().getTime() - days * 86_400_000);
    return this.tx.run(async (m) => {
      const old = await this.repo.formsCreatedBefore(cutoff, m);
      const formIds = old.map((f) => f.id);
      if (!formIds.length) return { cutoff: cutoff.toISOString(), formIds, forms: 0, rows: 0, corrections: 0, events: 0 };
      const counts = await this.repo.deleteForms(formIds, m);
      const months = [...new Set(old.map((f) => f.month))].sort();
      await this.audit.record(
        {
          action: 'website-review.purge',
          actor,
          unitCode: null,
          targetType: 'review-form',
          targetId: formIds.length === 1 ? formIds[0] : null,
          detail: { ...counts, formIds, months, olderThan: cutoff.toISOString(), retentionDays: days },
        },
        m,
      );
      this.logger.log({ ...counts, formIds, olderThan: cutoff.toISOString() }, 'Website review records past retention purged');
      return { cutoff: cutoff.toISOString(), formIds, ...counts };
    });
  }

  // Reading

  private canRead(actor: Actor, form: ReviewFormEntity): boolean {
    return seesAllUnits(actor) || actor.unitCode === form.unitCode;
  }

  private async readable(actor: Actor, id: number): Promise<ReviewFormEntity> {
    const form = await this.repo.findForm(id);
    if (!form) throw notFound(id);
    if (!this.canRead(actor, form))
      throw await this.audit.denied(
        actor,
        { reason: 'other-unit', targetType: 'review-form', targetId: id, unitCode: form.unitCode },
        HttpStatus.NOT_FOUND,
      );
    return form;
  }

  async list(actor: Actor, filter: { month?: string; unit?: string }): Promise<ReviewFormSummaryDto[]> {
    const unitCode = seesAllUnits(actor) ? (filter.unit ? normalizeCode(filter.unit) : undefined) : actor.unitCode;
    const forms = await this.repo.listForms({ month: filter.month, unitCode });
    const rows = await this.repo.rowsOf(forms.map((f) => f.id));
    const corrections = await this.repo.correctionsOf(forms.map((f) => f.id));
    const ctx = await this.views.context([]);
    return forms.map((f) =>
      this.summary(
        f,
        rows.filter((r) => r.formId === f.id),
        corrections.filter((c) => c.formId === f.id),
        ctx,
      ),
    );
  }

  async get(actor: Actor, id: number): Promise<ReviewFormDto> {
    return this.view(actor, await this.readable(actor, id));
  }

  private summary(f: ReviewFormEntity, rows: ReviewRowEntity[], corrections: CorrectionEntity[], ctx: ViewContext): ReviewFormSummaryDto {
    return {
      id: f.id,
      month: f.month,
      unitCode: f.unitCode,
      unitName: ctx.unitName(f.unitCode),
      status: f.status,
      dueDate: f.dueDate,
      pages: rows.length,
      reviewed: rows.filter((r) => r.result).length,
      needsFix: rows.filter((r) => r.result === 'needs-fix').length,
      openCorrections: corrections.filter((c) => c.status !== 'published').length,
      submittedAt: f.reviewerAt?.toISOString() ?? null,
      approvedAt: f.approvedAt?.toISOString() ?? null,
      timeliness: timelinessOf(f, this.today()),
    };
  }

  private async view(actor: Actor, f: ReviewFormEntity): Promise<ReviewFormDto> {
    const rows = await this.repo.rowsOf([f.id]);
    const corrections = await this.repo.correctionsOf([f.id]);
    const events = await this.repo.eventsOf(f.id);
    const ctx = await this.views.context([
      f.reviewerBy,
      f.headBy,
      f.filedBy,
      f.completedBy,
      ...events.map((e) => e.byId),
      ...corrections.flatMap((c) => [c.openedBy, c.doneBy, c.recheckedBy, c.publishedBy]),
    ]);
    const byRow = new Map(corrections.map((c) => [c.rowId, c]));
    const editable = (f.status === 'draft' || f.status === 'returned') && worksForUnit(actor, f.unitCode);
    const head = f.status === 'submitted' && this.isHeadOf(actor, f);
    return {
      ...this.summary(f, rows, corrections, ctx),
      rows: rows.map((r): ReviewRowView => ({
        pageId: r.pageId,
        menuPath: splitMenuPath(r.menuPath),
        title: r.title,
        url: r.url,
        result: r.result,
        fixKind: r.fixKind,
        fixNote: r.fixNote,
        correction: byRow.has(r.id) ? ctx.correction(actor, byRow.get(r.id)!, f, r) : null,
        linkCheck: null,
      })),
      reviewer: ctx.step(f.reviewerBy, f.reviewerAt),
      head: f.headBy !== null && f.headAt ? { ...ctx.step(f.headBy, f.headAt, f.headNote)!, approved: !!f.headApproved } : null,
      filed: ctx.step(f.filedBy, f.filedAt),
      completed: ctx.step(f.completedBy, f.completedAt),
      history: events.map((e) => ({ action: e.action, ...ctx.person(e.byId), at: e.at.toISOString(), note: e.note })),
      can: { edit: editable, submit: editable, approve: head, return: head },
    };
  }

  private isHeadOf(actor: Actor, f: ReviewFormEntity): boolean {
    return hasRole(actor, Role.UnitHead) && actor.unitCode === f.unitCode;
  }

  // The flow

  /** A contact or the head of the form's unit records a page's result while the form is a draft or returned. */
  async setRow(actor: Actor, id: number, pageId: string, body: ReviewRowDto): Promise<ReviewFormDto> {
    const form = await this.readable(actor, id);
    if (!worksForUnit(actor, form.unitCode))
      throw await this.audit.denied(actor, {
        reason: 'not-unit-reviewer',
        targetType: 'review-form',
        targetId: id,
        unitCode: form.unitCode,
      });
    if (form.status !== 'draft' && form.status !== 'returned')
      throw wrongStatus(form.status, '檢視表已送出，不能再修改', 'The form has been submitted and cannot be edited');
    const row = (await this.repo.rowsOf([id])).find((r) => r.pageId === pageId);
    if (!row)
      throw new DomainError(
        'REVIEW_ROW_NOT_FOUND',
        { 'zh-TW': `檢視表 #${id} 沒有網頁 ${pageId}`, en: `Form #${id} has no page ${pageId}` },
        HttpStatus.NOT_FOUND,
      );
    const fix = body.result === 'needs-fix';
    const fields = { result: body.result, fixKind: fix ? body.fixKind! : null, fixNote: fix ? body.fixNote!.trim() : null };
    if (fix && !fields.fixNote)
      throw new DomainError('VALIDATION_FAILED', { 'zh-TW': '需修正時請寫明修正內容', en: 'Say what to change' }, 422, [
        { field: 'fixNote', reason: 'required' },
      ]);
    await this.tx.run(async (m) => {
      await this.repo.updateRow(row.id, { ...fields, updatedAt: this.clock.now() }, m);
      await this.audit.record(
        {
          action: 'website-review.row',
          actor,
          unitCode: form.unitCode,
          targetType: 'review-form',
          targetId: id,
          detail: { pageId, result: fields.result, fixKind: fields.fixKind },
        },
        m,
      );
    });
    return this.get(actor, id);
  }

  async submit(actor: Actor, id: number): Promise<ReviewFormDto> {
    const form = await this.readable(actor, id);
    if (!worksForUnit(actor, form.unitCode))
      throw await this.audit.denied(actor, {
        reason: 'not-unit-reviewer',
        targetType: 'review-form',
        targetId: id,
        unitCode: form.unitCode,
      });
    if (form.status !== 'draft' && form.status !== 'returned')
      throw wrongStatus(form.status, '只有草稿或退回的檢視表可以送出', 'Only a draft or returned form can be submitted');
    const rows = await this.repo.rowsOf([id]);
    const missing = rows.filter((r) => !r.result);
    if (missing.length)
      throw new DomainError(
        'REVIEW_INCOMPLETE',
        {
          'zh-TW': `尚有 ${missing.length} 個網頁未檢視：${missing.map((r) => r.pageId).join('、')}`,
          en: `${missing.length} page(s) not reviewed yet: ${missing.map((r) => r.pageId).join(', ')}`,
        },
        HttpStatus.UNPROCESSABLE_ENTITY,
        missing.map((r) => ({ field: r.pageId, reason: 'no result' })),
      );
    const now = this.clock.now();
    await this.tx.run(async (m) => {
      const ok = await this.repo.transitionForm(
        id,
        ['draft', 'returned'],
        {
          status: 'submitted',
          reviewerBy: actor.userId,
          reviewerAt: now,
          headBy: null,
          headAt: null,
          headApproved: null,
          headNote: null,
          updatedAt: now,
        },
        m,
      );
      if (!ok) throw moved();
      await this.repo.addEvent({ formId: id, correctionId: null, action: 'submit', byId: actor.userId, at: now, note: null }, m);
      await this.audit.record(
        {
          action: 'website-review.submit',
          actor,
          unitCode: form.unitCode,
          targetType: 'review-form',
          targetId: id,
          changes: [{ field: 'status', before: form.status, after: 'submitted' }],
        },
        m,
      );
      const heads = (await this.users.withRole(Role.UnitHead, form.unitCode)).filter((u) => u.id !== actor.userId);
      await this.notifications.notify(
        heads.map((u) => u.id),
        {
          kind: 'website-review.submitted',
          title: { 'zh-TW': `${form.month} 網站資料檢視成果表待您核章`, en: `The website review for ${form.month} awaits your approval` },
          link: `/website/reviews/${id}`,
        },
        m,
      );
    });
    return this.get(actor, id);
  }

  /** Only the head of the form's own unit signs it; anyone else gets a 403 that says so. */
  private async requireHead(actor: Actor, form: ReviewFormEntity): Promise<void> {
    if (this.isHeadOf(actor, form)) return;
    const otherUnit = hasRole(actor, Role.UnitHead);
    await this.audit.denied(actor, {
      reason: otherUnit ? 'head-of-other-unit' : 'not-unit-head',
      targetType: 'review-form',
      targetId: form.id,
      unitCode: form.unitCode,
    });
    throw new DomainError(
      otherUnit ? 'NOT_HEAD_OF_UNIT' : 'NOT_UNIT_HEAD',
      otherUnit
        ? {
            'zh-TW': '只有該單位的主管可以核章或退回，您是其他單位的主管',
            en: "Only the head of the form's own unit may approve or return it",
          }
        : { 'zh-TW': '只有單位主管可以核章或退回', en: 'Only the unit head may approve or return the form' },
      HttpStatus.FORBIDDEN,
    );
  }

  /** 核章: no fixes → filed with the service section (備查); fixes → one correction ticket per 需修正 row. */
  async approve(actor: Actor, id: number): Promise<ReviewFormDto> {
    const form = await this.repo.findForm(id);
    if (!form) throw notFound(id);
    await this.requireHead(actor, form);
    if (form.status !== 'submitted') throw wrongStatus(form.status, '只有已送出的檢視表可以核章', 'Only a submitted form can be approved');
    const rows = await this.repo.rowsOf([id]);
    const fixes = rows.filter((r) => r.result === 'needs-fix');
    const now = this.clock.now();
    await this.tx.run(async (m) => {
      const status: ReviewFormStatus = fixes.length ? 'correcting' : 'filed';
      const ok = await this.repo.transitionForm(
        id,
        ['submitted'],
        {
          status,
          headBy: actor.userId,
          headAt: now,
          headApproved: true,
          headNote: null,
          approvedAt: form.approvedAt ?? now,
          ...(fixes.length ? {} : { filedBy: actor.userId, filedAt: now }),
          updatedAt: now,
        },
        m,
      );
      if (!ok) throw moved();
      await this.repo.addEvent({ formId: id, correctionId: null, action: 'approve', byId: actor.userId, at: now, note: null }, m);
      if (!fixes.length)
        await this.repo.addEvent({ formId: id, correctionId: null, action: 'file', byId: actor.userId, at: now, note: '送服務科備查' }, m);
      const opened: number[] = [];
      for (const r of fixes) {
        const kind = r.fixKind ?? 'content';
        const cid = await this.repo.insertCorrection(
          {
            formId: id,
            rowId: r.id,
            pageId: r.pageId,
            kind,
            sectionCode: kind === 'content' ? CONTENT_SECTION : PROGRAM_SECTION,
            what: r.fixNote ?? '',
            status: 'open',
            openedBy: actor.userId,
            openedAt: now,
            doneBy: null,
            doneAt: null,
            doneNote: null,
            recheckedBy: null,
            recheckedAt: null,
            recheckOk: null,
            recheckNote: null,
            publishedBy: null,
            publishedAt: null,
            publishedNote: null,
            createdAt: now,
            updatedAt: now,
          },
          m,
        );
        opened.push(cid);
        await this.repo.addEvent(
          { formId: id, correctionId: cid, action: 'correction-open', byId: actor.userId, at: now, note: r.pageId },
          m,
        );
      }
      await this.audit.record(
        {
          action: 'website-review.approve',
          actor,
          unitCode: form.unitCode,
          targetType: 'review-form',
          targetId: id,
          changes: [{ field: 'status', before: 'submitted', after: status }],
          detail: {
            corrections: opened,
            onTime: timelinessOf({ approvedAt: form.approvedAt ?? now, dueDate: form.dueDate }, this.today()),
          },
        },
        m,
      );
      const content = fixes.some((r) => (r.fixKind ?? 'content') === 'content');
      const program = fixes.some((r) => r.fixKind === 'program');
      const recipients = [
        ...(!fixes.length || content ? await this.users.withRole(Role.ServiceSection) : []),
        ...(program ? await this.users.withRole(Role.ItSection) : []),
        ...(form.reviewerBy ? [{ id: form.reviewerBy }] : []),
      ].filter((u) => u.id !== actor.userId);
      await this.notifications.notify(
        recipients.map((u) => u.id),
        {
          kind: fixes.length ? 'website-review.corrections' : 'website-review.filed',
          title: fixes.length
            ? {
                'zh-TW': `{unit} ${form.month} 網站資料檢視成果表已核章，${fixes.length} 項待修正`,
                en: `{unit} website review for ${form.month} approved: ${fixes.length} correction(s) to make`,
              }
            : {
                'zh-TW': `{unit} ${form.month} 網站資料檢視成果表已核章，送服務科備查`,
                en: `{unit} website review for ${form.month} approved with no fixes; filed with the service section`,
              },
          link: `/website/reviews/${id}`,
          units: { unit: form.unitCode },
          settles: ['website-review.submitted'],
        },
        m,
      );
    });
    return this.get(actor, id);
  }

  async returnForm(actor: Actor, id: number, reason: string): Promise<ReviewFormDto> {
    const form = await this.repo.findForm(id);
    if (!form) throw notFound(id);
    await this.requireHead(actor, form);
    if (form.status !== 'submitted') throw wrongStatus(form.status, '只有已送出的檢視表可以退回', 'Only a submitted form can be returned');
    const now = this.clock.now();
    const note = reason.trim();
    await this.tx.run(async (m) => {
      const ok = await this.repo.transitionForm(
        id,
        ['submitted'],
        { status: 'returned', headBy: actor.userId, headAt: now, headApproved: false, headNote: note, updatedAt: now },
        m,
      );
      if (!ok) throw moved();
      await this.repo.addEvent({ formId: id, correctionId: null, action: 'return', byId: actor.userId, at: now, note }, m);
      await this.audit.record(
        {
          action: 'website-review.return',
          actor,
          unitCode: form.unitCode,
          targetType: 'review-form',
          targetId: id,
          changes: [{ field: 'status', before: 'submitted', after: 'returned' }],
        },
        m,
      );
      await this.notifications.notify(
        [form.reviewerBy].filter((u): u is number => !!u && u !== actor.userId),
        {
          kind: 'website-review.returned',
          title: {
            'zh-TW': `${form.month} 網站資料檢視成果表已退回，請修改後重送`,
            en: `The website review for ${form.month} was returned; revise and resubmit`,
          },
          link: `/website/reviews/${id}`,
          settles: ['website-review.submitted'],
        },
        m,
      );
    });
    return this.get(actor, id);
  }

  /** Called when a correction is published: the form is complete once every ticket is. */
  async completeIfAllPublished(actor: Actor, formId: number, m: EntityManager): Promise<boolean> {
    const tickets = await this.repo.correctionsOf([formId], m);
    if (!tickets.length || tickets.some((c) => c.status !== 'published')) return false;
    const now = this.clock.now();
    const ok = await this.repo.transitionForm(
      formId,
      ['correcting'],
      { status: 'complete', completedBy: actor.userId, completedAt: now, updatedAt: now },
      m,
    );
    if (!ok) return false;
    const form = (await this.repo.findForm(formId, m))!;
    await this.repo.addEvent({ formId, correctionId: null, action: 'complete', byId: actor.userId, at: now, note: null }, m);
    await this.audit.record(
      {
        action: 'website-review.complete',
        actor,
        unitCode: form.unitCode,
        targetType: 'review-form',
        targetId: formId,
        changes: [{ field: 'status', before: 'correcting', after: 'complete' }],
      },
      m,
    );
    return true;
  }

  // Compliance and exports

  async compliance(from: string, to: string): Promise<ComplianceGridDto> {
    if (from > to)
      throw new DomainError('VALIDATION_FAILED', { 'zh-TW': '起始月份不可晚於結束月份', en: 'from must not be after to' }, 422, [
        { field: 'from', reason: 'after to' },
      ]);
    const months = monthsBetween(from, to);
    const forms = await this.repo.listForms({ from, to: months[months.length - 1] });
    const corrections = await this.repo.correctionsOf(forms.map((f) => f.id));
    const ctx = await this.views.context([]);
    const units = [...new Set([...forms.map((f) => f.unitCode), ...(await this.repo.unitsWithActivePages())])].sort();
    const today = this.today();
    return {
      months,
      units: units.map((unitCode) => ({
        unitCode,
        unitName: ctx.unitName(unitCode),
        cells: months.map((month) => {
          const f = forms.find((x) => x.unitCode === unitCode && x.month === month);
          if (!f) return { month, formId: null, timeliness: 'missing' as const, status: null, openCorrections: 0 };
          return {
            month,
            formId: f.id,
            timeliness: timelinessOf(f, today),
            status: f.status,
            openCorrections: corrections.filter((c) => c.formId === f.id && c.status !== 'published').length,
          };
        }),
      })),
    };
  }

  async complianceExport(from: string, to: string, format: TableFormat): Promise<DownloadFile> {
    const grid = await this.compliance(from, to);
    const label: Record<string, string> = {
      'on-time': '準時',
      late: '逾期完成',
      overdue: '逾期未完成',
      pending: '進行中',
      missing: '未建立',
    };
    return tableFile(format, `website-compliance-${from}-${to}`, [
      {
        name: '網站檢視執行情形',
        headers: ['單位代碼', '單位', ...grid.months.flatMap((m) => [`${m} 執行情形`, `${m} 未完成修正`])],
        rows: grid.units.map((u) => [
          u.unitCode,
          spreadsheetSafe(u.unitName),
          ...u.cells.flatMap((c) => [label[c.timeliness] ?? c.timeliness, c.formId ? c.openCorrections : '']),
        ]),
        freezeHeader: true,
      },
    ]);
  }

  /** The form as 附件三: unit, month, a line per page with the finding, the signatures, and each ticket's correction and re-check. */
  async exportForm(actor: Actor, id: number, format: TableFormat): Promise<DownloadFile> {
    const f = await this.get(actor, id);
    const when = (s: { at: string } | null) => (s ? formatRocInstant(new Date(s.at)) : '');
    const who = (s: { byDisplayName: string } | null) => s?.byDisplayName ?? '';
    const result = { correct: '正確', 'needs-fix': '需修正' } as const;
    const kind = { content: '內容（服務科）', program: '程式（資訊科）' } as const;
    const head = f.head ? `${who(f.head)}${f.head.approved ? '' : '（退回）'}` : '';
    return tableFile(format, `website-review-${f.unitCode}-${f.month}`, [
      {
        name: '附件三 網站資料檢視成果表',
        headers: [
          '單位',
          '月份',
          '網頁編號',
          '選單路徑',
          '網頁名稱',
          '網址',
          '檢視結果',
          '修正類別',
          '修正內容',
          '檢視人',
          '檢視日期',
          '單位主管核章',
          '核章日期',
          '修正單位',
          '修正完成',
          '修正日期',
          '複檢',
          '複檢日期',
          '上線確認',
          '上線日期',
        ],
        rows: f.rows.map((r) => {
          const c = r.correction;
          return [
            f.unitName,
            `民國${Number(f.month.slice(0, 4)) - 1911}年${Number(f.month.slice(5))}月`,
            r.pageId,
            r.menuPath.join(' > '),
            r.title,
            r.url,
            r.result ? result[r.result] : '',
            r.fixKind ? kind[r.fixKind] : '',
            r.fixNote ?? '',
            who(f.reviewer),
            when(f.reviewer),
            head,
            when(f.head),
            c?.sectionCode ?? '',
            who(c?.done ?? null),
            when(c?.done ?? null),
            c?.rechecked ? `${who(c.rechecked)}${c.rechecked.ok ? '（通過）' : '（未通過）'}` : '',
            when(c?.rechecked ?? null),
            who(c?.published ?? null),
            when(c?.published ?? null),
          ].map((v) => spreadsheetSafe(String(v)));
        }),
        widths: [12, 14, 10, 36, 30, 40, 8, 14, 30, 10, 11, 14, 11, 8, 10, 11, 14, 11, 10, 11],
        freezeHeader: true,
      },
    ]);
  }

  isApproved(status: ReviewFormStatus): boolean {
    return APPROVED.includes(status);
  }
}
