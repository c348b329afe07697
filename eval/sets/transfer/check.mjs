// Validator for the "transfer" evaluation set.
//
//   node eval/sets/transfer/check.mjs
//
// Exits 1 and lists every problem when something is off; prints a summary otherwise.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

// csv-parse from /work/main/node_modules. The bare path '/work/main/node_modules/csv-parse/sync'
// does not resolve (the package maps 'csv-parse/sync' through its "exports"), so resolve the
// package name from the repository root instead.
const require = createRequire('/work/main/package.json');
const { parse } = require('csv-parse/sync');

const HERE = dirname(fileURLToPath(import.meta.url));
const problems = [];
const fail = (msg) => problems.push(msg);

// ---- raw file checks: BOM, CRLF record ends, LF only inside quoted cells
function load(name, header, { min, max } = {}) {
  const buf = readFileSync(join(HERE, name));
  if (!(buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)) fail(`${name}: no UTF-8 BOM`);
  const text = buf.toString('utf8');
  if (text.includes('\uFFFD')) fail(`${name}: invalid UTF-8`);
  // scan outside quotes: every line end must be CRLF
  let inQ = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') inQ = !inQ;
    else if (!inQ && c === '\n' && text[i - 1] !== '\r') {
      fail(`${name}: bare LF ending a record at offset ${i}`);
      break;
    } else if (!inQ && c === '\r' && text[i + 1] !== '\n') {
      fail(`${name}: bare CR at offset ${i}`);
      break;
    }
  }
  if (inQ) fail(`${name}: unbalanced quotes`);
  if (!text.endsWith('\r\n')) fail(`${name}: last record does not end in CRLF`);
  const records = parse(text, { bom: true, relax_quotes: false, skip_empty_lines: false });
  const head = records.shift();
  if (JSON.stringify(head) !== JSON.stringify(header)) fail(`${name}: header is ${head.join(',')}, expected ${header.join(',')}`);
  records.forEach((r, i) => {
    if (r.length !== header.length) fail(`${name}: record ${i + 1} has ${r.length} fields`);
  });
  if (min != null && records.length < min) fail(`${name}: ${records.length} rows < ${min}`);
  if (max != null && records.length > max) fail(`${name}: ${records.length} rows > ${max}`);
  return records.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

const sections = load('sections.csv', ['單位代碼', '單位名稱', '類型', '上級單位', '主管稅目', '業務職掌', '轄區'], { min: 12, max: 12 });
const kb = load('kb.csv', ['題目編號', '稅目分類', '標準問句', '相似問句', '答案', '關鍵字', '權責單位', '狀態', '最後修改日'], {
  min: 45,
  max: 60,
});
const topics = load('new-topics.csv', ['intent', 'topic', 'section'], { min: 8, max: 20 });
const report = load(
  'report-2026-11.csv',
  ['提問時間', '會話編號', '管道', '使用者問句', '回應類型', '題目編號', '標準問句', '信心分數', '評價', '轉真人'],
  { min: 400, max: 500 },
);
const labels = load('labels-2026-11.csv', ['line', 'intent', 'section'], { min: report.length, max: report.length });

