// The inputs of the "if this continues" projection, fitted from the business's own year
// ending D: active customers and their spend by tenure year, recent acquisition, and the
// yearly reactivation rate of dormant customers. Retention by tenure comes from tenure.ts.
import { num, ratio, type MetricContext } from './context.js';
import { customerSummary } from './customer-summary.js';
import { one } from './query.js';
import type { TenureSpend, ProjectionInputs } from '../../report/index.js';

// The section types are the report contract's (src/report); re-exported for the callers here.
export type { TenureSpend, ProjectionInputs };

// The per-customer summary (customer-summary.ts) serves every input: spend by tenure of the
// active customers, the acquisition counts, the dormant pool and the reactivated revenue.
const inputsSql = (from: string) => `
  WITH c AS MATERIALIZED (
    SELECT pd[1] AS first_d,
      len(list_filter(pd, x -> x >= $as_of::DATE - 364)) > 0 AS cur,
      len(list_filter(pd, x -> x BETWEEN $as_of::DATE - 729 AND $as_of::DATE - 365)) > 0 AS base,
      revenue_year AS rev
    FROM ${from} WHERE len(pd) > 0
  ), t AS (
    SELECT ($as_of::DATE - first_d) // 365 + 1 AS tenure_year, count(*) AS active_customers, sum(rev) AS revenue
    FROM c WHERE cur GROUP BY 1
  )
  SELECT
    (SELECT list(t ORDER BY t.tenure_year) FROM t) AS by_tenure,
    count(*) FILTER (WHERE first_d >= $as_of::DATE - 364) AS new_last,
    count(*) FILTER (WHERE first_d BETWEEN $as_of::DATE - 729 AND $as_of::DATE - 365) AS new_prev,
    count(*) FILTER (WHERE first_d <= $as_of::DATE - 365 AND NOT base AND NOT cur) AS dormant_now,
    count(*) FILTER (WHERE first_d < $as_of::DATE - 729 AND NOT base) AS dormant_at_start,
    count(*) FILTER (WHERE first_d < $as_of::DATE - 729 AND NOT base AND cur) AS reactivated,
    coalesce(sum(rev) FILTER (WHERE first_d < $as_of::DATE - 729 AND NOT base AND cur), 0) AS re_rev
  FROM c`;

/** Returns the projection inputs fitted on the year ending ctx.asOf. */
export async function projectionInputs(ctx: MetricContext): Promise<ProjectionInputs> {
  const pool = await one(ctx, inputsSql(customerSummary(ctx)));
  const t = ((pool.by_tenure ?? []) as Record<string, unknown>[]).map((r) => {
    const active = num(r.active_customers) ?? 0;
    const revenue = num(r.revenue) ?? 0;
    return {
      tenure_year: num(r.tenure_year) ?? 0,
      active_customers: active,
      revenue,
      annual_spend_per_active: ratio(revenue, active),
    };
  });
  const reactivated = num(pool.reactivated) ?? 0;
  return {
    by_tenure: t,
    new_customers_last_year: num(pool.new_last) ?? 0,
    new_customers_prev_year: num(pool.new_prev) ?? 0,
    dormant_customers: num(pool.dormant_now) ?? 0,
    reactivation_rate: ratio(reactivated, num(pool.dormant_at_start)),
    reactivated_spend_per_customer: ratio(num(pool.re_rev), reactivated),
  };
}
