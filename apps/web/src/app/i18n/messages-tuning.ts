/** Interface text of the tuning screens; spread into messages.ts. zh-TW is the source of truth. */
export const tuningZh = {} as const;

export const tuningEn: Record<keyof typeof tuningZh, string> = {};
