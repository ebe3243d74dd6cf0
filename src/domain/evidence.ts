// The evidence behind a rate: its 95 % Wilson interval and the two-proportion test of a
// difference, and the one minimum of customers below which a rate is "too few to judge".
// Pure arithmetic: the report, the rules, the dashboard, the workbook and the alerts read it
// from here, so a rate's uncertainty is computed once. The Wilson arithmetic itself sits on the
// report's ground floor (report/format.ts), which imports nothing.
import { MIN_RATE_BASE, Z95 } from '../report/format.js';

// MIN_RATE_BASE is also shrinkage's "well measured": below it a rate is shown as "too few to
// judge", never as a bar at 0 % or 100 %.
export { MIN_RATE_BASE, Z95, wilson } from '../report/format.js';

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
