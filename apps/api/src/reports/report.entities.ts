import type { CycleKind, ReportImportStatus, ReportKind, ResponseType, RoutedReason } from '@tunedesk/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { WorkStateColumns } from '../tuning/tuning.entities';

/** One uploaded report file and what became of it. */
@Entity('report_import')
export class ReportImportEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'varchar', length: 7 })
  month: string;

  @Column({ type: 'varchar', length: 8 })
  kind: ReportKind;

  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName: string;

  /** Where the original is kept (under FILES_DIR), for audit. */
  @Column({ name: 'file_path', type: 'varchar', length: 500 })
  filePath: string;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  encoding: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: ReportImportStatus;

  @Column({ type: 'varchar', length: 16, nullable: true })
  stage: string | null;

  @Column({ type: 'int', default: 0 })
  progress: number;

  @Column({ name: 'rows_read', type: 'int', default: 0 })
  rowsRead: number;

  @Column({ type: 'int', default: 0 })
  accepted: number;

  @Column({ type: 'int', default: 0 })
  rejected: number;

  /** JSON: messages by response type */
  @Column({ name: 'by_response_type', type: 'text', nullable: true })
  byResponseType: string | null;

  /** JSON: the rejected lines (up to 10,000) */
  @Column({ name: 'rejected_lines', type: 'text', nullable: true })
  rejectedLines: string | null;

  @Column({ name: 'error_code', type: 'varchar', length: 64, nullable: true })
  errorCode: string | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage: string | null;

  @Column({ name: 'replaces_import_id', type: 'int', nullable: true })
  replacesImportId: number | null;

  @Column({ name: 'profile_id', type: 'int', nullable: true })
  profileId!: number | null;

  @Column({ name: 'cancel_requested', type: 'boolean', default: false })
  cancelRequested: boolean;

  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'finished_at', type: 'datetime', precision: 3, nullable: true })
  finishedAt: Date | null;
}

/** One citizen message of a report (a summary row stands for `occurrences` messages). */
@Entity('report_message')
export class ReportMessageEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ name: 'import_id', type: 'int' })
  importId: number;

  @Column({ name: 'row_no', type: 'int' })
  rowNo: number;

  @Column({ type: 'varchar', length: 7 })
  month: string;

  @Column({ type: 'varchar', length: 10, nullable: true })
  day: string | null;

  @Column({ name: 'asked_at', type: 'datetime', precision: 3, nullable: true })
  askedAt: Date | null;

  @Column({ name: 'session_id', type: 'varchar', length: 64, nullable: true })
  sessionId: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  channel: string | null;

  @Column({ type: 'varchar', length: 500 })
  question: string;

  @Column({ type: 'varchar', length: 500 })
  normalized: string;

  @Column({ name: 'response_type', type: 'varchar', length: 16 })
  responseType: ResponseType;

  @Column({ name: 'kb_item_id', type: 'varchar', length: 32, nullable: true })
  kbItemId: string | null;

  @Column({ type: 'float', nullable: true })
  confidence: number | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  feedback: string | null;

  @Column({ name: 'handed_off', type: 'boolean', default: false })
  handedOff: boolean;

  @Column({ type: 'int', default: 1 })
  occurrences: number;

  @Column({ name: 'is_miss', type: 'boolean', default: false })
  isMiss: boolean;
}

/** A month's tuning (定期調校), or the always-open irregular one (不定期調校). */
@Entity('tuning_cycle')
export class TuningCycleEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'varchar', length: 12 })
  kind: CycleKind;

  @Column({ type: 'varchar', length: 7, nullable: true, unique: true })
  month: string | null;

  @Column({ type: 'varchar', length: 64 })
  label: string;

  @Column({ name: 'due_date', type: 'varchar', length: 10, nullable: true })
  dueDate: string | null;

  @Column({ name: 'import_id', type: 'int', nullable: true })
  importId: number | null;

  @Column({ name: 'announced_at', type: 'datetime', precision: 3, nullable: true })
  announcedAt: Date | null;

  @Column({ name: 'announced_by', type: 'varchar', length: 64, nullable: true })
  announcedBy: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  @Column({ name: 'change_set_sent_at', type: 'datetime', precision: 3, nullable: true })
  changeSetSentAt!: Date | null;

  @Column({ name: 'change_set_sent_by', type: 'varchar', length: 64, nullable: true })
  changeSetSentBy!: string | null;

  @Column({ name: 'closed_at', type: 'datetime', precision: 3, nullable: true })
  closedAt!: Date | null;
}

/** A group of near-duplicate misses of one cycle, routed to a unit's queue. */
@Entity('miss_cluster')
export class MissClusterEntity extends WorkStateColumns {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ name: 'cycle_id', type: 'int' })
  cycleId: number;

  @Column({ name: 'cluster_no', type: 'int' })
  clusterNo: number;

  @Column({ type: 'varchar', length: 500 })
  representative: string;

  /** normalizeText(representative): how next month's cluster finds this one. */
  @Column({ name: 'representative_key', type: 'varchar', length: 500 })
  representativeKey: string;

  @Column({ type: 'int' })
  size: number;

  /** JSON [{ text, count }], most frequent first */
  @Column({ type: 'text' })
  wordings: string;

  /** JSON string[], never cut (text: a vendor's channel names may be long and many) */
  @Column({ type: 'text' })
  channels: string;

  /** JSON { [responseType]: count } */
  @Column({ name: 'by_response_type', type: 'text' })
  byResponseType: string;

  /** JSON examples [{ sessionId, channel, askedAt, question, responseType }] */
  @Column({ type: 'text' })
  examples: string;

  /** JSON [{ kbItemId, question, score }] */
  @Column({ type: 'text' })
  suggestions: string;

  @Column({ name: 'first_seen', type: 'datetime', precision: 3, nullable: true })
  firstSeen: Date | null;

  @Column({ name: 'last_seen', type: 'datetime', precision: 3, nullable: true })
  lastSeen: Date | null;

  @Column({ name: 'previous_cluster_id', type: 'int', nullable: true })
  previousClusterId: number | null;

  @Column({ name: 'recurring_months', type: 'int', default: 1 })
  recurringMonths: number;

  /** 0–1: how sure the grouping is (an item cluster: the item's score; a topic: its wordings' mean similarity). */
  @Column({ type: 'float', nullable: true })
  confidence: number | null;

  /** What the cluster rests on: `item` (confidently one item's) or `topic` (a new topic grouped by similarity). */
  @Column({ type: 'varchar', length: 8, nullable: true })
  basis: 'item' | 'topic' | null;

  @Column({ name: 'routed_unit_code', type: 'varchar', length: 16, nullable: true })
  routedUnitCode: string | null;

  @Column({ name: 'routed_reason', type: 'varchar', length: 16 })
  routedReason: RoutedReason;

  @Column({ name: 'assignee_id', type: 'int', nullable: true })
  assigneeId: number | null;
}
