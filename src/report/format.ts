// Reading a rate with its base: the 95 % Wilson interval of a share of n, so a rate of 3 of 4
// is shown as uncertain as it is. The arithmetic is domain/evidence.ts's.
import { Z95, wilson } from '../domain/evidence.js';

/** Returns the 95 % Wilson score interval [low, high] of `rate` out of `n`, or null without a base. */
export function rateInterval(rate: number | null, n: number, z = Z95): [number, number] | null {
  if (rate === null) return null;
  return wilson(rate * n, n, z);
}
