// What the imported data lacks as of D (report.data_quality): guest orders and orders without
// lines in the year ending D, customers without an acquisition channel, and orders dated after
// the day the checkup runs. One statement; definitions in src/report/sections/data-quality.ts.
import { SQL, num, ratio, type MetricContext } from './context.js';
import { one } from './query.js';
import { customerSummary } from './customer-summary.js';
import type { DataQuality } from '../../report/index.js';

export type { DataQuality };

const DAY = SQL.day('o.ordered_at');

// buyers: the customers of the per-customer summary (customer-summary.ts) with a purchase.
const qualitySql = (from: string) => `
  WITH y AS (
    SELECT o.order_id, o.customer_id FROM orders o
    WHERE ${DAY} BETWEEN $as_of::DATE - 364 AND $as_of::DATE AND NOT ${SQL.isImplausible}
  ), buyers AS (
    SELECT customer_id FROM ${from} WHERE len(pd) > 0
  ), channels AS (
    SELECT customer_id, max(nullif(trim(acquisition_channel), '')) AS channel FROM customers GROUP BY 1
  )
  SELECT
    (SELECT count(*) FROM y) AS orders,
    (SELECT count(*) FROM y WHERE customer_id IS NULL) AS guest_orders,
    (SELECT count(*) FROM y WHERE NOT EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = y.order_id)) AS without_items,
    (SELECT count(*) FROM buyers) AS customers,
    (SELECT count(*) FROM buyers b LEFT JOIN channels c USING (customer_id) WHERE c.channel IS NULL) AS without_channel,
    (SELECT count(*) FROM orders o WHERE ${DAY} > $today::DATE) AS future_orders,
    (SELECT strftime(max(${DAY}), '%Y-%m-%d') FROM orders o WHERE ${DAY} > $today::DATE) AS future_latest`;

/** Returns the data-quality counts as of ctx.asOf; `today` is the local date the checkup runs. */
export async function dataQuality(ctx: MetricContext, today: string): Promise<DataQuality> {
  const r = await one(ctx, qualitySql(customerSummary(ctx)), { today });
  const n = (v: unknown) => num(v) ?? 0;
  const orders = n(r.orders);
  const guests = n(r.guest_orders);
  const withoutItems = n(r.without_items);
  const customers = n(r.customers);
  const withoutChannel = n(r.without_channel);
  return {
    orders,
    guest_orders: guests,
    guest_order_share: ratio(guests, orders),
    orders_without_items: withoutItems,
    orders_without_items_share: ratio(withoutItems, orders),
    customers,
    customers_without_channel: withoutChannel,
    customers_without_channel_share: ratio(withoutChannel, customers),
    future_orders: n(r.future_orders),
    future_latest: (r.future_latest as string | null) ?? null,
  };
}
