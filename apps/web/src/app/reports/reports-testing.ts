import {
  type ImportProfileDto,
  type MissClusterDto,
  type MissClusterSummaryDto,
  type ReportImportDto,
  ResponseType,
  type ReviewItemDto,
  type TuningCycleDto,
} from '@tunedesk/contracts';

/** A log file of 115年10月, in the worker's hands. */
export function makeImport(overrides: Partial<ReportImportDto> = {}): ReportImportDto {
  return {
    id: 31,
    month: '2026-10',
    kind: 'log',
    fileName: '115年10月對話紀錄.csv',
    sha256: 'ab'.repeat(32),
    encoding: 'big5',
    status: 'processing',
    progress: 40,
    stage: 'clustering',
    rowsRead: 5200,
    accepted: 5100,
    rejected: 0,
    byResponseType: {},
    errorCode: null,
    errorMessage: null,
    replacesImportId: null,
    profileId: null,
    profileName: null,
    createdBy: 'lin.sc',
    createdAt: '2026-11-03T01:20:00.000Z',
    finishedAt: null,
    ...overrides,
  };
}

export function makeCycle(overrides: Partial<TuningCycleDto> = {}): TuningCycleDto {
  return {
    id: 4,
    kind: 'regular',
    month: '2026-10',
    label: '115年10月定期調校',
    dueDate: '2026-11-20',
    announcedAt: null,
    announcedBy: null,
    importId: 31,
    clusterCount: 42,
    missCount: 380,
    byUnit: [
      { unitCode: 'HT', unitName: '房屋稅科', clusters: 12, misses: 140 },
      { unitCode: 'LV', unitName: '牌照稅科', clusters: 9, misses: 85 },
    ],
    triageClusters: 5,
    recurringClusters: 7,
    createdAt: '2026-11-03T01:30:00.000Z',
    ...overrides,
  };
}

export function makeClusterSummary(overrides: Partial<MissClusterSummaryDto> = {}): MissClusterSummaryDto {
  return {
    id: 77,
    cycleId: 4,
    clusterNo: 1,
    representative: '房屋稅可以用信用卡繳嗎',
    size: 36,
    wordingCount: 5,
    channels: ['LINE', '網站'],
    firstSeen: '2026-10-01T00:15:00.000Z',
    lastSeen: '2026-10-30T09:40:00.000Z',
    recurringMonths: 3,
    previousClusterId: 55,
    routedUnitCode: 'HT',
    routedUnitName: '房屋稅科',
    routedReason: 'suggestion',
    assigneeAccount: 'chen.mh',
    assigneeName: '陳美華',
    suggestions: [
      { kbItemId: 'HT-0012', question: '房屋稅繳納方式有哪些？', score: 0.912 },
      { kbItemId: 'HT-0040', question: '信用卡繳稅有手續費嗎？', score: 0.744 },
      { kbItemId: 'GN-0003', question: '可以用哪些方式繳稅？', score: 0.61 },
      { kbItemId: 'GN-0009', question: '繳稅期限', score: 0.402 },
    ],
    confidence: null,
    basis: null,
    ...overrides,
  };
}

export function makeCluster(overrides: Partial<MissClusterDto> = {}): MissClusterDto {
  return {
    ...makeClusterSummary(),
    wordings: [
      { text: '房屋稅可以用信用卡繳嗎', count: 20 },
      { text: '房屋稅刷卡', count: 9 },
      { text: '信用卡繳房屋稅', count: 7 },
    ],
    byResponseType: { [ResponseType.Unanswered]: 30, [ResponseType.Suggested]: 6 },
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
    ...overrides,
  };
}

/** An item of 房屋稅科 queued for review in cycle 4: no hits, and an answer that still says 113年. */
export function makeReviewItem(overrides: Partial<ReviewItemDto> = {}): ReviewItemDto {
  return {
    id: 501,
    cycleId: 4,
    unitCode: 'HT',
    unitName: '房屋稅科',
    kbItemId: 'HT-0031',
    question: '房屋稅的課稅期間為何？',
    reasons: ['no-hits', 'past-year'],
    hits: 0,
    ratings: 0,
    dissatisfied: 0,
    expiryDate: null,
    pastYears: ['113年'],
    status: 'open',
    note: null,
    doneBy: null,
    doneAt: null,
    ...overrides,
  };
}

/** A vendor's header names for the log format. */
export function makeProfile(overrides: Partial<ImportProfileDto> = {}): ImportProfileDto {
  return {
    id: 2,
    name: '新版客服系統',
    note: null,
    aliases: { log: { askedAt: ['提問時間'] } },
    updatedBy: 'lin.sc',
    updatedAt: '2026-10-20T02:00:00.000Z',
    ...overrides,
  };
}

/** An ApiErrorBody response for HttpTestingController.flush. */
export function apiError(statusCode: number, code: string, zh: string, details: { field?: string; reason: string }[] = []) {
  return {
    body: { statusCode, code, message: { 'zh-TW': zh, en: code }, details },
    options: { status: statusCode, statusText: 'Error' },
  };
}
