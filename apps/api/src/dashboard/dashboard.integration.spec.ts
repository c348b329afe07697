import type { ItemsOverviewDto, MissesMonthDto, QualityBreakdownDto, QualityDayDto, QualityDto } from '@tunedesk/contracts';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { Role } from '@tunedesk/contracts';
import { Client, makeUser, seedUnits, signedIn, startTestApp, type TestApp } from '../../../../test/support/app';
import { DATABASE_KINDS, type TestDatabase } from '../../../../test/support/databases';
import { systemActor } from '../common/actor';
import { KnowledgeService } from '../knowledge/knowledge.service';
import { ReportImportService } from '../reports/report-import.service';
import { ROLLUP_TABLES } from './rollups.service';

const ROOT = join(__dirname, '../../../..');
const actor = systemActor('test');

describe.each(DATABASE_KINDS)('dashboard rollups on $kind', ({ create }) => {
  let db: TestDatabase;
  let t: TestApp;
  let client: Client;
  let service: Client;

  /**
   * Every rollup against the same figures by a GROUP BY over the raw messages
   * of every month's active log: totals per month and response type, per item,
   * per wording of the misses. Months without an active log have no rollup rows.
   */
  async function expectRollupsEqualRaw() {
    const ds = t.app.get(DataSource);
    const active = `JOIN report_import i ON i.id = r.import_id AND i.status = 'completed' AND i.kind = 'log' AND i.month = r.month`;
    const norm = (rows: Record<string, unknown>[]) =>
      rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v])));
    for (const table of ['rollup_day', 'rollup_month'])
      expect(
        norm(
          await ds.query(
            `SELECT month, response_type, SUM(messages) AS n, SUM(rated) AS rated, SUM(satisfied) AS sat, SUM(handed_off) AS h FROM ${table} GROUP BY month, response_type ORDER BY month, response_type`,
          ),
        ),
      ).toEqual(
        norm(
          await ds.query(
            `SELECT r.month, r.response_type, SUM(r.occurrences) AS n,
                  SUM(CASE WHEN r.feedback IS NOT NULL THEN r.occurrences ELSE 0 END) AS rated,
                  SUM(CASE WHEN r.feedback = '滿意' THEN r.occurrences ELSE 0 END) AS sat,
                  SUM(CASE WHEN r.handed_off = 1 THEN r.occurrences ELSE 0 END) AS h
             FROM report_message r ${active} GROUP BY r.month, r.response_type ORDER BY r.month, r.response_type`,
          ),
        ),
      );
    expect(norm(await ds.query(`SELECT month, kb_item_id, hits FROM rollup_item ORDER BY month, kb_item_id`))).toEqual(
      norm(
        await ds.query(
          `SELECT r.month, r.kb_item_id, SUM(r.occurrences) AS hits FROM report_message r ${active}
            WHERE r.kb_item_id IS NOT NULL AND r.response_type IN ('answered', 'suggested') GROUP BY r.month, r.kb_item_id ORDER BY r.month, r.kb_item_id`,
        ),
      ),
    );
    expect(
      norm(await ds.query(`SELECT month, SUM(misses) AS n, COUNT(*) AS wordings FROM rollup_miss GROUP BY month ORDER BY month`)),
    ).toEqual(
      norm(
        await ds.query(
          `SELECT r.month, SUM(r.occurrences) AS n, COUNT(DISTINCT REPLACE(r.normalized, ' ', '')) AS wordings FROM report_message r ${active}
            WHERE r.is_miss = 1 GROUP BY r.month ORDER BY r.month`,
        ),
      ),
    );
    expect(
      norm(await ds.query(`SELECT month, day, channel, sessions FROM rollup_sessions WHERE day = '*' AND channel = '*' ORDER BY month`)),
    ).toEqual(
      norm(
        await ds.query(
          `SELECT r.month, '*' AS day, '*' AS channel, COUNT(DISTINCT r.session_id) AS sessions FROM report_message r ${active}
            WHERE r.session_id IS NOT NULL GROUP BY r.month ORDER BY r.month`,
        ),
      ),
    );
    // Sessions of every day × channel, counted one channel at a time, against one raw COUNT(DISTINCT).
    expect(
      norm(
        await ds.query(
          `SELECT month, day, channel, sessions FROM rollup_sessions WHERE day <> '*' AND channel <> '*' ORDER BY month, day, channel`,
        ),
      ),
    ).toEqual(
      norm(
        await ds.query(
          `SELECT r.month, COALESCE(r.day, '') AS day, COALESCE(r.channel, '') AS channel, COUNT(DISTINCT r.session_id) AS sessions
             FROM report_message r ${active} WHERE r.session_id IS NOT NULL
            GROUP BY r.month, COALESCE(r.day, ''), COALESCE(r.channel, '') ORDER BY r.month, COALESCE(r.day, ''), COALESCE(r.channel, '')`,
        ),
      ),
    );
  }
  const scratch = mkdtempSync(join(tmpdir(), 'tunedesk-dash-'));
  let n = 0;

  async function importFile(path: string, options: { replace?: boolean; month?: string } = {}) {
    const name = path.split('/').pop()!;
    const temp = join(scratch, `${++n}-${name}`);
    copyFileSync(path, temp);
    const imports = t.app.get(ReportImportService);
    const queued = await imports.submit(actor, { tempPath: temp, fileName: name }, options);
    for (let i = 0; i < 600; i++) {
      const current = await imports.get(queued.id);
      if (!['queued', 'processing'].includes(current.status)) return current;
      await sleep(25);
    }
    throw new Error('import did not finish');
  }

  /** The same figures by a GROUP BY over the month's raw messages: what the rollups must equal. */
  async function raw(month: string, channel?: string) {
    const ds = t.app.get(DataSource);
    const [imp] = await ds.query(`SELECT id FROM report_import WHERE month = ? AND kind = 'log' AND status = 'completed'`, [month]);
    const where = `import_id = ? AND month = ?${channel ? ' AND channel = ?' : ''}`;
    const params = channel ? [imp.id, month, channel] : [imp.id, month];
    const types = await ds.query(
      `SELECT response_type AS t, SUM(occurrences) AS n FROM report_message WHERE ${where} GROUP BY response_type`,
      params,
    );
    const [s] = await ds.query(
      `SELECT COUNT(DISTINCT session_id) AS sessions, SUM(CASE WHEN feedback IS NOT NULL THEN occurrences ELSE 0 END) AS rated,
              SUM(CASE WHEN feedback = '滿意' THEN occurrences ELSE 0 END) AS satisfied, SUM(CASE WHEN handed_off = 1 THEN occurrences ELSE 0 END) AS handed
       FROM report_message WHERE ${where}`,
      params,
    );
    const byType = Object.fromEntries(types.map((r: { t: string; n: string | number }) => [r.t, Number(r.n)]));
    return { byType, sessions: Number(s.sessions), rated: Number(s.rated), satisfied: Number(s.satisfied), handedOff: Number(s.handed) };
  }

  beforeAll(async () => {
    db = await create();
    t = await startTestApp(db, { FILES_DIR: join(scratch, 'files') });
    await seedUnits(t);
    await makeUser(t, { account: 'kc.dash', unitCode: 'HT', roles: [Role.KnowledgeContact] });
    await makeUser(t, { account: 'svc.dash', unitCode: 'SVC', roles: [Role.ServiceSection] });
    client = await signedIn(t, 'kc.dash');
    service = await signedIn(t, 'svc.dash');
    await t.app.get(KnowledgeService).import(actor, readFileSync(join(ROOT, 'test/fixtures/kb/ok/kb.csv')), 'kb.csv');
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('gives per-month figures equal to the raw messages, with the month before beside each', async () => {
    for (const m of ['09', '10'])
      expect((await importFile(join(ROOT, `test/fixtures/reports/ok/report-2026-${m}.csv`))).status).toBe('completed');
    const q = (await client.get('/api/dashboard/quality')).body as QualityDto;
    expect(q.months.map((m) => m.month)).toEqual(['2026-09', '2026-10']);
    for (const m of q.months) {
      const r = await raw(m.month);
      expect(m.byResponseType).toEqual({ answered: 0, suggested: 0, unanswered: 0, 'chit-chat': 0, invalid: 0, ...r.byType });
      expect(m).toMatchObject({ sessions: r.sessions, rated: r.rated, satisfied: r.satisfied, handedOff: r.handedOff });
    }
    expect(q.months[1].previous?.messages).toBe(q.months[0].messages);
    expect(q.months[0].previous).toBeNull();
    expect(q.channels.length).toBeGreaterThan(1);

    const channel = q.channels[0];
    const byChannel = (await client.get(`/api/dashboard/quality?channel=${encodeURIComponent(channel)}`)).body as QualityDto;
    const rc = await raw('2026-10', channel);
    expect(byChannel.months[1].messages).toBe(Object.values(rc.byType).reduce((a, b) => a + b, 0));
    expect(byChannel.months[1].sessions).toBe(rc.sessions);

    const days = (await client.get('/api/dashboard/quality/2026-10/days')).body as QualityDayDto[];
    expect(days.reduce((s, d) => s + d.messages, 0)).toBe(q.months[1].messages);
    const breakdown = (await client.get('/api/dashboard/quality/2026-10/breakdown')).body as QualityBreakdownDto;
    expect(breakdown.byChannel.reduce((s, c) => s + c.messages, 0)).toBe(q.months[1].messages);
    expect(breakdown.byCategory.reduce((s, c) => s + c.messages, 0)).toBe(q.months[1].messages);
    const items = (await client.get('/api/dashboard/items/2026-10')).body;
    expect(items.length).toBeGreaterThan(0);
    expect((await client.get('/api/dashboard/quality/2026-13/days')).status).toBe(400);
  });

  it('computes the rates of a small hand-made month exactly, and follows a replaced month', async () => {
    const header = '提問時間,會話編號,管道,使用者問句,回應類型,題目編號,標準問句,信心分數,評價,轉真人';
    const rows = [
      '2026-07-01 09:00:00,A,官網,房屋稅什麼時候繳,直接回答,HT-0001,房屋稅什麼時候繳？,0.9,滿意,N',
      '2026-07-01 09:01:00,A,官網,房屋稅幾月繳,直接回答,HT-0001,房屋稅什麼時候繳？,0.9,不滿意,N',
      '2026-07-01 10:00:00,B,LINE,牌照稅可以刷卡嗎,推薦回答,CT-0001,使用牌照稅什麼時候繳？,0.5,,N',
      '2026-07-02 10:00:00,C,LINE,我要找真人,未能回答,,,0.1,,Y',
      '2026-07-02 11:00:00,C,LINE,你好,閒聊,,,,,N',
      '2026-07-03 11:00:00,D,APP,asdf,無效問題,,,,,N',
    ];
    const path = join(scratch, 'small-2026-07.csv');
    writeFileSync(path, [header, ...rows].join('\r\n'));
    expect((await importFile(path)).status).toBe('completed');
    const july = ((await client.get('/api/dashboard/quality?from=2026-07&to=2026-07')).body as QualityDto).months[0];
    // answered 2 ÷ (6 − 1 chit-chat − 1 invalid) = 0.5; 滿意 1 ÷ rated 2; hand-off 1 ÷ 6; sessions A, B, C, D.
    expect(july).toMatchObject({
      messages: 6,
      sessions: 4,
      answerRate: 0.5,
      satisfactionRate: 0.5,
      handOffRate: 0.1667,
      rated: 2,
      satisfied: 1,
      handedOff: 1,
    });
    const items = (await client.get('/api/dashboard/items/2026-07')).body;
    expect(items.map((i: { kbItemId: string; hits: number }) => [i.kbItemId, i.hits])).toEqual([
      ['HT-0001', 2],
      ['CT-0001', 1],
    ]);

    // A second report for July replaces the first: the figures are the new file's, exactly.
    const replacement = join(scratch, 'small-2026-07-v2.csv');
    writeFileSync(replacement, [header, ...rows.slice(0, 3)].join('\r\n'));
    expect((await importFile(replacement, { replace: true })).status).toBe('completed');
    const again = ((await client.get('/api/dashboard/quality?from=2026-07&to=2026-07')).body as QualityDto).months[0];
    const r = await raw('2026-07');
    expect(again).toMatchObject({ messages: 3, sessions: r.sessions, answerRate: 0.6667, rated: r.rated });
    await expectRollupsEqualRaw();
  });

  it('lists the month’s largest, new and recurring misses, and the items’ use with the idle ones', async () => {
    const misses = (await client.get('/api/dashboard/misses/2026-10')).body as MissesMonthDto;
    const ds = t.app.get(DataSource);
    const [cycle] = await ds.query(`SELECT id FROM tuning_cycle WHERE month = '2026-10'`);
    const clusters: { size: number; previous_cluster_id: number | null; recurring_months: number }[] = await ds.query(
      `SELECT size, previous_cluster_id, recurring_months FROM miss_cluster WHERE cycle_id = ?`,
      [cycle.id],
    );
    expect(misses).toMatchObject({
      cycleId: cycle.id,
      clusters: clusters.length,
      misses: clusters.reduce((s, c) => s + Number(c.size), 0),
      newClusters: clusters.filter((c) => c.previous_cluster_id === null).length,
      recurringClusters: clusters.filter((c) => Number(c.recurring_months) > 1).length,
    });
    const sizes = clusters.map((c) => Number(c.size)).sort((a, b) => b - a);
    expect(misses.largest.map((c) => c.size)).toEqual(sizes.slice(0, 10));
    expect(misses.appeared.every((c) => c.isNew)).toBe(true);
    expect(misses.recurring.every((c) => c.recurringMonths > 1 && !c.isNew)).toBe(true);
    expect(misses.recurring.length).toBeGreaterThan(0);
    expect(((await client.get('/api/dashboard/misses/2026-02')).body as MissesMonthDto).cycleId).toBeNull();

    const overview = (await client.get('/api/dashboard/items/2026-10/overview')).body as ItemsOverviewDto;
    expect(overview.months).toEqual(['2026-07', '2026-09', '2026-10']);
    const plain = (await client.get('/api/dashboard/items/2026-10')).body as { kbItemId: string; hits: number }[];
    for (const i of plain) expect(overview.items.find((o) => o.kbItemId === i.kbItemId)?.hitsByMonth[2]).toBe(i.hits);
    // August is missing: three months in a row are needed before an item is called idle.
    expect(overview.idleMonths).toEqual([]);
    expect(overview.idle).toEqual([]);
    const hitsOct = overview.categories.reduce((s, c) => s + c.hits, 0);
    expect(hitsOct).toBe(plain.reduce((s, i) => s + i.hits, 0));
    expect(overview.categories.every((c) => c.change === c.hits - c.previousHits)).toBe(true);
  });

  it('calls items idle after three imported months without a hit, and withdraws a month with its figures', async () => {
    const header = '提問時間,會話編號,管道,使用者問句,回應類型,題目編號,標準問句,信心分數,評價,轉真人';
    const path = join(scratch, 'small-2026-08.csv');
    writeFileSync(
      path,
      [header, '2026-08-03 09:00:00,Q,官網,房屋稅什麼時候繳,直接回答,HT-0001,房屋稅什麼時候繳？,0.9,滿意,N'].join('\r\n'),
    );
    const august = await importFile(path);
    expect(august.status).toBe('completed');
    const overview = (await client.get('/api/dashboard/items/2026-10/overview')).body as ItemsOverviewDto;
    expect(overview.idleMonths).toEqual(['2026-08', '2026-09', '2026-10']);
    const ds = t.app.get(DataSource);
    const hit = new Set(
      (await ds.query(`SELECT DISTINCT kb_item_id FROM rollup_item WHERE month IN ('2026-08', '2026-09', '2026-10') AND hits > 0`)).map(
        (r: { kb_item_id: string }) => r.kb_item_id,
      ),
    );
    const published: { id: string }[] = await ds.query(`SELECT id FROM kb_item WHERE status = 'published'`);
    expect(overview.idle.map((i) => i.kbItemId).sort()).toEqual(
      published
        .map((p) => p.id)
        .filter((id) => !hit.has(id))
        .sort(),
    );
    expect(overview.idle.some((i) => i.kbItemId === 'HT-0001')).toBe(false);
    await expectRollupsEqualRaw();

    // Withdrawing August: a contact may not; the service section may; its figures go, the others stay exact.
    expect((await client.delete(`/api/reports/imports/${august.id}`)).status).toBe(403);
    const withdrawn = await service.delete(`/api/reports/imports/${august.id}`);
    expect([withdrawn.status, withdrawn.body.status]).toEqual([200, 'withdrawn']);
    expect(Number((await ds.query(`SELECT COUNT(*) AS n FROM report_message WHERE import_id = ?`, [august.id]))[0].n)).toBe(0);
    for (const table of ROLLUP_TABLES)
      expect(Number((await ds.query(`SELECT COUNT(*) AS n FROM ${table} WHERE month = '2026-08'`))[0].n)).toBe(0);
    expect(await ds.query(`SELECT id FROM tuning_cycle WHERE month = '2026-08'`)).toEqual([]);
    const q = (await client.get('/api/dashboard/quality')).body as QualityDto;
    expect(q.months.map((m) => m.month)).toEqual(['2026-07', '2026-09', '2026-10']);
    await expectRollupsEqualRaw();
    expect((await service.delete(`/api/reports/imports/${august.id}`)).body.code).toBe('REPORT_IMPORT_NOT_ACTIVE');

    // An announced month cannot be withdrawn: its units are working on it.
    const [oct] = await ds.query(
      `SELECT i.id, c.id AS cycle FROM report_import i JOIN tuning_cycle c ON c.month = i.month WHERE i.month = '2026-10' AND i.status = 'completed'`,
    );
    expect((await service.post(`/api/cycles/${oct.cycle}/announce`)).status).toBe(200);
    const refused = await service.delete(`/api/reports/imports/${oct.id}`);
    expect([refused.status, refused.body.code]).toEqual([409, 'CYCLE_ANNOUNCED']);
    await expectRollupsEqualRaw();
  });
});
