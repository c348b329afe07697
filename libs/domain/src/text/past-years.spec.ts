import { pastYearsMentioned } from './past-years';

describe('pastYearsMentioned', () => {
  it('finds past ROC years, with or without 民國 and 度', () => {
    expect(pastYearsMentioned('114年房屋稅繳款書預計於4月下旬寄達', 2026)).toEqual(['114年']);
    expect(pastYearsMentioned('民國99年以前取得的土地；113年度起', 2026)).toEqual(['99年', '113年']);
  });

  it('keeps the current and future years and counts that are not years', () => {
    expect(pastYearsMentioned('115年起適用，116年再調整', 2026)).toEqual([]);
    expect(pastYearsMentioned('持有滿10年，5年內出售，20年以上', 2026)).toEqual([]);
    expect(pastYearsMentioned('每年5月開徵', 2026)).toEqual([]);
  });

  it('finds Gregorian years written as years or dates, once each, oldest first', () => {
    expect(pastYearsMentioned('2025年起、2024/5/1 公告，2025年再議', 2026)).toEqual(['2024年', '2025年']);
    expect(pastYearsMentioned('電話 03-2026123，分機 2024', 2026)).toEqual([]);
  });
});
