// The monthly five numbers of SPEC §4 (seed 000), for each of the last months up to D.
// The month containing D is counted to date.
import { SQL, num, ratio, type MetricContext } from './context.js';
import { rows } from './query.js';
import { addMonths, monthOf } from '../../domain/dates.js';

export interface FiveNumbersCounts {
  month: string;
  /** Whether the month is cut at the as-of date (month to date). */
  month_to_date: boolean;
  total_customers: number;
  existing_customers: number;
  new_customers: number;
  existing_avg_spend: number | null;
  new_avg_spend: number | null;
  existing_revenue: number;
  new_revenue: number;
  /** All identified purchase revenue of the month (existing + new). */
  revenue: number;
}

const FIVE = `
  WITH m AS (
    SELECT CAST(g AS DATE) AS m_start,
           least(CAST(g + INTERVAL 1 MONTH AS DATE) - 1, $as_of::DATE) AS m_end
    FROM generate_series($first::DATE, date_trunc('month', $as_of::DATE), INTERVAL 1 MONTH) t(g)
  ), p AS (
    SELECT o.customer_id, ${SQL.day('o.ordered_at')} AS d, o.amount FROM orders o
    WHERE ${SQL.isPurchase} AND o.customer_id IS NOT NULL AND ${SQL.day('o.ordered_at')} <= $as_of::DATE
  ), f AS (
    SELECT customer_id, min(d) AS first_d FROM p GROUP BY 1
  ), s AS (
    SELECT o.customer_id, min(${SQL.day('o.ordered_at')}) AS first_service FROM orders o
    WHERE ${SQL.isService} AND o.customer_id IS NOT NULL GROUP BY 1
  ), per AS (
    SELECT m.m_start, p.customer_id, sum(p.amount) AS amount, min(f.first_d) AS first_d
    FROM m JOIN p ON p.d BETWEEN m.m_start AND m.m_end JOIN f USING (customer_id)
    GROUP BY 1, 2
  )
  SELECT strftime(m.m_start, '%Y-%m') AS month, m.m_end < CAST(m.m_start + INTERVAL 1 MONTH AS DATE) - 1 AS mtd,
    (SELECT count(*) FROM s WHERE s.first_service <= m.m_end) AS total_customers,
    count(per.customer_id) FILTER (WHERE per.first_d < m.m_start) AS existing_customers,
    count(per.customer_id) FILTER (WHERE per.first_d >= m.m_start) AS new_customers,
    coalesce(sum(per.amount) FILTER (WHERE per.first_d < m.m_start), 0) AS existing_revenue,
    coalesce(sum(per.amount) FILTER (WHERE per.first_d >= m.m_start), 0) AS new_revenue
  FROM m LEFT JOIN per ON per.m_start = m.m_start
  GROUP BY m.m_start, m.m_end ORDER BY m.m_start`;

/** Returns the five numbers for each of the `months` months ending with the month of ctx.asOf. */
export async function fiveNumbersByMonth(ctx: MetricContext, months = 13): Promise<FiveNumbersCounts[]> {
  const first = addMonths(monthOf(ctx.asOf), -(months - 1));
  return (await rows(ctx, FIVE, { first })).map((r) => {
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
