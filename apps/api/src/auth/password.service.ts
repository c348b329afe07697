import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { checkPassword, PASSWORD_PROBLEM_MESSAGES, type PasswordProblem } from '@tunedesk/domain';
import type { PasswordChangeReason } from '@tunedesk/contracts';
import type { EntityManager } from 'typeorm';
import { Clock, DAY_MS } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { UserEntity } from '../org/user.entity';
import { UsersRepository } from '../org/users.repository';
import { commonPasswords } from './common-passwords';
import { PasswordHasher } from './password-hasher';

/** How many earlier passwords (the current one included) a new one may not repeat. */
export const PASSWORD_HISTORY_DEPTH = 3;

/** Password rules, history and age; the one place that writes a password hash. */
@Injectable()
export class PasswordService {
  constructor(
    private readonly hasher: PasswordHasher,
    private readonly users: UsersRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Refuses a password that breaks a rule or repeats one of the last three, listing every reason. */
  async assertAcceptable(user: Pick<UserEntity, 'id' | 'account'>, password: string, manager?: EntityManager): Promise<void> {
    const problems: (PasswordProblem | 'PASSWORD_REUSED')[] = checkPassword(password, {
      account: user.account,
      commonPasswords: commonPasswords(),
    });
    if (problems.length === 0 && user.id) {
      const recent = await this.users.recentPasswordHashes(user.id, PASSWORD_HISTORY_DEPTH, manager);
      for (const old of recent) {
        if (await this.hasher.verify(old.passwordHash, password)) {
          problems.push('PASSWORD_REUSED');
          break;
        }
      }
    }
    if (problems.length) {
      const messages = {
        ...PASSWORD_PROBLEM_MESSAGES,
        PASSWORD_REUSED: { 'zh-TW': '不可與最近 3 次使用的密碼相同', en: 'It must differ from your last 3 passwords' },
      };
      throw new DomainError(
        'PASSWORD_REJECTED',
        { 'zh-TW': '新密碼不符合密碼規則', en: 'The new password does not meet the password rules' },
        HttpStatus.UNPROCESSABLE_ENTITY,
        problems.map((p) => ({ field: 'newPassword', reason: `${messages[p]['zh-TW']} / ${messages[p].en}` })),
      );
    }
  }

  /** Hashes and stores a new password (with its history row); `reason` set means it must be changed at next login. */
  async set(userId: number, password: string, reason: PasswordChangeReason | null, manager: EntityManager): Promise<void> {
    const now = this.clock.now();
    const passwordHash = await this.hasher.hash(password);
    await this.users.update(userId, { passwordHash, passwordChangedAt: now, passwordChangeReason: reason, updatedAt: now }, manager);
    // Initial and reset passwords are not the user's own; only chosen ones count towards "the last three".
    if (!reason) await this.users.addPasswordHistory(userId, passwordHash, now, manager);
  }

  /** Days until the password must be changed (negative when overdue). */
  daysUntilExpiry(user: Pick<UserEntity, 'passwordChangedAt'>): number {
    const expires = user.passwordChangedAt.getTime() + this.config.security.passwordMaxAgeDays * DAY_MS;
    return Math.ceil((expires - this.clock.now().getTime()) / DAY_MS);
  }

  /** Why the user may only change their password now, if they must. */
  changeRequired(user: Pick<UserEntity, 'passwordChangedAt' | 'passwordChangeReason'>): PasswordChangeReason | null {
    if (user.passwordChangeReason) return user.passwordChangeReason;
    const expires = user.passwordChangedAt.getTime() + this.config.security.passwordMaxAgeDays * DAY_MS;
    return this.clock.now().getTime() >= expires ? 'expired' : null;
  }
}
