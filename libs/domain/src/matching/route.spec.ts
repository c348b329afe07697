import { SynonymFolder } from '../text/synonyms';
import { routeByText, routeCluster, type RouteParams, type RoutingConfig } from './route';

// A unit file of the shape of format 8, with words that are not in the sample reports.
const config: RoutingConfig = {
  units: [
    { code: 'HT', name: '房屋稅科', kind: '科', categories: ['房屋稅', '契稅'] },
    { code: 'LV', name: '地價稅科', kind: '科', categories: ['地價稅'] },
    { code: 'CT', name: '消費稅科', kind: '科', categories: ['使用牌照稅', '娛樂稅', '印花稅'] },
    { code: 'SVC', name: '服務科', kind: '科', categories: ['綜合服務'], duties: ['繳稅方式', '繳款書補發'] },
    { code: 'LEG', name: '法務科', kind: '科', categories: [], duties: ['行政救濟', '復查', '欠稅移送執行', '限制出境'] },
    { code: 'SEC', name: '秘書室', kind: '室', categories: [], duties: ['檔案應用', '陳情'] },
    { code: 'ZL', name: '中壢分局', kind: '分局', categories: [], districts: ['中壢區', '平鎮區'] },
    { code: 'DX', name: '大溪分局', kind: '分局', categories: [], districts: ['大溪區', '龍潭區'] },
  ],
  rules: [],
  folder: new SynonymFolder([{ term: '使用牌照稅', variants: ['牌照稅'] }]),
};
const params: RouteParams = { itemScore: 0.5, weakItemScore: 0.2, learnedScore: 0.5, conflictToTriage: false };
const route = (text: string, extra: Partial<Parameters<typeof routeCluster>[0]> = {}) =>
  routeCluster({ matchedItemOwner: null, suggestion: null, texts: [text], learned: null, ...extra }, config, params);

describe('routeByText', () => {
  it('routes by a branch named in full or by its town', () => {
    expect(routeByText('大溪分局週六有開嗎', config)).toMatchObject({ unitCode: 'DX', reason: 'named-unit', matched: '大溪分局' });
    expect(routeByText('中壢那邊的停車場在哪', config)).toMatchObject({ unitCode: 'ZL', reason: 'named-unit', matched: '中壢' });
  });

  it('reads a district the branch serves, below a tax the question names', () => {
    expect(routeByText('住龍潭的人要去哪辦', config)).toMatchObject({ unitCode: 'DX', reason: 'named-unit' });
    expect(routeByText('龍潭的地價稅怎麼算', config)).toMatchObject({ unitCode: 'LV', reason: 'category-rule' });
  });

  it("routes by a unit's duties when no tax is named, whole or by most of its bigrams", () => {
    expect(routeByText('被限制出境了怎麼解除', config)).toMatchObject({ unitCode: 'LEG', reason: 'duty', matched: '限制出境' });
    expect(routeByText('欠稅被移送強制執行怎麼辦', config)).toMatchObject({ unitCode: 'LEG', reason: 'duty', matched: '欠稅移送執行' });
    expect(routeByText('想申請檔案應用調閱舊公文', config)).toMatchObject({ unitCode: 'SEC', reason: 'duty' });
    expect(routeByText('今天天氣好嗎', config).unitCode).toBeNull();
  });

  it('prefers the duty of a unit that works across taxes to a tax the question names, and says they conflict', () => {
    expect(routeByText('牌照稅的復查要多久', config)).toMatchObject({ unitCode: 'LEG', reason: 'duty', conflict: 'CT' });
    expect(routeByText('地價稅的繳稅方式有哪些', config)).toMatchObject({ unitCode: 'SVC', reason: 'duty', conflict: 'LV' });
  });

  it("lets a tax section's own duty count only when no tax is named", () => {
    const withDuty: RoutingConfig = { ...config, units: config.units.map((u) => (u.code === 'HT' ? { ...u, duties: ['房屋現值'] } : u)) };
    expect(routeByText('房屋現值怎麼評定', withDuty)).toMatchObject({ unitCode: 'HT', reason: 'duty' });
    expect(routeByText('地價稅跟房屋現值有關嗎', withDuty)).toMatchObject({ unitCode: 'LV', reason: 'category-rule' });
  });
});

describe('routeCluster', () => {
  it('follows a confident item first, then the words, then learned decisions, then a weak item, else triage', () => {
    expect(route('這個要怎麼辦', { suggestion: { owner: 'HT', score: 0.6 } })).toEqual({ unitCode: 'HT', reason: 'suggestion' });
    expect(route('被限制出境了', { suggestion: { owner: 'HT', score: 0.3 } })).toMatchObject({ unitCode: 'LEG', reason: 'duty' });
    expect(route('這個要怎麼辦', { learned: { unitCode: 'SEC', score: 0.7 } })).toEqual({ unitCode: 'SEC', reason: 'learned' });
    expect(route('這個要怎麼辦', { learned: { unitCode: 'SEC', score: 0.3 }, suggestion: { owner: 'CT', score: 0.25 } })).toEqual({
      unitCode: 'CT',
      reason: 'suggestion',
    });
    expect(route('這個要怎麼辦', { suggestion: { owner: 'CT', score: 0.1 } })).toEqual({ unitCode: null, reason: 'triage' });
  });

  it('sends words that point two ways to triage when asked to, unless an item settles it', () => {
    const strict = { ...params, conflictToTriage: true };
    const evidence = { matchedItemOwner: null, suggestion: null, texts: ['牌照稅的復查要多久'], learned: null };
    expect(routeCluster(evidence, config, strict)).toMatchObject({ unitCode: null, reason: 'triage' });
    expect(routeCluster({ ...evidence, suggestion: { owner: 'CT', score: 0.3 } }, config, strict)).toEqual({
      unitCode: 'CT',
      reason: 'suggestion',
    });
  });
});
