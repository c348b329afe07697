/** Interface text of the review screens; spread into messages.ts. zh-TW is the source of truth. */
export const reviewZh = {} as const;

export const reviewEn: Record<keyof typeof reviewZh, string> = {};
