// Cohort matrix (SPEC §3): customers grouped by the month of their first purchase; for each
// cohort and age in months: share active, purchases, revenue and cumulative revenue per
// customer (the historical LTV curve). Age 0 is the month of the first purchase.
import { SQL, num, ratio, type MetricContext } from './context.js';
import { rows } from './query.js';
import { addMonths, monthOf } from '../../domain/dates.js';
import type { CohortCell, Cohort } from '../../report/index.js';

// The section types are the report contract's (src/report); re-exported for the callers here.
export type { CohortCell, Cohort };

const COHORTS = `
  WITH f AS (
    SELECT o.customer_id, date_trunc('month', min(${SQL.day('o.ordered_at')})) AS cohort
    FROM orders o
    WHERE ${SQL.isPurchase} AND o.customer_id IS NOT NULL AND ${SQL.day('o.ordered_at')} <= $as_of::DATE
    GROUP BY 1
  ), sized AS (
    SELECT cohort, count(*) AS customers FROM f WHERE cohort >= $first::DATE GROUP BY 1
  ), ev AS (
    SELECT f.cohort, f.customer_id,
      date_diff('month', f.cohort, date_trunc('month', ${SQL.day('o.ordered_at')})) AS age,
      ${SQL.isPurchase} AS is_purchase, o.amount
    FROM orders o JOIN f ON f.customer_id = o.customer_id
    WHERE ${SQL.isRevenueEvent} AND ${SQL.day('o.ordered_at')} <= $as_of::DATE AND f.cohort >= $first::DATE
  ), cells AS (
    -- Per customer first, then per cell: cheaper than a DISTINCT count per cell.
    SELECT cohort, age, count(*) FILTER (WHERE purchases > 0) AS active_customers,
      sum(purchases) AS purchases, sum(revenue) AS revenue
    FROM (SELECT cohort, age, customer_id, count(*) FILTER (WHERE is_purchase) AS purchases, sum(amount) AS revenue
          FROM ev GROUP BY 1, 2, 3)
    GROUP BY 1, 2
  ), grid AS (
    SELECT s.cohort, s.customers, CAST(a.age AS BIGINT) AS age
    FROM sized s, generate_series(0, date_diff('month', $first::DATE, $as_of::DATE)) a(age)
    WHERE s.cohort + to_months(CAST(a.age AS INTEGER)) <= $as_of::DATE
  )
  SELECT strftime(g.cohort, '%Y-%m') AS cohort, g.customers, g.age,
    coalesce(c.active_customers, 0) AS active_customers,
    coalesce(c.purchases, 0) AS purchases,
    coalesce(c.revenue, 0) AS revenue,
    sum(coalesce(c.revenue, 0)) OVER (PARTITION BY g.cohort ORDER BY g.age) AS cumulative_revenue
  FROM grid g LEFT JOIN cells c ON c.cohort = g.cohort AND c.age = g.age
  ORDER BY g.cohort, g.age`;

/** Returns monthly cohorts of the last `months` months (to ctx.asOf) with their age cells. */
export async function cohortMatrix(ctx: MetricContext, months = 24): Promise<Cohort[]> {
  const first = addMonths(monthOf(ctx.asOf), -(months - 1));
  const out = new Map<string, Cohort>();
  for (const r of await rows(ctx, COHORTS, { first })) {
    const name = String(r.cohort);
    const customers = num(r.customers) ?? 0;
    let c = out.get(name);
    if (!c) out.set(name, (c = { cohort: name, customers, cells: [] }));
    const active = num(r.active_customers) ?? 0;
    c.cells.push({
      age: num(r.age) ?? 0,
      active_customers: active,
      active_share: ratio(active, customers),
      purchases: num(r.purchases) ?? 0,
      revenue: num(r.revenue) ?? 0,
      cumulative_revenue_per_customer: ratio(num(r.cumulative_revenue), customers),
    });
  }
  return [...out.values()];
}
