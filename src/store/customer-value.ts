// Per-customer predictions of the checkup's clv section, kept by as-of date (customer_value),
// and the fit behind them (clv_fits: the saved models with a fingerprint of their inputs, so a
// second checkup of the same D on the same data reuses the parameters instead of fitting).
// The checkup computes into temporary "staged" tables of its connection (computing stores
// nothing: the backtest computes every day of a range) and storeCheckup moves them into the
// stored tables inside its transaction, replacing that date's rows.
import type { DuckDBConnection } from '@duckdb/node-api';
import { CUSTOMER_SUMMARY, bind, expectedSpend, type SummaryPeriod } from './clv-summary.js';

const COLUMNS = `as_of DATE NOT NULL, customer_id VARCHAR NOT NULL, p_alive DOUBLE NOT NULL,
  expected_90 DOUBLE NOT NULL, expected_365 DOUBLE NOT NULL, clv_90 DOUBLE, clv_365 DOUBLE`;
const FIT_COLUMNS = `as_of DATE NOT NULL, fingerprint VARCHAR NOT NULL, fitted_at VARCHAR NOT NULL,
  models VARCHAR NOT NULL`;

/** The stored tables (CREATE IF NOT EXISTS: databases from before them stay valid). */
export const CUSTOMER_VALUE_SQL = [
  // clv_*: predicted CLV over 90 / 365 days (discounted monthly), NULL without a spend model.
  `CREATE TABLE IF NOT EXISTS customer_value (${COLUMNS})`,
  `CREATE TABLE IF NOT EXISTS clv_fits (${FIT_COLUMNS})`,
];

async function ensureTables(conn: DuckDBConnection): Promise<void> {
  for (const sql of CUSTOMER_VALUE_SQL) await conn.run(sql);
  await conn.run(`CREATE TEMP TABLE IF NOT EXISTS clv_staged (${COLUMNS})`);
  await conn.run(`CREATE TEMP TABLE IF NOT EXISTS clv_fit_staged (${FIT_COLUMNS})`);
}

/** A stored fit: the fingerprint of its inputs, when (ISO, UTC) and the models (JSON text, read by the caller). */
export interface StoredFit {
  fingerprint: string;
  fitted_at: string;
  models: string;
}

/** Returns the fit stored with the checkup of `asOf`, or null. */
export async function loadClvFit(conn: DuckDBConnection, asOf: string): Promise<StoredFit | null> {
  await ensureTables(conn);
  const r = await conn.runAndReadAll(
    `SELECT fingerprint, fitted_at, models
     FROM clv_fits WHERE as_of = $1::DATE`,
    [asOf],
  );
  const rows = r.getRowObjectsJS() as unknown as StoredFit[];
  return rows[0] ?? null;
}

/**
 * Stages the checkup's predictions of `asOf` from clv_predictions (365 days) and
 * clv_predictions_90, joined back to the customers of `period`, with the fit; replaces whatever
 * was staged before (only the latest computed checkup is staged).
 */
export async function stageCustomerValues(
  conn: DuckDBConnection,
  asOf: string,
  period: SummaryPeriod,
  fit: StoredFit,
): Promise<void> {
  await clearStaged(conn);
  await conn.run(
    `INSERT INTO clv_staged SELECT * FROM (${CUSTOMER_SUMMARY}
     SELECT CAST($as_of AS DATE) AS as_of, c.customer_id, y.p_alive,
            q.expected_purchases AS expected_90, y.expected_purchases AS expected_365,
            q.discounted_purchases * ${expectedSpend('q')} AS clv_90,
            y.discounted_purchases * ${expectedSpend('y')} AS clv_365
     FROM customer_summary c
     JOIN clv_predictions y USING (frequency, recency_days, t_days)
     JOIN clv_predictions_90 q USING (frequency, recency_days, t_days))`,
    { ...bind(period), as_of: asOf } as never,
  );
  await conn.run(`INSERT INTO clv_fit_staged VALUES ($1::DATE, $2, $3, $4)`, [
    asOf,
    fit.fingerprint,
    fit.fitted_at,
    fit.models,
  ]);
}

