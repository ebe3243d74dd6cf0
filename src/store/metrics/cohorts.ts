// Cohort matrix (SPEC §3): customers grouped by the month of their first purchase; for each
// cohort and age in months: share active, purchases, revenue and cumulative revenue per
// customer (the historical LTV curve). Age 0 is the month of the first purchase.
import { num, ratio, type MetricContext } from './context.js';
import { cohortMonths, customerSummary } from './customer-summary.js';
import { rows } from './query.js';
import { addMonths, monthOf } from '../../domain/dates.js';
import type { CohortCell, Cohort } from '../../report/index.js';

// The section types are the report contract's (src/report); re-exported for the callers here.
export type { CohortCell, Cohort };

// A cohort's customers, purchases and active customers per age from the summary's purchase
// dates (each customer's distinct purchase ages counted once), the revenue per age from the
// cohort × month table (customer-summary.ts).
const cohortsSql = (from: string, months: string) => `
  WITH f AS (
    SELECT date_trunc('month', pd[1]) AS cohort, pd FROM ${from} WHERE len(pd) > 0
  ), sized AS (
    SELECT cohort, count(*) AS customers FROM f WHERE cohort >= $first::DATE GROUP BY 1
  ), ages AS (
    SELECT cohort, list_transform(pd, x -> date_diff('month', cohort, date_trunc('month', x))) AS ages
    FROM f WHERE cohort >= $first::DATE
  ), counts AS (
    SELECT cohort, age, count(*) AS purchases
    FROM (SELECT cohort, unnest(ages) AS age FROM ages) GROUP BY 1, 2
  ), act AS (
    SELECT cohort, age, count(*) AS active_customers
    FROM (SELECT cohort, unnest(list_distinct(ages)) AS age FROM ages) GROUP BY 1, 2
  ), rev AS (
    SELECT cohort, date_diff('month', cohort, month) AS age, sum(revenue) AS revenue
    FROM ${months} WHERE cohort >= $first::DATE GROUP BY 1, 2
  ), grid AS (
    SELECT s.cohort, s.customers, CAST(a.age AS BIGINT) AS age
    FROM sized s, generate_series(0, date_diff('month', $first::DATE, $as_of::DATE)) a(age)
    WHERE s.cohort + to_months(CAST(a.age AS INTEGER)) <= $as_of::DATE
  )
  SELECT strftime(g.cohort, '%Y-%m') AS cohort, g.customers, g.age,
    coalesce(a.active_customers, 0) AS active_customers,
    coalesce(p.purchases, 0) AS purchases,
    coalesce(r.revenue, 0) AS revenue,
    sum(coalesce(r.revenue, 0)) OVER (PARTITION BY g.cohort ORDER BY g.age) AS cumulative_revenue
  FROM grid g
  LEFT JOIN act a ON a.cohort = g.cohort AND a.age = g.age
  LEFT JOIN counts p ON p.cohort = g.cohort AND p.age = g.age
  LEFT JOIN rev r ON r.cohort = g.cohort AND r.age = g.age
  ORDER BY g.cohort, g.age`;

/** Returns monthly cohorts of the last `months` months (to ctx.asOf) with their age cells. */
export async function cohortMatrix(ctx: MetricContext, months = 24): Promise<Cohort[]> {
  const first = addMonths(monthOf(ctx.asOf), -(months - 1));
  const out = new Map<string, Cohort>();
  const sql = cohortsSql(customerSummary(ctx), cohortMonths(ctx, first));
  for (const r of await rows(ctx, sql, { first })) {
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
