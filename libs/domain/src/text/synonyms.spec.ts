import { normalizeText } from './normalize';
import { SynonymFolder } from './synonyms';

describe('SynonymFolder', () => {
  const folder = new SynonymFolder([
    { term: '土地增值稅', variants: ['土增稅', '增值稅'] },
    { term: '使用牌照稅', variants: ['牌照稅', '汽車稅'] },
    { term: '印花稅', variants: ['印花'] },
  ]);
  const fold = (s: string) => folder.fold(normalizeText(s));

  it('folds a variant to its term', () => {
    expect(fold('賣房子要繳土增稅嗎')).toBe(normalizeText('賣房子要繳土地增值稅嗎'));
    expect(fold('汽車稅什麼時候繳')).toBe(normalizeText('使用牌照稅什麼時候繳'));
  });

  it('keeps a term written in full, even when a variant is inside it', () => {
    expect(fold('土地增值稅怎麼算')).toBe(normalizeText('土地增值稅怎麼算'));
    expect(fold('使用牌照稅')).toBe('使用牌照稅');
    expect(fold('印花稅票')).toBe('印花稅票');
  });

  it('prefers the longest variant and folds every occurrence', () => {
    expect(fold('增值稅和牌照稅')).toBe('土地增值稅和使用牌照稅');
    expect(fold('印花要貼多少')).toBe(normalizeText('印花稅要貼多少'));
  });

  it('matches variants after normalisation (simplified script, full-width, case)', () => {
    const f = new SynonymFolder([{ term: 'LINE Pay', variants: ['ｌｉｎｅｐａｙ'] }]);
    expect(f.fold(normalizeText('可以用linepay嗎'))).toContain(normalizeText('LINE Pay'));
    expect(fold('土增税')).toBe('土地增值稅');
  });

  it('is the identity without entries, and folding twice changes nothing', () => {
    expect(new SynonymFolder([]).fold('房屋稅')).toBe('房屋稅');
    const once = fold('土增稅跟牌照稅');
    expect(folder.fold(once)).toBe(once);
  });
});
