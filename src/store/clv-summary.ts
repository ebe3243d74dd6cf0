// The customer-base summaries the CLV models need (SPEC §7), computed in DuckDB: per customer
// frequency (repeat purchase days), recency and T up to the calibration end, the mean spend of
// the repeat purchase days, and the purchase days in an optional holdout (cal_end, holdout_end].
// A purchase is a completed order with amount > 0 of an identified customer (SPEC §2); several
// on one day are one purchase day whose amount is their sum (as the CDNOW summaries count).
// Fitting reads the grouped versions (distinct triples, spend groups), so JavaScript never
// receives a row per customer; per-customer CLV is joined back and exported by the engine.
// An order dated before EARLIEST_EVENT_DATE (a placeholder date stored before the importer
// refused them) is no purchase, as in every metric of the checkup.
import type { DuckDBConnection } from '@duckdb/node-api';
import { EARLIEST_EVENT_DATE } from '../domain/dates.js';

export type TimeUnit = 'days' | 'weeks' | 'months';

/** Days in one model time unit (a month: a twelfth of the mean Gregorian year). */
export const UNIT_DAYS: Record<TimeUnit, number> = { days: 1, weeks: 7, months: 365.25 / 12 };

export interface SummaryPeriod {
  /** Last day of calibration, 'YYYY-MM-DD', inclusive; T is measured up to this day. */
  calEnd: string;
  /** Last day of the holdout, inclusive; absent: no holdout (holdout counts are 0). */
  holdoutEnd?: string;
  unit: TimeUnit;
}

/** The per-customer summary CTEs (purchase_days … customer_summary), bound by bind(). */
export const CUSTOMER_SUMMARY = `
WITH purchase_days AS (
  SELECT customer_id, CAST(ordered_at AS DATE) AS day, SUM(amount) AS amount
  FROM orders
  WHERE status = 'completed' AND amount > 0 AND customer_id IS NOT NULL
    AND ordered_at >= TIMESTAMP '${EARLIEST_EVENT_DATE}'
    AND CAST(ordered_at AS DATE) <= CAST($holdout_end AS DATE)
  GROUP BY customer_id, CAST(ordered_at AS DATE)
),
calibration AS (
  SELECT customer_id,
         CAST(COUNT(*) - 1 AS INTEGER) AS frequency,
         CAST(date_diff('day', MIN(day), MAX(day)) AS INTEGER) AS recency_days,
         CAST(date_diff('day', MIN(day), CAST($cal_end AS DATE)) AS INTEGER) AS t_days,
         -- the first purchase day is left out: gamma-gamma models repeat transactions only
         CASE WHEN COUNT(*) > 1
              THEN CAST(SUM(amount) - arg_min(amount, day) AS DOUBLE) / (COUNT(*) - 1) END AS monetary_value
  FROM purchase_days
  WHERE day <= CAST($cal_end AS DATE)
  GROUP BY customer_id
),
holdout AS (
  SELECT customer_id, CAST(COUNT(*) AS INTEGER) AS holdout_purchases
  FROM purchase_days
  WHERE day > CAST($cal_end AS DATE)
  GROUP BY customer_id
),
customer_summary AS (
  SELECT c.customer_id, c.frequency, c.recency_days, c.t_days,
         c.recency_days / CAST($unit_days AS DOUBLE) AS recency,
         c.t_days / CAST($unit_days AS DOUBLE) AS "T",
         c.monetary_value,
         coalesce(h.holdout_purchases, 0) AS holdout_purchases
  FROM calibration c LEFT JOIN holdout h USING (customer_id)
)`;

/** Returns the parameters CUSTOMER_SUMMARY reads. */
export function bind(period: SummaryPeriod): Record<string, string | number> {
  return {
    cal_end: period.calEnd,
    holdout_end: period.holdoutEnd ?? period.calEnd,
    unit_days: UNIT_DAYS[period.unit],
  };
}

async function columns(
  conn: DuckDBConnection,
  sql: string,
  params: Record<string, unknown>,
): Promise<Record<string, unknown[]>> {
  const reader = await conn.runAndReadAll(sql, params as never);
  return reader.getColumnsObjectJS() as Record<string, unknown[]>;
}

/** Per-customer summaries, columnar; times in the period's unit, monetary in currency. */
export interface CustomerSummaries {
  customer_id: string[];
  frequency: number[];
  recency: number[];
  T: number[];
  /** Mean amount of the repeat purchase days; null without repeat purchases. */
  monetary_value: (number | null)[];
  holdout_purchases: number[];
}