/** Empties the staged tables (a checkup with nothing to predict). */
export async function clearStaged(conn: DuckDBConnection): Promise<void> {
  await ensureTables(conn);
  await conn.run(`DELETE FROM clv_staged`);
  await conn.run(`DELETE FROM clv_fit_staged`);
}

/**
 * Replaces the stored predictions and fit of `asOf` with the staged ones (run inside the
 * caller's transaction). `fitted` false (too few to fit): the date's rows are removed. Staged
 * rows of another date, or none (a report stored without computing it here), change nothing.
 */
export async function storeStagedValues(
  conn: DuckDBConnection,
  asOf: string,
  fitted: boolean,
): Promise<void> {
  await ensureTables(conn);
  const staged = (
    await conn.runAndReadAll(`SELECT count(*) FROM clv_fit_staged WHERE as_of = $1::DATE`, [asOf])
  ).getRows();
  if (fitted && Number(staged[0][0]) === 0) return;
  for (const t of ['customer_value', 'clv_fits'])
    await conn.run(`DELETE FROM ${t} WHERE as_of = $1::DATE`, [asOf]);
  if (!fitted) return;
  await conn.run(`INSERT INTO customer_value SELECT * FROM clv_staged WHERE as_of = $1::DATE`, [
    asOf,
  ]);
  await conn.run(`INSERT INTO clv_fits SELECT * FROM clv_fit_staged WHERE as_of = $1::DATE`, [
    asOf,
  ]);
}

/** One decile of a prediction over the customers (ntile(10), ties broken by customer_id). */
export interface DecileRow {
  decile: number;
  customers: number;
  min: number;
  max: number;
  mean: number;
  total: number;
}

/**
 * Returns the SQL of a row's decile of `column` (1 lowest … 10 highest, ties broken by
 * customer_id) among the rows of its query where the column is not null; NULL where it is null.
 * One definition for the report's deciles and high value at risk and for the segments on them.
 */
export const decileSql = (column: 'p_alive' | 'clv_365') =>
  `CASE WHEN ${column} IS NOT NULL THEN ntile(10) OVER (PARTITION BY ${column} IS NULL ORDER BY ${column}, customer_id) END`;

// The staged customers with their decile of `column`.
const withDecile = (column: 'p_alive' | 'clv_365') => `d AS (
  SELECT *, ${column} AS v, ${decileSql(column)} AS decile
  FROM clv_staged WHERE ${column} IS NOT NULL)`;

/** Returns the deciles of a staged column over the customers where it is not null. */
export async function stagedDeciles(
  conn: DuckDBConnection,
  column: 'p_alive' | 'clv_365',
): Promise<DecileRow[]> {
  const r = await conn.runAndReadAll(
    `WITH ${withDecile(column)}
     SELECT CAST(decile AS INTEGER) AS decile, CAST(COUNT(*) AS INTEGER) AS customers,
            MIN(v) AS min, MAX(v) AS max, AVG(v) AS mean, SUM(v) AS total
     FROM d GROUP BY decile ORDER BY decile`,
  );
  return r.getRowObjectsJS() as unknown as DecileRow[];
}

/** The top decile of predicted 365-day CLV, and those of it with P(alive) below a bound. */
export interface AtRiskCounts {
  top_decile_customers: number;
  customers: number;
  clv_365: number;
}

/** Returns the customers of the top CLV decile with P(alive) < `pAlive`, counted and valued. */
export async function stagedHighValueAtRisk(
  conn: DuckDBConnection,
  pAlive: number,
): Promise<AtRiskCounts> {
  const r = await conn.runAndReadAll(
    `WITH ${withDecile('clv_365')}
     SELECT CAST(COUNT(*) AS INTEGER) AS top_decile_customers,
            CAST(COUNT(*) FILTER (WHERE p_alive < $p) AS INTEGER) AS customers,
            coalesce(SUM(clv_365) FILTER (WHERE p_alive < $p), 0) AS clv_365
     FROM d WHERE decile = 10`,
    { p: pAlive },
  );
  return (r.getRowObjectsJS() as unknown as AtRiskCounts[])[0];
}

/** Sums of the staged predictions over the customers. */
export interface StagedTotals {
  customers: number;
  customers_with_clv: number;
  expected_alive: number;
  purchases_90: number;
  value_90: number | null;
  purchases_365: number;
  value_365: number | null;
}

