import { NgramIndex, ngrams } from './ngram-index';

describe('ngrams', () => {
  it('makes bigrams and trigrams per token, and keeps one-character tokens', () => {
    expect(ngrams('房屋稅')).toEqual(['房屋', '屋稅', '房屋稅']);
    expect(ngrams('稅 ab')).toEqual(['稅', 'ab']);
    expect(ngrams('')).toEqual([]);
  });
});

describe('NgramIndex', () => {
  const index = new NgramIndex<string>(
    [
      { key: 'HT-1', kind: 'question', text: '房屋稅什麼時候繳？' },
      { key: 'HT-1', kind: 'alternate', text: '房屋稅繳納期限是哪一天' },
      { key: 'LV-1', kind: 'question', text: '地價稅什麼時候繳？' },
      { key: 'CT-1', kind: 'question', text: '使用牌照稅可以用信用卡繳嗎' },
    ],
    { weights: { question: 1, alternate: 1 } },
  );

  it('ranks the item whose texts share the most rare n-grams first, with a 0–1 score', () => {
    const hits = index.search('請問房屋稅繳納期限');
    expect(hits[0]).toMatchObject({ key: 'HT-1', kind: 'alternate' });
    expect(hits[0].score).toBeGreaterThan(0.3);
    expect(hits[0].score).toBeLessThanOrEqual(1);
    expect(hits.map((h) => h.key)).not.toContain('CT-1');
  });

  it('gives an identical text a score of 1 and one key once', () => {
    const hits = index.search('地價稅什麼時候繳');
    expect(hits[0]).toMatchObject({ key: 'LV-1' });
    expect(hits[0].score).toBeCloseTo(1, 5);
    expect(new Set(hits.map((h) => h.key)).size).toBe(hits.length);
  });

  it('lets content words outweigh how a question is asked', () => {
    const asked = new NgramIndex<string>([
      { key: 'A', kind: 'question', text: '契稅要怎麼申報' },
      { key: 'B', kind: 'question', text: '房屋稅要怎麼申報' },
      { key: 'C', kind: 'question', text: '有哪些繳納方式可以用' },
    ]);
    expect(asked.search('房屋稅有哪些申報方式')[0].key).toBe('B');
  });

  it('counts keyword-only matches towards the whole item, never as its best text', () => {
    const kw = new NgramIndex<string>(
      [
        { key: 'A', kind: 'question', text: '自用住宅用地要每年申請嗎' },
        { key: 'A', kind: 'keyword', text: '自用住宅用地' },
        { key: 'B', kind: 'question', text: '一生一次的條件' },
        { key: 'B', kind: 'keyword', text: '自用住宅用地' },
      ],
      { aggregateOnly: ['keyword'] },
    );
    const hits = kw.search('自用住宅用地每年都要申請嗎');
    expect(hits[0]).toMatchObject({ key: 'A', kind: 'question' });
    expect(hits[1].key).toBe('B');
    expect(hits[1].score).toBeLessThan(hits[0].score);
  });

  it('answers nothing for a query with no known n-gram, and honours kinds, exclude and minScore', () => {
    expect(index.search('今天天氣如何')).toEqual([]);
    expect(index.search('房屋稅', 10, { kinds: ['question'], exclude: 'HT-1' }).map((h) => h.key)).not.toContain('HT-1');
    expect(index.search('房屋稅什麼時候繳', 10, { minScore: 0.99 }).map((h) => h.key)).toEqual(['HT-1']);
  });
});
