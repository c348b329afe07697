/** Interface text of the dashboard screens; spread into messages.ts. zh-TW is the source of truth. */
export const dashboardZh = {} as const;

export const dashboardEn: Record<keyof typeof dashboardZh, string> = {};
