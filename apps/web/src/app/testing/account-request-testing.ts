import { type AccountRequestDto, AccountRequestKind, AccountRequestReason, AccountRequestStatus, Role } from '@tunedesk/contracts';

/** A submitted request for a new knowledge contact in 房屋稅科. */
export function makeRequest(overrides: Partial<AccountRequestDto> = {}): AccountRequestDto {
  return {
    id: 12,
    kind: AccountRequestKind.Create,
    status: AccountRequestStatus.Submitted,
    account: 'kao.sf',
    subjectUserId: null,
    displayName: '高淑芬',
    email: 'kao.sf@tax.tycg.gov.tw',
    extension: '2315',
    unitCode: 'HT',
    unitName: '房屋稅科',
    requestedRoles: [Role.KnowledgeContact],
    reason: AccountRequestReason.Joined,
    reasonNote: null,
    effectiveDate: '2026-12-01',
    filed: { by: 'chen.mh', byDisplayName: '陳美華', at: '2026-11-27T01:00:00Z', comment: null },
    decided: null,
    accepted: null,
    completed: null,
    can: { approve: false, reject: false, cancel: false, accept: false },
    ...overrides,
  };
}
