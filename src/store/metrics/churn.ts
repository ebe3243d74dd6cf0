// Churn breakdown for the customer diagnosis (SPEC §6 A): of the retention base (customers
// who bought in the year ending D−365), who did not buy in the year ending D, by the ladder
// level, recency band and purchase count they had at D−365, by acquisition channel and by
// entry product (the category of their first order).
import { SQL, num, ratio, type MetricContext } from './context.js';
import { customerSummary } from './customer-summary.js';
import { rows } from './query.js';
import type { ChurnRow, ChurnBreakdown } from '../../report/index.js';

// The section types are the report contract's (src/report); re-exported for the callers here.
export type { ChurnRow, ChurnBreakdown };

// From the summary (customer-summary.ts); the entry order of the base customers (an order of
// the first purchase day, the smallest order id among several) from their first day's orders.
const baseSql = (from: string) => `
  WITH c AS (
    SELECT customer_id, pd[1] AS first_d,
      len(list_filter(pd, x -> x <= $as_of::DATE - 365)) AS f_then,
      list_filter(pd, x -> x <= $as_of::DATE - 365)[-1] AS last_then,
      len(list_filter(pd, x -> x BETWEEN $as_of::DATE - 729 AND $as_of::DATE - 365)) > 0 AS base,
      len(list_filter(pd, x -> x >= $as_of::DATE - 364)) > 0 AS cur
    FROM ${from} WHERE len(pd) > 0
  ), firsts AS (
    SELECT o.customer_id, min(o.order_id) AS first_order
    FROM orders o JOIN c ON c.customer_id = o.customer_id AND ${SQL.day('o.ordered_at')} = c.first_d
    -- A base customer's first purchase is on or before D − 365: later orders need no probe.
    WHERE c.base AND ${SQL.isPurchase} AND ${SQL.day('o.ordered_at')} <= $as_of::DATE - 365
    GROUP BY o.customer_id
  ), referrers AS (
    SELECT DISTINCT r.referred_by_customer_id AS customer_id FROM customers r
    JOIN c ON c.customer_id = r.customer_id AND c.f_then > 0
    WHERE r.referred_by_customer_id IS NOT NULL
  ), entry AS (
    SELECT order_id, arg_min(coalesce(category, sku), line_no) AS product FROM order_items
    WHERE order_id IN (SELECT first_order FROM firsts) GROUP BY order_id
  )
  SELECT
    CASE WHEN ref.customer_id IS NOT NULL THEN '1.3 advocate'
         WHEN c.f_then >= $loyal::INTEGER THEN '1.2 loyal'
         WHEN c.f_then >= 2 THEN '1.1 repeat'
         ELSE '1.0 first_purchase' END AS ladder_level,
    CASE WHEN ($as_of::DATE - 365) - c.last_then <= 30 THEN '0-30'
         WHEN ($as_of::DATE - 365) - c.last_then <= 90 THEN '31-90'
         WHEN ($as_of::DATE - 365) - c.last_then <= 180 THEN '91-180'
         ELSE '181-365' END AS recency_band,
    coalesce(cu.acquisition_channel, 'unknown') AS channel,
    coalesce(e.product, 'unknown') AS entry_product,
    NOT c.cur AS churned
  FROM c
  LEFT JOIN referrers ref ON ref.customer_id = c.customer_id
  LEFT JOIN customers cu ON cu.customer_id = c.customer_id
  LEFT JOIN firsts fo ON fo.customer_id = c.customer_id
  LEFT JOIN entry e ON e.order_id = fo.first_order
  WHERE c.base`;

const BANDS = ['0-30', '31-90', '91-180', '181-365'];

type Dim = 'ladder_level' | 'recency_band' | 'channel' | 'entry_product';

// One pass: GROUPING SETS give every dimension's counts from the same base rows.
const byDimensionSql = (from: string) => `
  WITH b AS (${baseSql(from)})
  SELECT CASE WHEN ladder_level IS NOT NULL THEN 'ladder_level'
              WHEN recency_band IS NOT NULL THEN 'recency_band'
              WHEN channel IS NOT NULL THEN 'channel' ELSE 'entry_product' END AS dim,
         coalesce(ladder_level, recency_band, channel, entry_product) AS value,
         count(*) AS base, count(*) FILTER (WHERE churned) AS churned
  FROM b GROUP BY GROUPING SETS ((ladder_level), (recency_band), (channel), (entry_product))
  ORDER BY dim, base DESC, value`;

/** Returns churn counts and rates of last year's buyers by each dimension (top 20 values each). */
export async function churnBreakdown(ctx: MetricContext): Promise<ChurnBreakdown> {
  const out: Record<Dim, ChurnRow[]> = {
    ladder_level: [],
    recency_band: [],
    channel: [],
    entry_product: [],
  };
  for (const x of await rows(ctx, byDimensionSql(customerSummary(ctx)), {
    loyal: ctx.settings.ladder.loyal_min_purchases,
  })) {
    const list = out[x.dim as Dim];
    if (list.length >= 20) continue;
    const base = num(x.base) ?? 0;
    const churned = num(x.churned) ?? 0;
    list.push({ value: String(x.value), base, churned, churn_rate: ratio(churned, base) });
  }
  return {
    by_ladder_level: out.ladder_level.sort((a, b) => a.value.localeCompare(b.value)),
    by_recency_band: out.recency_band.sort(
      (a, b) => BANDS.indexOf(a.value) - BANDS.indexOf(b.value),
    ),
    by_channel: out.channel,
    by_entry_product: out.entry_product,
  };
}
