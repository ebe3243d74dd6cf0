// Reading a rate with its base: the 95 % Wilson interval of a share of n, so a rate of 3 of 4
// is shown as uncertain as it is. Pure arithmetic on the report's ground floor (it imports
// nothing), so the dashboard, the workbook and the rules (through domain/evidence.ts) share it.

/** The z of a two-sided 95 % interval or test. */
export const Z95 = 1.96;

/** Returns the Wilson score interval [low, high] of `k` of `n`, or null without a base. */
export function wilson(k: number, n: number, z = Z95): [number, number] | null {
  if (!(n > 0)) return null;
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Returns the 95 % Wilson score interval [low, high] of `rate` out of `n`, or null without a base. */
export function rateInterval(rate: number | null, n: number, z = Z95): [number, number] | null {
  if (rate === null) return null;
  return wilson(rate * n, n, z);
}

/**
 * The verdicts of a lift (a difference of two rates), declared here so the report contract can
 * name them; domain/evidence.ts decides them. too_few: either group below the minimum base;
 * within_noise: the 95 % interval of the difference covers 0; higher / lower: it does not.
 */
export const LIFT_VERDICTS = ['too_few', 'within_noise', 'higher', 'lower'] as const;
export type LiftVerdict = (typeof LIFT_VERDICTS)[number];
