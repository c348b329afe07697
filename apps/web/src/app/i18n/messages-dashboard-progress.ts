/** Interface text of the dashboard's progress screen(s); spread into messages.ts. zh-TW is the source of truth. */
export const dashboardProgressZh = {
  'dashProgress.placeholder': '',
};

export const dashboardProgressEn: Record<keyof typeof dashboardProgressZh, string> = {
  'dashProgress.placeholder': '',
};
