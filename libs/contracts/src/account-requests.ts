import type { Role } from './org';

/** 帳號權限異動申請表 (附件四). */
export enum AccountRequestKind {
  Create = 'create',
  ChangeRoles = 'change-roles',
  Disable = 'disable',
}

export enum AccountRequestReason {
  Joined = 'joined',
  Transferred = 'transferred',
  Left = 'left',
  Other = 'other',
}

/** submitted → approved | rejected | cancelled; approved → scheduled → completed. */
export enum AccountRequestStatus {
  Submitted = 'submitted',
  Approved = 'approved',
  Rejected = 'rejected',
  Cancelled = 'cancelled',
  Scheduled = 'scheduled',
  Completed = 'completed',
}

export interface AccountRequestStep {
  by: string;
  byDisplayName: string;
  at: string;
  comment: string | null;
}

export interface AccountRequestDto {
  id: number;
  kind: AccountRequestKind;
  status: AccountRequestStatus;
  /** The account concerned (for a new account, the one to be created). */
  account: string;
  subjectUserId: number | null;
  displayName: string | null;
  email: string | null;
  extension: string | null;
  unitCode: string;
  unitName: string;
  requestedRoles: Role[];
  reason: AccountRequestReason;
  reasonNote: string | null;
  /** YYYY-MM-DD, office calendar day */
  effectiveDate: string;
  filed: AccountRequestStep;
  decided: (AccountRequestStep & { approved: boolean }) | null;
  accepted: AccountRequestStep | null;
  completed: (AccountRequestStep & { outcome: string }) | null;
  /** What the signed-in user may do next. */
  can: { approve: boolean; reject: boolean; cancel: boolean; accept: boolean };
}

export interface CreateAccountRequestRequest {
  kind: AccountRequestKind;
  account: string;
  displayName?: string;
  email?: string | null;
  extension?: string | null;
  unitCode: string;
  requestedRoles: Role[];
  reason: AccountRequestReason;
  reasonNote?: string | null;
  effectiveDate: string;
}

export interface DecideAccountRequestRequest {
  comment?: string | null;
}

/** What POST …/accept returns: the request, and for a new account applied today its one-time initial password. */
export interface AcceptAccountRequestResult {
  request: AccountRequestDto;
  initialPassword: string | null;
}

export const ACCOUNT_REQUEST_ROUTES = {
  list: '/api/account-requests',
  one: (id: number) => `/api/account-requests/${id}`,
  approve: (id: number) => `/api/account-requests/${id}/approve`,
  reject: (id: number) => `/api/account-requests/${id}/reject`,
  cancel: (id: number) => `/api/account-requests/${id}/cancel`,
  accept: (id: number) => `/api/account-requests/${id}/accept`,
} as const;
