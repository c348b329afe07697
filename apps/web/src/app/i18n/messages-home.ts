/** Interface text of the home page (總覽) of each role; spread into messages.ts. zh-TW is the source of truth. */
export const homeZh = {
  'home.placeholder': '—',
} as const;

export const homeEn: Record<keyof typeof homeZh, string> = {
  'home.placeholder': '—',
};