/** Returns every customer's summary, ordered by customer_id (for small data and tests). */
export async function customerSummaries(
  conn: DuckDBConnection,
  period: SummaryPeriod,
): Promise<CustomerSummaries> {
  const c = await columns(
    conn,
    `${CUSTOMER_SUMMARY}
     SELECT customer_id, frequency, recency, "T", monetary_value, holdout_purchases
     FROM customer_summary ORDER BY customer_id`,
    bind(period),
  );
  return c as unknown as CustomerSummaries;
}

/** Distinct (frequency, recency, T) triples with the customers sharing them. */
export interface SummaryTriples {
  frequency: number[];
  recency: number[];
  T: number[];
  /** The same times in whole days: the key to join predictions back to customers. */
  recency_days: number[];
  t_days: number[];
  /** Customers with this triple. */
  weight: number[];
  /** Their holdout purchase days, summed. */
  holdout: number[];
}

/** Returns the distinct triples, grouped in SQL, ordered by frequency, recency, T. */
export async function summaryTriples(
  conn: DuckDBConnection,
  period: SummaryPeriod,
): Promise<SummaryTriples> {
  const c = await columns(
    conn,
    `${CUSTOMER_SUMMARY}
     SELECT frequency, recency_days, t_days,
            any_value(recency) AS recency, any_value("T") AS "T",
            CAST(COUNT(*) AS DOUBLE) AS weight,
            CAST(SUM(holdout_purchases) AS DOUBLE) AS holdout
     FROM customer_summary
     GROUP BY frequency, recency_days, t_days
     ORDER BY frequency, recency_days, t_days`,
    bind(period),
  );
  return c as unknown as SummaryTriples;
}

/** Repeat buyers grouped by (frequency, mean spend), for gamma-gamma. */
export interface SpendGroups {
  frequency: number[];
  monetary: number[];
  weight: number[];
}

/** Returns the spend groups of customers with at least one repeat purchase day. */
export async function spendGroups(
  conn: DuckDBConnection,
  period: SummaryPeriod,
): Promise<SpendGroups> {
  const c = await columns(
    conn,
    `${CUSTOMER_SUMMARY}
     SELECT frequency, monetary_value AS monetary, CAST(COUNT(*) AS DOUBLE) AS weight
     FROM customer_summary
     WHERE frequency > 0
     GROUP BY frequency, monetary_value
     ORDER BY frequency, monetary_value`,
    bind(period),
  );
  return c as unknown as SpendGroups;
}

/** Returns the last local date with a purchase ('YYYY-MM-DD'), or null when there is none. */
export async function latestPurchaseDate(conn: DuckDBConnection): Promise<string | null> {
  const c = await columns(
    conn,
    `SELECT strftime(MAX(CAST(ordered_at AS DATE)), '%Y-%m-%d') AS d
     FROM orders WHERE status = 'completed' AND amount > 0 AND customer_id IS NOT NULL`,
    {},
  );
  return (c.d[0] as string | null) ?? null;
}

/** Per-triple model output to join back to the customers (same order as the triples). */
export interface TriplePredictionRows {
  frequency: ArrayLike<number>;
  recency_days: ArrayLike<number>;
  t_days: ArrayLike<number>;
  pAlive: ArrayLike<number>;
  expectedPurchases: ArrayLike<number>;
  discountedPurchases: ArrayLike<number>;
  /** NaN when there is no spend model (CLV then stays NULL). */
  spendIntercept: ArrayLike<number>;
  spendSlope: ArrayLike<number>;
}

/**
 * Replaces the session's temporary table `table` (clv_predictions unless named: the checkup
 * keeps a second horizon beside it) with these rows; returns nothing.
 */
