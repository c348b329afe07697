import { Injectable } from '@nestjs/common';
import {
  ResponseType,
  type ItemMonthDto,
  type QualityBreakdownDto,
  type QualityDayDto,
  type QualityDto,
  type QualityFigures,
  type QualityMonthDto,
} from '@tunedesk/contracts';
import { DataSource } from 'typeorm';
import { assertMonth, badMonth, isMonth, ratio, shiftMonth as shift } from './months';

interface DayRow {
  month: string;
  day: string;
  channel: string;
  category: string;
  response_type: ResponseType;
  messages: number | string;
  rated: number | string;
  satisfied: number | string;
  handed_off: number | string;
}

/** The figures of a set of rollup rows; sessions come from their own rollup (they do not add up). */
export function figuresOf(rows: DayRow[], sessions: number): QualityFigures {
  const byResponseType = { answered: 0, suggested: 0, unanswered: 0, 'chit-chat': 0, invalid: 0 } as Record<ResponseType, number>;
  let rated = 0;
  let satisfied = 0;
  let handedOff = 0;
  for (const r of rows) {
    byResponseType[r.response_type] = (byResponseType[r.response_type] ?? 0) + Number(r.messages);
    rated += Number(r.rated);
    satisfied += Number(r.satisfied);
    handedOff += Number(r.handed_off);
  }
  const messages = Object.values(byResponseType).reduce((a, b) => a + b, 0);
  return {
    messages,
    sessions,
    byResponseType,
    answerRate: ratio(byResponseType.answered, messages - byResponseType['chit-chat'] - byResponseType.invalid),
    satisfactionRate: ratio(satisfied, rated),
    rated,
    satisfied,
    handedOff,
    handOffRate: ratio(handedOff, messages),
  };
}

/**
 * Chatbot quality for the dashboards, read from the rollups only: a month's
 * figures are a few hundred rows whatever the month's size.
 */
@Injectable()
export class DashboardService {
  constructor(private readonly ds: DataSource) {}

  /** Rollup rows of the months: per day (rollup_day) for a month's days, else per month (rollup_month, a few hundred rows a month). */
  private async dayRows(months: string[], channel: string | null, category: string | null, perDay = false): Promise<DayRow[]> {
    if (!months.length) return [];
    const where = [`month IN (${months.map(() => '?').join(',')})`];
    const params: unknown[] = [...months];
    if (channel !== null) {
      where.push('channel = ?');
      params.push(channel);
    }
    if (category !== null) {
      where.push('category = ?');
      params.push(category);
    }
    return this.ds.query(
      perDay
        ? `SELECT month, day, channel, category, response_type, messages, rated, satisfied, handed_off FROM rollup_day WHERE ${where.join(' AND ')}`
        : `SELECT month, '*' AS day, channel, category, response_type, messages, rated, satisfied, handed_off FROM rollup_month WHERE ${where.join(' AND ')}`,
      params,
    );
  }

  private async sessions(months: string[], channel: string | null): Promise<Map<string, number>> {
    if (!months.length) return new Map();
    const rows: { month: string; day: string; sessions: number | string }[] = await this.ds.query(
      `SELECT month, day, sessions FROM rollup_sessions WHERE month IN (${months.map(() => '?').join(',')}) AND channel = ?`,
      [...months, channel ?? '*'],
    );
    return new Map(rows.map((r) => [`${r.month}/${r.day}`, Number(r.sessions)]));
  }

