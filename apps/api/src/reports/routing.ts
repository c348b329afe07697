import type { RoutedReason } from '@tunedesk/contracts';
import { normalizeText } from '@tunedesk/domain';

/**
 * Colloquial names and abbreviations of the taxes people type, folded to the
 * 稅目分類 a unit owns. A shipped default; the service section extends it.
 */
export const DEFAULT_CATEGORY_SYNONYMS: Record<string, string[]> = {
  房屋稅: ['房屋稅', '房捐', '房屋税', '囤房稅', '囤房', '房屋稅2.0', '房屋稅單'],
  地價稅: ['地價稅', '地價税', '地價稅單'],
  土地增值稅: ['土地增值稅', '土增稅', '增值稅', '土增'],
  契稅: ['契稅', '契税'],
  // 燃料費 is not a tax, but local bureaus explain it beside 使用牌照稅.
  使用牌照稅: ['使用牌照稅', '牌照稅', '牌照税', '汽車稅', '機車稅', '車稅', '燃料費'],
  娛樂稅: ['娛樂稅', '娛樂税', '代徵娛樂稅'],
  印花稅: ['印花稅', '印花', '印花稅票'],
  // How to pay, get or change a bill is the service section's, whatever the tax; so are national taxes
  // (a referral answer) and matters outside the taxes.
  綜合服務: [
    '稅單',
    '繳款書',
    '繳費單',
    'bill',
    '繳稅方式',
    '分期',
    '補發',
    'qr',
    '行動支付',
    '街口',
    '全支付',
    'line pay',
    '信用卡',
    '超商',
    '便利商店',
    '轉帳',
    '地址',
    '電話',
    '綜所稅',
    '所得稅',
    '營業稅',
    '國稅',
    '違建',
  ],
};

/** Categories whose words win over a tax's name in the same question ("可以用街口支付繳房屋稅嗎" is about paying). */
export const PRIORITY_CATEGORIES = ['綜合服務'];

export interface RoutingUnit {
  code: string;
  categories: string[];
}

export interface RouteInput {
  /** The item most of the cluster's messages were matched to by the bot, if any. */
  matchedItemOwner: string | null;
  /** The top suggestion's owner and score. */
  suggestion: { owner: string | null; score: number } | null;
  text: string;
}

export const SUGGESTION_ROUTE_SCORE = 0.5;
/** A weaker suggestion still routes when the text names no tax of any unit. */
export const WEAK_SUGGESTION_ROUTE_SCORE = 0.15;

/**
 * Routing: the owner of the item the bot matched; else of the top suggestion
 * when it is close enough; else the unit whose 主管稅目 (or a synonym of one)
 * the question names; else of a weaker suggestion; else nobody (the group
 * leader's triage queue).
 */
export function routeCluster(
  input: RouteInput,
  units: RoutingUnit[],
  synonyms = DEFAULT_CATEGORY_SYNONYMS,
): { unitCode: string | null; reason: RoutedReason } {
  if (input.matchedItemOwner) return { unitCode: input.matchedItemOwner, reason: 'matched-item' };
  if (input.suggestion?.owner && input.suggestion.score >= SUGGESTION_ROUTE_SCORE)
    return { unitCode: input.suggestion.owner, reason: 'suggestion' };
  const text = normalizeText(input.text).replace(/ /g, '');
  let best: { code: string; length: number; priority: boolean } | null = null;
  for (const unit of units) {
    for (const category of unit.categories) {
      const priority = PRIORITY_CATEGORIES.includes(category);
      for (const word of synonyms[category] ?? [category]) {
        const w = normalizeText(word).replace(/ /g, '');
        if (!w || !text.includes(w)) continue;
        // A priority category's word beats a tax's name; otherwise the longest name wins (土地增值稅 over 增值稅).
        if (!best || (priority && !best.priority) || (priority === best.priority && w.length > best.length))
          best = { code: unit.code, length: w.length, priority };
      }
    }
  }
  if (best) return { unitCode: best.code, reason: 'category-rule' };
  if (input.suggestion?.owner && input.suggestion.score >= WEAK_SUGGESTION_ROUTE_SCORE)
    return { unitCode: input.suggestion.owner, reason: 'suggestion' };
  return { unitCode: null, reason: 'triage' };
}
