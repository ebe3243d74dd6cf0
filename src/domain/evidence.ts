// The evidence behind a rate: its 95 % Wilson interval, and behind a difference of two rates
// (a lift): its 95 % Newcombe interval, the two-proportion test with its p-value and one
// verdict; and the one minimum of customers below which a rate is "too few to judge".
// Pure arithmetic: the report, the rules, the dashboard, the workbook and the alerts read it
// from here, so a rate's uncertainty is computed once. The Wilson arithmetic itself sits on the
// report's ground floor (report/format.ts), which imports nothing.
import { MIN_RATE_BASE, Z95, wilson, type LiftVerdict } from '../report/format.js';
import { chiSquare1P } from './survival.js';

// MIN_RATE_BASE is also shrinkage's "well measured": below it a rate is shown as "too few to
// judge", never as a bar at 0 % or 100 %.
export { MIN_RATE_BASE, Z95, wilson, LIFT_VERDICTS, type LiftVerdict } from '../report/format.js';

/** Returns true when a rate out of `n` is measured on too few customers to be judged. */
export function tooFewToJudge(n: number, min = MIN_RATE_BASE): boolean {
  return !(n >= min);
}

/**
 * Returns the z-score of the difference k1/n1 − k2/n2 (pooled two-proportion test); 0 when
 * either side has no base or the pooled rate is 0 or 1 (no variation: no evidence of a change).
 */
export function twoProportionZ(k1: number, n1: number, k2: number, n2: number): number {
  if (n1 === 0 || n2 === 0) return 0;
  const p = (k1 + k2) / (n1 + n2);
  const se = Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
  return se === 0 ? 0 : (k1 / n1 - k2 / n2) / se;
}

/** Returns true when a z-score lies inside the noise of a two-sided test at `z` (95 % by default). */
export function insideNoise(zScore: number, z = Z95): boolean {
  return Math.abs(zScore) < z;
}

/**
 * Returns the 95 % interval [low, high] of the difference k1/n1 − k2/n2 by Newcombe's hybrid
 * score method (Newcombe 1998, method 10): each side's Wilson interval, combined. Unlike the
 * Wald interval it stays inside [−1, 1] and keeps its coverage for small n and rates near 0
 * or 1 — the follow-up steps of a small shop have both. Counts may be fractional (an
 * effective base, see effectiveBase). Null when either side has no base.
 */
export function newcombe(
  k1: number,
  n1: number,
  k2: number,
  n2: number,
  z = Z95,
): [number, number] | null {
  const w1 = wilson(k1, n1, z);
  const w2 = wilson(k2, n2, z);
  if (!w1 || !w2) return null;
  const p1 = k1 / n1;
  const p2 = k2 / n2;
  const d = p1 - p2;
  return [
    Math.max(-1, d - Math.hypot(p1 - w1[0], w2[1] - p2)),
    Math.min(1, d + Math.hypot(w1[1] - p1, p2 - w2[0])),
  ];
}

/** Returns the two-sided p-value of a z-score under the standard normal: P(|Z| ≥ |z|). */
export function twoSidedP(zScore: number): number {
  // z² is χ² with one degree of freedom: the log-rank test's tail (an erfc exact to 1.2e-7
  // relative, so a small p is as exact as a large one) serves both.
  return Math.min(1, chiSquare1P(zScore * zScore));
}

/**
 * Returns the effective base of a rate that is a weighted mean of stratum rates (the control
 * rate of a campaign: the uncontacted customers' rate of each month and status, weighted by the
 * campaign's contacted units in it): the n for which rate·(1−rate)/n equals the rate's variance
 * Σ w²·p(1−p)/n over the strata, so that it can be read as k of n by wilson and newcombe (Korn
 * & Graubard 1998). When that variance is 0 (every stratum at 0 % or 100 %) it falls back on
 * Kish's 1 / Σ w²/n, the same formula with equal stratum rates; it is never more than the
 * strata's customers together (`total`).
 */
export function effectiveBase(
  rate: number,
  variance: number,
  kishBase: number,
  total: number,
): number {
  const pq = rate * (1 - rate);
  const n = pq > 0 && variance > 0 ? pq / variance : kishBase;
  return Math.min(total, n);
}

/** A difference of two rates with its evidence. */
export interface LiftEvidence {
  /** k1/n1 − k2/n2; null when either side has no base. */
  difference: number | null;
  /** Its 95 % Newcombe interval; null without a base. */
  low: number | null;
  high: number | null;
  /** The pooled two-proportion z and its two-sided p; null without a base. */
  z: number | null;
  p: number | null;
  verdict: LiftVerdict;
}

/**
 * Returns the difference k1/n1 − k2/n2 with its Newcombe interval, pooled z, two-sided p and
 * verdict (LIFT_VERDICTS): the one verdict of every lift, a follow-up step's and a campaign's.
 * The verdict follows the interval (the z-test can disagree at the very edge): "too
 * few" first, since an interval on 12 customers that excludes 0 is still not a finding.
 */
export function liftEvidence(
  k1: number,
  n1: number,
  k2: number,
  n2: number,
  min = MIN_RATE_BASE,
): LiftEvidence {
  const ci = newcombe(k1, n1, k2, n2);
  const tooFew = tooFewToJudge(n1, min) || tooFewToJudge(n2, min);
  if (!ci) return { difference: null, low: null, high: null, z: null, p: null, verdict: 'too_few' };
  const difference = k1 / n1 - k2 / n2;
  const z = twoProportionZ(k1, n1, k2, n2);
  const verdict: LiftVerdict = tooFew
    ? 'too_few'
    : ci[0] <= 0 && ci[1] >= 0
      ? 'within_noise'
      : difference > 0
        ? 'higher'
        : 'lower';
  return { difference, low: ci[0], high: ci[1], z, p: twoSidedP(z), verdict };
}
