import { BankMatcher, SynonymFolder, TextAnalyzer, type BankItem } from '@tunedesk/domain';
import { createTextTools } from './text-tools';

// Words chosen not to occur in the sample reports.
describe('text tools (jieba, pinyin)', () => {
  const tools = createTextTools(['娛樂稅', '印花稅票']);

  it('segments Traditional Chinese with the bank’s own terms kept whole', () => {
    expect(tools.segment('印花稅票要貼在契約哪裡')).toEqual(expect.arrayContaining(['印花稅票', '契約']));
    expect(tools.segment('演唱會門票的娛樂稅')).toContain('娛樂稅');
  });

  it('reads one toneless syllable per character, other characters as they are', () => {
    expect(tools.pinyin('娛樂稅')).toEqual(['yu', 'le', 'shui']);
    expect(tools.pinyin('KTV娛樂')).toEqual(['K', 'T', 'V', 'yu', 'le']);
  });

  const bank: BankItem[] = [
    {
      id: 'X-1',
      question: '娛樂稅的代徵人是誰',
      alternates: [],
      keywords: [],
      answer: '',
      category: '娛樂稅',
      owner: 'CT',
      published: true,
    },
    {
      id: 'X-2',
      question: '印花稅票要貼在哪裡',
      alternates: [],
      keywords: [],
      answer: '',
      category: '印花稅',
      owner: 'CT',
      published: true,
    },
    { id: 'X-3', question: '契稅的申報期限', alternates: [], keywords: [], answer: '', category: '契稅', owner: 'HT', published: true },
  ];

  it('meets a mistyped homophone only through pinyin', () => {
    // 娛樂 typed as 漁樂 (yu le): characters alone share nothing with 娛樂稅 but 稅.
    const withPinyin = new BankMatcher(bank, new TextAnalyzer(new SynonymFolder([]), tools));
    const charsOnly = new BankMatcher(bank, new TextAnalyzer(new SynonymFolder([]), tools, { pinyin: false }));
    const query = '漁樂稅代徵人';
    expect(withPinyin.match(query)[0].id).toBe('X-1');
    expect(withPinyin.match(query)[0].score).toBeGreaterThan(charsOnly.match(query)[0]?.score ?? 0);
  });

  it('gives different words for one thing a shared dictionary gloss (CC-CEDICT)', () => {
    expect(tools.glosses!('房子')).toContain('house');
    expect(tools.glosses!('房屋')).toContain('house');
    expect(tools.glosses!('罰款')).toContain('fine');
    expect(tools.glosses!('罰鍰')).toContain('fine');
    expect(tools.glosses!('不是一個詞吧')).toEqual([]);
  });

  it('matches an English question through the glossary folded into Chinese', () => {
    const folder = new SynonymFolder([{ term: '契稅', variants: ['deed tax'] }]);
    const m = new BankMatcher(bank, new TextAnalyzer(folder, tools));
    expect(m.match('deed tax deadline')[0].id).toBe('X-3');
    // A Latin variant matches whole words only.
    expect(folder.normalizeAndFold('indeed taxes')).toBe('indeed taxes');
  });
});
