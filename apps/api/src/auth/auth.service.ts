import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { MeDto, Role, SessionDto } from '@tunedesk/contracts';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Actor, RequestOrigin } from '../common/actor';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import { AuditService } from '../audit/audit.service';
import { UserEntity } from '../org/user.entity';
import { UsersRepository } from '../org/users.repository';
import { UnitsRepository } from '../org/units.repository';
import { PasswordHasher } from './password-hasher';
import { PasswordService } from './password.service';
import { SessionEntity } from './session.entity';
import { SessionsRepository } from './sessions.repository';

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** One answer for every failed login, so it reveals nothing about the account. */
export const loginFailed = () =>
  new DomainError(
    'AUTH_FAILED',
    { 'zh-TW': '帳號或密碼錯誤，或帳號目前無法登入', en: 'Wrong account or password, or the account cannot sign in now' },
    HttpStatus.UNAUTHORIZED,
  );

/** A signed-in user's account was locked by wrong passwords: the session has ended. */
export const accountLocked = (until: Date) =>
  new DomainError(
    'ACCOUNT_LOCKED',
    {
      'zh-TW': '密碼錯誤次數過多，帳號已暫時鎖定並已登出，請稍後再登入',
      en: 'Too many wrong passwords: the account is locked for a while and you are signed out; sign in again later',
    },
    HttpStatus.UNAUTHORIZED,
    [{ field: 'currentPassword', reason: `locked until ${until.toISOString()}` }],
  );

export const notAuthenticated = (expired: boolean) =>
  expired
    ? new DomainError(
        'SESSION_EXPIRED',
        { 'zh-TW': '登入逾時，請重新登入', en: 'Your session ended; please sign in again' },
        HttpStatus.UNAUTHORIZED,
      )
    : new DomainError('NOT_AUTHENTICATED', { 'zh-TW': '請先登入', en: 'Please sign in' }, HttpStatus.UNAUTHORIZED);

export interface NewSession {
  token: string;
  csrfToken: string;
  me: MeDto;
}

export interface ResolvedSession {
  actor: Actor;
  session: SessionEntity;
}

export function rolesOf(user: UserEntity): Role[] {
  return (user.roleRows ?? []).map((r) => r.role).sort();
}

