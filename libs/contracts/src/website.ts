/**
 * Website content governance (要點 三、五; 網站資料檢視成果表 附件三).
 * Routes (all under /api, JSON unless noted; who may call each is in brackets):
 *
 * Page inventory (format 5)
 *   GET    /website/pages?unit=&q=&includeRetired=     [any signed-in user]            → WebPageDto[]
 *   GET    /website/pages/tree                          [any signed-in user]            → WebPageTreeNode[] (menu path levels)
 *   POST   /website/pages                               [service-section, system-admin] body CreateWebPageRequest → WebPageDto
 *   PATCH  /website/pages/:pageId                       [service-section, system-admin] body UpdateWebPageRequest (move = new menuPath/owner) → WebPageDto
 *   POST   /website/pages/:pageId/retire                [service-section, system-admin] → WebPageDto
 *   POST   /website/pages/import  (multipart `file`)    [service-section, system-admin] → ImportSummary (created/updated/unchanged/rejected)
 *   GET    /website/pages/export?format=csv|xlsx|ods    [any signed-in user]            → file
 *   CLI    npm run cli -- pages:import <file> [--json]
 *
 * Monthly review forms (one per unit per month, created on the month's first workday for every unit owning a page)
 *   GET    /website/reviews?month=YYYY-MM&unit=         [own unit; all-unit roles see all] → ReviewFormSummaryDto[]
 *   GET    /website/reviews/:id                          [own unit, service-section, it-section, auditor, compliance, admin] → ReviewFormDto
 *   PUT    /website/reviews/:id/rows/:pageId             [knowledge-contact or unit-head of the form's unit, while draft/returned] body ReviewRowRequest → ReviewFormDto
 *   POST   /website/reviews/:id/submit                   [knowledge-contact or unit-head of the unit] → ReviewFormDto   (every page needs a result)
 *   POST   /website/reviews/:id/approve                  [unit-head of the form's unit only] → ReviewFormDto (核章; no fixes → status filed (備查, to service section); fixes → corrections opened)
 *   POST   /website/reviews/:id/return  body { reason }  [unit-head of the form's unit only] → ReviewFormDto
 *   GET    /website/reviews/:id/export?format=csv|xlsx|ods                                → file (the form as 附件三)
 *   GET    /website/compliance?from=YYYY-MM&to=YYYY-MM   [service-section, auditor, compliance-officer, group-leader, system-admin] → ComplianceGridDto
 *   GET    /website/compliance/export?from&to&format     same                               → file
 *
 * Correction tickets (one per 需修正 row, to the service section for content, the IT section for program)
 *   GET    /website/corrections?status=&section=        [service-section, it-section; a unit sees its own requests] → CorrectionDto[]
 *   POST   /website/corrections/:id/done   body { note } [the ticket's section: SVC for content, IT for program] → CorrectionDto
 *   POST   /website/corrections/:id/recheck body { ok: boolean, note } [knowledge-contact or unit-head of the requesting unit] → CorrectionDto (ok=false reopens the ticket)
 *   POST   /website/corrections/:id/publish body { note } [service-section (web admin)] → CorrectionDto (when every ticket of a form is published, the form is complete)
 */

export type ReviewResult = 'correct' | 'needs-fix';
export type FixKind = 'content' | 'program';

/** draft → submitted → (returned → submitted …) → approved → filed (no fixes) | correcting → complete */
export type ReviewFormStatus = 'draft' | 'submitted' | 'returned' | 'filed' | 'correcting' | 'complete';

/** open → done → rechecked → published; a failed re-check goes back to open. */
export type CorrectionStatus = 'open' | 'done' | 'rechecked' | 'published';

export interface WebPageDto {
  pageId: string;
  /** Menu levels, e.g. ['稅務資訊', '房屋稅', '開徵期間與繳納'] */
  menuPath: string[];
  title: string;
  url: string;
  ownerUnitCode: string;
  ownerUnitName: string;
  retired: boolean;
  updatedAt: string;
}

export interface WebPageTreeNode {
  label: string;
  /** Present on a leaf that is a page. */
  page?: WebPageDto;
  children: WebPageTreeNode[];
}

export interface CreateWebPageRequest {
  pageId: string;
  menuPath: string[];
  title: string;
  url: string;
  ownerUnitCode: string;
}

export type UpdateWebPageRequest = Partial<Omit<CreateWebPageRequest, 'pageId'>>;

/** A dated signature: who did a step and when. */
export interface SignedStep {
  by: string;
  byDisplayName: string;
  /** ISO date-time */
  at: string;
  note: string | null;
}

export interface ReviewRowDto {
  pageId: string;
  menuPath: string[];
  title: string;
  url: string;
  result: ReviewResult | null;
  fixKind: FixKind | null;
  /** What to change (required for needs-fix). */
  fixNote: string | null;
  /** The correction ticket opened for this row, when there is one. */
  correction: CorrectionDto | null;
  /** The automatic link check's finding, when run (status code, redirect target, ms). */
  linkCheck: { status: number | null; redirectedTo: string | null; ms: number | null; checkedAt: string; error: string | null } | null;
}

export interface ReviewFormSummaryDto {
  id: number;
  /** YYYY-MM */
  month: string;
  unitCode: string;
  unitName: string;
  status: ReviewFormStatus;
  /** YYYY-MM-DD on the office calendar */
  dueDate: string;
  pages: number;
  reviewed: number;
  needsFix: number;
  openCorrections: number;
  submittedAt: string | null;
  approvedAt: string | null;
  /** on-time / late (approved after the due date) / overdue (not yet approved and past due) / pending */
  timeliness: 'on-time' | 'late' | 'overdue' | 'pending';
}

export interface ReviewFormDto extends ReviewFormSummaryDto {
  rows: ReviewRowDto[];
  reviewer: SignedStep | null;
  head: (SignedStep & { approved: boolean }) | null;
  filed: SignedStep | null;
  completed: SignedStep | null;
  history: { action: string; by: string; byDisplayName: string; at: string; note: string | null }[];
  can: { edit: boolean; submit: boolean; approve: boolean; return: boolean };
}

export interface ReviewRowRequest {
  result: ReviewResult;
  fixKind?: FixKind;
  fixNote?: string;
}

export interface CorrectionDto {
  id: number;
  formId: number;
  month: string;
  requestingUnitCode: string;
  requestingUnitName: string;
  pageId: string;
  pageTitle: string;
  url: string;
  kind: FixKind;
  /** SVC for content, IT for program */
  sectionCode: string;
  what: string;
  status: CorrectionStatus;
  opened: SignedStep;
  done: SignedStep | null;
  rechecked: (SignedStep & { ok: boolean }) | null;
  published: SignedStep | null;
  can: { done: boolean; recheck: boolean; publish: boolean };
}

export interface ComplianceGridDto {
  months: string[];
  units: { unitCode: string; unitName: string; cells: { month: string; formId: number | null; timeliness: ReviewFormSummaryDto['timeliness'] | 'missing'; status: ReviewFormStatus | null; openCorrections: number }[] }[];
}
