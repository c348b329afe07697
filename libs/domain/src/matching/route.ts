import { compactText, normalizeText } from '../text/normalize';
import { NO_SYNONYMS, type SynonymFolder } from '../text/synonyms';

/** A unit as routing reads it: the unit file (format 8). */
export interface RoutingUnit {
  code: string;
  /** 單位名稱 (中壢分局); optional for configurations written before the unit file carried it. */
  name?: string;
  kind?: string;
  /** 主管稅目 */
  categories: string[];
  /** 業務職掌: keywords of what else the unit handles. */
  duties?: string[];
  /** 轄區: districts a branch serves. */
  districts?: string[];
}

export interface RoutingKeywordRule {
  keyword: string;
  unitCode: string;
  /** Wins over a tax's name in the same question ("用行動支付繳房屋稅" is about paying). */
  overridesTaxNames: boolean;
}

/** Everything text routing reads: the unit file, the service section's keyword rules and the synonym list. */
export interface RoutingConfig {
  units: RoutingUnit[];
  rules: RoutingKeywordRule[];
  folder?: SynonymFolder;
}

export type TextRouteReason = 'named-unit' | 'category-rule' | 'keyword-rule' | 'duty';

export interface TextRoute {
  unitCode: string;
  reason: TextRouteReason;
  /** The name, category, keyword or duty that decided, as configured. */
  matched: string;
  /** The text as matched: normalised and folded. */
  folded: string;
  /** Another unit the same words also point to (a conflict lowers trust in the route). */
  conflict: string | null;
}

/**
 * 行政區 and 分局 names are written with or without their suffix (中壢 / 中壢區 /
 * 中壢分局): the suffix is dropped so each form names the place. Suffixes from the
 * unit file's own naming (類型 分局, 科, 室) and Taiwan's administrative divisions (區).
 */
const UNIT_SUFFIXES = ['分局', '辦事處', '科', '室', '區'];

function stem(name: string): string {
  for (const s of UNIT_SUFFIXES) if (name.length > s.length + 1 && name.endsWith(s)) return name.slice(0, -s.length);
  return name;
}

/**
 * Names a question may use for a unit: its full name always; the stem of a
 * branch's name (中壢 for 中壢分局), as citizens name a branch by its town. A
 * section's stem is not a name (房屋稅科's stem is a tax, read as a tax).
 */
function unitNames(unit: RoutingUnit): string[] {
  const names = unit.name ? [unit.name] : [];
  if (unit.name && unit.kind === '分局') names.push(stem(unit.name));
  return [...new Set(names)];
}

/** Containment of a duty's characters in the question: all of 限制出境, or most bigrams of 欠稅移送執行. */
function containment(duty: string, text: string): number {
  if (duty.length <= 2) return text.includes(duty) ? 1 : 0;
  if (text.includes(duty)) return 1;
  const grams = new Set<string>();
  for (let i = 0; i + 2 <= duty.length; i++) grams.add(duty.slice(i, i + 2));
  let hit = 0;
  for (const g of grams) if (text.includes(g)) hit++;
  return hit / grams.size;
}

/**
 * Share of a duty's bigrams a question must contain for the duty to count: more
 * than half, so one inserted word per two-word duty still counts (欠稅移送執行 ↔
 * 欠稅被移送強制執行 share 欠稅、移送、執行: 3 of 5). Fixed by that argument, not
 * fitted; a 2-character duty must appear whole.
 */
export const DUTY_CONTAINMENT = 0.6;

/**
 * A unit that owns no tax, or owns 綜合服務 (the category of matters common to
 * every tax, per the unit file), handles procedures across all taxes: its duties
 * (繳稅方式, 復查, 限制出境) name what the question is about even when a tax is
 * named beside them ("用行動支付繳房屋稅" is about paying). A tax section's duties
 * (房屋現值) only count when no tax is named.
 */
export const CROSS_CUTTING_CATEGORY = '綜合服務';
const dutyTier = (unit: RoutingUnit) => (unit.categories.length === 0 || unit.categories.includes(CROSS_CUTTING_CATEGORY) ? 2.5 : 0);

/**
 * The unit a question's own words point to, strongest evidence first:
 * a unit it names (中壢分局); a keyword rule that overrides tax names; a duty
 * of a unit that works across taxes; a tax it names (主管稅目); a plain keyword
 * rule; a district a branch serves; a tax section's duty (業務職掌). Inside a tier
 * the first named wins (a Chinese question names its topic first), then the
 * longest. Everything is normalised and folded through the synonym list.
 */
