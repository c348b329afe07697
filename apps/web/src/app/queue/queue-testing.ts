import {
  type AnsweredBeforeDto,
  type QueueCycleDto,
  type QueueCyclesDto,
  type QueueItemDetailDto,
  type QueueItemDto,
  ResponseType,
} from '@tunedesk/contracts';

/** A cluster of 房屋稅科 in cycle 4, three months running, nobody on it yet. */
export function makeQueueItem(overrides: Partial<QueueItemDto> = {}): QueueItemDto {
  return {
    kind: 'cluster',
    id: 77,
    cycleId: 4,
    cycleLabel: '115年10月定期調校',
    unitCode: 'HT',
    unitName: '房屋稅科',
    title: '房屋稅可以用信用卡繳嗎',
    size: 36,
    recurringMonths: 3,
    impact: 108,
    status: 'open',
    claimedBy: null,
    claimedAt: null,
    closeReason: null,
    closeNote: null,
    reassignedFrom: null,
    reassignReason: null,
    suggestions: [
      { kbItemId: 'HT-0012', question: '房屋稅繳納方式有哪些？', score: 0.912 },
      { kbItemId: 'HT-0040', question: '信用卡繳稅有手續費嗎？', score: 0.744 },
    ],
    reviewReasons: [],
    kbItemId: 'HT-0012',
    category: '房屋稅',
    ...overrides,
  };
}

/** An existing item of 房屋稅科 queued for review: no hits, and an answer that still says 113年. */
export function makeReviewQueueItem(overrides: Partial<QueueItemDto> = {}): QueueItemDto {
  return makeQueueItem({
    kind: 'review',
    id: 501,
    title: '房屋稅的課稅期間為何？',
    size: 0,
    recurringMonths: 1,
    impact: 0,
    suggestions: [],
    reviewReasons: ['no-hits', 'past-year'],
    kbItemId: 'HT-0031',
    ...overrides,
  });
}

export function makeQueueDetail(overrides: Partial<QueueItemDetailDto> = {}): QueueItemDetailDto {
  return {
    ...makeQueueItem(),
    confidence: 0.87,
    basis: 'item',
    wordings: [
      { text: '房屋稅可以用信用卡繳嗎', count: 20 },
      { text: '房屋稅刷卡', count: 9 },
      { text: '信用卡繳房屋稅', count: 7 },
    ],
    examples: [
      {
        sessionId: 'S-20261001-0042',
        channel: 'LINE',
        askedAt: '2026-10-01T00:15:00.000Z',
        question: '房屋稅可以用信用卡繳嗎',
        responseType: ResponseType.Unanswered,
      },
      { sessionId: null, channel: null, askedAt: '2026-10-30T09:40:00.000Z', question: '房屋稅刷卡', responseType: ResponseType.Suggested },
    ],
    items: [
      {
        id: 'HT-0012',
        question: '房屋稅繳納方式有哪些？',
        answer: '可臨櫃、超商、ATM 轉帳或網路繳納。\n詳見本局網站。',
        alternates: ['房屋稅怎麼繳', '房屋稅繳費方式'],
        ownerUnitCode: 'HT',
        status: 'published',
      },
      {
        id: 'HT-0040',
        question: '信用卡繳稅有手續費嗎？',
        answer: '以信用卡繳納本市地方稅免手續費。',
        alternates: [],
        ownerUnitCode: 'HT',
        status: 'disabled',
      },
    ],
    ...overrides,
  };
}

/** October's approved proposal #12 of 房屋稅科 that answered the wording. */
export function makeAnsweredBefore(overrides: Partial<AnsweredBeforeDto> = {}): AnsweredBeforeDto {
  return {
    proposalId: 12,
    proposalKind: 'modify',
    status: 'approved',
    kbItemId: 'HT-0012',
    cycleId: 3,
    cycleLabel: '115年10月定期調校',
    month: '2026-10',
    unitCode: 'HT',
    wording: '房屋稅可以用信用卡繳嗎',
    ...overrides,
  };
}

export function makeQueueCycle(overrides: Partial<QueueCycleDto> = {}): QueueCycleDto {
  return {
    id: 4,
    kind: 'regular',
    month: '2026-10',
    label: '115年10月定期調校',
    dueDate: '2026-12-21',
    announcedAt: '2026-11-23T01:00:00.000Z',
    openCount: 5,
    ...overrides,
  };
}

/** What a contact's picker gets: October (the default, with work), September, and 不定期調校. */
export function makeQueueCycles(overrides: Partial<QueueCyclesDto> = {}): QueueCyclesDto {
  return {
    cycles: [
      makeQueueCycle(),
      makeQueueCycle({ id: 3, month: '2026-09', label: '115年9月定期調校', openCount: 0, announcedAt: '2026-10-26T01:00:00.000Z' }),
      makeQueueCycle({ id: 9, kind: 'irregular', month: null, label: '不定期調校', dueDate: null, announcedAt: null, openCount: 0 }),
    ],
    defaultCycleId: 4,
    ...overrides,
  };
}
