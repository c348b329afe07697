/** Interface text of the shared vocabulary (glossary of interface terms, ROC date inputs, code labels); spread into messages.ts. zh-TW is the source of truth. */
export const vocabZh = {
  'vocab.placeholder': '—',
} as const;

export const vocabEn: Record<keyof typeof vocabZh, string> = {
  'vocab.placeholder': '—',
};
