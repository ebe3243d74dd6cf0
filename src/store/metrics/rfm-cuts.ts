// The RFM cut set of an as-of date D (issue 14, docs/metrics.md "RFM"): with the quintile method
// the cuts are the quintiles of the purchasers as of E, the last day of the month before D, so a
// handful of customers arriving does not move every cut (and every segment) from one day to the
// next. They use data up to E only: a backtest of D and a re-run later give the same cuts.
//
// Estimating E's quintiles groups all orders up to E, so each estimate is kept in rfm_cut_sets
// and reused for every D of the month. A kept estimate is used only when the orders up to E are
// still the ones it was computed from (a fingerprint of them) and the estimating SQL is the same
// text (settings and code): a cached cut set can never differ from recomputing it.
import { createHash } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Settings } from '../../domain/settings.js';
import { QUINTILE_PROBS, MIN_REFERENCE_CUSTOMERS, cutSetDate } from '../../domain/rfm.js';
import type { RfmCutSetInfo, RfmMethod } from '../../report/index.js';
import { num, type MetricContext } from './context.js';
import { customerSummary, customerSummarySql } from './customer-summary.js';

/** The cuts of R, F and M, four each, ascending, as exact decimal text (SQL literals). */
export interface RfmCuts {
  r: string[];
  f: string[];
  m: string[];
}

/** The cut set that scores as-of D: where it comes from, and the cuts (null without purchasers). */
export interface RfmCutSet extends RfmCutSetInfo {
  method: RfmMethod;
  cuts: RfmCuts | null;
}

