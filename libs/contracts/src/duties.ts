/**
 * The duties calendar: every recurring duty of the 要點 with its due dates on
 * the office calendar, and (where a feature reports it) who has done it.
 */
export enum DutyName {
  /** 網站資料檢視 (附件三): monthly, due the 10th rolled to the next workday. */
  WebsiteReview = 'website-review',
  /** 密碼更換 (要點 七(一)): quarterly, due the last workday of the quarter. */
  PasswordRotation = 'password-rotation',
  /** 信箱及受理案件檢查: weekly (ISO week), due the week's last workday. */
  MailboxCheck = 'mailbox-check',
  /** 逾期案件檢討: quarterly, due the quarter's last day rolled to the next workday. */
  OverdueCaseReview = 'overdue-case-review',
}

export const DUTY_NAMES: readonly DutyName[] = [
  DutyName.WebsiteReview,
  DutyName.PasswordRotation,
  DutyName.MailboxCheck,
  DutyName.OverdueCaseReview,
];

/** How often a duty recurs; also the shape of its period: YYYY-MM, YYYY-Qn, YYYY-Www. */
export type DutyRecurrence = 'monthly' | 'quarterly' | 'weekly';

/** One period of one duty: `{ "duty": "website-review", "period": "2026-01", "due": "2026-01-12" }`. */
export interface DutyDue {
  duty: DutyName;
  period: string;
  /** ISO date; null when it falls in a year whose calendar is not imported yet (see needsCalendarYear). */
  due: string | null;
  needsCalendarYear?: number;
}

export interface DutyScheduleDto {
  year: number;
  duties: DutyDue[];
}

/**
 * done / late (done after the due date) / missing (not done, due date passed) /
 * pending (not done, not yet due) / unknown (no feature reports this duty yet).
 */
export enum DutyStatus {
  Done = 'done',
  Late = 'late',
  Missing = 'missing',
  Pending = 'pending',
  Unknown = 'unknown',
}

export interface DutyUnitStatus {
  unitCode: string;
  status: DutyStatus;
}

export interface DutyPeriodDto extends DutyDue {
  /** The whole period: the worst of its units (missing > late > pending > done), unknown when untracked. */
  status: DutyStatus;
  units: DutyUnitStatus[];
}

export interface DutyYearDto {
  year: number;
  /** Today on the server (ISO date), to mark the year view. */
  today: string;
  /** The duties in the order of the schedule, with their recurrence. */
  rules: { duty: DutyName; recurrence: DutyRecurrence; tracked: boolean }[];
  duties: DutyPeriodDto[];
}

/** What the link check finds for one URL (the website review form is pre-filled from it). */
export interface LinkCheckResult {
  url: string;
  /** Final HTTP status; null when no response (timeout, refused, not http/https). */
  status: number | null;
  /** The final URL after redirects; null when not redirected. */
  redirectedTo: string | null;
  ms: number;
  error: string | null;
}

export const DUTY_ROUTES = {
  year: (year: number) => `/api/duties?year=${year}`,
} as const;
