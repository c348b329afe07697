import { UnitKind } from '@tunedesk/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A section, office or branch (科/室/分局), format 8. */
@Entity('unit')
export class UnitEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  code: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 8 })
  kind: UnitKind;

  @Column({ name: 'parent_code', type: 'varchar', length: 16, nullable: true })
  parentCode: string | null;

  /** 稅目分類 values joined by 、 (the format's own separator, never inside a value). */
  @Column({ type: 'varchar', length: 255, default: '' })
  categories: string;

  /** 業務職掌 keywords joined by 、: what else the unit handles (format 8, optional). */
  @Column({ type: 'varchar', length: 1000, default: '' })
  duties: string;

  /** 轄區 joined by 、: the districts a branch serves (format 8, optional). */
  @Column({ type: 'varchar', length: 1000, default: '' })
  districts: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
