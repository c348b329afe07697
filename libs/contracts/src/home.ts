import type { AccountRequestKind, AccountRequestStatus } from './account-requests';
import type { Role } from './org';
import type { ListStatus, QueueItemKind, QueueItemStatus } from './proposals';

/** An open queue item on a contact's home page. */
export interface HomeWorkItemDto {
  kind: QueueItemKind;
  id: number;
  title: string;
  status: Extract<QueueItemStatus, 'open' | 'claimed'>;
  /** Claimed by the signed-in user */
  mine: boolean;
}

/** One announced, unclosed cycle's open work of the contact's unit. */
export interface HomeCycleWorkDto {
  cycleId: number;
  label: string;
  /** YYYY-MM-DD; null for 不定期調校 */
  dueDate: string | null;
  /** The due date has passed and the list is not approved */
  overdue: boolean;
  listStatus: ListStatus;
  /** Open or claimed items of the unit in the cycle */
  open: number;
  claimedByMe: number;
  unclaimed: number;
  /** Mine first, then unclaimed, then the others' (at most HOME_ITEMS_SHOWN) */
  items: HomeWorkItemDto[];
}

/** A 資料檢視清單 submitted and waiting for its unit head's 核章. */
export interface HomeListToSignDto {
  cycleId: number;
  label: string;
  unitCode: string;
  unitName: string;
  dueDate: string | null;
  submittedAt: string | null;
  proposals: number;
}

export interface HomeAccountRequestDto {
  id: number;
  kind: AccountRequestKind;
  status: AccountRequestStatus;
  account: string;
  unitName: string;
  effectiveDate: string;
}

/** Why a unit appears on the group leader's and service section's home page, most urgent first. */
export type HomeUnitState = 'late' | 'awaiting-approval' | 'returned' | 'not-submitted';

export interface HomeUnitDto {
  unitCode: string;
  unitName: string;
  state: HomeUnitState;
  listStatus: ListStatus;
  /** Open or claimed queue items */
  open: number;
}

export interface HomeOversightCycleDto {
  cycleId: number;
  label: string;
  dueDate: string | null;
  /** Units with something left, most urgent first; approved units and units with nothing to do are left out */
  units: HomeUnitDto[];
  /** Units whose list is approved */
  approvedUnits: number;
}

export interface HomeOversightDto {
  cycles: HomeOversightCycleDto[];
  /** 待分派: clusters of unclosed cycles no rule routed, not yet answered */
  triage: number;
  /** Imported cycles not yet announced (公告) */
  unannounced: { cycleId: number; label: string }[];
}

export interface HomeAccountCheckDto {
  account: string;
  displayName: string;
  unitName: string;
  /** YYYY-MM-DD the check fell due */
  since: string;
}

/** The compliance officer's and auditor's checks that the platform itself can tell. */
export interface HomeChecksDto {
  /** Accounts whose password is older than the rotation period */
  passwordsOverdue: HomeAccountCheckDto[];
  /** Active accounts unused for ACCOUNT_INACTIVE_DAYS − 14 days or more: the daily job disables them at ACCOUNT_INACTIVE_DAYS */
  inactiveSoon: HomeAccountCheckDto[];
  /** Account requests past their effective date and not completed */
  requestsPastEffective: HomeAccountRequestDto[];
  passwordMaxAgeDays: number;
  accountInactiveDays: number;
}

export interface HomeAdminDto {
  /** Account requests not finished, per step */
  requests: { submitted: number; approved: number; scheduled: number };
  lockedAccounts: number;
}

/** GET /api/home: what the signed-in person has to do, one section per role they hold (null when they do not hold it). */
export interface HomeDto {
  /** YYYY-MM-DD in Asia/Taipei */
  today: string;
  roles: Role[];
  unitCode: string;
  unitName: string;
  /** The signed-in user's own password rotation */
  password: { expiresOn: string; daysLeft: number };
  /** 知識維護窗口 */
  contact: { cycles: HomeCycleWorkDto[] } | null;
  /** 單位主管 */
  unitHead: { lists: HomeListToSignDto[]; accountRequests: HomeAccountRequestDto[] } | null;
  /** 調校小組組長 and 服務科 */
  oversight: HomeOversightDto | null;
  /** 服務科: account requests approved by a head, waiting to be accepted */
  service: { accountRequestsToAccept: HomeAccountRequestDto[] } | null;
  /** 研考人員 and 稽核人員 */
  checks: HomeChecksDto | null;
  /** 系統管理者 */
  admin: HomeAdminDto | null;
}

export const HOME_ITEMS_SHOWN = 8;

export const HOME_ROUTES = {
  home: '/api/home',
} as const;
