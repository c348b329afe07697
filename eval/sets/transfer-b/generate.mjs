// Deterministic generator for the transfer-b evaluation set (December 2026).
// Run from anywhere:  node eval/sets/transfer-b/generate.mjs
// Everything below is hand-written demo data; nothing is taken from another set.
// Wording tags: "<type><tags>[*count][>botId]|text"
//   type D = 直接回答, S = 推薦回答, U = 未能回答
//   tags s = simplified Chinese, e = English or mixed, t = homophone typo
//   *n = fixed number of occurrences in the month, >NNNN = the bot's (wrong) direct match
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = dirname(fileURLToPath(import.meta.url));
const SEED = 20261231;

function mulberry32(a) {
  return function () {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = mulberry32(SEED);
const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
const between = (lo, hi) => lo + rnd() * (hi - lo);

// ---------------------------------------------------------------- units
const UNITS = [
  [
    'SVC',
    '服務科',
    '科',
    '',
    '綜合服務',
    '全功能服務櫃臺、電話諮詢、繳稅管道、繳款書補發、繳（完）稅證明、稅單寄送地址變更、租稅宣導、稅務講習、智能客服i桃喜、社群帳號經營',
    '',
  ],
  [
    'IT',
    '資訊科',
    '科',
    '',
    '',
    '網路申辦系統、自然人憑證與健保卡登入、電子稅單與通知、線上服務異常、系統維運、資訊安全、個資保護技術',
    '',
  ],
  [
    'SEC',
    '秘書室',
    '室',
    '',
    '',
    '陳情與局長信箱、人民陳情案件管考、文書收發、總務與廳舍、洽公停車、採購、人員招募與約聘公告、媒體聯繫',
    '',
  ],
  [
    'HT',
    '房屋稅科',
    '科',
    '',
    '房屋稅、契稅',
    '房屋稅籍登記與異動、房屋稅2.0差別稅率、自住住家用稅率申請、新建增建申報、災害減免、房屋稅籍證明、契稅申報與核定',
    '',
  ],
  ['LV', '地價稅科', '科', '', '地價稅', '地價稅開徵、自用住宅用地稅率、地價稅減免、公共設施保留地、地價稅溢繳退稅、地價稅滯納金', ''],
  [
    'LI',
    '土地增值稅科',
    '科',
    '',
    '土地增值稅',
    '土地移轉現值申報、一生一次與一生一屋優惠、重購退稅、配偶贈與不課徵、農業用地移轉不課徵、土增稅試算',
    '',
  ],
  [
    'CT',
    '消費稅科',
    '科',
    '',
    '使用牌照稅、娛樂稅、印花稅',
    '使用牌照稅開徵、營業用車輛分期繳納、身心障礙車輛免稅、報廢退稅、娛樂稅代徵、臨時性娛樂票券驗印、印花稅大額憑證與彙總繳納',
    '',
  ],
  ['LEG', '法務科', '科', '', '', '復查、訴願、行政訴訟、欠稅清查、欠稅移送行政執行、限制出境、違章罰鍰、扣薪與存款執行', ''],
  ['ZL', '中壢分局', '分局', '', '', '轄區房屋稅、地價稅、契稅臨櫃申辦、轄區現場勘查、證明書核發、分局服務櫃臺', '中壢區、平鎮區、觀音區'],
  ['YM', '楊梅分局', '分局', '', '', '轄區房屋稅、地價稅、契稅臨櫃申辦、轄區現場勘查、證明書核發、分局服務櫃臺', '楊梅區、新屋區、龍潭區'],
  [
    'DX',
    '大溪分局',
    '分局',
    '',
    '',
    '轄區房屋稅、地價稅、契稅臨櫃申辦、山地鄉房屋勘查、證明書核發、分局服務櫃臺',
    '大溪區、八德區、復興區',
  ],
  ['LZ', '蘆竹分局', '分局', '', '', '轄區房屋稅、地價稅、契稅臨櫃申辦、轄區現場勘查、證明書核發、分局服務櫃臺', '蘆竹區、大園區、龜山區'],
];
const CODE_OF = Object.fromEntries(UNITS.map((u) => [u[1], u[0]]));

// ---------------------------------------------------------------- bank
// pop: popularity in December; early: asked mostly in the first half of the month
const KB = [
  {
    c: '房屋稅',
    o: '房屋稅科',
    d: '115/03/05',
    pop: 1,
    q: '房屋稅每年什麼時候繳？',
    alt: ['房屋稅開徵日期', '房屋稅繳費期間是幾月'],
    a: '房屋稅每年5月1日至5月31日繳納，依前一年度房屋的使用情形計算。繳納期間末日遇假日順延至次一上班日。',
    k: ['房屋稅', '開徵', '繳納期間', '5月'],
    w: [
      'D|房屋稅是幾月要繳啊',
      'D|明年房屋稅哪時候開始繳',
      'Ds|房屋税几月缴',
      'De|When do I pay house tax 房屋稅?',
      'S|房子的稅是不是年中才要繳',
    ],
  },
  {
    c: '房屋稅',
    o: '房屋稅科',
    d: '115/11/20',
    pop: 3,
    q: '房屋稅2.0（囤房稅）對持有多戶的人怎麼課？',
    alt: ['囤房稅是什麼', '房屋稅2.0非自住稅率', '多屋族房屋稅'],
    a: '非自住的住家用房屋採全國歸戶，持有戶數愈多稅率愈高（2%至4.8%），本市依持有戶數訂定差別稅率。繼承取得的共有房屋等情形可不計入戶數。',
    k: ['房屋稅2.0', '囤房稅', '差別稅率', '全國歸戶', '非自住'],
    w: [
      'D*5|我有三間房子 明年房屋稅會變很多嗎',
      'D|囤房稅到底怎麼算',
      'Dt|屯房稅是不是要漲了😱',
      'Dt|囤房稅的戶數怎麼酸',
      'Ds|我有两套房 明年房屋税会涨多少',
      'Ds|房屋税2.0囤房税怎么算',
      'De|house tax 2.0 how many houses are counted?',
      'S|多屋族年底要不要先賣掉一間比較省稅',
      'U|爸爸過世留下的房子跟兄弟共有\n會被算進我的戶數嗎',
      'U|年底把房子過戶給兒子 房屋稅2.0戶數會少算嗎',
    ],
  },
  {
    c: '房屋稅',
    o: '房屋稅科',
    d: '115/06/12',
    pop: 1,
    q: '自住房屋適用1.2%或1%稅率要符合哪些條件？',
    alt: ['自住稅率條件', '單一自住房屋1%要怎樣才算'],
    a: '房屋無出租或營業使用，由本人、配偶或直系親屬實際居住並設有戶籍，且本人、配偶及未成年子女全國合計3戶以內，適用1.2%；全國僅有1戶且房屋現值在一定金額以下者適用1%。',
    k: ['自住', '1.2%', '1%', '設籍', '3戶'],
    w: [
      'D|我自己住的房子房屋稅稅率多少',
      'D|只有一間房子可以用最低的稅率嗎',
      'Dt|自住是不是要設戶急才算',
      'S|房子給我媽住算自住嗎',
      'U|房子有一間分租給學生還算自住嗎',
    ],
  },
  {
    c: '房屋稅',
    o: '房屋稅科',
    d: '115/03/05',
    pop: 1,
    q: '自住住家用房屋稅率要在什麼時候前申請？',
    alt: ['自住房屋稅率申請期限', '自住申請截止日'],
    a: '應於每年3月24日前向本局或各分局申請，期限內申請者自當期起適用，逾期申請者自次期起適用。可臨櫃、郵寄或線上申辦。',
    k: ['自住', '申請期限', '3月24日'],
    w: [
      'D|自住的申請是幾號截止',
      'Ds|房屋自住税率申请截止日期',
      'D|十二月才搬進去住 要趕快申請自住嗎',
      'U|年底剛交屋的新房子要去哪裡改成自住',
    ],
  },
  {
    c: '房屋稅',
    o: '房屋稅科',
    d: '115/11/20',
    pop: 2,
    q: '房屋買賣後，當年度房屋稅由誰繳？',
    alt: ['房子過戶後房屋稅誰付', '買房當年的房屋稅'],
    a: '房屋稅以課稅基準日（每年2月末日）登記的所有權人為納稅義務人；年底買賣的房屋，次年房屋稅原則上由新屋主繳納，雙方可自行約定分擔。',
    k: ['買賣', '過戶', '納稅義務人', '課稅基準日'],
    w: [
      'D*4|12月賣房子 明年的房屋稅是誰要繳',
      'D|房子年底過戶房屋稅算誰的',
      "De|I sold my apartment in December, who pays next year's house tax",
      'Ss|年底卖房子房屋税谁付',
      'S|代書說房屋稅要按日分算 是真的嗎',
    ],
  },
  {
    c: '房屋稅',
    o: '房屋稅科',
    d: '115/06/12',
    pop: 0.6,
    q: '新建或增建房屋要怎麼申報房屋稅籍？',
    alt: ['新房子要報房屋稅嗎', '增建要申報嗎'],
    a: '新建、增建或改建房屋，應於建造完成之日起30日內檢附使用執照等文件，向房屋所在地的本局或分局申報稅籍。',
    k: ['新建', '增建', '稅籍', '申報'],
    w: ['D|頂樓加蓋需要去報稅嗎', 'D|自地自建蓋好了要報什麼', 'U|鐵皮屋倉庫也要報房屋稅嗎'],
  },
  {
    c: '房屋稅',
    o: '房屋稅科',
    d: '115/09/30',
    pop: 0.7,
    q: '房屋稅籍證明書怎麼申請？',
    alt: ['房屋稅籍證明哪裡辦', '申請房屋稅籍資料'],
    a: '納稅義務人可攜帶身分證明文件至本局或任一分局臨櫃申請，或以自然人憑證線上申請；委託他人辦理應附委任書。',
    k: ['房屋稅籍證明', '證明書', '申請'],
    w: ['D|要辦水電需要房屋稅籍證明 怎麼申請', 'Dt|房屋稅集證明在哪辦', 'S|老房子要申請門牌 需要稅的證明嗎'],
  },
  {
    c: '房屋稅',
    o: '房屋稅科',
    d: '115/06/12',
    pop: 0.5,
    q: '房屋遭受災害毀損可以減免房屋稅嗎？',
    alt: ['火災後的房屋稅', '房屋毀損減稅'],
    a: '房屋因重大災害毀損面積占整棟面積三成以上不到五成者減半徵收，五成以上者免徵；應於災害發生後30日內申報勘查。',
    k: ['災害', '毀損', '減免', '勘查'],
    w: ['D|房子火災燒掉一半 房屋稅怎麼辦', 'S|漏水很嚴重沒辦法住 房屋稅可以少一點嗎', 'U|隔壁施工害我房子龜裂 可以申請減稅嗎'],
  },
  {
    c: '地價稅',
    o: '地價稅科',
    d: '115/09/30',
    pop: 1.5,
    early: true,
    q: '地價稅什麼時候繳？',
    alt: ['地價稅開徵期間', '地價稅繳到幾號'],
    a: '地價稅每年11月1日至11月30日繳納，以8月31日為課稅基準日。繳納期間末日遇假日順延。',
    k: ['地價稅', '開徵', '11月', '繳納期間'],
    w: ['D|地價稅是不是11月繳', 'Ds|地价税什么时候交', 'D*3|地價稅截止日是哪天', 'De|land tax deadline?'],
  },
  {
    c: '地價稅',
    o: '地價稅科',
    d: '115/11/20',
    pop: 4,
    early: true,
    q: '地價稅逾期繳納會加多少滯納金？',
    alt: ['地價稅晚繳罰多少', '過期繳地價稅有滯納金嗎'],
    a: '逾繳納期限者，每逾3日按應納稅額加徵1%滯納金，最多加徵10%；逾30日仍未繳納，將移送行政執行。逾期後可持原繳款書至金融機構補繳，或請本局重新開立繳款書。',
    k: ['滯納金', '逾期', '補繳', '地價稅'],
    w: [
      'D*7|地價稅忘記繳了怎麼辦',
      'D*4|地價稅過期了現在繳要多付多少',
      'Dt*3|地價稅遲繳會有指納金嗎',
      'Ds|地价税过期了还能缴吗 滞纳金多少',
      'Ds*2|地价税忘记缴了怎么办',
      'De|I missed the land tax deadline last month, what is the penalty?',
      'D|11月底忘了繳稅😭\n現在補繳會怎樣',
      'D|不好意思請問\n地價稅晚幾天繳會罰多少呢',
      'S|過期的稅單還可以去超商繳嗎',
      'S|地價稅晚了5天繳 要加多少錢',
      'U|十二月才繳十一月那張 要多幾趴',
      'Ue|land tax late fee is 1% per day??',
    ],
  },
  {
    c: '地價稅',
    o: '地價稅科',
    d: '115/09/30',
    pop: 1.2,
    q: '地價稅自用住宅用地優惠稅率怎麼申請？',
    alt: ['自用住宅用地2‰條件', '地價稅自用住宅申請期限'],
    a: '土地所有權人或其配偶、直系親屬於該地辦竣戶籍登記、無出租及營業，並符合面積限制者，可於9月22日前申請按2‰課徵；逾期申請者自次年起適用。',
    k: ['自用住宅用地', '2‰', '9月22日', '優惠稅率'],
    w: [
      'D|地價稅要怎樣才能用千分之二',
      'Dt|地價稅子用住宅怎麼申請',
      'S|今年地價稅好像沒算自用 現在補申請來得及嗎',
      'U|戶籍遷出去之後地價稅會不會被改回一般稅率',
    ],
  },
  {
    c: '地價稅',
    o: '地價稅科',
    d: '115/06/12',
    pop: 0.8,
    q: '地價稅的稅額是怎麼計算的？',
    alt: ['地價稅稅率', '地價稅累進稅率'],
    a: '地價稅依土地所有權人在本市的地價總額計算，一般用地基本稅率10‰，超過累進起點地價者按級距累進課徵，最高55‰。',
    k: ['稅率', '累進', '地價總額', '計算'],
    w: ['D|地價稅怎麼算出來的', 'De|how is land value tax calculated', 'S|為什麼我的地價稅比鄰居多', 'U|公告地價跟我繳的地價稅有什麼關係'],
  },
  {
    c: '地價稅',
    o: '地價稅科',
    d: '115/09/30',
    pop: 1,
    early: true,
    q: '土地在年中賣掉了，地價稅由誰繳？',
    alt: ['土地過戶地價稅誰付', '賣地後還收到地價稅單'],
    a: '地價稅以每年8月31日登記的土地所有權人為納稅義務人，8月31日後才移轉的土地，當年地價稅仍由原所有權人繳納，買賣雙方可自行約定分擔。',
    k: ['買賣', '移轉', '8月31日', '納稅義務人'],
    w: ['D|地9月就賣了為什麼還是寄給我', 'D|賣掉的地還要繳地價稅喔', 'Ss|土地卖了还收到地价税单'],
  },
  {
    c: '土地增值稅',
    o: '土地增值稅科',
    d: '115/11/20',
    pop: 2,
    q: '土地增值稅怎麼計算？',
    alt: ['土增稅稅率', '賣地要繳多少土增稅'],
    a: '土地增值稅依土地漲價總數額課徵，一般稅率為20%、30%、40%三級累進，持有20年以上者另有減徵；可至本局網站使用稅額試算。',
    k: ['土地增值稅', '土增稅', '漲價總數額', '稅率', '試算'],
    w: [
      'D*3|年底要賣房子 土增稅大概要繳多少',
      'Dt|土地曾值稅怎麼算',
      'De|How much land value increment tax when I sell my house?',
      'D|賣房子的增值稅是照什麼算的',
      'S|公告現值跟實價登錄差很多 土增稅用哪個算',
    ],
  },
  {
    c: '土地增值稅',
    o: '土地增值稅科',
    d: '115/09/30',
    pop: 1.2,
    q: '土地增值稅自用住宅優惠稅率（一生一次、一生一屋）要符合什麼條件？',
    alt: ['一生一次條件', '一生一屋10%稅率'],
    a: '出售自用住宅用地，符合設籍、無出租營業及面積限制者，可適用10%優惠稅率。一生一次不限持有年數；一生一屋另須持有並設籍滿6年，且本人、配偶及未成年子女全國僅有1屋。',
    k: ['一生一次', '一生一屋', '10%', '自用住宅用地'],
    w: [
      'D|一生一次用過了還能用一生一屋嗎',
      'Ds|一生一次土增税优惠条件',
      'Dt|一生一屋要住滿幾年才能用十趴',
      'S|賣房子可以申請10%的稅率嗎',
      'U|之前已經用過一次優惠了 這次賣老家還能省稅嗎',
    ],
  },
  {
    c: '土地增值稅',
    o: '土地增值稅科',
    d: '115/06/12',
    pop: 1,
    q: '賣舊屋買新屋可以申請土地增值稅重購退稅嗎？',
    alt: ['重購退稅條件', '換屋退土增稅'],
    a: '出售自用住宅用地後2年內重購自用住宅用地（先購後售亦可），新購土地地價超過原出售土地地價扣除土增稅後餘額者，可申請退還已納土地增值稅；重購後5年內不得移轉或改變用途。',
    k: ['重購退稅', '換屋', '2年', '自用住宅用地'],
    w: [
      'D|換屋可以退稅嗎',
      'D>3014|賣了舊房子又買新的 土增稅可以拿回來嗎',
      'Dt|重構退稅要準備什麼',
      'Ss|卖旧房买新房可以退土增税吗',
      'S|先買新房子明年才賣舊的 還能退稅嗎',
    ],
  },
  {
    c: '土地增值稅',
    o: '土地增值稅科',
    d: '115/06/12',
    pop: 1,
    q: '土地增值稅要在什麼時候申報、繳納？',
    alt: ['土增稅申報期限', '賣地多久要報稅'],
    a: '土地移轉應於訂約日起30日內由權利人及義務人共同申報移轉現值（多由地政士代辦）；本局核發繳款書後，應於送達之日起30日內繳納。',
    k: ['申報期限', '30日', '移轉現值', '地政士'],
    w: [
      'D|房子賣掉土增稅要多久內報',
      "Se|my 代書 hasn't filed yet, is there a deadline for 土增稅?",
      'U|地政士說增值稅單下來一個月內要繳 真的假的',
    ],
  },
  {
    c: '土地增值稅',
    o: '土地增值稅科',
    d: '115/03/05',
    pop: 0.7,
    q: '夫妻之間贈與土地需要繳土地增值稅嗎？',
    alt: ['配偶贈與土地土增稅', '夫妻過戶不課徵'],
    a: '配偶相互贈與的土地可申請不課徵土地增值稅，但日後再移轉給第三人時，以第一次不課徵前的原地價計算漲價總數額合併課徵。',
    k: ['配偶', '贈與', '不課徵'],
    w: ['D|房子過戶給老婆要繳增值稅嗎', 'Ds|夫妻之间赠与土地要缴税吗', 'S|年底把地轉到先生名下划算嗎'],
  },
  {
    c: '契稅',
    o: '房屋稅科',
    d: '115/11/20',
    pop: 1.8,
    q: '買房子契稅怎麼計算？',
    alt: ['契稅稅率', '買賣契稅多少'],
    a: '買賣契稅稅率為6%，以房屋評定標準價格（房屋現值）為契價計算，由買受人申報繳納。',
    k: ['契稅', '6%', '評定標準價格', '買賣'],
    w: [
      'D*3|買房子要繳的契稅大概多少',
      'D|買中古屋契稅是照成交價嗎',
      'Ds|买房契税怎么算',
      'De|deed tax for buying a house, how much?',
      'S|買預售屋交屋的時候要繳什麼稅',
    ],
  },
  {
    c: '契稅',
    o: '房屋稅科',
    d: '115/06/12',
    pop: 1,
    q: '契稅要在多久內申報？逾期會怎樣？',
    alt: ['契稅申報期限', '契稅晚報罰多少'],
    a: '應自契約成立之日起30日內申報；逾期申報者，每逾3日加徵應納稅額1%怠報金，最多以應納稅額為限，且不超過新臺幣1萬5千元。',
    k: ['契稅', '申報期限', '怠報金', '30日'],
    w: ['D|契稅晚報會罰錢嗎', 'Dt|契稅申報其限幾天', 'Ds|契税逾期申报罚多少', 'U|房子11月簽約 過年後再報契稅可以嗎'],
  },
  {
    c: '契稅',
    o: '房屋稅科',
    d: '115/03/05',
    pop: 0.8,
    q: '受贈房屋要繳契稅嗎？',
    alt: ['贈與房屋契稅', '父母送房子契稅'],
    a: '受贈房屋應由受贈人申報繳納契稅，稅率6%；贈與人另可能須向國稅局申報贈與稅。',
    k: ['贈與', '契稅', '受贈人'],
    w: ['D|爸媽把房子送我要繳契稅嗎', 'Se|parents gift a house to me, who pays 契稅', 'U|房子過戶給小孩 要繳哪些稅'],
  },
  {
    c: '使用牌照稅',
    o: '消費稅科',
    d: '115/03/05',
    pop: 1,
    q: '使用牌照稅什麼時候繳？',
    alt: ['牌照稅繳納期間', '汽車牌照稅幾月'],
    a: '使用牌照稅每年4月1日至4月30日一次繳納全年稅額；營業用車輛可分兩期繳納。',
    k: ['使用牌照稅', '4月', '開徵'],
    w: ['D|汽車牌照稅幾月繳', 'Ds|牌照税几月缴', 'D|車子的稅每年什麼時候寄來', 'De|car license tax due date'],
  },
  {
    c: '使用牌照稅',
    o: '消費稅科',
    d: '115/09/30',
    pop: 3,
    q: '營業用貨車的使用牌照稅分幾期繳？下期何時繳？',
    alt: ['營業貨車牌照稅第二期', '營業用車牌照稅下期'],
    a: '營業用車輛的使用牌照稅分兩期繳納，上期4月1日至4月30日，下期10月1日至10月31日；逾期未繳依規定加徵滯納金並移送執行。',
    k: ['營業用', '貨車', '分期', '下期', '10月'],
    w: [
      'D*5|我的營業大貨車下期牌照稅沒繳到 怎麼辦',
      'D|貨車牌照稅為什麼十月又要繳一次',
      'Dt|營業用貨車拍照稅下期繳費',
      'Ds|营业货车牌照税第二期逾期了',
      'Dt|大貨車牌照稅逾其未繳怎麼辦',
      'De|truck license tax 2nd period is late',
      'D|您好～請問貨運行的車子\n牌照稅下期已經過了還能繳嗎',
      'S|貨運行的車子牌照稅可以分期嗎',
      'U|遊覽車牌照稅是不是也分兩次',
    ],
  },
  {
    c: '使用牌照稅',
    o: '消費稅科',
    d: '115/06/12',
    pop: 0.8,
    q: '身心障礙者的車輛可以免徵使用牌照稅嗎？',
    alt: ['身障車免牌照稅', '身心障礙車輛免稅申請'],
    a: '身心障礙者本人、配偶或同一戶籍親屬所有、供其使用的車輛，每人以1輛為限，排氣量2400cc以下全額免徵，超過者就超過部分課徵；應檢附身心障礙證明申請。',
    k: ['身心障礙', '免稅', '2400cc'],
    w: ['D|我爸是身障 車子的牌照稅可以免嗎', 'Dt|身障車面稅要怎麼辦', 'S|重度身障換新車要重新申請免稅嗎'],
  },
  {
    c: '使用牌照稅',
    o: '消費稅科',
    d: '115/06/12',
    pop: 0.8,
    q: '車輛報廢或繳銷牌照，已繳的使用牌照稅可以退嗎？',
    alt: ['車子報廢退牌照稅', '牌照繳回退稅'],
    a: '車輛報廢、繳銷或註銷牌照後，已繳稅款按日計算退還未使用期間的稅額，本局會依監理機關資料主動辦理退稅。',
    k: ['報廢', '繳銷', '退稅', '按日計算'],
    w: [
      'D|車子年底報廢 牌照稅會退嗎',
      'Ds|车子报废了牌照税能退吗',
      'De|scrapped my car, can I get the license tax back?',
      'U|機車報廢了稅要去哪裡退',
    ],
  },
  {
    c: '使用牌照稅',
    o: '法務科',
    d: '115/09/30',
    pop: 0.8,
    q: '使用牌照稅逾期未繳，車子上路會被處罰嗎？',
    alt: ['沒繳牌照稅開車被抓', '牌照稅欠稅罰鍰'],
    a: '使用牌照稅逾期未繳而行駛公共道路經查獲者，除補繳稅款外，將依使用牌照稅法處以罰鍰；對罰鍰處分不服者可依處分書所載期限申請復查。',
    k: ['罰鍰', '欠稅', '行駛公共道路', '使用牌照稅'],
    w: [
      'D|牌照稅沒繳被警察攔到會怎樣',
      'Dt|牌照稅沒繳被開罰單 罰款多少錢ㄚ',
      'S|欠牌照稅開車出去會被罰嗎',
      'U|我車停在家都沒開 牌照稅沒繳也會罰嗎',
    ],
  },
  {
    c: '娛樂稅',
    o: '消費稅科',
    d: '115/03/05',
    pop: 0.6,
    q: '哪些場所或活動要課娛樂稅？',
    alt: ['娛樂稅課稅對象', '娛樂稅稅率'],
    a: '電影、職業運動、KTV、舞廳、高爾夫球場、撞球場等對入場或使用收費的娛樂場所及臨時性活動，由出售人或主辦人代徵娛樂稅，稅率依本市自治條例規定。',
    k: ['娛樂稅', '代徵', '課稅對象'],
    w: ['D|KTV要繳娛樂稅嗎', 'Ds|娱乐税是什么', 'S|開桌遊店要申報娛樂稅嗎'],
  },
  {
    c: '娛樂稅',
    o: '消費稅科',
    d: '115/11/20',
    pop: 2.5,
    q: '舉辦尾牙、演唱會等臨時性售票活動要申報娛樂稅嗎？',
    alt: ['臨時性娛樂申報', '活動售票娛樂稅'],
    a: '對外售票或收費的臨時性娛樂活動，主辦人應於售票前將票券送本局驗印並申報，活動結束後依實際售票金額報繳娛樂稅；公司內部不收費的尾牙則不課娛樂稅。',
    k: ['臨時性娛樂', '尾牙', '驗印', '售票', '娛樂稅'],
    w: [
      'D*4|公司尾牙包場請歌手要繳娛樂稅嗎',
      'D|尾牙跨年活動有賣票 要去哪裡驗票',
      'Dt|辦活動賣票的娛樂稅要什麼時後申報',
      'De|year-end party with ticket sales, do we need amusement tax?',
      'Ds|尾牙包场请歌手要报娱乐税吗',
      'D|跨年晚會門票要先拿去蓋章嗎🎆',
      'S|跨年晚會收入場費 要先去稅務局嗎',
      'U|社區辦聖誕晚會收餐費也算娛樂稅嗎',
    ],
  },
  {
    c: '印花稅',
    o: '消費稅科',
    d: '115/03/05',
    pop: 0.8,
    q: '哪些憑證要貼印花稅票？',
    alt: ['印花稅課稅範圍', '收據要貼印花嗎'],
    a: '銀錢收據（4‰）、買賣動產契據（每件4元）、承攬契據（1‰）及典賣、讓受及分割不動產契據（1‰）須繳印花稅；已開立統一發票的收據免貼。',
    k: ['印花稅', '憑證', '收據', '承攬契據'],
    w: [
      'D|租約要貼印花嗎',
      'D|工程合約印花稅怎麼算',
      'De|does a receipt need stamp duty?',
      'S|年底結算工程款的收據要貼印花嗎',
      'U|房屋買賣的公契要貼多少錢印花',
    ],
  },
  {
    c: '印花稅',
    o: '消費稅科',
    d: '115/06/12',
    pop: 0.6,
    q: '印花稅金額較大時可以用繳款書繳納嗎？',
    alt: ['印花稅大額繳納', '印花稅網路繳納'],
    a: '應納稅額較大者，可向本局申請印花稅大額憑證繳款書或以網路申報繳納，不必逐件購貼印花稅票；經核准者也可按期彙總繳納。',
    k: ['大額憑證', '繳款書', '彙總繳納', '印花稅'],
    w: ['D|合約印花稅好幾萬 有沒有別的繳法', 'Dt|印花稅可以會總繳納嗎', 'U|公司每個月都有很多收據 印花可以一次繳嗎'],
  },
  {
    c: '綜合服務',
    o: '服務科',
    d: '115/11/20',
    pop: 2,
    q: '可以用哪些方式繳稅？',
    alt: ['繳稅管道', '地方稅繳納方式'],
    a: '可於金融機構臨櫃、便利商店（每筆3萬元以下）、ATM轉帳、信用卡、行動支付或線上繳稅平台繳納，請於繳納期間內完成。',
    k: ['繳稅方式', '超商', '信用卡', '行動支付', 'ATM'],
    w: [
      'D*6|可以用Line Pay繳稅嗎',
      'D|可以刷卡繳稅嗎',
      'D|稅可以用手機繳嗎📱',
      'Ds|可以用手机支付缴税吗',
      'De|can I pay local tax by credit card',
      'De|Can I pay 地價稅 with Apple Pay?',
      'Dt|超商可以教地價稅嗎',
      'S|ATM轉帳繳稅要手續費嗎',
      'U|我在國外怎麼繳台灣的稅',
    ],
  },
  {
    c: '綜合服務',
    o: '服務科',
    d: '115/11/20',
    pop: 3,
    early: true,
    q: '繳款書（稅單）遺失或沒收到怎麼辦？',
    alt: ['稅單補發', '沒收到稅單'],
    a: '可用自然人憑證或健保卡線上申請補發、下載繳款書，或來電、至各服務櫃臺申請補發；未收到稅單不影響繳納義務。',
    k: ['稅單', '繳款書', '補發', '遺失'],
    w: [
      'D*6|地價稅單沒收到怎麼辦',
      'D|稅單不見了可以補嗎',
      'Dt|我的稅單弄丟了 可以重新寄依張嗎',
      'Ds|税单丢了怎么补',
      'Ds|我的地价税单一直没收到 可以补发吗',
      'Dt|地價稅單沒收到 可以補法嗎',
      'De|lost my tax bill, how do I get a new one?',
      'D|稅單被狗咬爛了🐶 可以補發嗎',
      'S|可以直接印一張繳款書去超商嗎',
      'U|我完全沒看到十一月那張單子耶',
    ],
  },
  {
    c: '綜合服務',
    o: '服務科',
    d: '115/09/30',
    pop: 0.7,
    q: '如何申請繳（完）稅證明？',
    alt: ['納稅證明申請', '完稅證明哪裡辦'],
    a: '可攜身分證明文件至本局或各分局櫃臺申請，也可在網路申辦系統以自然人憑證申請，證明書當場或線上核發。',
    k: ['繳稅證明', '完稅證明', '證明書'],
    w: ['D|申請貸款要繳稅證明 去哪裡拿', 'Ds|完税证明怎么申请', 'S|需要去年的地價稅已繳的證明', 'U|辦外籍配偶居留要的稅證明怎麼弄'],
  },
  {
    c: '綜合服務',
    o: '服務科',
    d: '115/06/12',
    pop: 1,
    q: '搬家了，稅單寄送地址要怎麼變更？',
    alt: ['變更稅單寄送地址', '稅單通訊地址'],
    a: '可填寫地方稅通訊地址變更申請書，臨櫃、郵寄、傳真或線上申請，變更後的稅單將寄到新地址。',
    k: ['地址變更', '送達', '通訊地址', '稅單'],
    w: [
      'D|搬家了 稅單要寄新地址 怎麼改',
      'Dt|稅單地址要怎麼便更',
      'De|change mailing address for tax bills',
      'S|房子出租 稅單可以寄到我住的地方嗎',
      'U|稅單一直寄到老家 我人在台北',
    ],
  },
  {
    c: '綜合服務',
    o: '法務科',
    d: '115/09/30',
    pop: 1.5,
    q: '如何查詢有沒有欠稅？',
    alt: ['欠稅查詢', '查詢有無欠繳地方稅'],
    a: '可攜身分證明文件至本局或各分局查詢，或以自然人憑證在網路申辦系統查詢；欠稅已移送行政執行者，請向行政執行分署洽詢。',
    k: ['欠稅', '查詢', '行政執行'],
    w: [
      'D*3|我有沒有欠稅要怎麼查',
      'Ds|怎么查询有没有欠税',
      'De|how to check if I owe any tax',
      'D|要過年了想查看看有沒有忘記繳的稅',
      'S|收到執行署的信 說我欠稅 是真的嗎',
    ],
  },
  {
    c: '綜合服務',
    o: '法務科',
    d: '115/06/12',
    pop: 1.2,
    q: '對稅單內容有意見，怎麼申請復查？',
    alt: ['申請復查期限', '稅額不服復查'],
    a: '對核定稅額不服者，應於繳款書繳納期間屆滿翌日起30日內，檢附理由及證明文件向本局申請復查；無應納稅額者自核定通知書送達翌日起算。',
    k: ['復查', '行政救濟', '不服', '30日'],
    w: [
      'D|覺得地價稅算錯了 要怎麼申訴',
      'D>3032|稅單金額怪怪的 怎麼辦',
      'Dt|復察要在幾天內申請',
      'S|地價稅錯了可以先不要繳嗎',
      'U|自用住宅沒核准 我不服要怎麼處理',
    ],
  },
  {
    c: '綜合服務',
    o: '法務科',
    d: '115/03/05',
    pop: 0.5,
    q: '不服復查決定，要怎麼提起訴願？',
    alt: ['訴願怎麼提', '復查駁回怎麼辦'],
    a: '收到復查決定書後不服者，應於送達次日起30日內繕具訴願書，經由本局向桃園市政府提起訴願；不服訴願決定者可再向行政法院提起行政訴訟。',
    k: ['訴願', '行政救濟', '行政訴訟'],
    w: ['D|復查被駁回了還能怎麼辦', 'De|how to appeal after 復查 was rejected', 'U|我要告稅務局 要去哪裡告'],
  },
  {
    c: '綜合服務',
    o: '法務科',
    d: '115/11/20',
    pop: 1.5,
    q: '欠稅會被限制出境嗎？',
    alt: ['欠稅限制出境金額', '欠稅不能出國'],
    a: '個人欠繳已確定之稅款及罰鍰達新臺幣100萬元以上、營利事業達200萬元以上者，得由財政部函請移民署限制出境；繳清或提供相當擔保後即可解除。',
    k: ['限制出境', '欠稅', '100萬', '解除'],
    w: [
      'D*3|欠稅會不會不能出國',
      'D>3035|欠地價稅過年還能出國玩嗎✈️',
      'Ds|欠税会限制出境吗',
      'De|Will unpaid tax stop me from leaving Taiwan?',
      'S|公司欠稅負責人會被限制出國嗎',
      'U|繳清了多久才能解除出境限制',
    ],
  },
  {
    c: '綜合服務',
    o: '資訊科',
    d: '115/09/30',
    pop: 1,
    q: '使用自然人憑證登入網路申辦失敗怎麼辦？',
    alt: ['自然人憑證讀不到', '網路申辦無法登入'],
    a: '請確認已安裝憑證管理中心的跨平台網頁元件、讀卡機驅動程式正常且憑證未過期；仍無法登入可來電本局資訊科協助。',
    k: ['自然人憑證', '讀卡機', '登入', '網路申辦'],
    w: [
      'D|自然人憑證插了一直讀不到',
      'Dt|自然人憑正登入一直失敗',
      'Ds|自然人凭证读不到怎么办',
      'De|citizen digital certificate login error on your website',
      'S|Mac可以用讀卡機申辦嗎',
      'U|網站一直跳錯誤代碼 9056',
    ],
  },
  {
    c: '綜合服務',
    o: '資訊科',
    d: '115/06/12',
    pop: 0.8,
    q: '哪些地方稅業務可以在網路上申辦？',
    alt: ['線上申辦項目', '地方稅網路申辦'],
    a: '稅單補發、繳稅證明、房屋稅籍證明、自用住宅用地申請、欠稅查詢等業務，可在本局網路申辦服務以自然人憑證、健保卡或行動自然人憑證辦理。',
    k: ['網路申辦', '線上申請', '健保卡'],
    w: ['D|有什麼可以在網路上辦的 不想跑一趟', 'Ds|可以网上申请哪些业务', 'S|健保卡可以登入申辦嗎', 'U|手機可以辦嗎 我沒有電腦'],
  },
  {
    c: '綜合服務',
    o: '秘書室',
    d: '115/03/05',
    pop: 0.7,
    q: '對本局業務有意見或要陳情，可以透過哪些管道？',
    alt: ['局長信箱', '陳情管道'],
    a: '可利用本局網站局長信箱、桃園市政府1999專線、書面或親自到本局陳情，本局將依規定期限回復。',
    k: ['陳情', '局長信箱', '1999', '申訴'],
    w: [
      'D|我要投訴承辦人態度很差',
      'Dt|局長信相在哪裡',
      'De|how do I file a complaint to 稅務局',
      'S|我想反映櫃檯等太久',
      'U|要跟誰說你們網站很難用',
    ],
  },
  {
    c: '綜合服務',
    o: '秘書室',
    d: '115/06/12',
    pop: 1,
    q: '總局在哪裡？上班時間與停車資訊？',
    alt: ['稅務局在哪裡', '總局上班時間', '洽公停車'],
    a: '總局位於桃園區，服務時間為週一至週五上午8時至下午5時（中午不打烊），國定假日不對外服務；附近有公有停車場，也可搭市區公車前往。',
    k: ['總局', '地址', '服務時間', '停車'],
    w: ['D|稅務局總局在哪', 'D|你們幾點下班', 'De|tax office opening hours?', 'S|去稅務局可以停車嗎 🚗', 'U|12/25那天你們有開嗎'],
  },
  {
    c: '綜合服務',
    o: '服務科',
    d: '115/09/30',
    pop: 0.4,
    q: '本局有提供哪些租稅宣導或稅務講習活動？',
    alt: ['稅務講習報名', '租稅宣導活動'],
    a: '本局不定期辦理校園租稅教育、社區宣導及營利事業稅務講習，活動訊息與報名方式公布於本局網站最新消息及臉書粉絲專頁。',
    k: ['租稅宣導', '稅務講習', '報名'],
    w: ['D|有沒有地方稅的講習可以報名', 'Dt|學校想請你們來做稅務宣到', 'S|記帳士的稅務研習課有學分嗎'],
  },
  {
    c: '綜合服務',
    o: '中壢分局',
    d: '115/06/12',
    pop: 0.8,
    q: '中壢分局的地址、服務時間與轄區？',
    alt: ['中壢分局在哪', '平鎮的稅要去哪辦'],
    a: '中壢分局服務中壢區、平鎮區及觀音區，服務時間為週一至週五上午8時至下午5時，轄區房屋稅、地價稅、契稅等業務均可臨櫃辦理。',
    k: ['中壢分局', '平鎮', '觀音', '服務時間'],
    w: ['D|中壢分局在哪裡', 'D|我住平鎮要去哪個分局', 'Dt|中力分局幾點開', 'Ds|中坜分局在哪里', 'U|觀音的房子稅單有問題可以去中壢問嗎'],
  },
  {
    c: '綜合服務',
    o: '大溪分局',
    d: '115/06/12',
    pop: 0.5,
    q: '大溪分局的地址、服務時間與轄區？',
    alt: ['大溪分局在哪', '八德復興的稅去哪辦'],
    a: '大溪分局服務大溪區、八德區及復興區，服務時間為週一至週五上午8時至下午5時，轄區房屋稅、地價稅、契稅等業務均可臨櫃辦理。',
    k: ['大溪分局', '八德', '復興', '服務時間'],
    w: ['D|大溪分局怎麼去', 'D|八德區的地價稅要找哪個分局', 'S|復興區山上的房子要去大溪辦嗎'],
  },
  {
    c: '綜合服務',
    o: '楊梅分局',
    d: '115/06/12',
    pop: 0.5,
    q: '楊梅分局的地址、服務時間與轄區？',
    alt: ['楊梅分局在哪', '新屋龍潭的稅去哪辦'],
    a: '楊梅分局服務楊梅區、新屋區及龍潭區，服務時間為週一至週五上午8時至下午5時，轄區房屋稅、地價稅、契稅等業務均可臨櫃辦理。',
    k: ['楊梅分局', '新屋', '龍潭', '服務時間'],
    w: ['D|楊梅分局地址', 'Dt|龍潭的房屋稅要去陽梅分局嗎', 'U|新屋那邊有沒有比較近的地方可以辦'],
  },
  {
    c: '綜合服務',
    o: '服務科',
    d: '115/11/20',
    pop: 1,
    st: '停用',
    q: '因疫情影響無力一次繳清，可以申請延期或分期繳納嗎？',
    alt: ['紓困延期繳稅', '疫情分期繳稅'],
    a: '受疫情影響而無法於期限內繳清稅款者，可於繳納期間內檢附證明文件申請延期或分期繳納（本項紓困措施已結束）。',
    k: ['延期', '分期', '紓困'],
    w: ['U*2|地價稅好貴 可以分期付款嗎', 'U|地價稅金額太大 可以分期繳嗎', 'Us|税太多了能不能分期', 'U|年底手頭緊 地價稅可以申請延後繳嗎'],
  },
];
KB.forEach((it, i) => {
  it.id = `G-${3001 + i}`;
  it.code = CODE_OF[it.o];
  if (!it.code) throw new Error('owner ' + it.o);
});
const KB_BY = Object.fromEntries(KB.map((it) => [it.id, it]));
const PUBLISHED = KB.filter((it) => it.st !== '停用');

// ---------------------------------------------------------------- new topics (no item answers them)
const NEW = [
  {
    id: 'NEW-01',
    s: 'LV',
    topic: '地價稅重複繳納或溢繳的退費（繳了兩次、超商與網路都繳）',
    near: ['G-3010', 'G-3031', null],
    w: ['U|地價稅我繳了兩次 錢可以退嗎', 'U|超商跟網路都繳了地價稅 怎麼退😵', 'Ue|paid land tax twice by mistake, refund?'],
  },
  {
    id: 'NEW-02',
    s: 'LI',
    topic: '明年公告土地現值調整與跨年度移轉的土地增值稅（年底簽約、明年過戶算哪一年）',
    near: ['G-3014', 'G-3017'],
    w: ['U*3|12月簽約明年初才過戶 土增稅算哪一年', 'U|聽說明年公告現值要調漲 要趕年底前賣嗎', 'Us|明年公告现值涨了土增税会多吗'],
  },
  {
    id: 'NEW-03',
    s: 'LEG',
    topic: '欠稅移送行政執行後被扣薪、帳戶被扣押或凍結的處理',
    near: ['G-3035', 'G-3038', null],
    w: [
      'U|薪水被執行署扣了 是因為欠稅嗎',
      'U|銀行帳戶被凍結 說是欠地方稅 怎麼解',
      'U|執行署扣款可以改分期嗎',
      'Us|欠税被执行署扣工资怎么办',
    ],
  },
  {
    id: 'NEW-04',
    s: 'SEC',
    topic: '本局徵才、約聘職缺與學生實習',
    near: ['G-3043', null],
    w: ['U|稅務局有在徵人嗎', 'U|寒假可以去你們那邊實習嗎', 'Ue|any job openings at the tax bureau?'],
  },
  {
    id: 'NEW-05',
    s: 'LZ',
    topic: '蘆竹分局的位置、服務時間與轄區（蘆竹、大園、龜山）',
    near: ['G-3044', 'G-3045', 'G-3046'],
    w: ['U*2|蘆竹分局在哪裡', 'U|住大園 地價稅要去哪裡問', 'Ut|龜山的房屋稅歸哪個分居管', 'Ue|Is there a tax office in Dayuan?'],
  },
  {
    id: 'NEW-06',
    s: 'IT',
    topic: '以LINE或電子郵件綁定接收電子稅單、開徵通知',
    near: ['G-3034', 'G-3040', null],
    w: ['U|稅單可以傳到LINE就好嗎 不要紙本', 'Ue|can I get e-bill notification on LINE', 'U|電子稅單要怎麼綁定'],
  },
  {
    id: 'NEW-07',
    s: 'CT',
    topic: '電子簽章或線上簽署合約是否須繳印花稅',
    near: ['G-3029', 'G-3030'],
    w: ['U|線上簽的電子合約要貼印花嗎', 'Ut|電子合約要不要繳印花稅阿'],
  },
  {
    id: 'NEW-08',
    s: 'HT',
    topic: '屋頂太陽能光電設施是否課徵房屋稅',
    near: ['G-3006', 'G-3003', null],
    w: [
      'U|屋頂裝太陽能板 會被課房屋稅嗎',
      'Us|屋顶装太阳能板要缴房屋税吗',
      'U|光電棚架算增建嗎',
      'Ue|solar panels on my roof, will house tax go up?',
    ],
  },
  {
    id: 'NEW-09',
    s: 'LI',
    topic: '農業用地移轉申請不課徵土地增值稅',
    near: ['G-3014', 'G-3018'],
    w: ['U|農地賣掉要繳土增稅嗎', 'U|農地過戶給兒子可以不課增值稅嗎\n要什麼證明'],
  },
];

const CHAT = [
  '*4|你好',
  '|哈囉～',
  '*3|謝謝',
  '|謝啦🙏',
  '|你是真人還是機器人',
  '|i桃喜你好可愛',
  '|早安',
  '*2|聖誕快樂🎄',
  '|新年快樂!!',
  '|辛苦了',
  '|好的 了解',
  'e|thank you',
  'e|hi',
  '|掰掰',
  '|你好笨喔',
  's|谢谢你',
  '|可以講台語嗎',
  '|今天好冷喔',
];
const INVALID = [
  '|?',
  '|1',
  '|。。。',
  '|asdf',
  '|測試',
  '|😂😂😂',
  '|0912',
  '|ㄅㄆㄇ',
  '|kkkkk',
  '|=_=',
  '|+1',
  '|........',
  '|ok',
  '|6',
  '|【轉傳】年底最後機會！！現在把這則訊息分享給10個群組 就能抽iPhone 17 Pro 一台，名額有限 手刀快轉～～～ 真的有人抽到 我同事就中了 不轉後悔一輩子',
  '|aaaaaaa',
];

// ---------------------------------------------------------------- wordings
const TAGRE = /^([DSU]?)([set]*)(?:\*(\d+))?(?:>(\d+))?\|([\s\S]+)$/;
const wordings = [];
const seen = new Set();
function addWording(spec, base) {
  const m = TAGRE.exec(spec);
  if (!m) throw new Error('bad spec ' + spec);
  const [, t, tags, n, bot, text] = m;
  if (seen.has(text)) throw new Error('duplicate wording ' + text);
  seen.add(text);
  wordings.push({
    ...base,
    type: base.type ?? { D: '直接回答', S: '推薦回答', U: '未能回答' }[t],
    tags,
    fixed: n ? Number(n) : 0,
    bot: bot ? `G-${bot}` : null,
    text,
  });
}
for (const it of KB) for (const s of it.w) addWording(s, { intent: it.id, section: it.code, pop: it.pop, early: !!it.early, item: it });
for (const nt of NEW) for (const s of nt.w) addWording(s, { intent: nt.id, section: nt.s, pop: 1, early: false, nt });
for (const s of CHAT) addWording(s, { intent: 'CHITCHAT', section: '', pop: 1, type: '閒聊' });
for (const s of INVALID) addWording(s, { intent: 'INVALID', section: '', pop: 1, type: '無效問題' });

// the bot's answer for each wording: fixed once, so the same text always gets the same id and confidence
const r2 = (x) => Math.round(x * 100) / 100;
function confuser(it) {
  const same = PUBLISHED.filter((o) => o.c === it.c && o.id !== it.id);
  return pick(same.length ? same : PUBLISHED.filter((o) => o.id !== it.id)).id;
}
for (const w of wordings) {
  w.botId = '';
  w.conf = '';
  if (w.type === '直接回答') {
    w.botId = w.bot ?? w.intent;
    w.conf = r2(between(0.8, 0.99));
  } else if (w.type === '推薦回答') {
    w.botId = rnd() < 0.8 ? w.intent : confuser(w.item);
    w.conf = r2(between(0.45, 0.79));
  } else if (w.type === '未能回答') {
    let near;
    if (w.nt) near = pick(w.nt.near);
    else if (w.item.st === '停用') near = rnd() < 0.7 ? confuser(w.item) : null;
    else {
      const r = rnd();
      near = r < 0.45 ? w.intent : r < 0.8 ? confuser(w.item) : null;
    }
    if (near) {
      w.botId = near;
      w.conf = r2(between(0.12, 0.44));
    }
  }
  if (w.botId && KB_BY[w.botId].st === '停用') throw new Error('bot returned a 停用 item');
}

// ---------------------------------------------------------------- occurrences
const TARGET = { 直接回答: 193, 推薦回答: 42, 未能回答: 70, 閒聊: 28, 無效問題: 17 };
for (const w of wordings) w.count = w.fixed || 1;
for (const [type, target] of Object.entries(TARGET)) {
  const pool = wordings.filter((w) => w.type === type && !w.fixed);
  let total = wordings.filter((w) => w.type === type).reduce((s, w) => s + w.count, 0);
  const weight = pool.reduce((s, w) => s + w.pop, 0);
  let guard = 0;
  while (total < target && guard++ < 10000) {
    let x = rnd() * weight,
      w = pool[0];
    for (const p of pool) {
      x -= p.pop;
      if (x <= 0) {
        w = p;
        break;
      }
    }
    if (w.count >= 3) continue; // fixed wordings carry the big repeats
    w.count++;
    total++;
  }
}

// ---------------------------------------------------------------- time, sessions, channel
const DAYS = [];
for (let d = 1; d <= 31; d++) {
  const dow = new Date(Date.UTC(2026, 11, d)).getUTCDay();
  DAYS.push({ d, w: d === 25 ? 0.5 : dow === 0 || dow === 6 ? 0.4 : 1 });
}
function pickDay(early) {
  const days = early && rnd() < 0.75 ? DAYS.filter((x) => x.d <= 14) : DAYS;
  const tot = days.reduce((s, x) => s + x.w, 0);
  let x = rnd() * tot;
  for (const day of days) {
    x -= day.w;
    if (x <= 0) return day.d;
  }
  return days[days.length - 1].d;
}
function pickSecond() {
  const r = rnd();
  const h = r < 0.04 ? Math.floor(between(0, 7)) : r < 0.85 ? Math.floor(between(8, 18)) : Math.floor(between(18, 24));
  return h * 3600 + Math.floor(rnd() * 3600);
}
const messages = [];
for (const w of wordings) for (let i = 0; i < w.count; i++) messages.push(w);
for (let i = messages.length - 1; i > 0; i--) {
  const j = Math.floor(rnd() * (i + 1));
  [messages[i], messages[j]] = [messages[j], messages[i]];
}

const rows = [];
let sess = 0;
for (let i = 0; i < messages.length;) {
  const size = Math.min(messages.length - i, rnd() < 0.6 ? 1 : rnd() < 0.75 ? 2 : 3);
  const group = messages.slice(i, i + size);
  i += size;
  const r = rnd();
  const channel = r < 0.5 ? 'LINE' : r < 0.85 ? '官網' : 'APP';
  const day = pickDay(group.some((g) => g.early));
  let sec = Math.min(pickSecond(), 86399 - 900);
  const key = sess++;
  for (const w of group) {
    rows.push({ w, day, sec, channel, key });
    sec += Math.floor(between(20, 240));
  }
}
const pad = (n, l = 2) => String(n).padStart(l, '0');
const iso = (day, sec) => `2026-12-${pad(day)} ${pad(Math.floor(sec / 3600))}:${pad(Math.floor(sec / 60) % 60)}:${pad(sec % 60)}`;
rows.sort((a, b) => a.day - b.day || a.sec - b.sec || a.key - b.key);
// session ids in order of first appearance, per day and channel; a few APP sessions carry none
const sid = new Map();
const seq = new Map();
const PREFIX = { LINE: 'L', 官網: 'W', APP: 'A' };
let appBlank = 0;
for (const row of rows) {
  if (!sid.has(row.key)) {
    if (row.channel === 'APP' && appBlank < 4 && rnd() < 0.12) {
      sid.set(row.key, '');
      appBlank++;
    } else {
      const k = `${row.day}-${row.channel}`;
      const n = (seq.get(k) ?? 0) + 1;
      seq.set(k, n);
      sid.set(row.key, `${PREFIX[row.channel]}202612${pad(row.day)}-${pad(n, 4)}`);
    }
  }
  row.sid = sid.get(row.key);
}
for (const row of rows) {
  const w = row.w;
  const r = rnd();
  const wrong = w.type === '直接回答' && w.botId !== w.intent;
  const [ok, bad] = wrong ? [0, 0.6] : ({ 直接回答: [0.07, 0.02], 推薦回答: [0.06, 0.14], 未能回答: [0.01, 0.17] }[w.type] ?? [0, 0]);
  row.fb = r < ok ? '滿意' : r < ok + bad ? '不滿意' : '';
  const h = { 未能回答: 0.12, 推薦回答: 0.05, 直接回答: 0.01 }[w.type] ?? 0;
  row.handoff = rnd() < h ? 'Y' : 'N';
}

// ---------------------------------------------------------------- writing
function cell(v) {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
function writeCsv(name, header, data) {
  const text = '\uFEFF' + [header, ...data].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
  writeFileSync(join(OUT, name), text, 'utf8');
}
writeCsv('sections.csv', ['單位代碼', '單位名稱', '類型', '上級單位', '主管稅目', '業務職掌', '轄區'], UNITS);
writeCsv(
  'kb.csv',
  ['題目編號', '稅目分類', '標準問句', '相似問句', '答案', '關鍵字', '權責單位', '狀態', '最後修改日'],
  KB.map((it) => [it.id, it.c, it.q, it.alt.join('｜'), it.a, it.k.join('、'), it.o, it.st ?? '已發布', it.d]),
);
writeCsv(
  'report-2026-12.csv',
  ['提問時間', '會話編號', '管道', '使用者問句', '回應類型', '題目編號', '標準問句', '信心分數', '評價', '轉真人'],
  rows.map((r) => [
    iso(r.day, r.sec),
    r.sid,
    r.channel,
    r.w.text,
    r.w.type,
    r.w.botId,
    r.w.botId ? KB_BY[r.w.botId].q : '',
    r.w.conf === '' ? '' : r.w.conf.toFixed(2),
    r.fb,
    r.handoff,
  ]),
);
writeCsv(
  'labels-2026-12.csv',
  ['line', 'intent', 'section'],
  rows.map((r, i) => [i + 1, r.w.intent, r.w.section]),
);
writeCsv(
  'new-topics.csv',
  ['intent', 'topic', 'section'],
  NEW.map((n) => [n.id, n.topic, n.s]),
);

// ---------------------------------------------------------------- stats for README
const count = (f) => rows.filter(f).length;
const N = rows.length;
const byType = Object.fromEntries(Object.keys(TARGET).map((t) => [t, count((r) => r.w.type === t)]));
const U = rows.filter((r) => r.w.type === '未能回答');
const uPub = U.filter((r) => KB_BY[r.w.intent] && KB_BY[r.w.intent].st !== '停用').length;
const uOff = U.filter((r) => KB_BY[r.w.intent] && KB_BY[r.w.intent].st === '停用').length;
const uNew = U.filter((r) => r.w.intent.startsWith('NEW-')).length;
const uNoId = U.filter((r) => !r.w.botId).length;
const uRightNearest = U.filter((r) => r.w.botId === r.w.intent).length;
const share = (tag) => count((r) => r.w.tags.includes(tag));
const pct = (n) => `${((100 * n) / N).toFixed(1)} %`;
const stats = {
  N,
  byType,
  uPub,
  uOff,
  uNew,
  uNoId,
  uRightNearest,
  distinctU: new Set(U.map((r) => r.w.intent)).size,
  s: share('s'),
  e: share('e'),
  t: share('t'),
  fbOk: count((r) => r.fb === '滿意'),
  fbBad: count((r) => r.fb === '不滿意'),
  handoff: count((r) => r.handoff === 'Y'),
  wrongDirect: count((r) => r.w.type === '直接回答' && r.w.botId !== r.w.intent),
  sWrong: count((r) => r.w.type === '推薦回答' && r.w.botId !== r.w.intent),
  blankSid: count((r) => !r.sid),
  multiline: count((r) => r.w.text.includes('\n')),
  distinct: new Set(rows.map((r) => r.w.text)).size,
  kinds: {
    pub: count((r) => KB_BY[r.w.intent] && KB_BY[r.w.intent].st !== '停用'),
    off: count((r) => KB_BY[r.w.intent] && KB_BY[r.w.intent].st === '停用'),
    neu: count((r) => r.w.intent.startsWith('NEW-')),
    chat: count((r) => r.w.intent === 'CHITCHAT'),
    inv: count((r) => r.w.intent === 'INVALID'),
  },
  top: [...wordings]
    .sort((a, b) => b.count - a.count)
    .slice(0, 8)
    .map((w) => `\`${w.text.replace(/\n/g, '⏎')}\` ×${w.count} (${w.intent})`),
};

const readme = `# transfer-b — a second held-out evaluation set (December 2026)

A bank, a unit list and one labelled month of chatbot traffic for 桃園市政府地方稅務局's 「i 桃喜」, written
**independently** of \`../transfer\` (not read) and of the platform's matching, search, routing and clustering
code (not read). The labels were fixed in \`generate.mjs\` before any matcher was run on these files; nothing
here was tuned against the platform's output.

All content is invented demo data written in my own words from general knowledge of the bureau's and the
Ministry of Finance's public FAQ topics. Tax rules in answers are plausible but **not authoritative**; the unit
list (duties, districts) is illustrative, not the bureau's real organisation chart.

## Files

All files: UTF-8 with BOM, CRLF row ends, RFC 4180 quoting; line breaks inside cells are a bare LF.

| file | format | rows |
|---|---|---|
| \`sections.csv\` | 8 | 12 units (SVC IT SEC HT LV LI CT LEG ZL YM DX LZ); 業務職掌 and 轄區 written afresh |
| \`kb.csv\` | 3 | ${KB.length} items \`G-3001\`…\`G-${3000 + KB.length}\`, ${KB.length - 1} 已發布, 1 停用 (\`G-3047\`) |
| \`report-2026-12.csv\` | 1 | ${N} rows, 2026-12-01 … 2026-12-31, ISO times, sorted by time |
| \`labels-2026-12.csv\` | \`line,intent,section\` | ${N} rows, one per report record |
| \`new-topics.csv\` | \`intent,topic,section\` | ${NEW.length} topics |
| \`generate.mjs\` | | deterministic generator (seed ${SEED}); rewrites all five CSVs and this README |
| \`check.mjs\` | | validator; run \`cd /work/main && node eval/sets/transfer-b/check.mjs\` |

Item ids carry no unit code: the owner is only in 權責單位 (a unit **name**). Owners: 房屋稅科 (房屋稅 and 契稅),
地價稅科, 土地增值稅科, 消費稅科, 服務科, 法務科 (欠稅, 復查, 訴願, 限制出境, and the 使用牌照稅 penalty item G-3026),
資訊科, 秘書室, and three branches (中壢分局 G-3044, 大溪分局 G-3045, 楊梅分局 G-3046). 蘆竹分局 owns no item;
its location questions are the new topic NEW-05.

## Labels

As defined in \`/work/shared/samples/README.md\`: \`intent\` is the kb id that answers the question (including the 停用
G-3047), a \`NEW-xx\` id from new-topics.csv, \`CHITCHAT\` or \`INVALID\`; \`section\` is the owner's unit code (for an
item, the code of its 權責單位; for a new topic, the unit that owns the subject), empty for CHITCHAT/INVALID.
Labels come from the generator's record of what each wording means; every distinct wording was written for one
intent and read again as a bureau employee would read it.

## Counts

Response types: 直接回答 ${byType['直接回答']} (${pct(byType['直接回答'])}), 推薦回答 ${byType['推薦回答']} (${pct(byType['推薦回答'])}),
未能回答 ${byType['未能回答']} (${pct(byType['未能回答'])}), 閒聊 ${byType['閒聊']} (${pct(byType['閒聊'])}), 無效問題 ${byType['無效問題']} (${pct(byType['無效問題'])}).
${stats.distinct} distinct wordings.

Intent kinds over all rows: existing item 已發布 ${stats.kinds.pub}, existing item 停用 ${stats.kinds.off}, NEW-xx ${stats.kinds.neu},
CHITCHAT ${stats.kinds.chat}, INVALID ${stats.kinds.inv}.

Of the ${byType['未能回答']} 未能回答 rows:
- ${uPub} have a 已發布 item as intent (paraphrases the bank should have caught),
- ${uOff} have the 停用 item G-3047 as intent (the bot never returns a 停用 item),
- ${uNew} are NEW-xx (${((100 * uNew) / byType['未能回答']).toFixed(0)} %), none is CHITCHAT or INVALID,
- they cover ${stats.distinctU} distinct intents;
- ${uNoId} carry no 題目編號 (empty confidence); of the rest, ${uRightNearest} have the labelled item as the bot's nearest id, the others a wrong one.

Language and noise (share of all ${N} rows; tags are hand-set per wording in generate.mjs):
simplified Chinese ${stats.s} (${pct(stats.s)}), English or mixed ${stats.e} (${pct(stats.e)}), homophone typo ${stats.t} (${pct(stats.t)}).
${stats.multiline} rows hold a line break inside the question; several hold emoji.

Feedback: 滿意 ${stats.fbOk}, 不滿意 ${stats.fbBad} (${pct(stats.fbOk + stats.fbBad)} of rows); 轉真人 Y on ${stats.handoff} rows;
${stats.blankSid} rows (APP) have an empty 會話編號.

Most repeated wordings: ${stats.top.join('; ')}.

## December themes

地價稅 (due 11/1–11/30) late payment, 滯納金 and missing bills, concentrated in the first half of the month;
營業用貨車 使用牌照稅 second period (10/1–10/31) overdue; year-end 房屋稅 2.0 / 囤房 and who pays next year's
房屋稅 after a December sale; 土增稅 and 契稅 on year-end sales; 尾牙 and 跨年 ticketed events (娛樂稅);
限制出境 before the holidays; 12/25 opening hours.

## Judgement calls

- **Wrong direct answers.** ${stats.wrongDirect} 直接回答 rows are deliberate mismatches, labelled by meaning, not by the bot:
  \`賣了舊房子又買新的 土增稅可以拿回來嗎\` (bot G-3014, label G-3016 重購退稅), \`稅單金額怪怪的 怎麼辦\` (bot G-3032 補發,
  label G-3036 復查), \`欠地價稅過年還能出國玩嗎✈️\` (bot G-3035 欠稅查詢, label G-3038 限制出境). ${stats.sWrong} 推薦回答
  rows also suggest a wrong item.
- **停用 item.** Questions about paying 地價稅 in instalments or later are labelled G-3047 (the 停用 疫情延分期 item):
  it is the only item on that subject, and a bureau employee would revive or rewrite it rather than create a new one.
- **NEW-03 vs G-3035.** G-3035 (欠稅查詢) only says to ask the 行政執行分署 once a debt is transferred; questions about
  wages or accounts already seized (扣薪、凍結) are the new topic NEW-03 (法務科). \`收到執行署的信 說我欠稅 是真的嗎\`
  stays G-3035 (checking whether a debt exists).
- **NEW-02 vs G-3017.** \`12月簽約明年初才過戶 土增稅算哪一年\` asks which year's 公告土地現值 applies, not the filing
  deadline, so it is NEW-02.
- **NEW-05 蘆竹分局.** No item covers 蘆竹分局, so its location and district questions are new (section LZ), even though
  three sibling branch items look similar.
- **Branch items.** \`我住平鎮要去哪個分局\` → G-3044 and \`八德區的地價稅要找哪個分局\` → G-3045 because the item's answer names the
  district; \`12/25那天你們有開嗎\` → G-3042 (service hours; 12/25 is a day off in 2026).
- **Complaints.** \`要跟誰說你們網站很難用\` is a complaint, so G-3041 (秘書室), not a 資訊科 item.
- **Chit-chat vs invalid.** Greetings, thanks and remarks to the bot are CHITCHAT; noise, single characters, emoji only
  and a forwarded chain message are INVALID.
`;
writeFileSync(join(OUT, 'README.md'), readme, 'utf8');
console.log(JSON.stringify(stats, null, 1));