/** Created on first use (IF NOT EXISTS, like the other tables whose DDL lives with their store). */
export const RFM_CUT_SETS_SQL = `
CREATE TABLE IF NOT EXISTS rfm_cut_sets (
  estimated_as_of DATE NOT NULL,     -- E: the purchasers as of this date were cut into fifths
  definition VARCHAR NOT NULL,       -- sha256 of the estimating SQL (monetary window, code version)
  fingerprint VARCHAR NOT NULL,      -- the orders up to E it was computed from (ordersFingerprint)
  customers BIGINT NOT NULL,         -- purchasers as of E
  r_cuts DECIMAL(18,4)[],            -- NULL without purchasers
  f_cuts DECIMAL(18,4)[],
  m_cuts DECIMAL(18,4)[],
  computed_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
  PRIMARY KEY (estimated_as_of, definition)
)`;

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Returns a finite number as an SQL literal (settings are inlined: the CTE binds only $as_of). */
function lit(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`);
  return String(n);
}

/** Returns the fixed bounds as literals, refusing bounds that are not ascending. */
function bounds(name: string, values: readonly number[]): string[] {
  for (let i = 1; i < values.length; i++) {
    if (values[i] < values[i - 1])
      throw new Error(`settings.rfm.${name} must be ascending: ${values.join(', ')}`);
  }
  return values.map(lit);
}

/** Returns the cut list as a DECIMAL list literal (NULL for no cuts), for rfmCte. */
export function cutsSql(cuts: readonly string[] | null): string {
  if (!cuts) return 'NULL::DECIMAL(18,4)[]';
  for (const c of cuts) if (!DECIMAL.test(c)) throw new Error(`not a decimal cut: ${c}`);
  return `[${cuts.join(', ')}]::DECIMAL(18,4)[]`;
}

/** Returns the quantile cut list of a column, rounded to 4 decimals so float error cannot split ties. */
function quantileSql(col: string): string {
  return `list_transform(quantile_cont(${col}::DOUBLE, [${QUINTILE_PROBS.join(', ')}]), c -> round(c, 4))::DECIMAL(18,4)[]`;
}

/**
 * Returns the query of the purchasers' count and quintiles as of $as_of over the per-customer
 * summary `from` (the same R, F, M as rfmCte's rfm_base); cuts as exact text.
 */
function quintilesSql(from: string): string {
  return `
  WITH b AS (SELECT $as_of::DATE - pd[-1] AS r_days, len(pd) AS f, monetary AS m FROM ${from} WHERE len(pd) > 0),
  q AS (SELECT count(*) AS customers, ${quantileSql('r_days')} AS r, ${quantileSql('f')} AS f, ${quantileSql('m')} AS m FROM b)
  SELECT customers, CAST(r AS VARCHAR[]) AS r, CAST(f AS VARCHAR[]) AS f, CAST(m AS VARCHAR[]) AS m FROM q`;
}

const textList = (v: unknown): string[] | null => (Array.isArray(v) ? v.map(String) : null);

/** Reads a count and three cut lists from a row (null cuts when any list is missing). */
function readCuts(row: Record<string, unknown>): { customers: number; cuts: RfmCuts | null } {
  const [r, f, m] = [textList(row.r), textList(row.f), textList(row.m)];
  return { customers: num(row.customers) ?? 0, cuts: r && f && m ? { r, f, m } : null };
}

async function one(
  conn: DuckDBConnection,
  sql: string,
  params: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const reader = await conn.runAndReadAll(sql, params as never);
  return (reader.getRowObjectsJson() as Record<string, unknown>[])[0] ?? {};
}

/**
 * Returns a fingerprint of the customers' orders up to `e`: the count and the sum of a hash of
 * every column the RFM values read (customer, time, amount, status; not the order id, which
 * they do not read, so renumbered orders keep the estimate). A sum rather than an XOR of the
 * row hashes, so two identical rows do not cancel out. About 0.1 s per 2M orders.
 */
export async function ordersFingerprint(conn: DuckDBConnection, e: string): Promise<string> {
  const r = await one(
    conn,
    `SELECT count(*) AS n, coalesce(sum(hash(customer_id, ordered_at, amount, status)::HUGEINT), 0) AS h
     FROM orders WHERE customer_id IS NOT NULL AND CAST(ordered_at AS DATE) <= $e::DATE`,
    { e },
  );
  return `${r.n}:${r.h}`;
}

/**
 * Returns the purchasers and quintiles as of `e` (data up to e only), from rfm_cut_sets when the
 * kept estimate was computed from the same orders and the same SQL, else computed and kept.
 */
export async function monthEndEstimate(
  conn: DuckDBConnection,
  settings: Settings,
  e: string,
): Promise<{ customers: number; cuts: RfmCuts | null }> {
  const sql = quintilesSql(`(${customerSummarySql(settings)})`);
  const definition = createHash('sha256').update(sql).digest('hex');
  await conn.run(RFM_CUT_SETS_SQL);
  const fingerprint = await ordersFingerprint(conn, e);
  const kept = await one(
    conn,
    `SELECT fingerprint, customers, CAST(r_cuts AS VARCHAR[]) AS r, CAST(f_cuts AS VARCHAR[]) AS f, CAST(m_cuts AS VARCHAR[]) AS m
     FROM rfm_cut_sets WHERE estimated_as_of = $e::DATE AND definition = $definition`,
    { e, definition },
  );
  if (kept.fingerprint === fingerprint) return readCuts(kept);
  const fresh = readCuts(await one(conn, sql, { as_of: e }));
  await conn.run(
    `INSERT OR REPLACE INTO rfm_cut_sets (estimated_as_of, definition, fingerprint, customers, r_cuts, f_cuts, m_cuts)
     VALUES ($e::DATE, $definition, $fingerprint, $customers, ${cutsSql(fresh.cuts?.r ?? null)},
             ${cutsSql(fresh.cuts?.f ?? null)}, ${cutsSql(fresh.cuts?.m ?? null)})`,
    { e, definition, fingerprint, customers: fresh.customers },
  );
  return fresh;
}

/**
 * Returns the cut set that scores as of ctx.asOf: the fixed bounds of settings; or the quintiles
 * as of the last day of the previous month (month_end) when that many purchasers are enough
 * (MIN_REFERENCE_CUSTOMERS), else the quintiles of D's own purchasers (as_of). The checkup, the
 * live segments and the customer page all take their cuts from here.
 */
export async function rfmCutSet(ctx: MetricContext): Promise<RfmCutSet> {
  const s = ctx.settings.rfm;
  if (s.method === 'fixed') {
    return {
      method: 'fixed',
      basis: 'fixed',
      estimated_as_of: null,
      customers: null,
      cuts: {
        r: bounds('recency_days', s.recency_days),
        f: bounds('frequency', s.frequency),
        m: bounds('monetary', s.monetary),
      },
    };
  }
  const e = cutSetDate(ctx.asOf);
  const ref = await monthEndEstimate(ctx.conn, ctx.settings, e);
  if (ref.customers >= MIN_REFERENCE_CUSTOMERS)
    return { method: 'quintile', basis: 'month_end', estimated_as_of: e, ...ref };
  const own = readCuts(
    await one(ctx.conn, quintilesSql(customerSummary(ctx)), { as_of: ctx.asOf }),
  );
  return { method: 'quintile', basis: 'as_of', estimated_as_of: ctx.asOf, ...own };
}

/** Returns the cut set's description as the report and the exports record it. */
export function cutSetInfo(c: RfmCutSet): RfmCutSetInfo {
  return { basis: c.basis, estimated_as_of: c.estimated_as_of, customers: c.customers };
}

/** Returns the cuts as numbers, named as the report's cut_points (null without purchasers). */
export function cutPoints(c: RfmCutSet): {
  recency_days: number[] | null;
  frequency: number[] | null;
  monetary: number[] | null;
} {
  const n = (l: string[] | undefined) => (l ? l.map(Number) : null);
  return { recency_days: n(c.cuts?.r), frequency: n(c.cuts?.f), monetary: n(c.cuts?.m) };
}
