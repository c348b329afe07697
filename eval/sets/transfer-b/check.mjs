// Validator for eval/sets/transfer-b. Run with cwd /work/main:  node eval/sets/transfer-b/check.mjs
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const DIR = dirname(fileURLToPath(import.meta.url));
const errors = [];
const fail = (m) => errors.push(m);

function load(name, header) {
  const buf = readFileSync(join(DIR, name));
  if (!(buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)) fail(`${name}: no UTF-8 BOM`);
  const text = buf.toString('utf8').replace(/^\uFEFF/, '');
  // row ends are CRLF; outside quotes there is no bare LF or CR, inside quotes no CR
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') q = !q;
    else if (!q && ch === '\n' && text[i - 1] !== '\r') {
      fail(`${name}: bare LF row end at char ${i}`);
      break;
    } else if (!q && ch === '\r' && text[i + 1] !== '\n') {
      fail(`${name}: bare CR at char ${i}`);
      break;
    } else if (q && ch === '\r') {
      fail(`${name}: CR inside a quoted cell at char ${i}`);
      break;
    }
  }
  if (!text.endsWith('\r\n')) fail(`${name}: last row does not end in CRLF`);
  const recs = parse(text, { relax_column_count: false });
  const got = recs[0].join(',');
  if (got !== header.join(',')) fail(`${name}: header is ${got}`);
  return recs.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

const sections = load('sections.csv', ['單位代碼', '單位名稱', '類型', '上級單位', '主管稅目', '業務職掌', '轄區']);
const kb = load('kb.csv', ['題目編號', '稅目分類', '標準問句', '相似問句', '答案', '關鍵字', '權責單位', '狀態', '最後修改日']);
const report = load('report-2026-12.csv', [
  '提問時間',
  '會話編號',
  '管道',
  '使用者問句',
  '回應類型',
  '題目編號',
  '標準問句',
  '信心分數',
  '評價',
  '轉真人',
]);
const labels = load('labels-2026-12.csv', ['line', 'intent', 'section']);
const topics = load('new-topics.csv', ['intent', 'topic', 'section']);

// sections
const EXPECT = {
  SVC: ['服務科', '科', '綜合服務'],
  IT: ['資訊科', '科', ''],
  SEC: ['秘書室', '室', ''],
  HT: ['房屋稅科', '科', '房屋稅、契稅'],
  LV: ['地價稅科', '科', '地價稅'],
  LI: ['土地增值稅科', '科', '土地增值稅'],
  CT: ['消費稅科', '科', '使用牌照稅、娛樂稅、印花稅'],
  LEG: ['法務科', '科', ''],
  ZL: ['中壢分局', '分局', ''],
  YM: ['楊梅分局', '分局', ''],
  DX: ['大溪分局', '分局', ''],
  LZ: ['蘆竹分局', '分局', ''],
};
if (sections.length !== 12) fail(`sections.csv: ${sections.length} rows, expected 12`);
for (const s of sections) {
  const e = EXPECT[s['單位代碼']];
  if (!e) {
    fail(`sections.csv: unknown code ${s['單位代碼']}`);
    continue;
  }
  if (s['單位名稱'] !== e[0] || s['類型'] !== e[1] || s['主管稅目'] !== e[2])
    fail(`sections.csv: ${s['單位代碼']} name/kind/categories differ`);
  if (s['上級單位'] !== '') fail(`sections.csv: ${s['單位代碼']} has a parent`);
  if (!s['業務職掌']) fail(`sections.csv: ${s['單位代碼']} has no duties`);
  if ((s['類型'] === '分局') !== !!s['轄區']) fail(`sections.csv: ${s['單位代碼']} districts only on branches`);
}
const CODES = new Set(Object.keys(EXPECT));
const CODE_OF = Object.fromEntries(sections.map((s) => [s['單位名稱'], s['單位代碼']]));