// ---- sections
const CODES = ['SVC', 'IT', 'SEC', 'HT', 'LV', 'LI', 'CT', 'LEG', 'ZL', 'YM', 'DX', 'LZ'];
const EXPECTED_UNITS = {
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
if (JSON.stringify(sections.map((s) => s['單位代碼'])) !== JSON.stringify(CODES))
  fail(`sections.csv: codes are ${sections.map((s) => s['單位代碼']).join(' ')}`);
for (const s of sections) {
  const e = EXPECTED_UNITS[s['單位代碼']];
  if (!e) continue;
  if (s['單位名稱'] !== e[0] || s['類型'] !== e[1] || s['主管稅目'] !== e[2])
    fail(`sections.csv: ${s['單位代碼']} name/kind/categories differ from the sample`);
  if (s['上級單位'] !== '') fail(`sections.csv: ${s['單位代碼']} has a parent`);
  if (!s['業務職掌']) fail(`sections.csv: ${s['單位代碼']} has no 業務職掌`);
  if (s['類型'] === '分局' && !s['轄區']) fail(`sections.csv: branch ${s['單位代碼']} has no 轄區`);
}
const CODE_OF_NAME = Object.fromEntries(sections.map((s) => [s['單位名稱'], s['單位代碼']]));

// ---- kb
const CATEGORIES = ['房屋稅', '地價稅', '土地增值稅', '契稅', '使用牌照稅', '娛樂稅', '印花稅', '綜合服務'];
const KB = {};
kb.forEach((k, i) => {
  const id = k['題目編號'];
  const where = `kb.csv row ${i + 2} (${id})`;
  if (!/^F-2\d{3}$/.test(id)) fail(`${where}: id is not F-2xxx`);
  if (KB[id]) fail(`${where}: duplicate id`);
  KB[id] = k;
  if (!CATEGORIES.includes(k['稅目分類'])) fail(`${where}: category ${k['稅目分類']}`);
  if (!CODE_OF_NAME[k['權責單位']]) fail(`${where}: owner ${k['權責單位']} is not a unit name`);
  const alts = k['相似問句'].split('｜');
  if (alts.length < 1 || alts.length > 3 || alts.some((a) => !a.trim())) fail(`${where}: ${alts.length} alternates`);
  if (!k['答案'] || !k['標準問句'] || !k['關鍵字']) fail(`${where}: empty question/answer/keywords`);
  if (k['關鍵字'].includes(',')) fail(`${where}: keywords not separated by 、`);
  if (!['已發布', '停用'].includes(k['狀態'])) fail(`${where}: status ${k['狀態']}`);
  if (!/^1\d{2}\/\d{2}\/\d{2}$/.test(k['最後修改日'])) fail(`${where}: date ${k['最後修改日']}`);
  const sentences = k['答案'].split(/[。]/).filter((x) => x.trim()).length;
  if (sentences > 3) fail(`${where}: answer has ${sentences} sentences`);
});
const retired = kb.filter((k) => k['狀態'] === '停用').length;
if (retired < 1 || retired > 2) fail(`kb.csv: ${retired} 停用 items`);
const ownerCodes = new Set(kb.map((k) => CODE_OF_NAME[k['權責單位']]));
for (const must of ['LEG', 'SEC', 'IT']) if (!ownerCodes.has(must)) fail(`kb.csv: no item owned by ${must}`);
if (['ZL', 'YM', 'DX', 'LZ'].filter((c) => ownerCodes.has(c)).length < 2) fail('kb.csv: fewer than two branches own items');

// ---- new topics
const TOPIC = {};
for (const t of topics) {
  if (!/^NEW-\d{2}$/.test(t.intent)) fail(`new-topics.csv: bad id ${t.intent}`);
  if (TOPIC[t.intent]) fail(`new-topics.csv: duplicate ${t.intent}`);
  if (!CODES.includes(t.section)) fail(`new-topics.csv: ${t.intent} section ${t.section}`);
  TOPIC[t.intent] = t;
}

// ---- report
const TYPES = ['直接回答', '推薦回答', '未能回答', '閒聊', '無效問題'];
const byText = new Map();
let prev = '';
const sessionChannel = new Map();
report.forEach((r, i) => {
  const where = `report line ${i + 1}`;
  const t = r['提問時間'];
  if (!/^2026-11-\d{2} \d{2}:\d{2}:\d{2}$/.test(t) || Number.isNaN(Date.parse(t.replace(' ', 'T')))) fail(`${where}: time ${t}`);
  if (t < prev) fail(`${where}: not sorted by time`);
  prev = t;
  if (!['LINE', '官網', 'APP'].includes(r['管道'])) fail(`${where}: channel ${r['管道']}`);
  if (r['會話編號']) {
    const ch = sessionChannel.get(r['會話編號']);
    if (ch && ch !== r['管道']) fail(`${where}: session ${r['會話編號']} changes channel`);
    sessionChannel.set(r['會話編號'], r['管道']);
  }
  const q = r['使用者問句'];
  if (!q || q.length > 500) fail(`${where}: question length ${q.length}`);
  const type = r['回應類型'];
  if (!TYPES.includes(type)) fail(`${where}: type ${type}`);
  const id = r['題目編號'];
  const conf = r['信心分數'] === '' ? null : Number(r['信心分數']);
  if (id) {
    if (!KB[id]) fail(`${where}: bot id ${id} not in kb.csv`);
    else {
      if (KB[id]['狀態'] !== '已發布') fail(`${where}: bot returned the 停用 item ${id}`);
      if (r['標準問句'] !== KB[id]['標準問句']) fail(`${where}: 標準問句 differs from kb ${id}`);
    }
  } else if (r['標準問句']) fail(`${where}: 標準問句 without id`);
  if (type === '直接回答' && !(id && conf >= 0.8 && conf <= 0.99)) fail(`${where}: 直接回答 needs an id and 0.80–0.99 (${id} ${conf})`);
  if (type === '推薦回答' && !(id && conf >= 0.45 && conf <= 0.79)) fail(`${where}: 推薦回答 needs an id and 0.45–0.79`);
  if (type === '未能回答' && (id ? !(conf != null && conf < 0.45) : conf != null)) fail(`${where}: 未能回答 id/confidence (${id} ${conf})`);
  if ((type === '閒聊' || type === '無效問題') && (id || conf != null)) fail(`${where}: ${type} carries an id or confidence`);
  if (!['', '滿意', '不滿意'].includes(r['評價'])) fail(`${where}: feedback ${r['評價']}`);
  if (!['Y', 'N'].includes(r['轉真人'])) fail(`${where}: handoff ${r['轉真人']}`);
  const sig = `${type}|${id}|${r['信心分數']}`;
  if (byText.has(q) && byText.get(q) !== sig) fail(`${where}: same text, different type/id/confidence: ${JSON.stringify(q)}`);
  byText.set(q, sig);
});

// ---- labels
const labelText = new Map();
labels.forEach((l, i) => {
  const where = `labels row ${i + 2}`;
  if (Number(l.line) !== i + 1 || String(i + 1) !== l.line) fail(`${where}: line ${l.line}, expected ${i + 1}`);
  const r = report[i];
  if (!r) {
    fail(`${where}: no report record ${l.line}`);
    return;
  }
  const intent = l.intent;
  let owner;
  if (KB[intent]) owner = CODE_OF_NAME[KB[intent]['權責單位']];
  else if (TOPIC[intent]) owner = TOPIC[intent].section;
  else if (intent === 'CHITCHAT' || intent === 'INVALID') owner = '';
  else {
    fail(`${where}: unknown intent ${intent}`);
    return;
  }
  if (l.section !== owner) fail(`${where}: section ${l.section}, owner of ${intent} is ${owner}`);
  if (l.section && !CODES.includes(l.section)) fail(`${where}: section ${l.section} not a unit code`);
  if ((intent === 'CHITCHAT') !== (r['回應類型'] === '閒聊')) fail(`${where}: CHITCHAT vs 回應類型 ${r['回應類型']}`);
  if ((intent === 'INVALID') !== (r['回應類型'] === '無效問題')) fail(`${where}: INVALID vs 回應類型 ${r['回應類型']}`);
  const q = r['使用者問句'];
  if (labelText.has(q) && labelText.get(q) !== intent) fail(`${where}: same text labelled ${labelText.get(q)} and ${intent}`);
  labelText.set(q, intent);
});
for (const t of topics) if (!labels.some((l) => l.intent === t.intent)) fail(`new-topics.csv: ${t.intent} never used`);

// ---- summary
if (problems.length) {
  console.error(`${problems.length} problem(s):`);
  for (const p of problems.slice(0, 200)) console.error('  ' + p);
  process.exit(1);
}
const tally = (xs) => xs.reduce((m, x) => ((m[x] = (m[x] ?? 0) + 1), m), {});
const kind = (intent) => (KB[intent] ? (KB[intent]['狀態'] === '停用' ? 'item 停用' : 'item 已發布') : TOPIC[intent] ? 'NEW-xx' : intent);
console.log('OK');
console.log(
  `sections ${sections.length}, kb ${kb.length} (停用 ${retired}), new topics ${topics.length}, report ${report.length}, labels ${labels.length}`,
);
console.log('回應類型:', tally(report.map((r) => r['回應類型'])));
console.log('intent kinds:', tally(labels.map((l) => kind(l.intent))));
console.log('未能回答 by intent kind:', tally(labels.filter((l, i) => report[i]['回應類型'] === '未能回答').map((l) => kind(l.intent))));
console.log('distinct question texts:', byText.size);
