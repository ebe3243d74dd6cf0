// Pure definitions behind the distribution metrics: the months of the response analysis, and
// reference implementations of the concentration measures (the store computes the same in SQL
// from a grouped distribution; tests check one against the other).
import { addDays, addMonths, monthOf } from './dates.js';

export interface ResponseMonths {
  /** First day of the first calendar month with contacts in the response period. */
  first: string;
  /** Number of calendar months from `first` to the month of the period's last day (0: none). */
  count: number;
}

/**
 * Returns the calendar months of the response period [D−364, D−(w−1)]: contacts sent in it have
 * their whole w-day response window on or before D.
 */
export function responseMonths(asOf: string, windowDays: number): ResponseMonths {
  const start = addDays(asOf, -364);
  const end = addDays(asOf, -(windowDays - 1));
  const first = `${monthOf(start)}-01`;
  if (end < start) return { first, count: 0 };
  let count = 0;
  while (addMonths(monthOf(start), count) <= end) count++;
  return { first, count };
}

/**
 * Returns the Gini coefficient of non-negative values (zeros included):
 * G = Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² x̄), equivalently 2·Σ i·x₍ᵢ₎ / (n·Σx) − (n+1)/n over the values
 * sorted ascending with ranks i = 1…n. 0 when all are equal, (n−1)/n when one holds everything
 * ([0,0,0,10] → 0.75). null when the sum is 0 or there are no values.
 */
export function gini(values: readonly number[]): number | null {
  const n = values.length;
  const total = values.reduce((a, b) => a + b, 0);
  if (n === 0 || total === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const ranked = sorted.reduce((a, x, i) => a + (i + 1) * x, 0);
  return (2 * ranked) / (n * total) - (n + 1) / n;
}

/**
 * Returns the share of the total held by the largest `fraction` of the values, counting a
 * fractional last holder (1 − L(1 − fraction) on the Lorenz curve): for [0,0,0,10] the top 10 %
 * is 0.4 of a holder of 10 → 0.4. null when the sum is 0 or there are no values.
 */
export function topShare(values: readonly number[], fraction = 0.1): number | null {
  const total = values.reduce((a, b) => a + b, 0);
  if (values.length === 0 || total === 0) return null;
  const sorted = [...values].sort((a, b) => b - a);
  let room = fraction * values.length;
  let held = 0;
  for (const x of sorted) {
    if (room <= 0) break;
    held += x * Math.min(1, room);
    room -= 1;
  }
  return held / total;
}
