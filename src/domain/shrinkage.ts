// Shrinkage of rates measured on groups of very different size along an ordered axis
// (retention by tenure year: thousands of customers in year 2, three in year 6). Each group's
// rate k/n is pulled toward the estimate of the group before it by a beta prior worth
// `strength` customers: a year measured on n customers weighs n against that many at the
// previous year's rate. Well-measured years keep their rates; a rate from a handful of
// customers stays close to its neighbour, so 100 % from 3 customers does not become the
// forecast's tail. The previous group, not the pool of all groups, is the prior: retention
// rises with tenure and the pool is dominated by the largest (earliest) year, so shrinking
// toward it would drag every later year down (on the simulated years of shrinkage.test.ts: 2.4×
// the raw rates' squared error, against 0.2× for the year before).

/** A measured rate: `k` of `n`. */
export interface Count {
  n: number;
  k: number;
}

/**
 * Returns the shrunk rate of each group, in order; null before the first group with any n.
 * A group with n = 0 takes the previous estimate.
 */
export function shrinkAlong(groups: Count[], strength: number): (number | null)[] {
  let prior: number | null = null;
  return groups.map((g) => {
    if (prior === null) {
      if (g.n <= 0) return null;
      prior = g.k / g.n;
      return prior;
    }
    prior = (g.k + strength * prior) / (g.n + strength);
    return prior;
  });
}
