/**
 * What each local tax is levied on, as the tax laws name it (全國法規資料庫, law.moj.gov.tw).
 * A question that names the object but no tax belongs to the owner of that tax.
 * One line per word: word<TAB>tax (稅目分類)<TAB>where the law says so. Transcribed by hand.
 */
export const LAWS_OBJECTS: readonly (readonly [word: string, tax: string, where: string])[] = [
  ['房屋', '房屋稅', '房屋稅條例 第2條、第3條：房屋稅以附著於土地之各種房屋為課徵對象'],
  ['汽車', '使用牌照稅', '使用牌照稅法 第6條 稅額表：汽車（小客車、大客車、貨車）'],
  ['機車', '使用牌照稅', '使用牌照稅法 第6條 稅額表：機車'],
  ['車輛', '使用牌照稅', '使用牌照稅法 第3條：使用公共水陸道路之交通工具（車輛）'],
];
