// Retention by tenure year (SPEC §3): of the customers who bought in their k-th year since
// the first purchase, the share who buy again in year k+1. Year k of a customer whose first
// purchase fell on f is [f + 365(k−1), f + 365k − 1]; only transitions whose year k+1 has
// fully elapsed by D are counted, so young customers never dilute the rate.
import { num, ratio, type MetricContext } from './context.js';
import { customerSummary } from './customer-summary.js';
import { rows } from './query.js';
import type { TenureRetention } from '../../report/index.js';

// The section types are the report contract's (src/report); re-exported for the callers here.
export type { TenureRetention };

// Each customer's tenure years with a purchase are one bit mask (bit k−1 for year k), so the
// transitions are counted over customers × years, from the summary's purchase dates.
const tenureSql = (from: string) => `
  WITH c AS (
    SELECT pd[1] AS f,
           list_aggregate(list_transform(pd, x -> 1::UBIGINT << least((x - pd[1]) // 365, 63)), 'bit_or') AS years
    FROM ${from} WHERE len(pd) > 0
  )
  SELECT r.k + 2 AS tenure_year, count(*) AS base,
         count(*) FILTER (WHERE (c.years >> (r.k + 1)) & 1 = 1) AS retained
  FROM c, range(0, (SELECT least(($as_of::DATE - min(f)) // 365, 62) FROM c)) r(k)
  WHERE (c.years >> r.k) & 1 = 1 AND c.f + CAST(365 * (r.k + 2) - 1 AS INTEGER) <= $as_of::DATE
  GROUP BY r.k ORDER BY r.k`;

/** Returns retention by tenure year (2, 3, …) with the settings' targets for years 2 and 3. */
export async function tenureRetention(ctx: MetricContext): Promise<TenureRetention[]> {
  const targets: Record<number, number> = {
    2: ctx.settings.retention_targets.year2,
    3: ctx.settings.retention_targets.year3,
  };
  return (await rows(ctx, tenureSql(customerSummary(ctx)))).map((r) => {
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