/** Returns the staged predictions summed over every customer. */
export async function stagedTotals(conn: DuckDBConnection): Promise<StagedTotals> {
  const r = await conn.runAndReadAll(
    `SELECT CAST(COUNT(*) AS INTEGER) AS customers, CAST(COUNT(clv_365) AS INTEGER) AS customers_with_clv,
            coalesce(SUM(p_alive), 0) AS expected_alive,
            coalesce(SUM(expected_90), 0) AS purchases_90, SUM(clv_90) AS value_90,
            coalesce(SUM(expected_365), 0) AS purchases_365, SUM(clv_365) AS value_365
     FROM clv_staged`,
  );
  return (r.getRowObjectsJS() as unknown as StagedTotals[])[0];
}

/** One customer's stored predictions (for tests and the workbook's counts). */
export interface CustomerValueRow {
  customer_id: string;
  p_alive: number;
  expected_90: number;
  expected_365: number;
  clv_90: number | null;
  clv_365: number | null;
}

/** Returns the stored predictions of `asOf`, by customer_id. */
export async function loadCustomerValues(
  conn: DuckDBConnection,
  asOf: string,
): Promise<CustomerValueRow[]> {
  await ensureTables(conn);
  const r = await conn.runAndReadAll(
    `SELECT customer_id, p_alive, expected_90, expected_365, clv_90, clv_365
     FROM customer_value WHERE as_of = $1::DATE ORDER BY customer_id`,
    [asOf],
  );
  return r.getRowObjectsJS() as unknown as CustomerValueRow[];
}

/** One stored checkup's values of a customer. */
export interface CustomerValuePoint {
  as_of: string;
  p_alive: number;
  expected_365: number;
  clv_365: number | null;
}

/** Returns a customer's stored values by as-of date up to `upTo` (oldest first); [] before any. */
export async function customerValueHistory(
  conn: DuckDBConnection,
  customerId: string,
  upTo: string,
): Promise<CustomerValuePoint[]> {
  await ensureTables(conn);
  const r = await conn.runAndReadAll(
    `SELECT strftime(as_of, '%Y-%m-%d') AS as_of, p_alive, expected_365, clv_365
     FROM customer_value WHERE customer_id = $1 AND as_of <= $2::DATE ORDER BY as_of`,
    [customerId, upTo],
  );
  return r.getRowObjectsJS() as unknown as CustomerValuePoint[];
}

/**
 * Returns the stored customer_value of `asOf` as a CTE `name` (without WITH): customer_id, p_alive,
 * expected_365, clv_365 and clv_decile (decileSql over all of that date's rows, as the report
 * ranked them). `asOf` is an SQL expression (a bound parameter).
 */
export const customerValueCte = (name: string, asOf: string) => `${name} AS (
    SELECT customer_id, p_alive, expected_365, clv_365, ${decileSql('clv_365')} AS clv_decile
    FROM customer_value WHERE as_of = CAST(${asOf} AS DATE))`;

/** What is stored for a date: its checkup (and whether with a clv section) and its customer value. */
export interface CustomerValueState {
  /** null: no stored checkup of the date; else its clv status ('none': a report from before it). */
  checkup: 'fitted' | 'too_few' | 'none' | null;
  customers: number;
  customers_with_clv: number;
}

/** Returns what customer value is stored for `asOf` (creating the tables when missing). */
export async function customerValueState(
  conn: DuckDBConnection,
  asOf: string,
): Promise<CustomerValueState> {
  for (const sql of CUSTOMER_VALUE_SQL) await conn.run(sql);
  const r = await conn.runAndReadAll(
    `SELECT (SELECT coalesce(json_extract_string(report, '$.clv.status'), 'none') FROM checkups
             WHERE as_of = $1::DATE ORDER BY computed_at DESC LIMIT 1) AS checkup,
            CAST(count(*) AS INTEGER) AS customers, CAST(count(clv_365) AS INTEGER) AS customers_with_clv
     FROM customer_value WHERE as_of = $1::DATE`,
    [asOf],
  );
  return (r.getRowObjectsJS() as unknown as CustomerValueState[])[0];
}
