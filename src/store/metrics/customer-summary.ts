// The per-customer summary and the daily totals of a checkup (issue 13): the orders up to D are
// grouped by customer once and by day once, and every section that needs per-customer or
// per-day facts reads these instead of the orders again. The checkup builds both as temporary
// tables for D (buildCheckupTables); a metric query run on its own (a test, a live segment, the
// customer page) reads the same SELECTs inline, so there is one definition either way.
import type { DuckDBConnection } from '@duckdb/node-api';
import { SQL, type CheckupTables, type MetricContext } from './context.js';

export type { CheckupTables };

/**
 * One row per customer with a service or a revenue event up to $as_of (SPEC §2), columns:
 * - cid: a dense integer key (cheaper to group by than customer_id), in no particular order;
 * - customer_id;
 * - pd: the dates of the customer's purchases, ascending, one per purchase (a day with two
 *   purchases is there twice); [] without a purchase. pd[1] is the first purchase, pd[-1] the
 *   last, len(pd) the number of purchases;
 * - pa: the amounts of those purchases, element by element with pd;
 * - rd, ra: the same for the return credit notes (revenue events that are not purchases);
 * - first_service_d: the first service (any non-cancelled order, amount 0 included);
 * - served_free: a service that is not a purchase (a free session);
 * - acq_disc: whether an order of the first purchase day was discounted (NULL without purchase);
 * - first_order: an order of the first purchase day, the smallest order id among several.
 *
 * pd and pa come from two list aggregates of the same rows under the same filter, which DuckDB
 * fills row by row together (customer-summary.test.ts checks the pairing on a parallel build);
 * they are then sorted together by the date (list_grade_up), one order for both lists.
 */
export const CUSTOMER_SUMMARY_SQL = `
  WITH x AS (
    SELECT o.customer_id, o.order_id, ${SQL.day('o.ordered_at')} AS d, o.amount,
           ${SQL.isPurchase} AS purchase, ${SQL.isService} AS service,
           ${SQL.isRevenueEvent} AND NOT ${SQL.isPurchase} AS credit, ${SQL.isDiscounted} AS disc
    FROM orders o
    WHERE o.customer_id IS NOT NULL AND ${SQL.day('o.ordered_at')} <= $as_of::DATE
      AND (${SQL.isService} OR ${SQL.isRevenueEvent})
  ), g AS (
    SELECT customer_id,
           coalesce(list(d) FILTER (WHERE purchase), []) AS pd0,
           coalesce(list(amount) FILTER (WHERE purchase), []) AS pa0,
           coalesce(list(d) FILTER (WHERE credit), []) AS rd0,
           coalesce(list(amount) FILTER (WHERE credit), []) AS ra0,
           min(d) FILTER (WHERE service) AS first_service_d,
           coalesce(bool_or(service AND NOT purchase), false) AS served_free,
           -- 2·(day number) + (0 when discounted): the parity of the minimum says whether any
           -- order of the first purchase day was discounted.
           min((d - DATE '2000-01-01') * 2 + CASE WHEN disc THEN 0 ELSE 1 END) FILTER (WHERE purchase) % 2 = 0 AS acq_disc,
           arg_min(order_id, (d, order_id)) FILTER (WHERE purchase) AS first_order
    FROM x GROUP BY customer_id
  ), s AS (
    SELECT *, list_grade_up(pd0) AS po, list_grade_up(rd0) AS ro FROM g
  )
  SELECT CAST(row_number() OVER () AS INTEGER) AS cid, customer_id,
         list_select(pd0, po) AS pd, list_select(pa0, po) AS pa,
         list_select(rd0, ro) AS rd, list_select(ra0, ro) AS ra,
         first_service_d, served_free, acq_disc, first_order
  FROM s`;

/**
 * One row per day up to $as_of with a revenue event or a purchase: revenue of identified
 * customers and unattributed revenue (purchases and return credit notes), and the identified
 * customers' purchases, their amount, and the discounted ones. Sums stay DECIMAL (exact).
 */
export const DAILY_TOTALS_SQL = `
  SELECT ${SQL.day('o.ordered_at')} AS day,
         sum(o.amount) FILTER (WHERE o.customer_id IS NOT NULL) AS revenue,
         sum(o.amount) FILTER (WHERE o.customer_id IS NULL) AS unattributed_revenue,
         count(*) FILTER (WHERE o.customer_id IS NOT NULL AND ${SQL.isPurchase}) AS purchases,
         sum(o.amount) FILTER (WHERE o.customer_id IS NOT NULL AND ${SQL.isPurchase}) AS purchase_amount,
         count(*) FILTER (WHERE o.customer_id IS NOT NULL AND ${SQL.isPurchase} AND ${SQL.isDiscounted}) AS disc_purchases,
         sum(o.amount) FILTER (WHERE o.customer_id IS NOT NULL AND ${SQL.isPurchase} AND ${SQL.isDiscounted}) AS disc_amount
  FROM orders o
  WHERE ${SQL.isRevenueEvent} AND ${SQL.day('o.ordered_at')} <= $as_of::DATE
  GROUP BY 1`;

const TABLES = { customers: 'checkup_customer_summary', daily: 'checkup_daily_totals' };

/** Builds (or rebuilds) the summary and daily totals of D as temporary tables. */
export async function buildCheckupTables(
  conn: DuckDBConnection,
  asOf: string,
): Promise<CheckupTables> {
  for (const [table, sql] of [
    [TABLES.customers, CUSTOMER_SUMMARY_SQL],
    [TABLES.daily, DAILY_TOTALS_SQL],
  ] as const)
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${table} AS ${sql}`, { as_of: asOf });
  return { asOf, ...TABLES };
}

/** Drops the tables of buildCheckupTables (they are temporary: closing the connection does too). */
export async function dropCheckupTables(conn: DuckDBConnection, t: CheckupTables): Promise<void> {
  await conn.run(`DROP TABLE IF EXISTS ${t.customers}`);
  await conn.run(`DROP TABLE IF EXISTS ${t.daily}`);
}

/**
 * Returns what a query reads the per-customer summary from: the checkup's table when it was
 * built for ctx.asOf, else (or without a context) the summary's SELECT inline, bound to the
 * query's $as_of. With
 * `upTo`, a table built for a later date serves too: the caller reads only pd and pa and
 * filters them to ≤ $as_of itself.
 */
export function customerSummary(
  ctx: MetricContext | null,
  opts: { upTo?: boolean } = {},
): string {
  const t = ctx?.tables;
  if (ctx && t && (t.asOf === ctx.asOf || (opts.upTo && ctx.asOf < t.asOf))) return t.customers;
  return `(${CUSTOMER_SUMMARY_SQL})`;
}

/**
 * Returns what a query reads the daily totals from (as customerSummary). Every day is a day's
 * own total, so a table built for a later date serves any earlier as-of date filtered by day.
 */
export function dailyTotals(ctx: MetricContext): string {
  const t = ctx.tables;
  if (t && ctx.asOf <= t.asOf) return t.daily;
  return `(${DAILY_TOTALS_SQL})`;
}
