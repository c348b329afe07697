/** Interface text of the dashboard's items screen(s); spread into messages.ts. zh-TW is the source of truth. */
export const dashboardItemsZh = {
  'dashItems.placeholder': '',
};

export const dashboardItemsEn: Record<keyof typeof dashboardItemsZh, string> = {
  'dashItems.placeholder': '',
};
