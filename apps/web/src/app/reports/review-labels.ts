import { type MeDto, type ReviewItemDto, type ReviewReason, Role } from '@tunedesk/contracts';
import type { I18nService } from '../i18n/i18n.service';
import type { MessageKey } from '../i18n/messages';
import { formatDisplayDate } from '../i18n/roc-date.pipe';

/** Who may mark any unit's item reviewed; a knowledge contact may mark their own unit's. The server checks the same again. */
export const REVIEW_EDITOR_ROLES: readonly Role[] = [Role.GroupLeader, Role.ServiceSection, Role.SystemAdmin];

/** True when the user may set the item to 已檢視 or back. */
export function canReview(me: MeDto | null, item: Pick<ReviewItemDto, 'unitCode'>): boolean {
  if (!me) return false;
  if (REVIEW_EDITOR_ROLES.some((role) => me.roles.includes(role))) return true;
  return me.roles.includes(Role.KnowledgeContact) && me.unitCode === item.unitCode;
}

export const REVIEW_REASON_LABEL: Record<ReviewReason, MessageKey> = {
  'no-hits': 'review.reason.no-hits',
  'low-satisfaction': 'review.reason.low-satisfaction',
  expired: 'review.reason.expired',
  'past-year': 'review.reason.past-year',
  'not-improved': 'review.reason.not-improved',
};

/** Out of date is red, unloved amber, unused and old years blue. */
export const REVIEW_REASON_BADGE: Record<ReviewReason, string> = {
  'no-hits': 'td-badge--info',
  'low-satisfaction': 'td-badge--warning',
  expired: 'td-badge--error',
  'past-year': 'td-badge--planned',
  'not-improved': 'td-badge--error',
};

/** Why the item was queued for this reason, with its figures: 「12 則評價中有 7 則「不滿意」」. */
export function reviewReasonHelp(item: ReviewItemDto, reason: ReviewReason, i18n: I18nService): string {
  switch (reason) {
    case 'no-hits':
      return i18n.t('review.reasonHelp.no-hits', { hits: item.hits });
    case 'low-satisfaction':
      return i18n.t('review.reasonHelp.low-satisfaction', { ratings: item.ratings, dissatisfied: item.dissatisfied });
    case 'expired':
      return item.expiryDate
        ? i18n.t('review.reasonHelp.expired', { date: formatDisplayDate(item.expiryDate, 'short', i18n.lang()) })
        : i18n.t('review.reasonHelp.expiredNoDate');
    case 'past-year':
      return i18n.t('review.reasonHelp.past-year', { years: item.pastYears.join(i18n.lang() === 'en' ? ', ' : '、') });
    case 'not-improved':
      return i18n.t('review.reasonHelp.not-improved');
  }
}
