import {
  type KbItemDto,
  KbItemStatus,
  type ProposalDto,
  type ProposalListDto,
  type QueueItemDetailDto,
  ResponseType,
  type UnitDto,
  UnitKind,
} from '@tunedesk/contracts';

export const UNITS: UnitDto[] = [
  { code: 'LV', name: '牌照稅科', kind: UnitKind.Section, parentCode: null, categories: ['使用牌照稅'], active: true },
  { code: 'HT', name: '房屋稅科', kind: UnitKind.Section, parentCode: null, categories: ['房屋稅'], active: true },
  { code: 'OLD', name: '已裁撤科', kind: UnitKind.Section, parentCode: null, categories: [], active: false },
];

/** HT-0012 at version 3: how 房屋稅 can be paid. */
export function makeKbItem(overrides: Partial<KbItemDto> = {}): KbItemDto {
  return {
    id: 'HT-0012',
    category: '房屋稅',
    question: '房屋稅繳納方式有哪些？',
    ownerUnitCode: 'HT',
    ownerUnitName: '房屋稅科',
    status: KbItemStatus.Published,
    alternateCount: 2,
    version: 3,
    updatedAt: '2026-09-01T02:00:00.000Z',
    alternates: ['房屋稅怎麼繳', '房屋稅繳費方式'],
    answer: '可臨櫃、超商或金融機構繳納。',
    keywords: ['房屋稅', '繳納'],
    effectiveDate: null,
    expiryDate: null,
    createdBy: 'admin',
    createdAt: '2026-01-05T01:00:00.000Z',
    updatedBy: 'chen.mh',
    ...overrides,
  };
}

/** Cluster 77 of cycle 4, claimed by the contact of 房屋稅科. */
export function makeQueueDetail(overrides: Partial<QueueItemDetailDto> = {}): QueueItemDetailDto {
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
    status: 'claimed',
    claimedBy: { account: 'chen.mh', name: '陳美華' },
    claimedAt: '2026-11-04T01:00:00.000Z',
    closeReason: null,
    closeNote: null,
    reassignedFrom: null,
    reassignReason: null,
    suggestions: [{ kbItemId: 'HT-0012', question: '房屋稅繳納方式有哪些？', score: 0.91 }],
    reviewReasons: [],
    kbItemId: null,
    category: '房屋稅',
    confidence: null,
    basis: null,
    wordings: [
      { text: '房屋稅刷卡', count: 9 },
      { text: '房屋稅可以用信用卡繳嗎', count: 20 },
      { text: '信用卡繳房屋稅', count: 7 },
    ],
    examples: [
      {
        sessionId: 'S-1',
        channel: 'LINE',
        askedAt: '2026-10-01T00:15:00.000Z',
        question: '房屋稅可以用信用卡繳嗎',
        responseType: ResponseType.Unanswered,
      },
    ],
    items: [
      {
        id: 'HT-0012',
        question: '房屋稅繳納方式有哪些？',
        answer: '可臨櫃、超商或金融機構繳納。',
        alternates: [],
        ownerUnitCode: 'HT',
        status: 'published',
      },
    ],
    ...overrides,
  };
}

/** A draft of 房屋稅科 in cycle 4 adding an item. */
export function makeProposal(overrides: Partial<ProposalDto> = {}): ProposalDto {
  return {
    id: 12,
    cycleId: 4,
    unitCode: 'HT',
    kind: 'add',
    kbItemId: null,
    before: null,
    content: {
      category: '房屋稅',
      question: '房屋稅可以用信用卡繳嗎？',
      alternates: ['房屋稅刷卡', '信用卡繳房屋稅'],
      answer: '可以，透過信用卡繳稅網站繳納。',
      keywords: ['信用卡'],
      ownerUnitCode: 'HT',
    },
    reason: '民眾問法：「房屋稅可以用信用卡繳嗎」20 次',
    source: { kind: 'cluster', id: 77, title: '房屋稅可以用信用卡繳嗎' },
    status: 'draft',
    returnComment: null,
    deferReason: null,
    warnings: [],
    createdBy: 'chen.mh',
    createdAt: '2026-11-05T01:00:00.000Z',
    updatedAt: '2026-11-05T02:30:00.000Z',
    ...overrides,
  };
}

/** Modify HT-0012: a new alternate and a longer answer. */
export function makeModifyProposal(overrides: Partial<ProposalDto> = {}): ProposalDto {
  const item = makeKbItem();
  return makeProposal({
    id: 13,
    kind: 'modify',
    kbItemId: item.id,
    before: {
      category: item.category,
      question: item.question,
      alternates: item.alternates,
      answer: item.answer,
      keywords: item.keywords,
      ownerUnitCode: 'HT',
    },
    content: {
      category: item.category,
      question: item.question,
      alternates: ['房屋稅怎麼繳', '房屋稅可以刷卡嗎'],
      answer: '可臨櫃、超商、金融機構或信用卡繳納。',
      keywords: item.keywords,
      ownerUnitCode: 'HT',
    },
    reason: '民眾常問信用卡繳納',
    source: null,
    ...overrides,
  });
}

/** Delete HT-0099, an item about a tax break that ended. */
export function makeDeleteProposal(overrides: Partial<ProposalDto> = {}): ProposalDto {
  return makeProposal({
    id: 14,
    kind: 'delete',
    kbItemId: 'HT-0099',
    before: {
      category: '房屋稅',
      question: '113年房屋稅減半措施？',
      alternates: ['房屋稅減半'],
      answer: '113年度適用。',
      keywords: [],
      ownerUnitCode: 'HT',
    },
    content: null,
    reason: '措施已結束',
    source: null,
    ...overrides,
  });
}

/** 房屋稅科's list of cycle 4, being drafted: add, modify and delete. */
export function makeList(overrides: Partial<ProposalListDto> = {}): ProposalListDto {
  return {
    cycleId: 4,
    cycleLabel: '115年10月定期調校',
    unitCode: 'HT',
    unitName: '房屋稅科',
    status: 'in-progress',
    submittedBy: null,
    submittedAt: null,
    approvedBy: null,
    approvedAt: null,
    proposals: [makeProposal(), makeModifyProposal(), makeDeleteProposal()],
    ...overrides,
  };
}

/** An ApiErrorBody response for HttpTestingController.flush. */
export function apiError(statusCode: number, code: string, zh: string, en: string, details: { field?: string; reason: string }[] = []) {
  return {
    body: { statusCode, code, message: { 'zh-TW': zh, en }, details },
    options: { status: statusCode, statusText: 'Error' },
  };
}
