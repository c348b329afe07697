import type { QualityBreakdownDto, QualityDayDto, QualityDto } from '@tunedesk/contracts';
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

const ROOT = join(__dirname, '../../../..');
const actor = systemActor('test');

describe.each(DATABASE_KINDS)('dashboard rollups on $kind', ({ create }) => {
  let db: TestDatabase;
  let t: TestApp;
  let client: Client;
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
    client = await signedIn(t, 'kc.dash');
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
  });
});