// kb
const CATS = new Set(['房屋稅', '地價稅', '土地增值稅', '契稅', '使用牌照稅', '娛樂稅', '印花稅', '綜合服務']);
const KB = new Map();
if (kb.length < 40 || kb.length > 50) fail(`kb.csv: ${kb.length} items, expected about 45`);
kb.forEach((it, i) => {
  const id = it['題目編號'];
  if (id !== `G-${3001 + i}`) fail(`kb.csv row ${i + 2}: id ${id} out of sequence`);
  if (!CATS.has(it['稅目分類'])) fail(`kb.csv ${id}: category ${it['稅目分類']}`);
  const alts = it['相似問句'].split('｜');
  if (alts.length < 1 || alts.length > 3 || alts.some((a) => !a.trim())) fail(`kb.csv ${id}: ${alts.length} alternates`);
  if (!CODE_OF[it['權責單位']]) fail(`kb.csv ${id}: owner ${it['權責單位']} is not a unit name`);
  if (!['已發布', '停用'].includes(it['狀態'])) fail(`kb.csv ${id}: status ${it['狀態']}`);
  if (!/^1\d\d\/\d\d\/\d\d$/.test(it['最後修改日'])) fail(`kb.csv ${id}: date ${it['最後修改日']}`);
  if (!it['答案'] || !it['關鍵字'] || it['關鍵字'].includes(',')) fail(`kb.csv ${id}: answer/keywords`);
  KB.set(id, { ...it, code: CODE_OF[it['權責單位']] });
});
if (kb.filter((k) => k['狀態'] === '停用').length !== 1) fail('kb.csv: expected exactly one 停用 item');
for (const c of CATS) if (!kb.some((k) => k['稅目分類'] === c)) fail(`kb.csv: no item in ${c}`);
const owners = new Set(kb.map((k) => k['權責單位']));
for (const o of ['法務科', '秘書室', '資訊科', '服務科']) if (!owners.has(o)) fail(`kb.csv: no item owned by ${o}`);
if ([...owners].filter((o) => o.endsWith('分局')).length < 2) fail('kb.csv: fewer than two branches own items');

// new topics
const TOPICS = new Map();
for (const t of topics) {
  if (!/^NEW-\d\d$/.test(t.intent)) fail(`new-topics.csv: id ${t.intent}`);
  if (!CODES.has(t.section)) fail(`new-topics.csv: ${t.intent} section ${t.section}`);
  TOPICS.set(t.intent, t);
}

// report
const TYPES = new Set(['直接回答', '推薦回答', '未能回答', '閒聊', '無效問題']);
if (report.length < 300 || report.length > 400) fail(`report: ${report.length} rows, expected about 350`);
const byText = new Map();
let prev = '';
report.forEach((r, i) => {
  const line = i + 1;
  const t = r['提問時間'];
  if (!/^2026-12-\d\d \d\d:\d\d:\d\d$/.test(t) || Number.isNaN(Date.parse(t.replace(' ', 'T')))) fail(`report line ${line}: time ${t}`);
  if (t < prev) fail(`report line ${line}: not sorted by time`);
  prev = t;
  if (!TYPES.has(r['回應類型'])) fail(`report line ${line}: type ${r['回應類型']}`);
  if (!['官網', 'LINE', 'APP'].includes(r['管道'])) fail(`report line ${line}: channel`);
  if (!['', '滿意', '不滿意'].includes(r['評價'])) fail(`report line ${line}: feedback`);
  if (!['Y', 'N'].includes(r['轉真人'])) fail(`report line ${line}: handoff`);
  const q = r['使用者問句'];
  if (!q || q.length > 500 || q.includes('\r')) fail(`report line ${line}: question length or CR`);
  const id = r['題目編號'];
  const c = r['信心分數'];
  const conf = c === '' ? null : Number(c);
  if (id) {
    const it = KB.get(id);
    if (!it) fail(`report line ${line}: unknown id ${id}`);
    else {
      if (it['狀態'] !== '已發布') fail(`report line ${line}: bot returned 停用 ${id}`);
      if (r['標準問句'] !== it['標準問句']) fail(`report line ${line}: 標準問句 differs from kb`);
    }
  } else if (r['標準問句'] || c !== '') fail(`report line ${line}: question/confidence without id`);
  const type = r['回應類型'];
  const inRange = (lo, hi) => conf !== null && conf >= lo && conf <= hi;
  if (type === '直接回答' && !(id && inRange(0.8, 0.99))) fail(`report line ${line}: 直接回答 needs id and 0.80–0.99`);
  if (type === '推薦回答' && !(id && inRange(0.45, 0.79))) fail(`report line ${line}: 推薦回答 needs id and 0.45–0.79`);
  if (type === '未能回答' && id && !(conf !== null && conf < 0.45)) fail(`report line ${line}: 未能回答 confidence must be < 0.45`);
  if ((type === '閒聊' || type === '無效問題') && (id || c !== '')) fail(`report line ${line}: ${type} must have no id`);
  const key = `${type}|${id}|${c}`;
  if (byText.has(q) && byText.get(q) !== key) fail(`report line ${line}: same text, different answer: ${q}`);
  byText.set(q, key);
});

