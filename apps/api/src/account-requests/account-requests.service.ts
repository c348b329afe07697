import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import {
  AccountRequestKind,
  AccountRequestReason,
  AccountRequestStatus,
  Role,
  type AcceptAccountRequestResult,
  type AccountRequestDto,
  type AccountRequestStep,
} from '@tunedesk/contracts';
import { parseIsoDate } from '@tunedesk/domain';
import type { EntityManager } from 'typeorm';
import { NotificationsService } from '../notifications/notifications.service';
import { AuditService } from '../audit/audit.service';
import { Actor, hasRole, seesAllUnits, systemActor } from '../common/actor';
import { Clock, taipeiDay } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { Transactions } from '../database/transactions';
import { normalizeCode } from '../org/org-import';
import { UnitsRepository } from '../org/units.repository';
import { UserEntity } from '../org/user.entity';
import { normaliseAccount, UsersRepository } from '../org/users.repository';
import { UsersService } from '../org/users.service';
import { AccountRequestEntity } from './account-request.entity';
import { AccountRequestsRepository } from './account-requests.repository';
import { CreateAccountRequestDto, DecideAccountRequestDto } from './dto';

const notFound = () =>
  new DomainError('ACCOUNT_REQUEST_NOT_FOUND', { 'zh-TW': '找不到此申請', en: 'No such request' }, HttpStatus.NOT_FOUND);
const alreadyDecided = () =>
  new DomainError(
    'REQUEST_ALREADY_DECIDED',
    { 'zh-TW': '此申請已由他人處理，請重新整理', en: 'Someone else has already acted on this request; reload it' },
    HttpStatus.CONFLICT,
  );
const invalid = (field: string, zh: string, en: string) =>
  new DomainError('VALIDATION_FAILED', { 'zh-TW': zh, en }, HttpStatus.UNPROCESSABLE_ENTITY, [{ field, reason: `${zh} / ${en}` }]);

const KIND_LABEL: Record<AccountRequestKind, string> = { create: '新增', 'change-roles': '權限變更', disable: '停用' };

/**
 * 帳號權限異動申請 (附件四): filed by the user or their unit head, approved or
 * rejected by the filer's unit head (never by the person it is about or who
 * filed it), accepted by the service section, and applied on the effective date.
 */
@Injectable()
export class AccountRequestsService {
  private readonly logger = new Logger(AccountRequestsService.name);

  constructor(
    private readonly requests: AccountRequestsRepository,
    private readonly users: UsersRepository,
    private readonly usersService: UsersService,
    private readonly units: UnitsRepository,
    private readonly audit: AuditService,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
  ) {}

  private today(): string {
    return taipeiDay(this.clock.now());
  }

