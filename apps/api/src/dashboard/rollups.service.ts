import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/**
 * The dashboards' rollups, rebuilt for a month inside the transaction that
 * makes a conversation log the month's report (a replaced month's figures are
 * swapped with its rows). The GROUP BY over raw messages runs here, once per
 * import, never when a dashboard is read.
 */
export const ROLLUP_TABLES = ['rollup_day', 'rollup_month', 'rollup_sessions', 'rollup_item', 'rollup_miss'] as const;

@Injectable()
export class RollupsService {
  async rebuildMonth(m: EntityManager, month: string, importId: number): Promise<void> {
    await this.deleteMonth(m, month);
    // An import's rows were written together: their id range lets every query below read just them (a range of
    // the clustered key) instead of scanning every month ever imported, so a rebuild costs the same in year two.
    const [range]: { lo: number | string | null; hi: number | string | null }[] = await m.query(
      `SELECT MIN(id) AS lo, MAX(id) AS hi FROM report_message WHERE import_id = ?`,
      [importId],
    );
    if (range?.lo == null) return;
    const ids = [Number(range.lo), Number(range.hi)];
    await m.query(
      `INSERT INTO rollup_day (month, day, channel, category, response_type, messages, rated, satisfied, handed_off)
       SELECT ?, COALESCE(r.day, ''), COALESCE(r.channel, ''), COALESCE(k.category, ''), r.response_type,
              SUM(r.occurrences),
              SUM(CASE WHEN r.feedback IS NOT NULL THEN r.occurrences ELSE 0 END),
              SUM(CASE WHEN r.feedback = '滿意' THEN r.occurrences ELSE 0 END),
              SUM(CASE WHEN r.handed_off = 1 THEN r.occurrences ELSE 0 END)
       FROM report_message r LEFT JOIN kb_item k ON k.id = r.kb_item_id
       WHERE r.id BETWEEN ? AND ? AND r.import_id = ? AND r.month = ?
       GROUP BY COALESCE(r.day, ''), COALESCE(r.channel, ''), COALESCE(k.category, ''), r.response_type`,
      [month, ...ids, importId, month],
    );
    await m.query(
      `INSERT INTO rollup_month (month, channel, category, response_type, messages, rated, satisfied, handed_off)
       SELECT month, channel, category, response_type, SUM(messages), SUM(rated), SUM(satisfied), SUM(handed_off)
       FROM rollup_day WHERE month = ? GROUP BY month, channel, category, response_type`,
      [month],
    );
    // Distinct sessions do not add up across days or channels: each scope is counted on its own ('*' = all).
    // Day × channel is counted one channel at a time: MariaDB sorts a two-column COUNT(DISTINCT) on disk
    // (65 s for a million rows against 2 s a channel).
    const sessionsBy = (day: string, channel: string) =>
      m.query(
        `INSERT INTO rollup_sessions (month, day, channel, sessions)
         SELECT ?, ${day}, ${channel}, COUNT(DISTINCT r.session_id)
         FROM report_message r WHERE r.id BETWEEN ? AND ? AND r.import_id = ? AND r.month = ? AND r.session_id IS NOT NULL
         GROUP BY ${day}, ${channel}`,
        [month, ...ids, importId, month],
      );
    const channels: string[] = (await m.query(`SELECT DISTINCT channel FROM rollup_day WHERE month = ?`, [month])).map(
      (r: { channel: string }) => r.channel,
    );
    for (const channel of channels)
      await m.query(
        `INSERT INTO rollup_sessions (month, day, channel, sessions)
         SELECT ?, COALESCE(r.day, ''), ?, COUNT(DISTINCT r.session_id)
         FROM report_message r WHERE r.id BETWEEN ? AND ? AND r.import_id = ? AND r.month = ? AND r.session_id IS NOT NULL AND COALESCE(r.channel, '') = ?
         GROUP BY COALESCE(r.day, '')`,
        [month, channel, ...ids, importId, month, channel],
      );
    await sessionsBy("COALESCE(r.day, '')", "'*'");
    await sessionsBy("'*'", "COALESCE(r.channel, '')");
    await sessionsBy("'*'", "'*'");
    await m.query(
      `INSERT INTO rollup_item (month, kb_item_id, hits, rated, satisfied)
       SELECT ?, r.kb_item_id, SUM(r.occurrences),
              SUM(CASE WHEN r.feedback IS NOT NULL THEN r.occurrences ELSE 0 END),
              SUM(CASE WHEN r.feedback = '滿意' THEN r.occurrences ELSE 0 END)
       FROM report_message r
       WHERE r.id BETWEEN ? AND ? AND r.import_id = ? AND r.month = ? AND r.kb_item_id IS NOT NULL AND r.response_type IN ('answered', 'suggested')
       GROUP BY r.kb_item_id`,
      [month, ...ids, importId, month],
    );
    // Misses per wording (keyed like a cluster's wordings: compactText of the normalized question):
    // a cluster's misses in any month are the sum over its wordings (調校成效).
    await m.query(
      `INSERT INTO rollup_miss (month, wording_key, misses)
       SELECT ?, REPLACE(r.normalized, ' ', ''), SUM(r.occurrences) FROM report_message r
       WHERE r.id BETWEEN ? AND ? AND r.import_id = ? AND r.month = ? AND r.is_miss = 1
       GROUP BY REPLACE(r.normalized, ' ', '')`,
      [month, ...ids, importId, month],
    );
  }

  /** A withdrawn month leaves no figures behind. */
  async deleteMonth(m: EntityManager, month: string): Promise<void> {
    for (const table of ROLLUP_TABLES) await m.query(`DELETE FROM ${table} WHERE month = ?`, [month]);
  }
}
