/** Interface text of the queue screens; spread into messages.ts. zh-TW is the source of truth. */
export const queueZh = {} as const;

export const queueEn: Record<keyof typeof queueZh, string> = {};
