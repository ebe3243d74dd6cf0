// Daily series for the list diagnosis: active customers A(d) and trailing 365-day revenue for
// every day d in [from, D]. Each purchase day keeps its customer active for 365 days; a
// customer's overlapping spans are merged into islands so each day is counted once: an island
// starts at a purchase more than 364 days after the previous one (+1) and ends 365 days after a
// purchase more than 364 days before the next (−1), both read from one window pass; the events
// are summed over the calendar — no per-day rescans.
import { SQL, num, type MetricContext } from './context.js';
import { rows } from './query.js';
import { addDays } from '../../domain/dates.js';
import type { SeriesPoint } from '../../report/index.js';

// The section types are the report contract's (src/report); re-exported for the callers here.
export type { SeriesPoint };

const SERIES = `
  WITH pd AS (
    -- Not DISTINCT: a repeated day has lag (or lead) equal to itself, so only the first of
    -- them can start an island and only the last can end one.
    SELECT o.customer_id, ${SQL.day('o.ordered_at')} AS d
    FROM orders o
    WHERE ${SQL.isPurchase} AND o.customer_id IS NOT NULL
      -- A(d) for d ≥ from reads only purchases in [from − 364, D]; islands cut at from − 364
      -- are wrong only on days before from, which are not returned.
      AND ${SQL.day('o.ordered_at')} BETWEEN $from::DATE - 364 AND $as_of::DATE
  ), gaps AS (
    SELECT d, lag(d) OVER w AS prev_d, lead(d) OVER w AS next_d
    FROM pd WINDOW w AS (PARTITION BY customer_id ORDER BY d)
  ), events AS (
    SELECT d AS day, 1 AS delta FROM gaps WHERE prev_d IS NULL OR d - prev_d > 364
    UNION ALL SELECT d + 365 AS day, -1 AS delta FROM gaps WHERE next_d IS NULL OR next_d - d > 364
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
  ), daily AS (
    SELECT cal.day,
      sum(coalesce(deltas.delta, 0)) OVER (ORDER BY cal.day) AS active_customers,
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
