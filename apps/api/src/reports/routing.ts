import type { RoutedReason } from '@tunedesk/contracts';
import { compactText, normalizeText, NO_SYNONYMS, type SynonymFolder } from '@tunedesk/domain';

export interface RoutingUnit {
  code: string;
  /** 主管稅目 */
  categories: string[];
}

export interface RoutingKeywordRule {
  keyword: string;
  unitCode: string;
  /** Wins over a tax's name in the same question ("可以用街口支付繳房屋稅嗎" is about paying). */
  overridesTaxNames: boolean;
}

/** Everything text routing reads: the units' 主管稅目, the service section's keyword rules and the synonym list. */
export interface RoutingConfig {
  units: RoutingUnit[];
  rules: RoutingKeywordRule[];
  folder?: SynonymFolder;
}

export interface RouteInput {
  /** The item most of the cluster's messages were matched to by the bot, if any. */
  matchedItemOwner: string | null;
  /** The top suggestion's owner and score. */
  suggestion: { owner: string | null; score: number } | null;
  text: string;
}

export const SUGGESTION_ROUTE_SCORE = 0.5;
/** A weaker suggestion still routes when the text names no tax and no keyword of any unit. */
export const WEAK_SUGGESTION_ROUTE_SCORE = 0.15;

export interface TextRoute {
  unitCode: string;
  reason: 'category-rule' | 'keyword-rule';
  /** The category or keyword that decided, as configured */
  matched: string;
  /** The text as matched: normalised and folded */
  folded: string;
}

/**
 * The unit a question's words name: a keyword rule that overrides tax names
 * first, then a 主管稅目, then a plain keyword rule; inside each, the first
 * named. Text, categories and keywords are all normalised and folded through
 * the synonym list, so 土增稅 finds the unit owning 土地增值稅.
 */
export function routeByText(text: string, config: RoutingConfig): TextRoute | { unitCode: null; folded: string } {
  const folder = config.folder ?? NO_SYNONYMS;
  // Spaces go before folding: "分期 繳" is "分期繳".
  const prepare = (s: string) => folder.fold(compactText(normalizeText(s)));
  const folded = prepare(text);
  // Tiers: an overriding keyword (2) beats a tax's name (1), which beats a plain keyword (0). Inside a tier the
  // first named wins (a Chinese question names its topic first), then the longest (土地增值稅 over 增值稅).
  let best: { code: string; at: number; length: number; tier: number; reason: TextRoute['reason']; matched: string } | null = null;
  const consider = (code: string, word: string, tier: number, reason: TextRoute['reason']) => {
    const w = prepare(word);
    const at = w ? folded.indexOf(w) : -1;
    if (at < 0) return;
    if (!best || tier > best.tier || (tier === best.tier && (at < best.at || (at === best.at && w.length > best.length))))
      best = { code, at, length: w.length, tier, reason, matched: word };
  };
  for (const rule of config.rules) consider(rule.unitCode, rule.keyword, rule.overridesTaxNames ? 2 : 0, 'keyword-rule');
  for (const unit of config.units) for (const category of unit.categories) consider(unit.code, category, 1, 'category-rule');
  const found = best as { code: string; reason: TextRoute['reason']; matched: string } | null;
  return found ? { unitCode: found.code, reason: found.reason, matched: found.matched, folded } : { unitCode: null, folded };
}

/**
 * Routing: the owner of the item the bot matched; else of the top suggestion
 * when it is close enough; else the unit whose 主管稅目 or keyword rule the
 * question names; else of a weaker suggestion; else nobody (the group
 * leader's triage queue).
 */
export function routeCluster(input: RouteInput, config: RoutingConfig): { unitCode: string | null; reason: RoutedReason } {
  if (input.matchedItemOwner) return { unitCode: input.matchedItemOwner, reason: 'matched-item' };
  if (input.suggestion?.owner && input.suggestion.score >= SUGGESTION_ROUTE_SCORE)
    return { unitCode: input.suggestion.owner, reason: 'suggestion' };
  const byText = routeByText(input.text, config);
  if (byText.unitCode) return { unitCode: byText.unitCode, reason: (byText as TextRoute).reason };
  if (input.suggestion?.owner && input.suggestion.score >= WEAK_SUGGESTION_ROUTE_SCORE)
    return { unitCode: input.suggestion.owner, reason: 'suggestion' };
  return { unitCode: null, reason: 'triage' };
}
