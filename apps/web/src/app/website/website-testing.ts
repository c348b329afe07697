import type { ComplianceGridDto, CorrectionDto, ReviewFormDto, ReviewRowDto } from '@tunedesk/contracts';

export function makeRow(overrides: Partial<ReviewRowDto> = {}): ReviewRowDto {
  return {
    pageId: 'P001',
    menuPath: ['稅務資訊', '房屋稅', '開徵期間與繳納'],
    title: '開徵期間與繳納',
    url: 'https://www.tytax.tycg.gov.tw/house/pay',
    result: null,
    fixKind: null,
    fixNote: null,
    correction: null,
    linkCheck: null,
    ...overrides,
  };
}

export function makeForm(overrides: Partial<ReviewFormDto> = {}): ReviewFormDto {
  return {
    id: 31,
    month: '2026-12',
    unitCode: 'HT',
    unitName: '房屋稅科',
    status: 'draft',
    dueDate: '2026-12-10',
    pages: 2,
    reviewed: 0,
    needsFix: 0,
    openCorrections: 0,
    submittedAt: null,
    approvedAt: null,
    timeliness: 'pending',
    rows: [
      makeRow(),
      makeRow({ pageId: 'P002', title: '稅率', menuPath: ['稅務資訊', '房屋稅', '稅率'], url: 'https://www.tytax.tycg.gov.tw/house/rate' }),
    ],
    reviewer: null,
    head: null,
    filed: null,
    completed: null,
    history: [],
    can: { edit: true, submit: true, approve: false, return: false },
    ...overrides,
  };
}

export function makeCorrection(overrides: Partial<CorrectionDto> = {}): CorrectionDto {
  return {
    id: 5,
    formId: 31,
    month: '2026-12',
    requestingUnitCode: 'HT',
    requestingUnitName: '房屋稅科',
    pageId: 'P002',
    pageTitle: '稅率',
    url: 'https://www.tytax.tycg.gov.tw/house/rate',
    kind: 'content',
    sectionCode: 'SVC',
    what: '稅率表更新為 115 年',
    status: 'open',
    opened: { by: 'lee.hd', byDisplayName: '李主任', at: '2026-12-04T02:00:00Z', note: null },
    done: null,
    rechecked: null,
    published: null,
    can: { done: false, recheck: false, publish: false },
    ...overrides,
  };
}

export function makeGrid(): ComplianceGridDto {
  return {
    months: ['2026-11', '2026-12'],
    units: [
      {
        unitCode: 'HT',
        unitName: '房屋稅科',
        cells: [
          { month: '2026-11', formId: 20, timeliness: 'on-time', status: 'complete', openCorrections: 0 },
          { month: '2026-12', formId: 31, timeliness: 'overdue', status: 'draft', openCorrections: 1 },
        ],
      },
      {
        unitCode: 'LT',
        unitName: '地價稅科',
        cells: [
          { month: '2026-11', formId: 21, timeliness: 'late', status: 'filed', openCorrections: 0 },
          { month: '2026-12', formId: null, timeliness: 'missing', status: null, openCorrections: 0 },
        ],
      },
    ],
  };
}