  async create(actor: Actor, body: CreateAccountRequestDto): Promise<AccountRequestDto> {
    const account = normaliseAccount(body.account);
    const unitCode = normalizeCode(body.unitCode);
    if (!(await this.units.findByCode(unitCode))) throw invalid('unitCode', `找不到單位 ${unitCode}`, `No unit ${unitCode}`);
    try {
      parseIsoDate(body.effectiveDate);
    } catch {
      throw invalid('effectiveDate', '生效日期不是有效的日期', 'effectiveDate is not a real date');
    }
    if (body.effectiveDate < this.today()) throw invalid('effectiveDate', '生效日期不可早於今天', 'effectiveDate cannot be in the past');
    if (body.kind !== AccountRequestKind.Disable && body.requestedRoles.length === 0)
      throw invalid('requestedRoles', '請選擇申請的角色', 'Choose at least one role');
    if (body.reason === AccountRequestReason.Other && !body.reasonNote?.trim())
      throw invalid('reasonNote', '原因為「其他」時請說明', 'Explain the reason "other"');

    const subject = await this.users.findByAccount(account);
    if (body.kind === AccountRequestKind.Create && subject)
      throw invalid('account', `帳號 ${account} 已存在`, `Account ${account} already exists`);
    if (body.kind !== AccountRequestKind.Create && !subject) throw invalid('account', `找不到帳號 ${account}`, `No account ${account}`);
    const subjectUnit = subject?.unitCode ?? unitCode;
    // Who may file: the person concerned, their unit head, or the administrator.
    const mayFile =
      subject?.id === actor.userId ||
      hasRole(actor, Role.SystemAdmin) ||
      (hasRole(actor, Role.UnitHead) && actor.unitCode === subjectUnit && actor.unitCode === unitCode);
    if (!mayFile) throw await this.audit.denied(actor, { reason: 'file-for-other-unit', targetType: 'account', unitCode: subjectUnit });
    if (await this.requests.findOpenFor(account))
      throw new DomainError(
        'ACCOUNT_REQUEST_OPEN',
        { 'zh-TW': `帳號 ${account} 已有處理中的申請`, en: `Account ${account} already has an open request` },
        HttpStatus.CONFLICT,
      );

    const now = this.clock.now();
    const id = await this.tx.run(async (m) => {
      const newId = await this.requests.insert(
        {
          kind: body.kind,
          status: AccountRequestStatus.Submitted,
          account,
          subjectUserId: subject?.id ?? null,
          displayName: body.displayName?.trim() ?? subject?.displayName ?? null,
          email: body.email ?? subject?.email ?? null,
          extension: body.extension ?? subject?.extension ?? null,
          unitCode,
          approverUnitCode: actor.unitCode || unitCode,
          requestedRoles: body.kind === AccountRequestKind.Disable ? '' : [...new Set(body.requestedRoles)].sort().join(','),
          reason: body.reason,
          reasonNote: body.reasonNote?.trim() || null,
          effectiveDate: body.effectiveDate,
          filedById: actor.userId,
          filedAt: now,
          decidedById: null,
          decidedAt: null,
          decisionComment: null,
          acceptedById: null,
          acceptedAt: null,
          acceptComment: null,
          completedAt: null,
          completionOutcome: null,
          createdAt: now,
          updatedAt: now,
        },
        m,
      );
      await this.audit.record(
        {
          action: 'account-request.create',
          actor,
          unitCode,
          targetType: 'account-request',
          targetId: newId,
          detail: { kind: body.kind, account, roles: body.requestedRoles, reason: body.reason, effectiveDate: body.effectiveDate },
        },
        m,
      );
      // The unit head signs it: every head of the unit but the filer and the subject hears of it.
      const heads = (await this.users.withRole(Role.UnitHead, unitCode)).filter((u) => u.id !== actor.userId && u.account !== account);
      await this.notifications.notify(
        heads.map((u) => u.id),
        {
          kind: 'account-request.filed',
          title: {
            'zh-TW': `帳號權限申請 #${newId}（${account}）待您核定`,
            en: `Account request #${newId} (${account}) awaits your decision`,
          },
          link: `/account-requests/${newId}`,
        },
        m,
      );
      return newId;
    });
    return this.get(actor, id);
  }

  private visibleTo(actor: Actor, r: AccountRequestEntity): boolean {
    if (seesAllUnits(actor)) return true;
    if (r.filedById === actor.userId || r.subjectUserId === actor.userId) return true;
    return hasRole(actor, Role.UnitHead) && (r.approverUnitCode === actor.unitCode || r.unitCode === actor.unitCode);
  }

  async list(actor: Actor): Promise<AccountRequestDto[]> {
    const rows = seesAllUnits(actor)
      ? await this.requests.list({ all: true })
      : hasRole(actor, Role.UnitHead)
        ? await this.requests.list({ unitCode: actor.unitCode, userId: actor.userId })
        : await this.requests.list({ userId: actor.userId });
    return this.toDtos(actor, rows);
  }

  async get(actor: Actor, id: number): Promise<AccountRequestDto> {
    const r = await this.requests.findById(id);
    if (!r) throw notFound();
    if (!this.visibleTo(actor, r))
      throw await this.audit.denied(
        actor,
        { reason: 'other-unit', targetType: 'account-request', targetId: id, unitCode: r.unitCode },
        HttpStatus.NOT_FOUND,
      );
    return (await this.toDtos(actor, [r]))[0];
  }

  /** The unit head of the filer's unit, who is neither the filer nor the person concerned. */
  private mayDecide(actor: Actor, r: AccountRequestEntity): boolean {
    return (
      hasRole(actor, Role.UnitHead) &&
      actor.unitCode === r.approverUnitCode &&
      actor.userId !== r.filedById &&
      actor.userId !== r.subjectUserId
    );
  }

