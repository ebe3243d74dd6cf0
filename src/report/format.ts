// Reading a rate with its base: the 95 % Wilson interval of a share of n, so a rate of 3 of 4
// is shown as uncertain as it is. Pure arithmetic for the dashboard, the workbook and the docs.

/** Returns the 95 % Wilson score interval [low, high] of `rate` out of `n`, or null without a base. */
export function rateInterval(rate: number | null, n: number, z = 1.96): [number, number] | null {
  if (rate === null || !(n > 0)) return null;
  const z2 = z * z;
  const centre = (rate + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((rate * (1 - rate)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
