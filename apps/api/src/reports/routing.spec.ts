import { SynonymFolder } from '@tunedesk/domain';
import { DEFAULT_KEYWORD_RULES, DEFAULT_SYNONYMS } from '../tuning/default-tuning';
import { routeByText, routeCluster, type RoutingConfig } from './routing';

const units = [
  { code: 'HT', categories: ['房屋稅', '契稅'] },
  { code: 'LV', categories: ['地價稅'] },
  { code: 'LI', categories: ['土地增值稅'] },
  { code: 'CT', categories: ['使用牌照稅', '娛樂稅', '印花稅'] },
  { code: 'SVC', categories: ['綜合服務'] },
  { code: 'LEG', categories: [] },
];
const owner = (category: string) => units.find((u) => u.categories.includes(category))!.code;
const config: RoutingConfig = {
  units,
  rules: DEFAULT_KEYWORD_RULES.map((r) => ({ keyword: r.keyword, unitCode: owner(r.category), overridesTaxNames: r.overridesTaxNames })),
  folder: new SynonymFolder(DEFAULT_SYNONYMS),
};
const route = (text: string, extra: { matched?: string; owner?: string; score?: number } = {}, cfg = config) =>
  routeCluster(
    { matchedItemOwner: extra.matched ?? null, suggestion: extra.owner ? { owner: extra.owner, score: extra.score ?? 0 } : null, text },
    cfg,
  );

describe('routeCluster', () => {
  it('sends a cluster to the owner of the item the bot matched, before anything else', () => {
    expect(route('地價稅什麼時候繳', { matched: 'LEG', owner: 'LV', score: 0.9 })).toEqual({ unitCode: 'LEG', reason: 'matched-item' });
  });

  it('follows a strong suggestion, then a tax named in the question, then a weak suggestion, else triage', () => {
    expect(route('這個要怎麼申請', { owner: 'LI', score: 0.6 })).toEqual({ unitCode: 'LI', reason: 'suggestion' });
    expect(route('請問地價稅的稅率', { owner: 'HT', score: 0.3 })).toEqual({ unitCode: 'LV', reason: 'category-rule' });
    expect(route('這個要怎麼申請', { owner: 'CT', score: 0.2 })).toEqual({ unitCode: 'CT', reason: 'suggestion' });
    expect(route('今天天氣好嗎', { owner: 'CT', score: 0.1 })).toEqual({ unitCode: null, reason: 'triage' });
  });

  it('reads colloquial names through the synonym list, and the longest name wins', () => {
    expect(route('土增稅一生一屋').unitCode).toBe('LI');
    expect(route('牌照税幾月繳').unitCode).toBe('CT');
    expect(route('汽車稅怎麼算').unitCode).toBe('CT');
    expect(route('土地增值稅跟增值稅一樣嗎').unitCode).toBe('LI');
    // Without the synonym list a colloquial name finds nobody.
    expect(route('房捐怎麼算', {}, { ...config, folder: undefined }).unitCode).toBeNull();
    expect(route('房捐怎麼算').unitCode).toBe('HT');
  });

  it('gives how-to-pay and bill questions to the service section even when they name a tax', () => {
    expect(route('可以用行動支付繳房屋稅嗎')).toEqual({ unitCode: 'SVC', reason: 'keyword-rule' });
    expect(route('地價稅單寄到舊地址怎麼辦').unitCode).toBe('SVC');
    expect(route('房屋稅可以刷卡嗎').unitCode).toBe('SVC');
  });

  it('lets a keyword that does not override tax names lose to a tax name and win alone', () => {
    expect(route('燃料費跟牌照稅一起繳嗎').unitCode).toBe('CT');
    const rules = [{ keyword: '違章建築', unitCode: 'LEG', overridesTaxNames: false }];
    expect(route('違章建築要繳房屋稅嗎', {}, { ...config, rules }).unitCode).toBe('HT');
    expect(route('違章建築會被拆嗎', {}, { ...config, rules })).toEqual({ unitCode: 'LEG', reason: 'keyword-rule' });
  });

  it('tells what matched and the folded text', () => {
    const r = routeByText('土增稅怎麼算', config);
    expect(r).toMatchObject({ unitCode: 'LI', reason: 'category-rule', matched: '土地增值稅' });
    expect(r.folded).toContain('土地增值稅');
  });
});
