import type { KbItemStatus, KbVersionSource } from '@tunedesk/contracts';
import { Column, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** One question-bank item (題目); `id` is the vendor's 題目編號. */
@Entity('kb_item')
export class KbItemEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  category: string;

  @Column({ type: 'varchar', length: 500 })
  question: string;

  @Column({ type: 'text' })
  answer: string;

  /** Joined by 、 */
  @Column({ type: 'varchar', length: 1000, default: '' })
  keywords: string;

  @Column({ name: 'owner_unit_code', type: 'varchar', length: 16, nullable: true })
  ownerUnitCode: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: KbItemStatus;

  @Column({ name: 'effective_date', type: 'varchar', length: 10, nullable: true })
  effectiveDate: string | null;

  @Column({ name: 'expiry_date', type: 'varchar', length: 10, nullable: true })
  expiryDate: string | null;

  /** The vendor's 最後修改日 as the file said it (YYYY-MM-DD); informational. */
  @Column({ name: 'vendor_updated_on', type: 'varchar', length: 10, nullable: true })
  vendorUpdatedOn: string | null;

  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_by', type: 'varchar', length: 64 })
  updatedBy: string;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  @OneToMany(() => KbAlternateEntity, (a) => a.item, { eager: true })
  alternateRows: KbAlternateEntity[];
}

/** One alternate question, a row of its own so duplicates across items are a query away. */
@Entity('kb_alternate')
export class KbAlternateEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ name: 'item_id', type: 'varchar', length: 32 })
  itemId: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 500 })
  text: string;

  /** normalizeText(text), for finding the same alternate under two items. */
  @Column({ type: 'varchar', length: 500 })
  normalized: string;

  @ManyToOne(() => KbItemEntity, (i) => i.alternateRows, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id' })
  item?: KbItemEntity;
}

/** Every state an item has had, with who, when and why. Never updated or deleted. */
@Entity('kb_item_version')
export class KbVersionEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ name: 'item_id', type: 'varchar', length: 32 })
  itemId: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'varchar', length: 16 })
  source: KbVersionSource;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  /** JSON of KbSnapshot */
  @Column({ type: 'text' })
  snapshot: string;

  @Column({ name: 'changed_by', type: 'varchar', length: 64 })
  changedBy: string;

  @Column({ name: 'changed_at', type: 'datetime', precision: 3 })
  changedAt: Date;
}
