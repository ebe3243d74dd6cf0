// Retention by tenure year (SPEC §3): of the customers who bought in their k-th year since
// the first purchase, the share who buy again in year k+1. Year k of a customer whose first
// purchase fell on f is [f + 365(k−1), f + 365k − 1]; only transitions whose year k+1 has
// fully elapsed by D are counted, so young customers never dilute the rate.
import { SQL, num, ratio, type MetricContext } from './context.js';
import { rows } from './query.js';
import type { TenureRetention } from '../../report/index.js';

// The section types are the report contract's (src/report); re-exported for the callers here.
export type { TenureRetention };

// Each customer's tenure years with a purchase are one bit mask (bit k−1 for year k), so the
// transitions are counted over customers × years, without a self-join of purchase days.
const TENURE = `
  WITH p AS (
    SELECT o.customer_id, ${SQL.day('o.ordered_at')} AS d FROM orders o
    WHERE ${SQL.isPurchase} AND o.customer_id IS NOT NULL AND ${SQL.day('o.ordered_at')} <= $as_of::DATE
  ), f AS (
    SELECT customer_id, min(d) AS f FROM p GROUP BY customer_id
  ), c AS (
    SELECT any_value(f.f) AS f, bit_or(1::UBIGINT << least((p.d - f.f) // 365, 63)) AS years
    FROM p JOIN f USING (customer_id) GROUP BY p.customer_id
  )
  SELECT r.k + 2 AS tenure_year, count(*) AS base,
         count(*) FILTER (WHERE (c.years >> (r.k + 1)) & 1 = 1) AS retained
  FROM c, range(0, (SELECT least(($as_of::DATE - min(f)) // 365, 62) FROM f)) r(k)
  WHERE (c.years >> r.k) & 1 = 1 AND c.f + CAST(365 * (r.k + 2) - 1 AS INTEGER) <= $as_of::DATE
  GROUP BY r.k ORDER BY r.k`;

/** Returns retention by tenure year (2, 3, …) with the settings' targets for years 2 and 3. */
export async function tenureRetention(ctx: MetricContext): Promise<TenureRetention[]> {
  const targets: Record<number, number> = {
    2: ctx.settings.retention_targets.year2,
    3: ctx.settings.retention_targets.year3,
  };
  return (await rows(ctx, TENURE)).map((r) => {
    const year = num(r.tenure_year) ?? 0;
    const base = num(r.base) ?? 0;
    const retained = num(r.retained) ?? 0;
    return {
      tenure_year: year,
      base,
      retained,
      retention_rate: ratio(retained, base),
      target: targets[year] ?? null,
    };
  });
}
