import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { seedUnits, startTestApp, type TestApp } from '../../../../test/support/app';
import { DATABASE_KINDS, type TestDatabase } from '../../../../test/support/databases';
import { odsOfCsv, readOds } from '../../../../test/support/ods';
import { systemActor } from '../common/actor';
import { KnowledgeService } from '../knowledge/knowledge.service';
import { OPEN_WORK } from '../tuning/tuning.entities';
import { CycleService } from './cycle.service';
import { ReportsRepository } from './reports.repository';
import { ReportImportService } from './report-import.service';

const ROOT = join(__dirname, '../../../..');
const actor = systemActor('test');
const HEADER = '提問時間,會話編號,管道,使用者問句,回應類型,題目編號,標準問句,信心分數,評價,轉真人';
// A citizen's wording that shares almost no characters with the bank's item on stamp tax (CT-0007).
const PARAPHRASE = '租房子簽約那張紙要不要黏小張的票';

function report(rows: string[]): string {
  return `\uFEFF${HEADER}\r\n${rows.join('\r\n')}\r\n`;
}

describe.each(DATABASE_KINDS)('learned alternates on $kind', ({ create }) => {
  let db: TestDatabase;
  let t: TestApp;
  const scratch = mkdtempSync(join(tmpdir(), 'tunedesk-learned-'));

  async function importReport(name: string, body: string) {
    const path = join(scratch, name);
    writeFileSync(path, body);
    const temp = join(scratch, `upload-${name}`);
    copyFileSync(path, temp);
    const imports = t.app.get(ReportImportService);
    const queued = await imports.submit(actor, { tempPath: temp, fileName: name }, {});
    for (let i = 0; i < 600; i++) {
      const current = await imports.get(queued.id);
      if (!['queued', 'processing'].includes(current.status)) {
        expect(current.status).toBe('completed');
        return current;
      }
      await sleep(25);
    }
    throw new Error(`import of ${name} did not finish`);
  }

  async function topSuggestion(month: string): Promise<string | undefined> {
    const cycles = t.app.get(CycleService);
    const cycle = (await cycles.findByMonth(month))!;
    const clusters = await cycles.clusters(cycle.id, {});
    for (const c of clusters) {
      const detail = await cycles.cluster(c.id);
      const w = detail.wordings.find((x) => x.text === PARAPHRASE);
      if (w) return w.suggested?.[0] ?? c.suggestions[0]?.kbItemId;
    }
    throw new Error('the paraphrase is in no cluster');
  }

  beforeAll(async () => {
    db = await create();
    t = await startTestApp(db, { FILES_DIR: join(scratch, 'files') });
    await seedUnits(t);
    await t.app.get(KnowledgeService).import(actor, readFileSync(join(ROOT, 'test/fixtures/kb/ok/kb.csv')), 'kb.csv');
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  }, 60_000);

  it('raises the item the bot answered for a wording last month when the wording misses this month', async () => {
    const august = report([
      `2026-08-03 10:00:00,W1,官網,${PARAPHRASE},未能回答,,,,,N`,
      `2026-08-04 11:00:00,W2,官網,${PARAPHRASE},未能回答,,,,,N`,
    ]);
    // Without a month before it, the bank's own words do not lead to CT-0007.
    await importReport('report-2026-08.csv', august);
    expect(await topSuggestion('2026-08')).not.toBe('CT-0007');

    // July, imported afterwards: the bot answered the wording directly with CT-0007 and nobody rated it 不滿意.
    await importReport(
      'report-2026-07.csv',
      report([
        `2026-07-10 09:00:00,L1,LINE,${PARAPHRASE},直接回答,CT-0007,哪些憑證需要貼用印花稅票？,0.91,,N`,
        `2026-07-11 09:00:00,L2,LINE,${PARAPHRASE},直接回答,CT-0007,哪些憑證需要貼用印花稅票？,0.91,滿意,N`,
      ]),
    );
    await t.app.get(CycleService).rebuild('2026-08');
    expect(await topSuggestion('2026-08')).toBe('CT-0007');
  }, 120_000);

  it('does not learn from an answer the citizen rated 不滿意', async () => {
    const other = '印章蓋錯了稅單還有效嗎';
    await importReport(
      'report-2026-05.csv',
      report([`2026-05-10 09:00:00,L3,LINE,${other},直接回答,SVC-0004,有免付費的服務電話嗎？,0.85,不滿意,N`]),
    );
    await importReport('report-2026-06.csv', report([`2026-06-10 09:00:00,L4,LINE,${other},未能回答,,,,,N`]));
    const cycles = t.app.get(CycleService);
    const cycle = (await cycles.findByMonth('2026-06'))!;
    const [cluster] = await cycles.clusters(cycle.id, {});
    expect(cluster.suggestions.map((s) => s.kbItemId)).not.toContain('SVC-0004');
  }, 120_000);

  it('exports a wording with its own suggestions when they disagree with its cluster’s (format 9)', async () => {
    const cycles = t.app.get(CycleService);
    const cycle = (await cycles.findByMonth('2026-08'))!;
    const repo = t.app.get(ReportsRepository);
    await repo.clusters.insert({
      cycleId: cycle.id,
      clusterNo: 99,
      representative: '甲問句',
      representativeKey: '甲問句',
      size: 3,
      wordings: JSON.stringify([
        { text: '甲問句', count: 2, key: '甲問句' },
        { text: '乙問句', count: 1, key: '乙問句', suggested: ['LV-0001', 'LV-0002'] },
      ]),
      channels: '[]',
      byResponseType: '{}',
      examples: '[]',
      suggestions: JSON.stringify([{ kbItemId: 'HT-0001', question: '房屋稅什麼時候繳？', score: 0.6 }]),
      firstSeen: null,
      lastSeen: null,
      previousClusterId: null,
      recurringMonths: 1,
      confidence: 0.4,
      basis: 'topic',
      routedUnitCode: 'HT',
      routedReason: 'suggestion',
      assigneeId: null,
      ...OPEN_WORK,
    });
    const file = await cycles.exportClusters(actor, cycle.id, 'csv');
    const lines = file.body
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(lines.find((l) => l.startsWith('99,甲問句,甲問句,'))).toBe('99,甲問句,甲問句,2,HT-0001,HT,1');
    expect(lines.find((l) => l.startsWith('99,甲問句,乙問句,'))).toBe('99,甲問句,乙問句,1,LV-0001、LV-0002,HT,1');
    // The same table as ODS (issue 15): an OpenDocument package holding exactly the CSV's cells.
    const ods = await cycles.exportClusters(actor, cycle.id, 'ods');
    expect(ods.fileName).toMatch(/^misses-.+\.ods$/);
    expect(ods.contentType).toBe('application/vnd.oasis.opendocument.spreadsheet');
    const back = await readOds(ods.body);
    expect(back.mimetypeFirstAndStored).toBe(true);
    expect(back.sheets.map((s) => s.name)).toEqual(['未能回答問題分群']);
    expect(back.sheets[0].rows).toEqual(odsOfCsv(file.body));
  }, 60_000);
});
