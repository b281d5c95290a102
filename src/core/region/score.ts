import { logBinomialUpperTail } from './binomial.js';

/**
 * The cell score and level rules (the scale is documented on `Alert.score`, src/schema/alert.ts).
 *
 * score = −log10 P(X ≥ k | n, p0): how unlikely it is that a cell at its learned baseline p0 shows at least k affected
 * craft out of n. Sample size counts: 2 of 3 at p0 = 1 % scores 3.5, 200 of 300 hits the cap. Capped at SCORE_CAP.
 *
 * A cell is tested per craft group (sea, air below / at or above the altitude band), because a jammer's reach grows
 * with altitude and each group has its own baseline; when several groups hold craft, the pooled count is tested too
 * (p0 = the craft-weighted mean of the groups' baselines: a binomial with the mean p has a heavier tail than the true
 * sum of binomials, so the pooled test errs on the quiet side). The best test wins and pays a Bonferroni correction,
 * −log10(number of tests), so that testing a cell several ways does not raise its false-alarm rate.
 */

/** Highest score: beyond 1e-20 the binomial model itself (independent craft) is the weaker assumption. */
export const SCORE_CAP = 20;

const LN10 = Math.LN10;

/** −log10 P(X ≥ k | n, p), capped at SCORE_CAP. */
export function binomialScore(k: number, n: number, p: number): number {
  const score = -logBinomialUpperTail(k, n, p) / LN10;
  return score > SCORE_CAP ? SCORE_CAP : Math.max(score, 0);
}

/** Counts of one craft group in one window. */
export interface GroupCounts {
  readonly craft: number;
  readonly affected: number;
  /** Baseline share of affected craft for this group in this cell. */
  readonly baseline: number;
}

/** Score of a set of groups: the best per-group or pooled test, Bonferroni-corrected for the number of tests. */
export function combinedScore(groups: readonly GroupCounts[]): number {
  let tests = 0;
  let best = 0;
  let craft = 0;
  let affected = 0;
  let expected = 0;
  for (const group of groups) {
    if (group.craft === 0) continue;
    tests++;
    craft += group.craft;
    affected += group.affected;
    expected += group.craft * group.baseline;
    const score = binomialScore(group.affected, group.craft, group.baseline);
    if (score > best) best = score;
  }
  if (tests === 0) return 0;
  if (tests > 1) {
    tests++;
    const pooled = binomialScore(affected, craft, expected / craft);
    if (pooled > best) best = pooled;
  }
  const corrected = best - Math.log10(tests);
  return Math.max(corrected, 0);
}

export interface LevelRule {
  /** Score bands: the lowest score of levels 1, 2 and 3. */
  readonly low: number;
  readonly medium: number;
  readonly high: number;
  /** Fewest distinct affected craft for any level. */
  readonly minAffected: number;
  /** Smallest affected share for any level. */
  readonly minAffectedRatio: number;
}

/** Level 0–3: the score band, but only with enough distinct affected craft and a share that matters. */
export function levelOf(score: number, affected: number, craft: number, rule: LevelRule): 0 | 1 | 2 | 3 {
  if (affected < rule.minAffected || craft === 0 || affected / craft < rule.minAffectedRatio) return 0;
  if (score >= rule.high) return 3;
  if (score >= rule.medium) return 2;
  if (score >= rule.low) return 1;
  return 0;
}

/** gpsjam.org's figure: (bad − 1) / (bad + good), floored at 0 (gpsjam.org FAQ; no minimum count). */
export function gpsjamRatio(bad: number, craft: number): number {
  if (craft === 0 || bad <= 1) return 0;
  return (bad - 1) / craft;
}
