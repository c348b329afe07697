import type { CorrectionStatus, FixKind, ReviewFormStatus, ReviewResult } from '@tunedesk/contracts';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A page of the bureau's website (format 5, 網頁清單) and the unit answerable for its content. */
@Entity('web_page')
export class WebPageEntity {
  @PrimaryColumn({ name: 'page_id', type: 'varchar', length: 32 })
  pageId: string;

  /** Menu levels joined by ' > ' (a level never holds '>'). */
  @Column({ name: 'menu_path', type: 'varchar', length: 500 })
  menuPath: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 1000 })
  url: string;

  @Column({ name: 'owner_unit_code', type: 'varchar', length: 16 })
  ownerUnitCode: string;

  @Column({ type: 'boolean', default: false })
  retired: boolean;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}

/** 網站資料檢視成果表 (附件三): one unit's review of its pages for one month, each step signed and dated. */
@Entity('review_form')
export class ReviewFormEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ name: 'unit_code', type: 'varchar', length: 16 })
  unitCode: string;

  /** YYYY-MM */
  @Column({ type: 'varchar', length: 7 })
  month: string;

  @Column({ type: 'varchar', length: 16 })
  status: ReviewFormStatus;

  /** YYYY-MM-DD on the office calendar */
  @Column({ name: 'due_date', type: 'varchar', length: 10 })
  dueDate: string;

  /** Who submitted the form (the reviewer) and when. */
  @Column({ name: 'reviewer_by', type: 'int', nullable: true })
  reviewerBy: number | null;

  @Column({ name: 'reviewer_at', type: 'datetime', precision: 3, nullable: true })
  reviewerAt: Date | null;

  /** The unit head's sign-off (核章) or return. */
  @Column({ name: 'head_by', type: 'int', nullable: true })
  headBy: number | null;

  @Column({ name: 'head_at', type: 'datetime', precision: 3, nullable: true })
  headAt: Date | null;

  @Column({ name: 'head_approved', type: 'boolean', nullable: true })
  headApproved: boolean | null;

  @Column({ name: 'head_note', type: 'varchar', length: 500, nullable: true })
  headNote: string | null;

  /** When the head approved; kept after a later return so timeliness is the first approval's. */
  @Column({ name: 'approved_at', type: 'datetime', precision: 3, nullable: true })
  approvedAt: Date | null;

  /** Sent to the service section for the record (備查): a form with no fixes. */
  @Column({ name: 'filed_by', type: 'int', nullable: true })
  filedBy: number | null;

  @Column({ name: 'filed_at', type: 'datetime', precision: 3, nullable: true })
  filedAt: Date | null;

  /** The publication that closed the last correction. */
  @Column({ name: 'completed_by', type: 'int', nullable: true })
  completedBy: number | null;

  @Column({ name: 'completed_at', type: 'datetime', precision: 3, nullable: true })
  completedAt: Date | null;

  /** The last day a reminder went out for this form: one a day at most. */
  @Column({ name: 'reminded_on', type: 'varchar', length: 10, nullable: true })
  remindedOn: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}

/** One page of a form: the page as it was when the form was opened, and the reviewer's finding. */
@Entity('review_row')
export class ReviewRowEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ name: 'form_id', type: 'int' })
  formId: number;

  @Column({ name: 'page_id', type: 'varchar', length: 32 })
  pageId: string;

  @Column({ name: 'menu_path', type: 'varchar', length: 500 })
  menuPath: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 1000 })
  url: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  result: ReviewResult | null;

  @Column({ name: 'fix_kind', type: 'varchar', length: 16, nullable: true })
  fixKind: FixKind | null;

  @Column({ name: 'fix_note', type: 'varchar', length: 1000, nullable: true })
  fixNote: string | null;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}

/** A correction ticket: one 需修正 row, to the service section (content) or the IT section (program). */
@Entity('web_correction')
export class CorrectionEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ name: 'form_id', type: 'int' })
  formId: number;

  @Column({ name: 'row_id', type: 'int' })
  rowId: number;

  @Column({ name: 'page_id', type: 'varchar', length: 32 })
  pageId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: FixKind;

  @Column({ name: 'section_code', type: 'varchar', length: 16 })
  sectionCode: string;

  @Column({ type: 'varchar', length: 1000 })
  what: string;

  @Column({ type: 'varchar', length: 16 })
  status: CorrectionStatus;

  @Column({ name: 'opened_by', type: 'int' })
  openedBy: number;

  @Column({ name: 'opened_at', type: 'datetime', precision: 3 })
  openedAt: Date;

  @Column({ name: 'done_by', type: 'int', nullable: true })
  doneBy: number | null;

  @Column({ name: 'done_at', type: 'datetime', precision: 3, nullable: true })
  doneAt: Date | null;

  @Column({ name: 'done_note', type: 'varchar', length: 500, nullable: true })
  doneNote: string | null;

  @Column({ name: 'rechecked_by', type: 'int', nullable: true })
  recheckedBy: number | null;

  @Column({ name: 'rechecked_at', type: 'datetime', precision: 3, nullable: true })
  recheckedAt: Date | null;

  @Column({ name: 'recheck_ok', type: 'boolean', nullable: true })
  recheckOk: boolean | null;

  @Column({ name: 'recheck_note', type: 'varchar', length: 500, nullable: true })
  recheckNote: string | null;

  @Column({ name: 'published_by', type: 'int', nullable: true })
  publishedBy: number | null;

  @Column({ name: 'published_at', type: 'datetime', precision: 3, nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'published_note', type: 'varchar', length: 500, nullable: true })
  publishedNote: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}

/** The history of a form and its tickets, kept (and purged) with them. */
@Entity('review_event')
export class ReviewEventEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ name: 'form_id', type: 'int' })
  formId: number;

  @Column({ name: 'correction_id', type: 'int', nullable: true })
  correctionId: number | null;

  @Column({ type: 'varchar', length: 32 })
  action: string;

  @Column({ name: 'by_id', type: 'int' })
  byId: number;

  @Column({ type: 'datetime', precision: 3 })
  at: Date;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;
}

export const WEBSITE_ENTITIES = [WebPageEntity, ReviewFormEntity, ReviewRowEntity, CorrectionEntity, ReviewEventEntity];
