import type { PasswordChangeReason, Role } from '@tunedesk/contracts';
import { Column, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

@Entity('app_user')
export class UserEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'varchar', length: 64, unique: true })
  account: string;

  @Column({ name: 'display_name', type: 'varchar', length: 64 })
  displayName: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  extension: string | null;

  @Column({ name: 'unit_code', type: 'varchar', length: 16 })
  unitCode: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'disabled_reason', type: 'varchar', length: 64, nullable: true })
  disabledReason: string | null;

  /** argon2id PHC string; never leaves the auth service. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ name: 'password_changed_at', type: 'datetime', precision: 3 })
  passwordChangedAt: Date;

  /** Set for an initial or administrator-reset password: the next login may only change it. */
  @Column({ name: 'password_change_reason', type: 'varchar', length: 16, nullable: true })
  passwordChangeReason: PasswordChangeReason | null;

  @Column({ name: 'failed_logins', type: 'int', default: 0 })
  failedLogins: number;

  @Column({ name: 'locked_until', type: 'datetime', precision: 3, nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'last_login_at', type: 'datetime', precision: 3, nullable: true })
  lastLoginAt: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  @OneToMany(() => UserRoleEntity, (r) => r.user, { eager: true })
  roleRows: UserRoleEntity[];
}

/** One row per role a user holds, so "the unit heads of HT" is a plain query. */
@Entity('user_role')
export class UserRoleEntity {
  @PrimaryColumn({ name: 'user_id', type: 'int' })
  userId: number;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  role: Role;

  @ManyToOne(() => UserEntity, (u) => u.roleRows, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;
}

/** Earlier password hashes, so a new password cannot repeat one of the last three. */
@Entity('password_history')
export class PasswordHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ name: 'user_id', type: 'int' })
  userId: number;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
