import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A server-side session. The cookie holds a random token; only its SHA-256
 * is stored, so a copy of the table cannot be used to sign in.
 */
@Entity('user_session')
export class SessionEntity {
  @PrimaryColumn({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  /** Shown to the user to end one session; unrelated to the token. */
  @Column({ name: 'public_id', type: 'varchar', length: 36, unique: true })
  publicId: string;

  @Column({ name: 'user_id', type: 'int' })
  userId: number;

  @Column({ name: 'csrf_hash', type: 'varchar', length: 64 })
  csrfHash: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'last_seen_at', type: 'datetime', precision: 3 })
  lastSeenAt: Date;

  /** created_at + the absolute limit. */
  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt: Date;

  @Column({ name: 'ended_at', type: 'datetime', precision: 3, nullable: true })
  endedAt: Date | null;

  @Column({ name: 'end_reason', type: 'varchar', length: 32, nullable: true })
  endReason: string | null;

  @Column({ name: 'client_ip', type: 'varchar', length: 64, nullable: true })
  clientIp: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 255, nullable: true })
  userAgent: string | null;
}
