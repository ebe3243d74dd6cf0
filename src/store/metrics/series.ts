// Daily series for the list diagnosis: active customers A(d) and trailing 365-day revenue for
// every day d in [from, D]. Each purchase day keeps its customer active for 365 days; a
// customer's overlapping spans are merged into islands so each day is counted once, then
// +1/−1 events are summed over the calendar — one pass, no per-day rescans.
import { SQL, num, type MetricContext } from './context.js';
import { rows } from './query.js';
import { addDays } from '../../domain/dates.js';

export interface SeriesPoint {
  date: string;
  active_customers: number;
  trailing_revenue: number;
}

const SERIES = `
  WITH pd AS (
    SELECT DISTINCT o.customer_id, ${SQL.day('o.ordered_at')} AS d
    FROM orders o
    WHERE ${SQL.isPurchase} AND o.customer_id IS NOT NULL AND ${SQL.day('o.ordered_at')} <= $as_of::DATE
  ), gaps AS (
    SELECT customer_id, d,
      CASE WHEN lag(d) OVER w IS NULL OR d - lag(d) OVER w > 364 THEN 1 ELSE 0 END AS starts
    FROM pd WINDOW w AS (PARTITION BY customer_id ORDER BY d)
  ), islands AS (
    SELECT customer_id, d, sum(starts) OVER (PARTITION BY customer_id ORDER BY d) AS island FROM gaps
  ), spans AS (
    SELECT min(d) AS s, max(d) + 365 AS e FROM islands GROUP BY customer_id, island
  ), events AS (
    SELECT s AS day, 1 AS delta FROM spans
    UNION ALL SELECT e AS day, -1 AS delta FROM spans
  ), deltas AS (
    SELECT day, sum(delta) AS delta FROM events GROUP BY day
  ), rev AS (
    SELECT ${SQL.day('o.ordered_at')} AS day, sum(o.amount) AS amount
    FROM orders o
    WHERE ${SQL.isRevenueEvent} AND o.customer_id IS NOT NULL
      AND ${SQL.day('o.ordered_at')} BETWEEN $from::DATE - 364 AND $as_of::DATE
    GROUP BY 1
  ), cal AS (
    SELECT CAST(g AS DATE) AS day FROM generate_series($from::DATE - 364, $as_of::DATE, INTERVAL 1 DAY) t(g)
  ), before AS (
    SELECT coalesce(sum(delta), 0) AS n FROM deltas WHERE day < $from::DATE - 364
  ), daily AS (
    SELECT cal.day,
      (SELECT n FROM before) + sum(coalesce(deltas.delta, 0)) OVER (ORDER BY cal.day) AS active_customers,
      sum(coalesce(rev.amount, 0)) OVER (ORDER BY cal.day ROWS BETWEEN 364 PRECEDING AND CURRENT ROW) AS trailing_revenue
    FROM cal LEFT JOIN deltas ON deltas.day = cal.day LEFT JOIN rev ON rev.day = cal.day
  )
  SELECT strftime(day, '%Y-%m-%d') AS date, active_customers, trailing_revenue
  FROM daily WHERE day >= $from::DATE ORDER BY day`;

/** Returns A(d) and trailing-year revenue for each day of the `days` days ending ctx.asOf. */
export async function dailySeries(ctx: MetricContext, days = 730): Promise<SeriesPoint[]> {
  const from = addDays(ctx.asOf, -(days - 1));
  const r = await rows(ctx, SERIES, { from });
  return r.map((x) => ({
    date: String(x.date),
    active_customers: num(x.active_customers) ?? 0,
    trailing_revenue: num(x.trailing_revenue) ?? 0,
  }));
}