// labels
if (labels.length !== report.length) fail(`labels: ${labels.length} rows for ${report.length} report records`);
const intentOfText = new Map();
labels.forEach((l, i) => {
  if (l.line !== String(i + 1)) fail(`labels row ${i + 2}: line ${l.line}, expected ${i + 1}`);
  const r = report[i];
  if (!r) return;
  const { intent, section } = l;
  if (intent === 'CHITCHAT' || intent === 'INVALID') {
    if (section !== '') fail(`labels line ${l.line}: ${intent} must have empty section`);
    const want = intent === 'CHITCHAT' ? '閒聊' : '無效問題';
    if (r['回應類型'] !== want) fail(`labels line ${l.line}: ${intent} on a ${r['回應類型']} row`);
  } else if (KB.has(intent)) {
    if (section !== KB.get(intent).code) fail(`labels line ${l.line}: section ${section} is not ${intent}'s owner ${KB.get(intent).code}`);
  } else if (TOPICS.has(intent)) {
    if (section !== TOPICS.get(intent).section) fail(`labels line ${l.line}: section ${section} differs from new-topics.csv`);
    if (r['回應類型'] !== '未能回答') fail(`labels line ${l.line}: new topic on a ${r['回應類型']} row`);
  } else fail(`labels line ${l.line}: unknown intent ${intent}`);
  if (!CODES.has(section) && section !== '') fail(`labels line ${l.line}: bad section ${section}`);
  if (r['回應類型'] === '閒聊' && intent !== 'CHITCHAT') fail(`labels line ${l.line}: 閒聊 row labelled ${intent}`);
  if (r['回應類型'] === '無效問題' && intent !== 'INVALID') fail(`labels line ${l.line}: 無效問題 row labelled ${intent}`);
  const q = r['使用者問句'];
  if (intentOfText.has(q) && intentOfText.get(q) !== intent) fail(`labels line ${l.line}: same text, different intent`);
  intentOfText.set(q, intent);
});
for (const t of TOPICS.keys()) if (!labels.some((l) => l.intent === t)) fail(`new-topics.csv: ${t} is never used`);

// summary
const count = (f) => report.filter(f).length;
const types = Object.fromEntries([...TYPES].map((t) => [t, count((r) => r['回應類型'] === t)]));
const U = labels.filter((l, i) => report[i] && report[i]['回應類型'] === '未能回答');
const summary = {
  rows: report.length,
  types,
  kb: kb.length,
  topics: topics.length,
  unanswered: {
    published: U.filter((l) => KB.has(l.intent) && KB.get(l.intent)['狀態'] === '已發布').length,
    retired: U.filter((l) => KB.has(l.intent) && KB.get(l.intent)['狀態'] === '停用').length,
    newTopic: U.filter((l) => TOPICS.has(l.intent)).length,
  },
  feedback: count((r) => r['評價'] !== ''),
};
console.log(JSON.stringify(summary));
if (errors.length) {
  console.error(errors.slice(0, 50).join('\n'));
  console.error(`${errors.length} problem(s)`);
  process.exit(1);
}
console.log('transfer-b: clean');
