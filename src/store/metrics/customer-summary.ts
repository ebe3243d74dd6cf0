// The per-customer summary of a checkup (issue 13): the orders up to D are grouped by customer
// once, by day once, and by first-purchase month × month once, the contacts by day once, and every section that needs
// per-customer, per-day or per-cohort facts reads these instead of the orders again. The checkup
// builds them as temporary tables for D (buildCheckupTables); a metric query run on its own (a
// test, a live segment, the customer page) reads the same SELECTs inline, so there is one
// definition either way.
import type { DuckDBConnection } from '@duckdb/node-api';
import { addMonths, monthOf } from '../../domain/dates.js';
import type { Settings } from '../../domain/settings.js';
import { SQL, type CheckupTables, type MetricContext } from './context.js';

export type { CheckupTables };

/**
 * Months of history the cohort table covers, ending with D's month: the cohort matrix's 24
 * (cohorts.ts) and the five numbers' 13 (five-numbers.ts) both fit.
 */
export const COHORT_TABLE_MONTHS = 24;

/**
 * One row per customer with a service or a revenue event up to $as_of (SPEC §2), columns:
 * - customer_id;
 * - pd: the dates of the customer's purchases, ascending, one per purchase (a day with two
 *   purchases is there twice); [] without a purchase. pd[1] is the first purchase, pd[-1] the
 *   last, len(pd) the number of purchases;
 * - first_service_d: the first service (any non-cancelled order, amount 0 included);
 * - served_free: a service that is not a purchase (a free session);
 * - acq_disc: whether an order of the first purchase day was discounted (NULL without purchase);
 * - revenue_year: purchases and return credit notes in [D−364, D] (NULL without any);
 * - net_revenue: the same up to D;
 * - monetary: the RFM M, purchase amounts over settings.rfm.monetary_window_days (0: lifetime).
 *
 * Amounts are summed here rather than kept per purchase: a second list per customer doubled
 * the cost of the grouping, and every section needs amounts only summed (per window here, per
 * day and per cohort month in the other two tables). The entry order of the churn breakdown is
 * found there, for the customers it needs: an arg_min over every purchase here cost as much as
 * the list (CPU time measured at 1M customers: 6.7 s with it, 4.1 s without).
 */
export function customerSummarySql(settings: Settings): string {
  const w = settings.rfm.monetary_window_days;
  if (!Number.isInteger(w) || w < 0) throw new Error(`bad monetary window ${w}`);
  const inWindow = w > 0 ? ` AND d >= $as_of::DATE - ${w - 1}` : '';
  return `
  WITH x AS (
    SELECT o.customer_id, ${SQL.day('o.ordered_at')} AS d, o.amount,
           ${SQL.isPurchase} AS purchase, ${SQL.isService} AS service,
           ${SQL.isRevenueEvent} AS revenue_event, ${SQL.isDiscounted} AS disc
    FROM orders o
    WHERE o.customer_id IS NOT NULL AND ${SQL.day('o.ordered_at')} <= $as_of::DATE
      AND (${SQL.isService} OR ${SQL.isRevenueEvent})
  ), g AS (
    SELECT customer_id,
           coalesce(list(d ORDER BY d) FILTER (WHERE purchase), []) AS pd,
           min(d) FILTER (WHERE service) AS first_service_d,
           coalesce(bool_or(service AND NOT purchase), false) AS served_free,
           -- 2·(day number) + (0 when discounted): the parity of the minimum says whether any
           -- order of the first purchase day was discounted.
           min((d - DATE '2000-01-01') * 2 + CASE WHEN disc THEN 0 ELSE 1 END) FILTER (WHERE purchase) % 2 = 0 AS acq_disc,
           sum(amount) FILTER (WHERE revenue_event AND d >= $as_of::DATE - 364) AS revenue_year,
           sum(amount) FILTER (WHERE revenue_event) AS net_revenue,
           coalesce(sum(amount) FILTER (WHERE purchase${inWindow}), 0) AS monetary
    FROM x GROUP BY customer_id
  )
  SELECT * FROM g`;
}

/**
 * One row per day up to $as_of with a revenue event: revenue of identified customers and
 * unattributed revenue (purchases and return credit notes), and the identified customers'
 * purchases, their amount, and the discounted ones. Sums stay DECIMAL (exact).
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

/**
 * Revenue by cohort (month of the customer's first purchase) and calendar month, for the
 * months from $first to D's: purchase amounts and revenue (purchases and return credit notes)
 * of identified customers; a customer without a purchase has cohort NULL. `summary` is the
 * per-customer summary to take the first purchase from.
 */
