/** Interface text of the dashboard's effect screen(s); spread into messages.ts. zh-TW is the source of truth. */
export const dashboardEffectZh = {
  'dashEffect.placeholder': '',
};

export const dashboardEffectEn: Record<keyof typeof dashboardEffectZh, string> = {
  'dashEffect.placeholder': '',
};
