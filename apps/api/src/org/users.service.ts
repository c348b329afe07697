import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { Role, type InitialPasswordDto, type UpdateProfileRequest, type UserDto } from '@tunedesk/contracts';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { changedFields } from '../audit/audit-changes';
import { generateInitialPassword } from '../auth/password-hasher';
import { PasswordService } from '../auth/password.service';
import { SessionsRepository } from '../auth/sessions.repository';
import { Actor, canReadUnit, hasRole, seesAllUnits } from '../common/actor';
import { Clock, DAY_MS } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import { UpdateUserDto } from './dto/user.dto';
import { normalizeCode } from './org-import';
import { UnitsRepository } from './units.repository';
import { UserEntity } from './user.entity';
import { normaliseAccount, UsersRepository } from './users.repository';

export function toUserDto(u: UserEntity, passwordChangeRequired: UserDto['passwordChangeRequired']): UserDto {
  return {
    id: u.id,
    account: u.account,
    displayName: u.displayName,
    email: u.email,
    extension: u.extension,
    unitCode: u.unitCode,
    roles: (u.roleRows ?? []).map((r) => r.role).sort(),
    active: u.active,
    lockedUntil: u.lockedUntil ? u.lockedUntil.toISOString() : null,
    lastLoginAt: u.lastLoginAt ? u.lastLoginAt.toISOString() : null,
    passwordChangedAt: u.passwordChangedAt.toISOString(),
    passwordChangeRequired,
    disabledReason: u.disabledReason,
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
  };
}

const AUDITED_FIELDS: (keyof UserDto & string)[] = ['displayName', 'email', 'extension', 'unitCode', 'roles', 'active'];

const userNotFound = () => new DomainError('USER_NOT_FOUND', { 'zh-TW': '找不到指定的使用者', en: 'No such user' }, HttpStatus.NOT_FOUND);

export interface NewAccount {
  account: string;
  displayName: string;
  email?: string | null;
  extension?: string | null;
  unitCode: string;
  roles: Role[];
}

