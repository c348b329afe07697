import { compactText, normalizeText } from '../text/normalize';
import { TextAnalyzer } from './analyzer';
import { BankMatcher, type BankItem } from './matcher';
import { averageLinkage, buildMonth, type MatchingParams, type MissWording } from './month';
import type { RoutingConfig } from './route';

// A small bank of its own (not the sample bank) and wordings written for this test.
const bank: BankItem[] = [
  {
    id: 'A-1',
    question: '娛樂稅的稅率是多少',
    alternates: ['娛樂稅怎麼算'],
    keywords: ['娛樂稅'],
    answer: '',
    category: '娛樂稅',
    owner: 'CT',
    published: true,
  },
  {
    id: 'A-2',
    question: '印花稅要貼在哪裡',
    alternates: ['印花稅票怎麼貼'],
    keywords: ['印花稅'],
    answer: '',
    category: '印花稅',
    owner: 'CT',
    published: true,
  },
  {
    id: 'A-3',
    question: '契稅什麼時候申報',
    alternates: ['契稅申報期限'],
    keywords: ['契稅'],
    answer: '',
    category: '契稅',
    owner: 'HT',
    published: true,
  },
  {
    id: 'A-4',
    question: '契稅什麼時候繳納',
    alternates: [],
    keywords: ['契稅'],
    answer: '',
    category: '契稅',
    owner: 'SVC',
    published: true,
  },
];
const routing: RoutingConfig = {
  units: [
    { code: 'CT', categories: ['娛樂稅', '印花稅'] },
    { code: 'HT', categories: ['契稅'] },
  ],
  rules: [],
};
const params: MatchingParams = {
  confidentScore: 0.3,
  confidentMargin: 0.05,
  topicLinkage: 0.15,
  topicSameUnit: true,
  botVote: 0.5,
  minSuggestion: 0.05,
  route: { itemScore: 0.5, weakItemScore: 0.2, learnedScore: 0.5, conflictToTriage: false },
};
const wording = (text: string, count = 1): MissWording => ({ key: compactText(normalizeText(text)), text, count, bot: [] });
const matcher = () => new BankMatcher(bank, new TextAnalyzer());

describe('buildMonth', () => {
  it('puts wordings confidently matched to one item in that item’s cluster, with its confidence', async () => {
    const built = await buildMonth(
      { wordings: [wording('娛樂稅稅率多少', 3), wording('娛樂稅的稅率怎麼算')], routing, decided: [] },
      matcher(),
      params,
    );
    const item = built.find((c) => c.itemId === 'A-1')!;
    expect(item.basis).toBe('item');
    expect(item.keys).toHaveLength(2);
    expect(item.confidence).toBeGreaterThanOrEqual(params.confidentScore);
    expect(item.route.unitCode).toBe('CT');
  });

  it('refuses to merge near-duplicate wordings confidently matched to two different items', async () => {
    // Near-duplicates by characters (5 of 9 bigrams shared), two different intents.
    const built = await buildMonth(
      { wordings: [wording('契稅什麼時候繳納'), wording('契稅什麼時候申報')], routing, decided: [] },
      matcher(),
      params,
    );
    expect(built.map((c) => [c.itemId, c.keys.length]).sort()).toEqual([
      ['A-3', 1],
      ['A-4', 1],
    ]);
  });

  it('groups a new topic’s paraphrases and keeps an unrelated question apart', async () => {
    const built = await buildMonth(
      {
        wordings: [wording('稅務局可以停機車嗎', 2), wording('稅務局有機車停車位嗎'), wording('遺產稅要去哪裡申報')],
        routing,
        decided: [],
      },
      matcher(),
      params,
    );
    const topics = built.filter((c) => c.basis === 'topic');
    expect(topics.map((t) => t.keys.length).sort()).toEqual([1, 2]);
    expect(topics.find((t) => t.keys.length === 2)!.confidence).toBeGreaterThanOrEqual(params.topicLinkage);
  });

  it('gives each wording its own suggestions beside the cluster’s', async () => {
    const built = await buildMonth(
      { wordings: [wording('印花稅票要貼哪'), wording('印花稅貼在哪裡')], routing, decided: [] },
      matcher(),
      params,
    );
    for (const c of built) {
      expect(c.wordingHits).toHaveLength(c.keys.length);
      expect(c.wordingHits[0][0].id).toBe('A-2');
    }
  });
});

describe('averageLinkage', () => {
  it('joins groups while their mean similarity reaches the threshold, and obeys a refusal', () => {
    const edges = new Map([
      [
        0,
        new Map([
          [1, 0.9],
          [2, 0.1],
        ]),
      ],
      [1, new Map([[2, 0.2]])],
    ]);
    expect(averageLinkage([[0], [1], [2]], edges, 0.5).map((g) => g.sort())).toEqual([[0, 1], [2]]);
    // Mean of 0→2 (0.1) and 1→2 (0.2) is 0.15: below 0.5, so 2 stays alone; with 0.1 it joins.
    expect(averageLinkage([[0], [1], [2]], edges, 0.1).map((g) => g.sort())).toEqual([[0, 1, 2]]);
    expect(averageLinkage([[0], [1], [2]], edges, 0.5, () => false)).toEqual([[0], [1], [2]]);
  });
});

describe('TextAnalyzer', () => {
  it('reads English words as words, without function words, and splits them from Chinese', () => {
    const a = new TextAnalyzer();
    const f = a.features(a.prepare('Can I pay my 娛樂稅 online?'));
    expect(f).toEqual(expect.arrayContaining(['e:pay', 'e:online', '娛樂', '娛樂稅']));
    expect(f.filter((x) => x.startsWith('e:'))).toEqual(['e:pay', 'e:online']);
    expect(a.features(a.prepare('我的bill不見了'))).toEqual(expect.arrayContaining(['e:bill', '不見']));
  });
});