  async decide(actor: Actor, id: number, approve: boolean, body: DecideAccountRequestDto): Promise<AccountRequestDto> {
    const r = await this.requests.findById(id);
    if (!r || !this.visibleTo(actor, r))
      throw r
        ? await this.audit.denied(actor, { reason: 'other-unit', targetType: 'account-request', targetId: id }, HttpStatus.NOT_FOUND)
        : notFound();
    if (!this.mayDecide(actor, r)) {
      const own = actor.userId === r.filedById || actor.userId === r.subjectUserId;
      await this.audit.denied(actor, {
        reason: own ? 'own-request' : 'not-approver',
        targetType: 'account-request',
        targetId: id,
        unitCode: r.unitCode,
      });
      throw new DomainError(
        own ? 'CANNOT_DECIDE_OWN_REQUEST' : 'FORBIDDEN',
        own
          ? { 'zh-TW': '不能核定自己提出或與自己有關的申請', en: 'You cannot decide a request you filed or that concerns you' }
          : { 'zh-TW': '只有申請單位的主管可以核定', en: "Only the filing unit's head may decide" },
        HttpStatus.FORBIDDEN,
      );
    }
    const now = this.clock.now();
    await this.tx.run(async (m) => {
      const moved = await this.requests.transition(
        id,
        AccountRequestStatus.Submitted,
        {
          status: approve ? AccountRequestStatus.Approved : AccountRequestStatus.Rejected,
          decidedById: actor.userId,
          decidedAt: now,
          decisionComment: body.comment?.trim() || null,
          updatedAt: now,
        },
        m,
      );
      if (!moved) throw alreadyDecided();
      await this.audit.record(
        {
          action: approve ? 'account-request.approve' : 'account-request.reject',
          actor,
          unitCode: r.unitCode,
          targetType: 'account-request',
          targetId: id,
          changes: [{ field: 'status', before: r.status, after: approve ? 'approved' : 'rejected' }],
        },
        m,
      );
      const service = approve ? await this.users.withRole(Role.ServiceSection) : [];
      await this.notifications.notify(
        [r.filedById, ...service.map((u) => u.id)].filter((uid) => uid !== actor.userId),
        {
          kind: approve ? 'account-request.approved' : 'account-request.rejected',
          title: approve
            ? {
                'zh-TW': `帳號權限申請 #${id} 已由主管核定，待服務科受理`,
                en: `Account request #${id} was approved; the service section accepts it next`,
              }
            : { 'zh-TW': `帳號權限申請 #${id} 未獲核定`, en: `Account request #${id} was rejected` },
          link: `/account-requests/${id}`,
        },
        m,
      );
    });
    return this.get(actor, id);
  }

  async cancel(actor: Actor, id: number): Promise<AccountRequestDto> {
    const r = await this.requests.findById(id);
    if (!r || r.filedById !== actor.userId)
      throw r
        ? await this.audit.denied(actor, { reason: 'not-filer', targetType: 'account-request', targetId: id }, HttpStatus.NOT_FOUND)
        : notFound();
    const now = this.clock.now();
    await this.tx.run(async (m) => {
      if (
        !(await this.requests.transition(id, AccountRequestStatus.Submitted, { status: AccountRequestStatus.Cancelled, updatedAt: now }, m))
      )
        throw alreadyDecided();
      await this.audit.record(
        { action: 'account-request.cancel', actor, unitCode: r.unitCode, targetType: 'account-request', targetId: id },
        m,
      );
    });
    return this.get(actor, id);
  }

  /**
   * The service section accepts an approved request. On or after the effective
   * date it is applied at once (a new account's initial password is returned,
   * once); before it, it is scheduled and the hourly job applies it on the day.
   */
  async accept(actor: Actor, id: number, body: DecideAccountRequestDto): Promise<AcceptAccountRequestResult> {
    const r = await this.requests.findById(id);
    if (!r) throw notFound();
    const now = this.clock.now();
    let initialPassword: string | null = null;
    await this.tx.run(async (m) => {
      const moved = await this.requests.transition(
        id,
        AccountRequestStatus.Approved,
        {
          status: AccountRequestStatus.Scheduled,
          acceptedById: actor.userId,
          acceptedAt: now,
          acceptComment: body.comment?.trim() || null,
          updatedAt: now,
        },
        m,
      );
      if (!moved) throw alreadyDecided();
      await this.audit.record(
        { action: 'account-request.accept', actor, unitCode: r.unitCode, targetType: 'account-request', targetId: id },
        m,
      );
      await this.notifications.notify(
        [r.filedById].filter((uid) => uid !== actor.userId),
        {
          kind: 'account-request.accepted',
          title: {
            'zh-TW': `帳號權限申請 #${id} 已受理，生效日 ${r.effectiveDate}`,
            en: `Account request #${id} was accepted, effective ${r.effectiveDate}`,
          },
          link: `/account-requests/${id}`,
        },
        m,
      );
      if (r.effectiveDate <= this.today()) initialPassword = await this.execute(actor, { ...r, status: AccountRequestStatus.Scheduled }, m);
    });
    return { request: await this.get(actor, id), initialPassword };
  }

  /** Hourly job: applies scheduled requests whose effective date has come. */
  async applyDue(): Promise<{ applied: number[] }> {
    const actor = systemActor('account-requests');
    const applied: number[] = [];
    for (const r of await this.requests.dueOn(this.today())) {
      try {
        await this.tx.run(async (m) => {
          await this.execute(actor, r, m);
        });
        applied.push(r.id);
      } catch (error) {
        this.logger.error({ err: { message: (error as Error).message }, requestId: r.id }, 'An account request could not be applied');
      }
    }
    return { applied };
  }

