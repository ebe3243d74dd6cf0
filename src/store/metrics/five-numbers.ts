// The monthly five numbers of SPEC §4 (seed 000), for each of the last months up to D.
// The month containing D is counted to date.
import { num, ratio, type MetricContext } from './context.js';
import { cohortMonths, customerSummary } from './customer-summary.js';
import { rows } from './query.js';
import { addMonths, monthOf } from '../../domain/dates.js';
import type { FiveNumbersCounts } from '../../report/index.js';

// The section types are the report contract's (src/report); re-exported for the callers here.
export type { FiveNumbersCounts };

// Existing and new customers of a month from the summary's purchase dates (each customer's
// distinct purchase months), their revenue from the cohort × month table: a customer whose first
// purchase fell in an earlier month is existing, in the month itself new. Total customers is a
// running count of first services by month. Orders after D are left out everywhere.
const fiveSql = (from: string, months: string) => `
  WITH m AS (
    SELECT CAST(g AS DATE) AS m_start,
           least(CAST(g + INTERVAL 1 MONTH AS DATE) - 1, $as_of::DATE) AS m_end
    FROM generate_series($first::DATE, date_trunc('month', $as_of::DATE), INTERVAL 1 MONTH) t(g)
  ), s AS (
    SELECT date_trunc('month', first_service_d) AS m_start FROM ${from} WHERE first_service_d IS NOT NULL
  ), totals AS (
    SELECT m.m_start, (SELECT count(*) FROM s WHERE s.m_start < $first::DATE)
             + sum(coalesce(n.n, 0)) OVER (ORDER BY m.m_start) AS total_customers
    FROM m LEFT JOIN (SELECT m_start, count(*) AS n FROM s GROUP BY 1) n ON n.m_start = m.m_start
  ), bought AS (
    SELECT pd[1] AS first_d,
           unnest(list_distinct(list_transform(list_filter(pd, x -> x >= $first::DATE),
                                               x -> CAST(date_trunc('month', x) AS DATE)))) AS m_start
    FROM ${from} WHERE pd[-1] >= $first::DATE
  ), counts AS (
    SELECT m_start, count(*) FILTER (WHERE first_d < m_start) AS existing_customers,
           count(*) FILTER (WHERE first_d >= m_start) AS new_customers
    FROM bought GROUP BY 1
  ), rev AS (
    SELECT CAST(month AS DATE) AS m_start,
           sum(purchase_amount) FILTER (WHERE cohort < month) AS existing_revenue,
           sum(purchase_amount) FILTER (WHERE cohort = month) AS new_revenue
    FROM ${months} WHERE month >= $first::DATE AND cohort IS NOT NULL GROUP BY 1
  )
  SELECT strftime(m.m_start, '%Y-%m') AS month, m.m_end < CAST(m.m_start + INTERVAL 1 MONTH AS DATE) - 1 AS mtd,
    t.total_customers,
    coalesce(c.existing_customers, 0) AS existing_customers,
    coalesce(c.new_customers, 0) AS new_customers,
    coalesce(r.existing_revenue, 0) AS existing_revenue,
    coalesce(r.new_revenue, 0) AS new_revenue
  FROM m JOIN totals t ON t.m_start = m.m_start
  LEFT JOIN counts c ON c.m_start = m.m_start
  LEFT JOIN rev r ON r.m_start = m.m_start
  ORDER BY m.m_start`;

/** Returns the five numbers for each of the `months` months ending with the month of ctx.asOf. */
export async function fiveNumbersByMonth(
  ctx: MetricContext,
  months = 13,
): Promise<FiveNumbersCounts[]> {
  const first = addMonths(monthOf(ctx.asOf), -(months - 1));
  const sql = fiveSql(customerSummary(ctx), cohortMonths(ctx, first));
  return (await rows(ctx, sql, { first })).map((r) => {
    const existing = num(r.existing_customers) ?? 0;
    const fresh = num(r.new_customers) ?? 0;
    const existingRevenue = num(r.existing_revenue) ?? 0;
    const newRevenue = num(r.new_revenue) ?? 0;
    return {
      month: String(r.month),
      month_to_date: Boolean(r.mtd),
      total_customers: num(r.total_customers) ?? 0,
      existing_customers: existing,
      new_customers: fresh,
      existing_avg_spend: ratio(existingRevenue, existing),
      new_avg_spend: ratio(newRevenue, fresh),
      existing_revenue: existingRevenue,
      new_revenue: newRevenue,
      revenue: existingRevenue + newRevenue,
    };
  });
}
