// Significance of a change, so that a rule fires on a real shift and not on noise: small
// businesses have few customers, and a drop of 3 out of 20 is not news.

/** Returns the z-score of a change in a count (two Poisson counts, normal approximation). */
export function countChangeZ(now: number, before: number): number {
  const v = now + before;
  return v === 0 ? 0 : (now - before) / Math.sqrt(v);
}

/** The z-score of a change in a proportion (pooled two-proportion test): evidence.ts's. */
export { twoProportionZ as proportionChangeZ } from '../evidence.js';

/** Returns now / before − 1, or null without a base. */
export function relativeChange(now: number | null, before: number | null): number | null {
  if (now === null || before === null || before === 0) return null;
  return now / before - 1;
}

/** Returns the z-score of a net change made of flows totalling `flowVolume` (Poisson). */
export function flowChangeZ(netChange: number, flowVolume: number): number {
  return flowVolume === 0 ? 0 : netChange / Math.sqrt(flowVolume);
}

/**
 * Returns the z of a share `rate` out of `n` against a fixed `target` or threshold (one-proportion
 * test, the binomial noise of the target): is the share beyond the line, or only near it?
 */
export function targetZ(rate: number, n: number, target: number): number {
  const se = Math.sqrt((target * (1 - target)) / n);
  return se === 0 || n === 0 ? 0 : (rate - target) / se;
}