const TOUCH_EVERY_MS = 30_000;

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly units: UnitsRepository,
    private readonly sessions: SessionsRepository,
    private readonly hasher: PasswordHasher,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Signs in. Unknown account, disabled account, locked account and wrong
   * password all answer the same AUTH_FAILED after the same work; each is audited.
   */
  async login(account: string, password: string, origin: RequestOrigin): Promise<NewSession> {
    const now = this.clock.now();
    const user = await this.users.findByAccount(account);
    const fail = async (reason: string, target: UserEntity | null, extra: Record<string, unknown> = {}) => {
      await this.audit.record({
        action: 'auth.login-failed',
        actor: null,
        origin,
        unitCode: target?.unitCode ?? null,
        targetType: target ? 'user' : undefined,
        targetId: target?.id,
        detail: { reason, ...extra },
      });
      return loginFailed();
    };
    if (!user) {
      await this.hasher.burn(password);
      throw await fail('unknown-account', null);
    }
    if (!user.active) {
      await this.hasher.burn(password);
      throw await fail('disabled', user);
    }
    // The attempt is counted before the slow hash check, so parallel attempts cannot outrun the lock.
    if (!(await this.claimAttempt(user.id))) {
      await this.hasher.burn(password);
      const locked = await this.lockIfDue(user, origin, null);
      throw await fail('locked', user, {
        lockedUntil: (locked ?? (await this.users.findById(user.id))?.lockedUntil)?.toISOString() ?? null,
      });
    }
    if (!(await this.hasher.verify(user.passwordHash, password))) {
      const failures = await this.users.failedLogins(user.id);
      const error = await fail('wrong-password', user, { failures });
      await this.lockIfDue(user, origin, null);
      throw error;
    }
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const session = await this.tx.run(async (m) => {
      // Locked while this password was being checked (five failures counted meanwhile): refused all the same.
      if (!(await this.users.clearFailures(user.id, { lastLoginAt: now }, m))) return null;
      const created = await m.getRepository(SessionEntity).save({
        tokenHash: hashToken(token),
        publicId: randomUUID(),
        userId: user.id,
        csrfHash: hashToken(csrfToken),
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + this.config.security.sessionAbsoluteHours * 3_600_000),
        endedAt: null,
        endReason: null,
        clientIp: origin.clientIp,
        userAgent: origin.userAgent,
      });
      const actor = this.actorOf(user, created, origin);
      await this.audit.record({ action: 'auth.login', actor, targetType: 'user', targetId: user.id }, m);
      return created;
    });
    if (!session) {
      const lockedUntil = (await this.users.findById(user.id))?.lockedUntil;
      throw await fail('locked', user, { lockedUntil: lockedUntil?.toISOString() ?? null });
    }
    return { token, csrfToken, me: await this.me(this.actorOf(user, session, origin), session) };
  }

  /** Counts one password check against the lockout (a lock that ran out is released first); false: refuse unchecked. */
  private async claimAttempt(userId: number): Promise<boolean> {
    await this.users.releaseExpiredLock(userId, this.clock.now());
    return this.users.claimAttempt(userId, this.config.security.lockThreshold);
  }

  /**
   * Locks the account if its count has reached the threshold; only the call
   * that sets the lock audits it (once per lock) and returns its end.
   */
  private async lockIfDue(user: UserEntity, origin: RequestOrigin, actor: Actor | null): Promise<Date | null> {
    const { lockThreshold, lockMinutes } = this.config.security;
    const lockedUntil = new Date(this.clock.now().getTime() + lockMinutes * 60_000);
    if (!(await this.users.lockAtLimit(user.id, lockThreshold, lockedUntil))) return null;
    await this.audit.record({
      action: 'auth.locked',
      actor,
      origin: actor ? undefined : origin,
      unitCode: user.unitCode,
      targetType: 'user',
      targetId: user.id,
      detail: { failures: lockThreshold, lockedUntil: lockedUntil.toISOString() },
    });
    return lockedUntil;
  }

  private actorOf(user: UserEntity, session: SessionEntity | null, origin: RequestOrigin): Actor {
    return {
      userId: user.id,
      account: user.account,
      unitCode: user.unitCode,
      roles: new Set(rolesOf(user)),
      sessionKey: session?.tokenHash ?? null,
      passwordChangeRequired: this.passwords.changeRequired(user),
      requestId: origin.requestId,
      clientIp: origin.clientIp,
    };
  }

  /**
   * The session behind a cookie, if it is still open: not ended, used within
   * the idle timeout, younger than the absolute limit, its user still active.
   * An expired session is ended on the spot.
   */
  async resolve(token: string, origin: RequestOrigin): Promise<ResolvedSession | 'expired' | null> {
    const session = await this.sessions.findByTokenHash(hashToken(token));
    if (!session || session.endedAt) return session ? 'expired' : null;
    const now = this.clock.now();
    const idleLimit = session.lastSeenAt.getTime() + this.config.security.sessionIdleMinutes * 60_000;
    const user = await this.users.findById(session.userId);
    let endReason: string | null = null;
    if (now.getTime() >= session.expiresAt.getTime()) endReason = 'absolute-timeout';
    else if (now.getTime() >= idleLimit) endReason = 'idle-timeout';
    else if (!user || !user.active) endReason = 'account-disabled';
    if (endReason) {
      await this.sessions.end(session.tokenHash, now, endReason);
      return 'expired';
    }
    if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
      await this.sessions.touch(session.tokenHash, now);
      session.lastSeenAt = now;
    }
    return { actor: this.actorOf(user!, session, origin), session };
  }

  csrfMatches(session: SessionEntity, headerValue: string): boolean {
    return hashToken(headerValue) === session.csrfHash;
  }

  async me(actor: Actor, session?: SessionEntity | null): Promise<MeDto> {
    const user = await this.users.findById(actor.userId);
    if (!user) throw notAuthenticated(true);
    const unit = await this.units.findByCode(user.unitCode);
    const days = this.passwords.daysUntilExpiry(user);
    const current = session ?? (actor.sessionKey ? await this.sessions.findByTokenHash(actor.sessionKey) : null);
    return {
      id: user.id,
      account: user.account,
      displayName: user.displayName,
      email: user.email,
      extension: user.extension,
      unitCode: user.unitCode,
      unitName: unit?.name ?? user.unitCode,
      roles: rolesOf(user),
      passwordExpiresInDays: days,
      passwordReminder: days <= this.config.security.passwordReminderDays,
      passwordChangeRequired: this.passwords.changeRequired(user),
      sessionExpiresAt: this.sessionExpiry(current).toISOString(),
    };
  }

  /** The earlier of the idle and the absolute limit. */
  private sessionExpiry(session: SessionEntity | null): Date {
    if (!session) return this.clock.now();
    const idle = session.lastSeenAt.getTime() + this.config.security.sessionIdleMinutes * 60_000;
    return new Date(Math.min(idle, session.expiresAt.getTime()));
  }

  /** Changes the caller's password; every other session of theirs ends. */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<MeDto> {
    const user = await this.users.findById(actor.userId);
    if (!user) throw notAuthenticated(true);
    // A wrong current password counts towards the same lockout as a wrong sign-in, so a session cannot guess without limit.
    const origin: RequestOrigin = { requestId: actor.requestId, clientIp: actor.clientIp, userAgent: null };
    if (!(await this.claimAttempt(user.id))) {
      await this.hasher.burn(currentPassword);
      await this.lockIfDue(user, origin, actor);
      throw await this.endLockedSessions(actor, user);
    }
    if (!(await this.hasher.verify(user.passwordHash, currentPassword))) {
      const failures = await this.users.failedLogins(user.id);
      await this.audit.record({
        action: 'auth.password-changed',
        actor,
        targetType: 'user',
        targetId: user.id,
        detail: { outcome: 'current-password-wrong', failures },
      });
      if (await this.lockIfDue(user, origin, actor)) throw await this.endLockedSessions(actor, user);
      throw new DomainError(
        'CURRENT_PASSWORD_WRONG',
        { 'zh-TW': '目前的密碼不正確', en: 'The current password is not right' },
        HttpStatus.UNPROCESSABLE_ENTITY,
        [{ field: 'currentPassword', reason: '目前的密碼不正確 / The current password is not right' }],
      );
    }
    if (!(await this.users.clearFailures(user.id, {}))) throw await this.endLockedSessions(actor, user);
    if (currentPassword === newPassword) {
      throw new DomainError(
        'PASSWORD_REJECTED',
        { 'zh-TW': '新密碼不符合密碼規則', en: 'The new password does not meet the password rules' },
        HttpStatus.UNPROCESSABLE_ENTITY,
        [{ field: 'newPassword', reason: '新密碼不可與目前的密碼相同 / The new password must differ from the current one' }],
      );
    }
    await this.passwords.assertAcceptable(user, newPassword);
    const now = this.clock.now();
    await this.tx.run(async (m) => {
      await this.passwords.set(user.id, newPassword, null, m);
      const ended = await this.sessions.endAllOf(user.id, now, 'password-changed', actor.sessionKey, m);
      await this.audit.record(
        {
          action: 'auth.password-changed',
          actor,
          targetType: 'user',
          targetId: user.id,
          detail: { outcome: 'changed', otherSessionsEnded: ended },
        },
        m,
      );
    });
    return this.me({ ...actor, passwordChangeRequired: null });
  }

  /** The account is locked: every session of it ends (this one included), and the caller is told so. */
  private async endLockedSessions(actor: Actor, user: UserEntity): Promise<DomainError> {
    const now = this.clock.now();
    const ended = await this.sessions.endAllOf(user.id, now, 'account-locked', null);
    const lockedUntil = (await this.users.findById(user.id))?.lockedUntil ?? now;
    await this.audit.record({
      action: 'auth.session-ended',
      actor,
      targetType: 'user',
      targetId: user.id,
      detail: { reason: 'account-locked', sessionsEnded: ended },
    });
    return accountLocked(lockedUntil);
  }

  async logout(actor: Actor): Promise<void> {
    if (!actor.sessionKey) return;
    await this.tx.run(async (m) => {
      await this.sessions.end(actor.sessionKey!, this.clock.now(), 'logout', m);
      await this.audit.record({ action: 'auth.logout', actor, targetType: 'user', targetId: actor.userId }, m);
    });
  }

  async listSessions(actor: Actor): Promise<SessionDto[]> {
    const now = this.clock.now().getTime();
    const idleMs = this.config.security.sessionIdleMinutes * 60_000;
    return (await this.sessions.findOpenByUser(actor.userId))
      .filter((s) => now < s.expiresAt.getTime() && now < s.lastSeenAt.getTime() + idleMs)
      .map((s) => ({
        id: s.publicId,
        current: s.tokenHash === actor.sessionKey,
        createdAt: s.createdAt.toISOString(),
        lastSeenAt: s.lastSeenAt.toISOString(),
        expiresAt: this.sessionExpiry(s).toISOString(),
        clientIp: s.clientIp,
        userAgent: s.userAgent,
      }));
  }

  /** Ends one of the caller's own sessions; another user's session id is "not found". */
  async endSession(actor: Actor, publicId: string): Promise<{ wasCurrent: boolean }> {
    const mine = (await this.sessions.findOpenByUser(actor.userId)).find((s) => s.publicId === publicId);
    if (!mine)
      throw await this.audit.denied(
        actor,
        { reason: 'session-not-own-or-ended', targetType: 'user', targetId: actor.userId },
        HttpStatus.NOT_FOUND,
      );
    await this.tx.run(async (m) => {
      await this.sessions.end(mine.tokenHash, this.clock.now(), 'ended-by-user', m);
      await this.audit.record({ action: 'auth.session-ended', actor, targetType: 'user', targetId: actor.userId }, m);
    });
    return { wasCurrent: mine.tokenHash === actor.sessionKey };
  }
}
