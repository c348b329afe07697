import {
  type KbDiffDto,
  type KbItemDto,
  KbItemStatus,
  type KbItemSummaryDto,
  type KbSearchHitDto,
  type KbVersionDto,
} from '@tunedesk/contracts';

/** A published 房屋稅 item as the list shows it. */
export function makeSummary(overrides: Partial<KbItemSummaryDto> = {}): KbItemSummaryDto {
  return {
    id: 'HT-0001',
    category: '房屋稅',
    question: '房屋稅什麼時候開徵？',
    ownerUnitCode: 'HT',
    ownerUnitName: '房屋稅科',
    status: KbItemStatus.Published,
    alternateCount: 3,
    version: 4,
    updatedAt: '2026-11-28T16:30:00.000Z',
    ...overrides,
  };
}

export function makeItem(overrides: Partial<KbItemDto> = {}): KbItemDto {
  return {
    ...makeSummary(),
    alternates: ['房屋稅何時繳', '房屋稅繳納期間', '房屋稅幾月要繳'],
    answer: '房屋稅每年 5 月 1 日至 5 月 31 日開徵。',
    keywords: ['房屋稅', '開徵'],
    effectiveDate: '2026-01-01',
    expiryDate: null,
    createdBy: 'admin',
    createdAt: '2026-01-05T01:00:00.000Z',
    updatedBy: 'chen.mh',
    ...overrides,
  };
}

export function makeHit(overrides: Partial<KbSearchHitDto> = {}): KbSearchHitDto {
  return {
    item: makeSummary(),
    score: 0.87,
    matchedKind: 'alternate',
    matchedText: '房屋稅何時繳',
    ...overrides,
  };
}

export function makeVersion(version: number, overrides: Partial<KbVersionDto> = {}): KbVersionDto {
  return {
    version,
    source: 'import',
    reason: `第 ${version} 次匯入`,
    changedBy: 'admin',
    changedAt: `2026-1${version % 3}-0${version}T02:00:00.000Z`,
    snapshot: {
      category: '房屋稅',
      question: '房屋稅什麼時候開徵？',
      alternates: [],
      answer: '',
      keywords: [],
      ownerUnitCode: 'HT',
      status: KbItemStatus.Published,
      effectiveDate: null,
      expiryDate: null,
    },
    ...overrides,
  };
}

/** v3 → v4: the answer moved from 5 月 to 6 月; the question did not change. */
export function makeDiff(from = 3, to = 4): KbDiffDto {
  return {
    itemId: 'HT-0001',
    from,
    to,
    fields: [
      {
        field: 'question',
        changed: false,
        before: '房屋稅什麼時候開徵？',
        after: '房屋稅什麼時候開徵？',
        segments: [{ op: 'equal', text: '房屋稅什麼時候開徵？' }],
      },
      {
        field: 'answer',
        changed: true,
        before: '每年 5 月開徵',
        after: '每年 6 月開徵',
        segments: [
          { op: 'equal', text: '每年 ' },
          { op: 'delete', text: '5' },
          { op: 'insert', text: '6' },
          { op: 'equal', text: ' 月開徵' },
        ],
      },
    ],
  };
}
