/**
 * Dashboards: chatbot quality by month and day, by channel and category, read
 * from rollups the import maintains (never a GROUP BY over raw messages at
 * request time).
 */

import type { ResponseType } from './reports';

export interface QualityFigures {
  messages: number;
  sessions: number;
  byResponseType: Record<ResponseType, number>;
  /** answered ÷ (all − chit-chat − invalid); null when the denominator is 0 */
  answerRate: number | null;
  /** 滿意 ÷ rated; null when nothing was rated */
  satisfactionRate: number | null;
  rated: number;
  satisfied: number;
  handedOff: number;
  /** handed off ÷ messages */
  handOffRate: number | null;
}

export interface QualityMonthDto extends QualityFigures {
  /** YYYY-MM */
  month: string;
  /** The same figures of the month before and of the same month a year earlier, when imported */
  previous: QualityFigures | null;
  lastYear: QualityFigures | null;
}

export interface QualityDto {
  filters: { from: string; to: string; channel: string | null; category: string | null };
  months: QualityMonthDto[];
  channels: string[];
  categories: string[];
}

export interface QualityDayDto extends QualityFigures {
  /** YYYY-MM-DD */
  day: string;
}

export interface QualityBreakdownDto {
  month: string;
  byChannel: (QualityFigures & { channel: string })[];
  byCategory: (QualityFigures & { category: string })[];
}

export interface ItemMonthDto {
  kbItemId: string;
  question: string;
  category: string;
  ownerUnitCode: string | null;
  hits: number;
  rated: number;
  satisfied: number;
  satisfactionRate: number | null;
}

export const DASHBOARD_ROUTES = {
  quality: '/api/dashboard/quality',
  days: (month: string) => `/api/dashboard/quality/${month}/days`,
  breakdown: (month: string) => `/api/dashboard/quality/${month}/breakdown`,
  items: (month: string) => `/api/dashboard/items/${month}`,
} as const;
