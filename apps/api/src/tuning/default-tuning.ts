import type { SynonymEntry } from '@tunedesk/domain';

/**
 * The shipped 同義詞 list for a local tax bureau: abbreviations, colloquial
 * names and common mis-typings of local taxes and services, folded to the
 * term the question bank uses. Written from how citizens name these taxes
 * (房捐, 土增稅, 汽車稅), zhuyin homophones typed for 稅 (睡), and the many
 * names of a tax bill; never from a particular report. Simplified characters
 * and full-width forms are folded by the normaliser already.
 */
export const DEFAULT_SYNONYMS: readonly SynonymEntry[] = [
  { term: '房屋稅', variants: ['房捐', '房屋捐', '房稅', '房屋睡', '房屋說', 'house tax'] },
  { term: '房屋', variants: ['房子', '住家'] },
  { term: '地價稅', variants: ['地稅', '地價捐', '地價睡', '地價說', 'land value tax'] },
  { term: '土地增值稅', variants: ['土增稅', '增值稅', '土地增值', '土增', 'land value increment tax'] },
  { term: '使用牌照稅', variants: ['牌照稅', '牌照費', '汽車稅', '機車稅', '汽機車稅', '車稅', '使照稅', '牌照睡', '牌照說'] },
  { term: '娛樂稅', variants: ['娛樂睡'] },
  { term: '印花稅', variants: ['印花', '印花睡'] },
  { term: '繳款書', variants: ['稅單', '繳稅單', '繳費單', '繳款單', '稅金單', '稅額單', 'tax bill', 'bill'] },
  { term: '地方稅務局', variants: ['稅務局', '稅捐處', '稅捐稽徵處', '稅捐機關'] },
  { term: '自用住宅', variants: ['自住房屋', '自住'] },
  { term: '身心障礙', variants: ['身障', '殘障'] },
  { term: '便利商店', variants: ['超商', '小七', '7-11', '711', '統一超商', '全家便利商店', '萊爾富', 'ok超商'] },
  { term: '信用卡', variants: ['刷卡'] },
  { term: '行動支付', variants: ['手機支付', '手機付款', '電子支付'] },
  { term: '分期繳納', variants: ['分期付款', '分期繳', '分期繳稅'] },
  { term: '網路申辦', variants: ['線上申辦', '網路申請', '線上申請', '網路辦理', '線上辦理'] },
  { term: '臨櫃', variants: ['櫃台', '櫃檯', '現場辦理'] },
  { term: '自然人憑證', variants: ['自然人卡', '自然人憑証'] },
  { term: '滯納金', variants: ['滯納', '逾期罰金'] },
  { term: '綜合所得稅', variants: ['綜所稅'] },
];

/**
 * Keyword rules shipped for the unit that owns 綜合服務: how to pay, get or
 * change a bill is the service section's, whatever tax the question names;
 * so are national taxes (a referral answer) and matters outside the taxes.
 * Keywords are matched after synonym folding (稅單 is found as 繳款書).
 */
export const DEFAULT_KEYWORD_RULES: readonly { keyword: string; category: string; overridesTaxNames: boolean }[] = [
  ...[
    '繳款書',
    '繳稅方式',
    '分期',
    '遺失',
    '弄丟',
    '補發',
    'qr',
    '行動支付',
    '街口',
    '全支付',
    'line pay',
    '信用卡',
    '便利商店',
    '轉帳',
    '地址',
    '電話',
    '所得稅',
    '營業稅',
    '國稅',
    '違建',
  ].map((keyword) => ({ keyword, category: '綜合服務', overridesTaxNames: true })),
  // 汽車燃料使用費 is not a tax, but local bureaus explain it beside 使用牌照稅.
  { keyword: '燃料費', category: '使用牌照稅', overridesTaxNames: false },
  { keyword: '燃料使用費', category: '使用牌照稅', overridesTaxNames: false },
  // What a tax is levied on, for questions that name no tax: the owner of that tax.
  ...['房屋', '囤房', '房屋現值', '房屋評定'].map((keyword) => ({ keyword, category: '房屋稅', overridesTaxNames: false })),
  ...['汽車', '機車', '車輛', '牌照'].map((keyword) => ({ keyword, category: '使用牌照稅', overridesTaxNames: false })),
  ...['公告地價', '自用住宅用地'].map((keyword) => ({ keyword, category: '地價稅', overridesTaxNames: false })),
  ...['公告土地現值', '賣地', '土地買賣', '土地移轉'].map((keyword) => ({ keyword, category: '土地增值稅', overridesTaxNames: false })),
  ...['買房', '買屋', '房屋買賣', '贈與房屋'].map((keyword) => ({ keyword, category: '契稅', overridesTaxNames: false })),
];
