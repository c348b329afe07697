import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A proposed change to the bank (新增 / 修改 / 刪除). */
@Entity('proposal')
export class ProposalEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'cycle_id', type: 'int' })
  cycleId!: number;

  @Column({ name: 'unit_code', type: 'varchar', length: 16 })
  unitCode!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: string;

  @Column({ name: 'kb_item_id', type: 'varchar', length: 32, nullable: true })
  kbItemId!: string | null;

  /** JSON ProposalContent (add / modify) */
  @Column({ type: 'text', nullable: true })
  content!: string | null;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'source_kind', type: 'varchar', length: 8, nullable: true })
  sourceKind!: string | null;

  @Column({ name: 'source_id', type: 'int', nullable: true })
  sourceId!: number | null;

  @Column({ type: 'varchar', length: 12 })
  status!: string;

  @Column({ name: 'return_comment', type: 'varchar', length: 1000, nullable: true })
  returnComment!: string | null;

  @Column({ name: 'defer_reason', type: 'varchar', length: 1000, nullable: true })
  deferReason!: string | null;

  @Column({ name: 'new_item_id', type: 'varchar', length: 32, nullable: true })
  newItemId!: string | null;

  /** Order in the change set */
  @Column({ type: 'int', nullable: true })
  seq!: number | null;

  @Column({ name: 'applied_at', type: 'datetime', precision: 3, nullable: true })
  appliedAt!: Date | null;

  @Column({ name: 'applied_by', type: 'varchar', length: 64, nullable: true })
  appliedBy!: string | null;

  /** What reconciling with the vendor's bank found when the change was not there */
  @Column({ name: 'reconcile_note', type: 'varchar', length: 500, nullable: true })
  reconcileNote!: string | null;

  /** Where an unimproved change was sent back (調校成效): the queue item */
  @Column({ name: 'sent_back_kind', type: 'varchar', length: 8, nullable: true })
  sentBackKind!: string | null;

  @Column({ name: 'sent_back_id', type: 'int', nullable: true })
  sentBackId!: number | null;

  @Column({ name: 'sent_back_at', type: 'datetime', precision: 3, nullable: true })
  sentBackAt!: Date | null;

  @Column({ name: 'sent_back_by', type: 'varchar', length: 64, nullable: true })
  sentBackBy!: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}

/** A unit's 資料檢視清單 (附件二) for a cycle: submitted by a contact, signed off by the unit head. */
@Entity('proposal_list')
export class ProposalListEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'cycle_id', type: 'int' })
  cycleId!: number;

  @Column({ name: 'unit_code', type: 'varchar', length: 16 })
  unitCode!: string;

  @Column({ type: 'varchar', length: 12 })
  status!: string;

  @Column({ name: 'submitted_by', type: 'int', nullable: true })
  submittedBy!: number | null;

  @Column({ name: 'submitted_at', type: 'datetime', precision: 3, nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'approved_by', type: 'int', nullable: true })
  approvedBy!: number | null;

  @Column({ name: 'approved_at', type: 'datetime', precision: 3, nullable: true })
  approvedAt!: Date | null;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
