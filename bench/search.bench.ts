import { NgramIndex, ngrams, normalizeText } from '../libs/domain/src';
import { header, measure, table } from './measure';

/**
 * Nearest-item search on a generated bank of 5,000 items with 20,000
 * alternates (4 each) and 3 keywords each, built from the vocabulary of the
 * bureau's questions so n-gram frequencies look like a real bank.
 */
const TAXES = ['房屋稅', '地價稅', '使用牌照稅', '土地增值稅', '契稅', '印花稅', '娛樂稅', '牌照稅', '土增稅', '稅單'];
const TOPICS = [
  '繳納期限',
  '稅率',
  '申請',
  '退稅',
  '減免',
  '過戶',
  '補發',
  '申報',
  '滯納金',
  '復查',
  '自用住宅',
  '分期',
  '信用卡',
  '線上',
  '證明',
  '罰鍰',
  '基準日',
  '開徵',
  '計算方式',
  '重購',
];
const FORMS = [
  '什麼時候要{t}{p}',
  '{t}{p}怎麼辦理',
  '{t}的{p}是多少',
  '請問{t}{p}要準備什麼',
  '{t}{p}可以線上辦嗎',
  '如何辦理{t}{p}',
  '{t}{p}的條件',
  '{p}{t}要去哪裡',
];
const PLACES = ['桃園', '中壢', '楊梅', '大溪', '蘆竹', '平鎮', '八德', '龜山', '龍潭', '觀音'];

let seed = 42;
const rand = (n: number) => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed % n;
};
const pick = <T>(xs: T[]) => xs[rand(xs.length)];
const sentence = () =>
  pick(FORMS)
    .replace('{t}', pick(TAXES))
    .replace('{p}', `${pick(TOPICS)}${rand(3) === 0 ? pick(PLACES) : ''}${rand(50)}`);

const ITEMS = 5_000;
const entries: { key: string; kind: string; text: string }[] = [];
for (let i = 0; i < ITEMS; i++) {
  const key = `G-${i}`;
  entries.push({ key, kind: 'question', text: sentence() });
  for (let a = 0; a < 4; a++) entries.push({ key, kind: 'alternate', text: sentence() });
  for (let k = 0; k < 3; k++) entries.push({ key, kind: 'keyword', text: pick(TOPICS) });
}
const queries = Array.from({ length: 200 }, sentence);

/** Baseline: what a first version would do — scan every text, Dice coefficient of bigram sets. */
const prepared = entries.map((e) => ({ key: e.key, grams: new Set(ngrams(normalizeText(e.text)).filter((g) => [...g].length === 2)) }));
function linearScan(query: string): string | undefined {
  const q = new Set(ngrams(normalizeText(query)).filter((g) => [...g].length === 2));
  let best: string | undefined;
  let bestScore = -1;
  for (const d of prepared) {
    let shared = 0;
    for (const g of q) if (d.grams.has(g)) shared++;
    const score = (2 * shared) / (q.size + d.grams.size || 1);
    if (score > bestScore) {
      bestScore = score;
      best = d.key;
    }
  }
  return best;
}

async function main() {
  header(
    `Knowledge search: ${ITEMS.toLocaleString('en')} items, ${entries.length.toLocaleString('en')} texts (20,000 alternates), ${queries.length} queries`,
  );
  let index!: NgramIndex<string>;
  table([
    await measure('build NgramIndex (once per bank change)', () => (index = new NgramIndex(entries, { aggregateOnly: ['keyword'] })), 5, 1),
  ]);
  const rows = [
    await measure(`NgramIndex.search × ${queries.length}`, () => queries.forEach((q) => index.search(q, 10))),
    await measure(`baseline: linear Dice scan × ${queries.length}`, () => queries.forEach((q) => linearScan(q)), 5, 1),
  ];
  table(rows, { count: queries.length, name: 'queries' });
  for (const r of rows)
    process.stdout.write(`  ${r.label.padEnd(48)} ${(r.medianMs / queries.length).toFixed(3).padStart(10)} ms per query\n`);
}

void main();
