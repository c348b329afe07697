import { AccountRequestKind, AccountRequestStatus, type HomeDto, Role } from '@tunedesk/contracts';

/** An empty home page of a 房屋稅科 knowledge contact on 115/12/07; specs fill in the sections they need. */
export function makeHome(overrides: Partial<HomeDto> = {}): HomeDto {
  return {
    today: '2026-12-07',
    roles: [Role.KnowledgeContact],
    unitCode: 'HT',
    unitName: '房屋稅科',
    password: { expiresOn: '2027-02-01', daysLeft: 56 },
    contact: null,
    unitHead: null,
    oversight: null,
    service: null,
    checks: null,
    admin: null,
    ...overrides,
  };
}

/** A unit head with two lists waiting for 核章 and one account request to decide. */
export function makeHeadHome(): HomeDto {
  return makeHome({
    roles: [Role.UnitHead],
    unitHead: {
      lists: [
        {
          cycleId: 3,
          label: '115年9月定期調校',
          unitCode: 'HT',
          unitName: '房屋稅科',
          dueDate: '2026-11-20',
          submittedAt: '2026-11-18T06:00:00.000Z',
          proposals: 2,
        },
        {
          cycleId: 4,
          label: '115年10月定期調校',
          unitCode: 'HT',
          unitName: '房屋稅科',
          dueDate: '2026-12-21',
          submittedAt: '2026-12-03T06:00:00.000Z',
          proposals: 5,
        },
      ],
      accountRequests: [
        {
          id: 12,
          kind: AccountRequestKind.ChangeRoles,
          status: AccountRequestStatus.Submitted,
          account: 'ht.lee',
          unitName: '房屋稅科',
          effectiveDate: '2026-12-10',
        },
      ],
    },
  });
}
