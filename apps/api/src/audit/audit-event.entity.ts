import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** One row of the append-only audit trail; `hash` chains it to the row before. */
@Entity('audit_event')
export class AuditEventEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ name: 'occurred_at', type: 'datetime', precision: 3 })
  occurredAt: Date;

  @Column({ name: 'actor_id', type: 'int', nullable: true })
  actorId: number | null;

  @Column({ name: 'actor_account', type: 'varchar', length: 64, nullable: true })
  actorAccount: string | null;

  @Column({ name: 'unit_code', type: 'varchar', length: 16, nullable: true })
  unitCode: string | null;

  @Column({ type: 'varchar', length: 48 })
  action: string;

  @Column({ name: 'target_type', type: 'varchar', length: 32, nullable: true })
  targetType: string | null;

  @Column({ name: 'target_id', type: 'varchar', length: 64, nullable: true })
  targetId: string | null;

  /** JSON: [{ field, before, after }] */
  @Column({ type: 'text', nullable: true })
  changes: string | null;

  /** JSON: anything else worth knowing (counts, reasons); never personal data. */
  @Column({ type: 'text', nullable: true })
  detail: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @Column({ name: 'client_ip', type: 'varchar', length: 64, nullable: true })
  clientIp: string | null;

  @Column({ name: 'previous_hash', type: 'varchar', length: 64 })
  previousHash: string;

  @Column({ type: 'varchar', length: 64 })
  hash: string;
}

/**
 * The chain's head and its start after purges: one row (id 1). Writers lock it
 * (SELECT … FOR UPDATE on MySQL) so two processes never fork the chain.
 */
@Entity('audit_anchor')
export class AuditAnchorEntity {
  @PrimaryColumn({ type: 'int' })
  id: number;

  /** Rows up to this id were purged; verification starts after it. */
  @Column({ name: 'purged_through_id', type: 'int', default: 0 })
  purgedThroughId: number;

  /** The hash of the last purged row (the genesis hash before any purge). */
  @Column({ name: 'purged_through_hash', type: 'varchar', length: 64 })
  purgedThroughHash: string;

  @Column({ name: 'head_id', type: 'int', default: 0 })
  headId: number;

  @Column({ name: 'head_hash', type: 'varchar', length: 64 })
  headHash: string;
}