export function cohortMonthsSql(summary: string): string {
  return `
  SELECT date_trunc('month', s.pd[1]) AS cohort, date_trunc('month', o.d) AS month,
         sum(o.amount) FILTER (WHERE o.purchase) AS purchase_amount, sum(o.amount) AS revenue
  FROM (SELECT o.customer_id, ${SQL.day('o.ordered_at')} AS d, o.amount, ${SQL.isPurchase} AS purchase
        FROM orders o
        WHERE o.customer_id IS NOT NULL AND ${SQL.isRevenueEvent}
          AND ${SQL.day('o.ordered_at')} BETWEEN $first::DATE AND $as_of::DATE) o
  JOIN ${summary} s ON s.customer_id = o.customer_id
  GROUP BY ALL`;
}

/**
 * The contacts grouped by day, channel and campaign (every date: a campaign's cost is shared
 * over all its contacts): contacts, those without their own cost, and the sum of own costs.
 */
export const CONTACT_DAYS_SQL = `
  SELECT ${SQL.day('sent_at')} AS day, channel, campaign_id, count(*) AS contacts,
         count(*) FILTER (WHERE cost IS NULL) AS uncosted, sum(cost) AS cost
  FROM contacts GROUP BY ALL`;

const TABLES = {
  customers: 'checkup_customer_summary',
  daily: 'checkup_daily_totals',
  cohortMonths: 'checkup_cohort_months',
  contactDays: 'checkup_contact_days',
};

/** Returns the first month (its first day) the cohort table of D covers. */
export function cohortTableStart(asOf: string): string {
  return addMonths(monthOf(asOf), -(COHORT_TABLE_MONTHS - 1));
}

/**
 * Builds (or rebuilds) the tables of D as temporary tables of the connection; `seconds` gets the
 * time each took (for the report's timings).
 */
export async function buildCheckupTables(
  conn: DuckDBConnection,
  settings: Settings,
  asOf: string,
  seconds: Record<string, number> = {},
): Promise<CheckupTables> {
  const first = cohortTableStart(asOf);
  for (const [table, sql, params] of [
    [TABLES.customers, customerSummarySql(settings), { as_of: asOf }],
    [TABLES.daily, DAILY_TOTALS_SQL, { as_of: asOf }],
    [TABLES.cohortMonths, cohortMonthsSql(TABLES.customers), { as_of: asOf, first }],
    [TABLES.contactDays, CONTACT_DAYS_SQL, {}],
  ] as const) {
    const t0 = performance.now();
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${table} AS ${sql}`, params);
    seconds[table] = Math.round(performance.now() - t0) / 1000;
  }
  return { asOf, cohortFrom: first, ...TABLES };
}

/** Drops the tables of buildCheckupTables (they are temporary: closing the connection does too). */
export async function dropCheckupTables(conn: DuckDBConnection, t: CheckupTables): Promise<void> {
  for (const table of [t.customers, t.daily, t.cohortMonths, t.contactDays])
    await conn.run(`DROP TABLE IF EXISTS ${table}`);
}

/**
 * Returns what a query reads the per-customer summary from: the checkup's table when it was
 * built for ctx.asOf, else the summary's SELECT inline, bound to the query's $as_of. With
 * `upTo`, a table built for a later date serves too: the caller reads only pd and filters it to
 * ≤ $as_of itself.
 */
export function customerSummary(ctx: MetricContext, opts: { upTo?: boolean } = {}): string {
  const t = ctx.tables;
  if (t && (t.asOf === ctx.asOf || (opts.upTo && ctx.asOf < t.asOf))) return t.customers;
  return `(${customerSummarySql(ctx.settings)})`;
}

/**
 * Returns what a query reads the daily totals from (as customerSummary). Every row is a day's
 * own total, so a table built for a later date serves any earlier as-of date filtered by day.
 */
export function dailyTotals(ctx: MetricContext): string {
  const t = ctx.tables;
  if (t && ctx.asOf <= t.asOf) return t.daily;
  return `(${DAILY_TOTALS_SQL})`;
}

/**
 * Returns what a query reads the cohort × month revenue from, for months from `first` (bound
 * as $first): the checkup's table when it was built for ctx.asOf and covers them, else inline.
 */
export function cohortMonths(ctx: MetricContext, first: string): string {
  const t = ctx.tables;
  if (t && t.asOf === ctx.asOf && t.cohortFrom <= first) return t.cohortMonths;
  return `(${cohortMonthsSql(customerSummary(ctx))})`;
}

/** Returns what a query reads the contacts by day, channel and campaign from (any as-of date). */
export function contactDays(ctx: MetricContext): string {
  return ctx.tables?.contactDays ?? `(${CONTACT_DAYS_SQL})`;
}
