import { AccountRequestKind, AccountRequestReason, AccountRequestStatus } from '@tunedesk/contracts';

export const REQUEST_KINDS: readonly AccountRequestKind[] = [
  AccountRequestKind.Create,
  AccountRequestKind.ChangeRoles,
  AccountRequestKind.Disable,
];

export const REQUEST_REASONS: readonly AccountRequestReason[] = [
  AccountRequestReason.Joined,
  AccountRequestReason.Transferred,
  AccountRequestReason.Left,
  AccountRequestReason.Other,
];

/** Badge colour per status: waiting is amber, done is green, stopped is grey or red. */
export const STATUS_BADGE: Record<AccountRequestStatus, string> = {
  [AccountRequestStatus.Submitted]: 'td-badge--warning',
  [AccountRequestStatus.Approved]: 'td-badge--info',
  [AccountRequestStatus.Scheduled]: 'td-badge--info',
  [AccountRequestStatus.Completed]: 'td-badge--ok',
  [AccountRequestStatus.Rejected]: 'td-badge--error',
  [AccountRequestStatus.Cancelled]: 'td-badge--muted',
};
