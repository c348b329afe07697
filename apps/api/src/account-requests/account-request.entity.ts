import type { AccountRequestKind, AccountRequestReason, AccountRequestStatus } from '@tunedesk/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 帳號權限異動申請表 (附件四): one request and each dated, signed step. */
@Entity('account_request')
export class AccountRequestEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'varchar', length: 16 })
  kind: AccountRequestKind;

  @Column({ type: 'varchar', length: 16 })
  status: AccountRequestStatus;

  @Column({ type: 'varchar', length: 64 })
  account: string;

  @Column({ name: 'subject_user_id', type: 'int', nullable: true })
  subjectUserId: number | null;

  @Column({ name: 'display_name', type: 'varchar', length: 64, nullable: true })
  displayName: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  extension: string | null;

  @Column({ name: 'unit_code', type: 'varchar', length: 16 })
  unitCode: string;

  /** Roles joined by commas. */
  /** The unit whose head approves: the filer's unit when filed. */
  @Column({ name: 'approver_unit_code', type: 'varchar', length: 16 })
  approverUnitCode: string;

  @Column({ name: 'requested_roles', type: 'varchar', length: 255, default: '' })
  requestedRoles: string;

  @Column({ type: 'varchar', length: 16 })
  reason: AccountRequestReason;

  @Column({ name: 'reason_note', type: 'varchar', length: 255, nullable: true })
  reasonNote: string | null;

  @Column({ name: 'effective_date', type: 'varchar', length: 10 })
  effectiveDate: string;

  @Column({ name: 'filed_by_id', type: 'int' })
  filedById: number;

  @Column({ name: 'filed_at', type: 'datetime', precision: 3 })
  filedAt: Date;

  @Column({ name: 'decided_by_id', type: 'int', nullable: true })
  decidedById: number | null;

  @Column({ name: 'decided_at', type: 'datetime', precision: 3, nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decision_comment', type: 'varchar', length: 500, nullable: true })
  decisionComment: string | null;

  @Column({ name: 'accepted_by_id', type: 'int', nullable: true })
  acceptedById: number | null;

  @Column({ name: 'accepted_at', type: 'datetime', precision: 3, nullable: true })
  acceptedAt: Date | null;

  @Column({ name: 'accept_comment', type: 'varchar', length: 500, nullable: true })
  acceptComment: string | null;

  @Column({ name: 'completed_at', type: 'datetime', precision: 3, nullable: true })
  completedAt: Date | null;

  @Column({ name: 'completion_outcome', type: 'varchar', length: 255, nullable: true })
  completionOutcome: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