/** People: accounts, roles, units. Unit heads see their own unit; administrators change things. */
@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly units: UnitsRepository,
    private readonly sessions: SessionsRepository,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private dto(u: UserEntity): UserDto {
    return toUserDto(u, this.passwords.changeRequired(u));
  }

  /** Everyone the caller may see: every unit for the bureau-wide roles, their own unit for a unit head. */
  async list(actor: Actor, filter: { unit?: string; q?: string }): Promise<UserDto[]> {
    const unit = filter.unit ? normalizeCode(filter.unit) : undefined;
    if (unit && !canReadUnit(actor, unit))
      throw await this.audit.denied(actor, { reason: 'other-unit', targetType: 'unit', targetId: unit, unitCode: unit });
    const unitCode = seesAllUnits(actor) ? unit : actor.unitCode;
    return (await this.users.list({ unitCode, q: filter.q?.trim() || undefined })).map((u) => this.dto(u));
  }

  async get(actor: Actor, id: number): Promise<UserDto> {
    const user = await this.users.findById(id);
    if (!user) throw userNotFound();
    if (!canReadUnit(actor, user.unitCode))
      throw await this.audit.denied(
        actor,
        { reason: 'other-unit', targetType: 'user', targetId: id, unitCode: user.unitCode },
        HttpStatus.NOT_FOUND,
      );
    return this.dto(user);
  }

  private async assertUnit(unitCode: string): Promise<string> {
    const code = normalizeCode(unitCode);
    if (!(await this.units.findByCode(code)))
      throw new DomainError('UNIT_NOT_FOUND', { 'zh-TW': `找不到單位 ${code}`, en: `No unit ${code}` }, HttpStatus.UNPROCESSABLE_ENTITY, [
        { field: 'unitCode', reason: 'unknown unit' },
      ]);
    return code;
  }

  /** Creates an account with a one-time initial password that must be changed at first login. */
  async create(actor: Actor, body: NewAccount, manager?: EntityManager): Promise<InitialPasswordDto & { user: UserDto }> {
    const account = normaliseAccount(body.account);
    const unitCode = await this.assertUnit(body.unitCode);
    const initialPassword = generateInitialPassword();
    const work = async (m: EntityManager) => {
      if (await this.users.findByAccount(account, m))
        throw new DomainError(
          'ACCOUNT_EXISTS',
          { 'zh-TW': `帳號 ${account} 已存在`, en: `Account ${account} already exists` },
          HttpStatus.CONFLICT,
          [{ field: 'account', reason: 'exists' }],
        );
      const now = this.clock.now();
      const id = await this.users.insert(
        {
          account,
          displayName: body.displayName.trim(),
          email: body.email ?? null,
          extension: body.extension ?? null,
          unitCode,
          active: true,
          disabledReason: null,
          passwordHash: '!',
          passwordChangedAt: now,
          passwordChangeReason: 'initial',
          failedLogins: 0,
          lockedUntil: null,
          lastLoginAt: null,
          createdAt: now,
          updatedAt: now,
        },
        m,
      );
      await this.users.setRoles(id, [...new Set(body.roles)], m);
      await this.passwords.set(id, initialPassword, 'initial', m);
      const user = (await this.users.findById(id, m))!;
      const dto = this.dto(user);
      await this.audit.record(
        { action: 'user.create', actor, unitCode, targetType: 'user', targetId: id, changes: changedFields(null, dto, AUDITED_FIELDS) },
        m,
      );
      return dto;
    };
    const user = manager ? await work(manager) : await this.tx.run(work);
    return { account, initialPassword, user };
  }

  async update(actor: Actor, id: number, body: UpdateUserDto, manager?: EntityManager): Promise<UserDto> {
    const unitCode = body.unitCode !== undefined ? await this.assertUnit(body.unitCode) : undefined;
    if (
      id === actor.userId &&
      (body.active === false || (body.roles && !body.roles.includes(Role.SystemAdmin) && hasRole(actor, Role.SystemAdmin)))
    )
      throw new DomainError(
        'SELF_LOCKOUT',
        {
          'zh-TW': '不能停用自己的帳號或移除自己的系統管理者角色',
          en: 'You cannot disable yourself or remove your own administrator role',
        },
        HttpStatus.CONFLICT,
      );
    const work = async (m: EntityManager) => {
      const current = await this.users.findById(id, m);
      if (!current) throw userNotFound();
      const before = this.dto(current);
      const now = this.clock.now();
      const fields: Partial<UserEntity> = {};
      if (body.displayName !== undefined) fields.displayName = body.displayName.trim();
      if (body.email !== undefined) fields.email = body.email;
      if (body.extension !== undefined) fields.extension = body.extension;
      if (unitCode !== undefined) fields.unitCode = unitCode;
      if (body.active !== undefined && body.active !== current.active) {
        fields.active = body.active;
        fields.disabledReason = body.active ? null : 'administrator';
        // Re-enabling an account unused for months must not disable it again at the next run.
        if (body.active) fields.lastLoginAt = now;
      }
      if (Object.keys(fields).length) await this.users.update(id, { ...fields, updatedAt: now }, m);
      if (body.roles) await this.users.setRoles(id, [...new Set(body.roles)], m);
      if (
        fields.active === false ||
        (body.roles && before.roles.join() !== [...body.roles].sort().join()) ||
        (unitCode !== undefined && unitCode !== current.unitCode)
      )
        await this.sessions.endAllOf(id, now, 'account-changed', null, m);
      const after = this.dto((await this.users.findById(id, m))!);
      const changes = changedFields(before, after, AUDITED_FIELDS);
      if (changes.length)
        await this.audit.record({ action: 'user.update', actor, unitCode: after.unitCode, targetType: 'user', targetId: id, changes }, m);
      return after;
    };
    return manager ? work(manager) : this.tx.run(work);
  }

  async resetPassword(actor: Actor, id: number): Promise<InitialPasswordDto> {
    const initialPassword = generateInitialPassword();
    return this.tx.run(async (m) => {
      const user = await this.users.findById(id, m);
      if (!user) throw userNotFound();
      await this.passwords.set(id, initialPassword, 'reset', m);
      await this.users.update(id, { failedLogins: 0, lockedUntil: null }, m);
      await this.sessions.endAllOf(id, this.clock.now(), 'password-reset', null, m);
      await this.audit.record({ action: 'user.password-reset', actor, unitCode: user.unitCode, targetType: 'user', targetId: id }, m);
      return { account: user.account, initialPassword };
    });
  }

  async unlock(actor: Actor, id: number): Promise<UserDto> {
    return this.tx.run(async (m) => {
      const user = await this.users.findById(id, m);
      if (!user) throw userNotFound();
      await this.users.update(id, { failedLogins: 0, lockedUntil: null, updatedAt: this.clock.now() }, m);
      await this.audit.record(
        {
          action: 'user.unlock',
          actor,
          unitCode: user.unitCode,
          targetType: 'user',
          targetId: id,
          changes: [{ field: 'lockedUntil', before: user.lockedUntil?.toISOString() ?? null, after: null }],
        },
        m,
      );
      return this.dto((await this.users.findById(id, m))!);
    });
  }

  /** A user's own name, e-mail and extension; nothing else (the DTO refuses other fields). */
  async updateProfile(actor: Actor, body: UpdateProfileRequest): Promise<void> {
    await this.tx.run(async (m) => {
      const current = await this.users.findById(actor.userId, m);
      if (!current) throw userNotFound();
      const fields: Partial<UserEntity> = {};
      if (body.displayName !== undefined) fields.displayName = body.displayName.trim();
      if (body.email !== undefined) fields.email = body.email;
      if (body.extension !== undefined) fields.extension = body.extension;
      const changes = changedFields<Partial<UserEntity>>(current, { ...current, ...fields }, ['displayName', 'email', 'extension']);
      if (!changes.length) return;
      await this.users.update(actor.userId, { ...fields, updatedAt: this.clock.now() }, m);
      await this.audit.record({ action: 'profile.update', actor, targetType: 'user', targetId: actor.userId, changes }, m);
    });
  }

  /** Disables active accounts with no sign-in for ACCOUNT_INACTIVE_DAYS; each is audited. */
  async disableInactive(actor: Actor): Promise<{ disabled: string[] }> {
    const now = this.clock.now();
    const cutoff = new Date(now.getTime() - this.config.security.accountInactiveDays * DAY_MS);
    const stale = await this.users.inactiveSince(cutoff);
    const disabled: string[] = [];
    for (const user of stale) {
      await this.tx.run(async (m) => {
        await this.users.update(user.id, { active: false, disabledReason: 'inactive', updatedAt: now }, m);
        await this.sessions.endAllOf(user.id, now, 'account-disabled', null, m);
        await this.audit.record(
          {
            action: 'user.disabled-inactive',
            actor,
            unitCode: user.unitCode,
            targetType: 'user',
            targetId: user.id,
            changes: [{ field: 'active', before: true, after: false }],
            detail: { lastLoginAt: user.lastLoginAt?.toISOString() ?? null, inactiveDays: this.config.security.accountInactiveDays },
          },
          m,
        );
      });
      disabled.push(user.account);
    }
    if (disabled.length) this.logger.log({ count: disabled.length }, 'Inactive accounts disabled');
    return { disabled };
  }
}