  /** Applies exactly the approved change and records completion; returns a new account's initial password. */
  private async execute(actor: Actor, r: AccountRequestEntity, m: EntityManager): Promise<string | null> {
    const now = this.clock.now();
    const roles = r.requestedRoles ? (r.requestedRoles.split(',') as Role[]) : [];
    let outcome: string;
    let initialPassword: string | null = null;
    if (r.kind === AccountRequestKind.Create) {
      const created = await this.usersService.create(
        actor,
        {
          account: r.account,
          displayName: r.displayName ?? r.account,
          email: r.email,
          extension: r.extension,
          unitCode: r.unitCode,
          roles,
        },
        m,
      );
      // A password made by the hourly job is shown to nobody; the service section issues one with "reset password".
      initialPassword = actor.sessionKey ? created.initialPassword : null;
      r.subjectUserId = created.user.id;
      outcome = initialPassword
        ? '帳號已建立，初始密碼已交付 (account created)'
        : '帳號已建立，請以「重設密碼」發給初始密碼 (account created; issue a password)';
    } else if (r.kind === AccountRequestKind.ChangeRoles) {
      await this.usersService.update(actor, r.subjectUserId!, { roles, unitCode: r.unitCode }, m);
      outcome = `權限已變更為 ${roles.join(', ')} (roles changed)`;
    } else {
      await this.usersService.update(actor, r.subjectUserId!, { active: false }, m);
      outcome = '帳號已停用 (account disabled)';
    }
    const moved = await this.requests.transition(
      r.id,
      AccountRequestStatus.Scheduled,
      {
        status: AccountRequestStatus.Completed,
        completedAt: now,
        completionOutcome: outcome,
        subjectUserId: r.subjectUserId,
        updatedAt: now,
      },
      m,
    );
    if (!moved) throw alreadyDecided();
    await this.audit.record(
      {
        action: 'account-request.execute',
        actor,
        unitCode: r.unitCode,
        targetType: 'account-request',
        targetId: r.id,
        detail: { kind: r.kind, account: r.account, roles, outcome: KIND_LABEL[r.kind] },
      },
      m,
    );
    return initialPassword;
  }

  private async toDtos(actor: Actor, rows: AccountRequestEntity[]): Promise<AccountRequestDto[]> {
    const ids = new Set<number>();
    for (const r of rows) for (const id of [r.filedById, r.decidedById, r.acceptedById]) if (id) ids.add(id);
    const people = new Map((await this.users.findByIds([...ids])).map((u) => [u.id, u]));
    const unitNames = new Map((await this.units.findAll()).map((u) => [u.code, u.name]));
    const step = (id: number | null, at: Date | null, comment: string | null): AccountRequestStep | null => {
      if (!id || !at) return null;
      const u: UserEntity | undefined = people.get(id);
      return { by: u?.account ?? `#${id}`, byDisplayName: u?.displayName ?? `#${id}`, at: at.toISOString(), comment };
    };
    const isService = hasRole(actor, Role.ServiceSection);
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      status: r.status,
      account: r.account,
      subjectUserId: r.subjectUserId,
      displayName: r.displayName,
      email: r.email,
      extension: r.extension,
      unitCode: r.unitCode,
      unitName: unitNames.get(r.unitCode) ?? r.unitCode,
      requestedRoles: r.requestedRoles ? (r.requestedRoles.split(',') as Role[]) : [],
      reason: r.reason,
      reasonNote: r.reasonNote,
      effectiveDate: r.effectiveDate,
      filed: step(r.filedById, r.filedAt, null)!,
      decided: r.decidedById
        ? { ...step(r.decidedById, r.decidedAt, r.decisionComment)!, approved: r.status !== AccountRequestStatus.Rejected }
        : null,
      accepted: step(r.acceptedById, r.acceptedAt, r.acceptComment),
      completed: r.completedAt
        ? { by: 'system', byDisplayName: '系統', at: r.completedAt.toISOString(), comment: null, outcome: r.completionOutcome ?? '' }
        : null,
      can: {
        approve: r.status === AccountRequestStatus.Submitted && this.mayDecide(actor, r),
        reject: r.status === AccountRequestStatus.Submitted && this.mayDecide(actor, r),
        cancel: r.status === AccountRequestStatus.Submitted && r.filedById === actor.userId,
        accept: r.status === AccountRequestStatus.Approved && isService,
      },
    }));
  }
}