export function routeByText(text: string, config: RoutingConfig): TextRoute | { unitCode: null; folded: string } {
  const folder = config.folder ?? NO_SYNONYMS;
  // Spaces go before folding: "分期 繳" is "分期繳".
  const prepare = (s: string) => folder.fold(compactText(normalizeText(s)));
  const folded = prepare(text);
  type Found = { code: string; at: number; length: number; tier: number; reason: TextRouteReason; matched: string };
  const found: Found[] = [];
  const consider = (code: string, word: string, tier: number, reason: TextRouteReason) => {
    const w = prepare(word);
    const at = w ? folded.indexOf(w) : -1;
    if (at >= 0) found.push({ code, at, length: w.length, tier, reason, matched: word });
  };
  for (const unit of config.units) for (const name of unitNames(unit)) consider(unit.code, name, 4, 'named-unit');
  // A district a branch serves (轄區) names the branch, more weakly: after taxes and keyword rules.
  for (const unit of config.units)
    for (const d of unit.districts ?? []) {
      consider(unit.code, d, 0.5, 'named-unit');
      if (stem(d) !== d) consider(unit.code, stem(d), 0.5, 'named-unit');
    }
  for (const rule of config.rules) consider(rule.unitCode, rule.keyword, rule.overridesTaxNames ? 3 : 1, 'keyword-rule');
  for (const unit of config.units) for (const category of unit.categories) consider(unit.code, category, 2, 'category-rule');
  for (const unit of config.units)
    for (const duty of unit.duties ?? []) {
      const w = prepare(duty);
      if (!w || unit.categories.some((c) => prepare(c) === w)) continue;
      if (containment(w, folded) >= DUTY_CONTAINMENT)
        found.push({
          code: unit.code,
          at: Math.max(0, folded.indexOf(w[0])),
          length: w.length,
          tier: dutyTier(unit),
          reason: 'duty',
          matched: duty,
        });
    }
  if (!found.length) return { unitCode: null, folded };
  found.sort((a, b) => b.tier - a.tier || a.at - b.at || b.length - a.length);
  const best = found[0];
  const conflict = found.find((f) => f.code !== best.code)?.code ?? null;
  return { unitCode: best.code, reason: best.reason, matched: best.matched, folded, conflict };
}

export type RouteReason = 'matched-item' | 'suggestion' | TextRouteReason | 'learned' | 'triage';

export interface RouteEvidence {
  /** The item most of the cluster's messages were matched to by the bot (推薦回答, 不滿意 direct answers). */
  matchedItemOwner: string | null;
  /** The cluster's top suggestion. */
  suggestion: { owner: string | null; score: number } | null;
  /** The cluster's wordings, most typed first. */
  texts: string[];
  /** The unit earlier decisions gave the nearest decided wording, with how near it is. */
  learned: { unitCode: string; score: number } | null;
}

export interface RouteParams {
  /** A suggestion at least this strong routes to its item's owner before the question's own words are read. */
  itemScore: number;
  /** After the words found nothing, a suggestion at least this strong still routes. */
  weakItemScore: number;
  /** A learned decision counts when the decided wording is at least this near. */
  learnedScore: number;
  /** A text route whose words also point to another unit goes to triage. */
  conflictToTriage: boolean;
}

export interface Route {
  unitCode: string | null;
  reason: RouteReason;
  matched?: string;
}

/**
 * Routing, signals in order of evidence: the owner of the item the bot matched;
 * the suggested item's owner when confident; a unit, tax, keyword or duty the
 * question names; what contacts decided for a near wording before; a weaker
 * suggestion; else the group leader's triage queue. Thresholds come from
 * `RouteParams`, calibrated held-out (eval/misses.eval.ts).
 */
export function routeCluster(evidence: RouteEvidence, config: RoutingConfig, params: RouteParams): Route {
  if (evidence.matchedItemOwner) return { unitCode: evidence.matchedItemOwner, reason: 'matched-item' };
  const s = evidence.suggestion;
  if (s?.owner && s.score >= params.itemScore) return { unitCode: s.owner, reason: 'suggestion' };
  for (const text of evidence.texts.slice(0, 3)) {
    const byText = routeByText(text, config);
    if (!byText.unitCode) continue;
    const r = byText as TextRoute;
    // Words that point two ways, with no confident item to settle it, are the group leader's call.
    if (
      params.conflictToTriage &&
      r.conflict &&
      r.reason !== 'named-unit' &&
      !(s?.owner && (s.owner === r.unitCode || s.owner === r.conflict) && s.score >= params.weakItemScore)
    )
      return { unitCode: null, reason: 'triage', matched: r.matched };
    if (r.conflict && s?.owner === r.conflict && s.score >= params.weakItemScore) return { unitCode: s.owner, reason: 'suggestion' };
    return { unitCode: r.unitCode, reason: r.reason, matched: r.matched };
  }
  if (evidence.learned && evidence.learned.score >= params.learnedScore) return { unitCode: evidence.learned.unitCode, reason: 'learned' };
  if (s?.owner && s.score >= params.weakItemScore) return { unitCode: s.owner, reason: 'suggestion' };
  return { unitCode: null, reason: 'triage' };
}
