/** Interface text of layout helpers shared by wide tables; spread into messages.ts. zh-TW is the source of truth. */
export const layoutZh = {
  'layout.expand': '展開項次 {no} 的完整內容',
  'layout.collapse': '收合項次 {no}',
  'layout.more': '另 {count} 則',
  'layout.showAll': '顯示全部',
  'layout.showLess': '收合',
  'layout.unchanged': '未變更',
  'layout.colon': '：',
  'layout.inParens': '（{text}）',
} as const;

export const layoutEn: Record<keyof typeof layoutZh, string> = {
  'layout.expand': 'Show all of entry {no}',
  'layout.collapse': 'Collapse entry {no}',
  'layout.more': '{count} more',
  'layout.showAll': 'Show all',
  'layout.showLess': 'Show less',
  'layout.unchanged': 'unchanged',
  'layout.colon': ': ',
  'layout.inParens': ' ({text})',
};
