import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A named value; marks, for instance, that the shipped defaults were applied once (so deleting them sticks). */
@Entity('app_setting')
export class AppSettingEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'varchar', length: 255 })
  value!: string;
}

/** A vendor's header names for the report formats. */
@Entity('import_profile')
export class ImportProfileEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 100, unique: true })
  name!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  /** JSON ProfileAliases */
  @Column({ type: 'text' })
  aliases!: string;

  @Column({ name: 'updated_by', type: 'varchar', length: 64 })
  updatedBy!: string;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}

/** 同義詞: variants folded to one term before matching and routing. */
@Entity('synonym')
export class SynonymEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 64, unique: true })
  term!: string;

  /** JSON string[] */
  @Column({ type: 'text' })
  variants!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @Column({ name: 'updated_by', type: 'varchar', length: 64 })
  updatedBy!: string;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}

/** A keyword that routes a question nobody's item matched to a unit. */
@Entity('routing_rule')
export class RoutingRuleEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 64, unique: true })
  keyword!: string;

  @Column({ name: 'unit_code', type: 'varchar', length: 16 })
  unitCode!: string;

  @Column({ name: 'overrides_tax_names', type: 'boolean', default: false })
  overridesTaxNames!: boolean;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @Column({ name: 'updated_by', type: 'varchar', length: 64 })
  updatedBy!: string;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}

/**
 * The work state of a queue item (claim, closure, reassignment), the same
 * columns on miss_cluster and review_item: the queue treats both alike.
 */
export abstract class WorkStateColumns {
  @Column({ name: 'queue_status', type: 'varchar', length: 12, default: 'open' })
  queueStatus!: string;

  @Column({ name: 'claimed_by', type: 'int', nullable: true })
  claimedBy!: number | null;

  @Column({ name: 'claimed_at', type: 'datetime', precision: 3, nullable: true })
  claimedAt!: Date | null;

  @Column({ name: 'close_reason', type: 'varchar', length: 24, nullable: true })
  closeReason!: string | null;

  @Column({ name: 'close_note', type: 'varchar', length: 500, nullable: true })
  closeNote!: string | null;

  @Column({ name: 'reassigned_from', type: 'varchar', length: 16, nullable: true })
  reassignedFrom!: string | null;

  @Column({ name: 'reassign_reason', type: 'varchar', length: 500, nullable: true })
  reassignReason!: string | null;

  /** When the item was answered (proposed or closed): the burndown's clock */
  @Column({ name: 'answered_at', type: 'datetime', precision: 3, nullable: true })
  answeredAt!: Date | null;
}

/** An existing item a cycle asks its unit to look at again (the 要點's 檢視原有題庫). */
@Entity('review_item')
export class ReviewItemEntity extends WorkStateColumns {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'cycle_id', type: 'int' })
  cycleId!: number;

  @Column({ name: 'unit_code', type: 'varchar', length: 16 })
  unitCode!: string;

  @Column({ name: 'kb_item_id', type: 'varchar', length: 32 })
  kbItemId!: string;

  /** Reasons joined by commas */
  @Column({ type: 'varchar', length: 100 })
  reasons!: string;

  /** JSON: hits, ratings, dissatisfied, expiryDate, pastYears */
  @Column({ type: 'text' })
  detail!: string;

  @Column({ type: 'varchar', length: 8 })
  status!: 'open' | 'done';

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @Column({ name: 'done_by', type: 'varchar', length: 64, nullable: true })
  doneBy!: string | null;

  @Column({ name: 'done_at', type: 'datetime', precision: 3, nullable: true })
  doneAt!: Date | null;
}

@Entity('notification')
export class NotificationEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'user_id', type: 'int' })
  userId!: number;

  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  @Column({ name: 'title_zh', type: 'varchar', length: 255 })
  titleZh!: string;

  @Column({ name: 'title_en', type: 'varchar', length: 255 })
  titleEn!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  link!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'datetime', precision: 3, nullable: true })
  readAt!: Date | null;

  /** When the e-mail copy went out (the outbox sends each once) */
  @Column({ name: 'mailed_at', type: 'datetime', precision: 3, nullable: true })
  mailedAt!: Date | null;
}

/** One day of the office calendar (format 7). */
@Entity('office_day')
export class OfficeDayEntity {
  @PrimaryColumn({ type: 'varchar', length: 10 })
  day!: string;

  @Column({ name: 'is_holiday', type: 'boolean' })
  isHoliday!: boolean;

  @Column({ type: 'varchar', length: 100, nullable: true })
  note!: string | null;
}

/** A deadline reminder sent: one per cycle, unit, kind and day. */
@Entity('reminder_log')
export class ReminderLogEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'cycle_id', type: 'int' })
  cycleId!: number;

  @Column({ name: 'unit_code', type: 'varchar', length: 16 })
  unitCode!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: string;

  @Column({ type: 'varchar', length: 10 })
  day!: string;

  @Column({ name: 'sent_at', type: 'datetime', precision: 3 })
  sentAt!: Date;
}

/** The work state of a queue item nobody has touched. */
export const OPEN_WORK = {
  queueStatus: 'open',
  claimedBy: null,
  claimedAt: null,
  closeReason: null,
  closeNote: null,
  reassignedFrom: null,
  reassignReason: null,
  answeredAt: null,
} as const;
