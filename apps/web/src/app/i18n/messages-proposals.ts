/** Interface text of the proposals screens; spread into messages.ts. zh-TW is the source of truth. */
export const proposalsZh = {} as const;

export const proposalsEn: Record<keyof typeof proposalsZh, string> = {};
