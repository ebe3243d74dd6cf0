// The inputs of the "if this continues" projection, fitted from the business's own year
// ending D: active customers and their spend by tenure year, recent acquisition, and the
// yearly reactivation rate of dormant customers. Retention by tenure comes from tenure.ts.
import { SQL, num, ratio, type MetricContext } from './context.js';
import { one } from './query.js';
import type { TenureSpend, ProjectionInputs } from '../../report/index.js';

// The section types are the report contract's (src/report); re-exported for the callers here.
export type { TenureSpend, ProjectionInputs };

// One grouping of the revenue events by customer serves every input: spend by tenure of the
// active customers, the acquisition counts, the dormant pool and the reactivated revenue.
const INPUTS = `
  WITH p AS (
    SELECT o.customer_id, ${SQL.day('o.ordered_at')} AS d, o.amount, ${SQL.isPurchase} AS is_p FROM orders o
    WHERE ${SQL.isRevenueEvent} AND o.customer_id IS NOT NULL AND ${SQL.day('o.ordered_at')} <= $as_of::DATE
  ), c AS MATERIALIZED (
    SELECT customer_id, min(d) FILTER (WHERE is_p) AS first_d,
      bool_or(is_p AND d >= $as_of::DATE - 364) AS cur,
      bool_or(is_p AND d BETWEEN $as_of::DATE - 729 AND $as_of::DATE - 365) AS base,
      sum(amount) FILTER (WHERE d >= $as_of::DATE - 364) AS rev
    FROM p GROUP BY customer_id
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
  FROM c WHERE first_d IS NOT NULL`;

/** Returns the projection inputs fitted on the year ending ctx.asOf. */
export async function projectionInputs(ctx: MetricContext): Promise<ProjectionInputs> {
  const pool = await one(ctx, INPUTS);
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
