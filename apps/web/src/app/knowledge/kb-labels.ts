import { KbItemStatus, type KbSearchHitDto, type KbSnapshot, type KbVersionSource } from '@tunedesk/contracts';
import type { MessageKey } from '../i18n/messages';

export const KB_STATUSES: readonly KbItemStatus[] = [KbItemStatus.Published, KbItemStatus.Disabled];

/** Published is green, disabled is grey. */
export const KB_STATUS_BADGE: Record<KbItemStatus, string> = {
  [KbItemStatus.Published]: 'td-badge--ok',
  [KbItemStatus.Disabled]: 'td-badge--muted',
};

export const KB_STATUS_LABEL: Record<KbItemStatus, MessageKey> = {
  [KbItemStatus.Published]: 'kb.status.published',
  [KbItemStatus.Disabled]: 'kb.status.disabled',
};

export const KB_SOURCE_LABEL: Record<KbVersionSource, MessageKey> = {
  import: 'kb.source.import',
  proposal: 'kb.source.proposal',
  correction: 'kb.source.correction',
};

export const KB_MATCH_LABEL: Record<KbSearchHitDto['matchedKind'], MessageKey> = {
  question: 'kb.match.question',
  alternate: 'kb.match.alternate',
  keyword: 'kb.match.keyword',
};

/** The fields of a version, in the order the item page shows them. */
export const KB_FIELD_LABEL: Record<keyof KbSnapshot, MessageKey> = {
  category: 'kb.field.category',
  question: 'kb.field.question',
  alternates: 'kb.field.alternates',
  answer: 'kb.field.answer',
  keywords: 'kb.field.keywords',
  ownerUnitCode: 'kb.field.ownerUnit',
  status: 'kb.field.status',
  effectiveDate: 'kb.field.effectiveDate',
  expiryDate: 'kb.field.expiryDate',
};