export async function savePredictions(
  conn: DuckDBConnection,
  p: TriplePredictionRows,
  table = 'clv_predictions',
): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`bad table name: ${table}`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${table} (
    frequency INTEGER, recency_days INTEGER, t_days INTEGER, p_alive DOUBLE, expected_purchases DOUBLE,
    discounted_purchases DOUBLE, spend_intercept DOUBLE, spend_slope DOUBLE)`);
  const app = await conn.createAppender(table, 'main', 'temp');
  const dbl = (v: number): void => (Number.isFinite(v) ? app.appendDouble(v) : app.appendNull());
  for (let i = 0; i < p.frequency.length; i++) {
    app.appendInteger(p.frequency[i]);
    app.appendInteger(p.recency_days[i]);
    app.appendInteger(p.t_days[i]);
    dbl(p.pAlive[i]);
    dbl(p.expectedPurchases[i]);
    dbl(p.discountedPurchases[i]);
    dbl(p.spendIntercept[i]);
    dbl(p.spendSlope[i]);
    app.endRow();
  }
  app.closeSync();
}

/** Expected spend per purchase of customer `c` (linear in the own mean spend) from predictions `p`. */
export const expectedSpend = (p: string, c = 'c') =>
  `(${p}.spend_intercept + ${p}.spend_slope * coalesce(${c}.monetary_value, 0))`;

// Per-customer CLV: expected spend × discounted purchases.
const CUSTOMER_CLV = `${CUSTOMER_SUMMARY},
customer_clv AS (
  SELECT c.customer_id, c.frequency, c.recency, c."T", c.monetary_value,
         p.p_alive, p.expected_purchases,
         ${expectedSpend('p')} AS expected_spend,
         p.discounted_purchases * ${expectedSpend('p')} AS predicted_clv
  FROM customer_summary c
  JOIN clv_predictions p USING (frequency, recency_days, t_days)
)`;

/** One customer's predictions; times in the unit, money in currency. */
export interface CustomerClv {
  customer_id: string;
  frequency: number;
  recency: number;
  T: number;
  monetary_value: number | null;
  p_alive: number;
  expected_purchases: number;
  expected_spend: number | null;
  predicted_clv: number | null;
}

/** Returns the `limit` customers with the highest predicted CLV (then expected purchases). */
export async function topCustomersByClv(
  conn: DuckDBConnection,
  period: SummaryPeriod,
  limit: number,
): Promise<CustomerClv[]> {
  const reader = await conn.runAndReadAll(
    `${CUSTOMER_CLV}
     SELECT * FROM customer_clv
     ORDER BY predicted_clv DESC NULLS LAST, expected_purchases DESC, customer_id
     LIMIT $limit`,
    { ...bind(period), limit: Math.max(0, Math.floor(limit)) } as never,
  );
  return reader.getRowObjectsJS() as unknown as CustomerClv[];
}

/** Writes every customer's predictions to a CSV file at `path`; returns the rows written. */
export async function exportClvCsv(
  conn: DuckDBConnection,
  period: SummaryPeriod,
  path: string,
): Promise<number> {
  const reader = await conn.runAndReadAll(
    `COPY (${CUSTOMER_CLV}
      SELECT * FROM customer_clv ORDER BY predicted_clv DESC NULLS LAST, customer_id)
     TO $path (HEADER, DELIMITER ',')`,
    { ...bind(period), path } as never,
  );
  return Number(reader.getRows()[0]?.[0] ?? 0);
}

/** Purchase days in a holdout, by week after the calibration end (week 1 = its first 7 days). */
export interface HoldoutWeeks {
  week: number[];
  purchases: number[];
}

/** Returns the calibration customers' holdout purchase days by week; weeks without any are absent. */
export async function holdoutWeeklyPurchases(
  conn: DuckDBConnection,
  period: SummaryPeriod,
): Promise<HoldoutWeeks> {
  const c = await columns(
    conn,
    `${CUSTOMER_SUMMARY}
     SELECT CAST(ceil(date_diff('day', CAST($cal_end AS DATE), day) / 7.0) AS INTEGER) AS week,
            CAST(COUNT(*) AS INTEGER) AS purchases
     FROM purchase_days
     WHERE day > CAST($cal_end AS DATE) AND customer_id IN (SELECT customer_id FROM calibration)
     GROUP BY week ORDER BY week`,
    bind(period),
  );
  return c as unknown as HoldoutWeeks;
}

/** Holdout purchases per customer against the predictions in clv_predictions (their horizon: the holdout). */
export interface HoldoutErrors {
  customers: number;
  actual: number;
  expected: number;
  /** Mean over customers of |actual − expected| (count). */
  mae: number;
}

/** Returns the holdout errors of every calibration customer; clv_predictions must hold the holdout horizon. */
export async function holdoutErrors(
  conn: DuckDBConnection,
  period: SummaryPeriod,
): Promise<HoldoutErrors> {
  const c = await columns(
    conn,
    `${CUSTOMER_SUMMARY}
     SELECT CAST(COUNT(*) AS INTEGER) AS customers,
            CAST(coalesce(SUM(c.holdout_purchases), 0) AS INTEGER) AS actual,
            coalesce(SUM(p.expected_purchases), 0) AS expected,
            coalesce(AVG(abs(c.holdout_purchases - p.expected_purchases)), 0) AS mae
     FROM customer_summary c JOIN clv_predictions p USING (frequency, recency_days, t_days)`,
    bind(period),
  );
  return {
    customers: c.customers[0] as number,
    actual: c.actual[0] as number,
    expected: c.expected[0] as number,
    mae: c.mae[0] as number,
  };
}
