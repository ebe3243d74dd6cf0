// Cohort matrix (SPEC §3): customers grouped by the month of their first purchase; for each
// cohort and age in months: share active, purchases, revenue and cumulative revenue per
// customer (the historical LTV curve). Age 0 is the month of the first purchase.
import { num, ratio, type MetricContext } from './context.js';
import { customerSummary } from './customer-summary.js';
import { rows } from './query.js';
import { addMonths, monthOf } from '../../domain/dates.js';
import type { CohortCell, Cohort } from '../../report/index.js';

// The section types are the report contract's (src/report); re-exported for the callers here.
export type { CohortCell, Cohort };

// From the summary: a cohort's customers, the month age of each purchase and return, and per
// cell the customers with a purchase (each customer's distinct purchase ages, counted once).
const cohortsSql = (from: string) => `
  WITH f AS (
    SELECT date_trunc('month', pd[1]) AS cohort, pd, pa, rd, ra FROM ${from} WHERE len(pd) > 0
  ), sized AS (
    SELECT cohort, count(*) AS customers FROM f WHERE cohort >= $first::DATE GROUP BY 1
  ), ages AS (
    SELECT cohort,
           list_transform(pd, x -> date_diff('month', cohort, date_trunc('month', x))) AS p_age, pa,
           list_transform(rd, x -> date_diff('month', cohort, date_trunc('month', x))) AS r_age, ra
    FROM f WHERE cohort >= $first::DATE
  ), ev AS (
    SELECT cohort, unnest(p_age) AS age, 1 AS purchase, unnest(pa) AS amount FROM ages
    UNION ALL SELECT cohort, unnest(r_age), 0, unnest(ra) FROM ages
  ), act AS (
    SELECT cohort, age, count(*) AS active_customers
    FROM (SELECT cohort, unnest(list_distinct(p_age)) AS age FROM ages) GROUP BY 1, 2
  ), cells AS (
    SELECT e.cohort, e.age, any_value(a.active_customers) AS active_customers,
           sum(e.purchase) AS purchases, sum(e.amount) AS revenue
    FROM ev e LEFT JOIN act a ON a.cohort = e.cohort AND a.age = e.age
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
  for (const r of await rows(ctx, cohortsSql(customerSummary(ctx)), { first })) {
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
