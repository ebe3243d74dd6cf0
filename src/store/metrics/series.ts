// Daily series for the list diagnosis: active customers A(d) and trailing 365-day revenue for
// every day d in [from, D]. Each purchase day keeps its customer active for 365 days; a
// customer's overlapping spans are merged into islands so each day is counted once: an island
// starts at a purchase more than 364 days after the previous one (+1) and ends 365 days after a
// purchase more than 364 days before the next (−1), both read from each customer's sorted
// purchase dates in the summary; the events and the daily revenue totals are summed over the
// calendar — no per-day rescans.
import { num, type MetricContext } from './context.js';
import { customerSummary, dailyTotals } from './customer-summary.js';
import { rows } from './query.js';
import { addDays } from '../../domain/dates.js';
import type { SeriesPoint } from '../../report/index.js';

// The section types are the report contract's (src/report); re-exported for the callers here.
export type { SeriesPoint };

// A(d) for d ≥ from reads only purchases in [from − 364, D]; islands cut at from − 364 are
// wrong only on days before from, which are not returned. A repeated day is kept in pd, so only
// the first of them can start an island (its predecessor is itself) and only the last end one.
const seriesSql = (from: string, daily: string) => `
  WITH w AS (
    SELECT list_filter(pd, x -> x BETWEEN $from::DATE - 364 AND $as_of::DATE) AS w FROM ${from}
  ), events AS (
    SELECT unnest(list_filter(w, (x, i) -> i = 1 OR x - w[i - 1] > 364)) AS day, 1 AS delta FROM w
    UNION ALL
    SELECT unnest(list_transform(list_filter(w, (x, i) -> i = len(w) OR w[i + 1] - x > 364), x -> x + 365)), -1 FROM w
  ), deltas AS (
    SELECT day, sum(delta) AS delta FROM events GROUP BY day
  ), rev AS (
    SELECT day, revenue AS amount FROM ${daily}
    WHERE revenue IS NOT NULL AND day BETWEEN $from::DATE - 364 AND $as_of::DATE
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
  const r = await rows(ctx, seriesSql(customerSummary(ctx), dailyTotals(ctx)), { from });
  return r.map((x) => ({
    date: String(x.date),
    active_customers: num(x.active_customers) ?? 0,
    trailing_revenue: num(x.trailing_revenue) ?? 0,
  }));
}
