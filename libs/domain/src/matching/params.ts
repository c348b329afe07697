import type { MatchingParams } from './month';

/**
 * The shipped thresholds. Source, for every fitted value: the grid search of
 * `npm run eval:misses` (eval/harness.ts `fit`), run on all development months
 * together — the two labelled sample months (sample bank) and the transfer
 * month (a bank of its own, eval/sets/transfer). The figures reported for them
 * are held-out: each development month is scored with values fitted on the
 * other two only, and the test month (eval/sets/transfer-b, a third bank) with
 * the values below, never having been used to fit or choose anything.
 * See docs/benchmarks.md.
 *
 * Fitting rules (fixed before any month is scored):
 * - `confidentScore`, `confidentMargin`, `topicLinkage`: the highest mean cluster
 *   pairwise F1 among settings whose mean precision is at least 85 %;
 * - `route.itemScore`, `route.weakItemScore`: the most rows routed among
 *   settings whose routed rows are right at least 95 % of the time, or, when no
 *   setting reaches 95 %, the most rows routed right;
 * - near-ties (within a point) go to the higher, more conservative thresholds.
 * Values not in the grid are fixed by the argument written beside them.
 */
export const DEFAULT_MATCHING_PARAMS: MatchingParams = {
  confidentScore: 0.55,
  confidentMargin: 0.1,
  topicLinkage: 0.3,
  // A new topic belongs to one unit: groups whose words name two different units are two topics.
  topicSameUnit: true,
  // The bot's nearest item is its own similarity judgement on a wording it could not answer: half a vote.
  botVote: 0.5,
  // Below 0.08 of a cosine two texts share one common bigram at most: nothing worth showing.
  minSuggestion: 0.08,
  route: {
    itemScore: 0.7,
    weakItemScore: 0.1,
    // A decision counts for a wording as near as two paraphrases (the MinHash near-duplicate threshold, 0.5).
    learnedScore: 0.5,
    // Off: a conflict is settled by the order of evidence (routeByText's tiers), not sent to triage.
    conflictToTriage: false,
  },
};

/** The grid the fit searches (eval/misses.eval.ts). */
export const PARAM_GRID = {
  confidentScore: [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6],
  confidentMargin: [0, 0.05, 0.1],
  topicLinkage: [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5],
  itemScore: [0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7],
  weakItemScore: [0.1, 0.15, 0.2, 0.25, 0.3, 1.01],
} as const;
