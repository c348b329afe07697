import { JobStatus } from '@tunedesk/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What users see of a background job: kept in the database, not only in Redis. */
@Entity('job_run')
export class JobRunEntity {
  @PrimaryColumn({ type: 'varchar', length: 191 })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  status: JobStatus;

  @Column({ type: 'int', default: 0 })
  progress: number;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text' })
  data: string;

  @Column({ type: 'text', nullable: true })
  result: string | null;

  @Column({ name: 'error_code', type: 'varchar', length: 64, nullable: true })
  errorCode: string | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage: string | null;

  @Column({ name: 'processed_by', type: 'varchar', length: 128, nullable: true })
  processedBy: string | null;

  @Column({ type: 'varchar', length: 10 })
  day: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  @Column({ name: 'started_at', type: 'datetime', precision: 3, nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'datetime', precision: 3, nullable: true })
  finishedAt: Date | null;
}