  async quality(q: { from?: string; to?: string; channel?: string; category?: string }): Promise<QualityDto> {
    const present: string[] = (await this.ds.query(`SELECT DISTINCT month FROM rollup_month ORDER BY month`)).map(
      (r: { month: string }) => r.month,
    );
    const to = q.to ?? present[present.length - 1] ?? '';
    const from = q.from ?? (to ? shift(to, -11) : '');
    if (q.from && !isMonth(q.from)) throw badMonth('from');
    if (q.to && !isMonth(q.to)) throw badMonth('to');
    const months = present.filter((m) => m >= from && m <= to);
    const wanted = [...new Set(months.flatMap((m) => [m, shift(m, -1), shift(m, -12)]))].filter((m) => present.includes(m));
    const channel = q.channel ?? null;
    const category = q.category ?? null;
    const rows = await this.dayRows(wanted, channel, category);
    const sessions = await this.sessions(wanted, channel);
    const figures = (m: string): QualityFigures | null =>
      present.includes(m)
        ? figuresOf(
            rows.filter((r) => r.month === m),
            category === null ? (sessions.get(`${m}/*`) ?? 0) : 0,
          )
        : null;
    const out: QualityMonthDto[] = months.map((m) => ({
      month: m,
      ...figures(m)!,
      previous: figures(shift(m, -1)),
      lastYear: figures(shift(m, -12)),
    }));
    const channels: string[] = (await this.ds.query(`SELECT DISTINCT channel FROM rollup_month WHERE channel <> '' ORDER BY channel`)).map(
      (r: { channel: string }) => r.channel,
    );
    const categories: string[] = (
      await this.ds.query(`SELECT DISTINCT category FROM rollup_month WHERE category <> '' ORDER BY category`)
    ).map((r: { category: string }) => r.category);
    return { filters: { from, to, channel, category }, months: out, channels, categories };
  }

  async days(month: string, q: { channel?: string; category?: string }): Promise<QualityDayDto[]> {
    assertMonth(month, 'month');
    const channel = q.channel ?? null;
    const category = q.category ?? null;
    const rows = await this.dayRows([month], channel, category, true);
    const sessions = await this.sessions([month], channel);
    const days = [...new Set(rows.map((r) => r.day))].filter(Boolean).sort();
    return days.map((day) => ({
      day,
      ...figuresOf(
        rows.filter((r) => r.day === day),
        category === null ? (sessions.get(`${month}/${day}`) ?? 0) : 0,
      ),
    }));
  }

  async breakdown(month: string): Promise<QualityBreakdownDto> {
    assertMonth(month, 'month');
    const rows = await this.dayRows([month], null, null);
    const sessions: { channel: string; sessions: number | string }[] = await this.ds.query(
      `SELECT channel, sessions FROM rollup_sessions WHERE month = ? AND day = '*' AND channel <> '*'`,
      [month],
    );
    const byChannelSessions = new Map(sessions.map((s) => [s.channel, Number(s.sessions)]));
    const channels = [...new Set(rows.map((r) => r.channel))].sort();
    const categories = [...new Set(rows.map((r) => r.category))].sort();
    return {
      month,
      byChannel: channels.map((channel) => ({
        channel,
        ...figuresOf(
          rows.filter((r) => r.channel === channel),
          byChannelSessions.get(channel) ?? 0,
        ),
      })),
      byCategory: categories.map((category) => ({
        category,
        ...figuresOf(
          rows.filter((r) => r.category === category),
          0,
        ),
      })),
    };
  }

  async items(month: string): Promise<ItemMonthDto[]> {
    assertMonth(month, 'month');
    const rows: {
      kb_item_id: string;
      hits: number | string;
      rated: number | string;
      satisfied: number | string;
      question: string | null;
      category: string | null;
      owner: string | null;
    }[] = await this.ds.query(
      `SELECT r.kb_item_id, r.hits, r.rated, r.satisfied, k.question, k.category, k.owner_unit_code AS owner
         FROM rollup_item r LEFT JOIN kb_item k ON k.id = r.kb_item_id WHERE r.month = ? ORDER BY r.hits DESC, r.kb_item_id`,
      [month],
    );
    return rows.map((r) => ({
      kbItemId: r.kb_item_id,
      question: r.question ?? '',
      category: r.category ?? '',
      ownerUnitCode: r.owner,
      hits: Number(r.hits),
      rated: Number(r.rated),
      satisfied: Number(r.satisfied),
      satisfactionRate: ratio(Number(r.satisfied), Number(r.rated)),
    }));
  }
}
