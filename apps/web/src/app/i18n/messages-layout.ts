/** Interface text of layout helpers shared by wide tables; spread into messages.ts. zh-TW is the source of truth. */
export const layoutZh = {
  'layout.placeholder': '—',
} as const;

export const layoutEn: Record<keyof typeof layoutZh, string> = {
  'layout.placeholder': '—',
};
