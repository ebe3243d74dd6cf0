// What every metric query receives: the as-of date and the business's settings.
import type { DuckDBConnection } from '@duckdb/node-api';
import { EARLIEST_EVENT_DATE } from '../../domain/dates.js';
import type { Settings } from '../../domain/settings.js';

export interface MetricContext {
  conn: DuckDBConnection;
  /** As-of date D, a local calendar date 'YYYY-MM-DD'. */
  asOf: string;
  settings: Settings;
  /**
   * The per-customer summary and daily totals the checkup built (customer-summary.ts); without
   * them a query reads the same SELECTs inline.
   */
  tables?: CheckupTables;
}

/** The tables a checkup built for one as-of date (temporary tables of its connection). */
export interface CheckupTables {
  asOf: string;
  customers: string;
  daily: string;
  cohortMonths: string;
  /** The first month (its first day) cohortMonths covers. */
  cohortFrom: string;
  contactDays: string;
}

// An order dated before the first plausible business date (a 1900-01-01 placeholder stored
// before the importer refused such dates) is no event at all: every metric leaves it out, and
// the data range counts it for the data.implausible_dates finding.
const PLAUSIBLE = `o.ordered_at >= TIMESTAMP '${EARLIEST_EVENT_DATE}'`;

/**
 * SQL fragments shared by every metric family, so the definitions of SPEC §2 live once.
 * A purchase: completed, amount > 0. A service: any non-cancelled order (amount 0 included).
 * A revenue event: a purchase, or a return credit note (status returned, negative amount),
 * which reduces revenue on its own date. None of them is dated before EARLIEST_EVENT_DATE.
 */
export const SQL = {
  isPurchase: `(o.status = 'completed' AND o.amount > 0 AND ${PLAUSIBLE})`,
  isService: `(o.status <> 'cancelled' AND o.amount >= 0 AND ${PLAUSIBLE})`,
  isRevenueEvent: `(((o.status = 'completed' AND o.amount > 0) OR (o.status = 'returned' AND o.amount < 0)) AND ${PLAUSIBLE})`,
  /** An order dated before any plausible business date (left out everywhere). */
  isImplausible: `o.ordered_at < TIMESTAMP '${EARLIEST_EVENT_DATE}'`,
  /** An order with a discount or a coupon. */
  isDiscounted: `(coalesce(o.discount_amount, 0) > 0 OR coalesce(trim(o.coupon_code), '') <> '')`,
  day: (col: string) => `CAST(${col} AS DATE)`,
} as const;

/** Returns a number from a DuckDB value (BIGINT, DECIMAL, DOUBLE or null → null). */
export function num(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return Number(String(v));
}

/** Returns a / b, or null when b is 0 (a rate without a base is unknown, not zero). */
export function ratio(a: number | null, b: number | null): number | null {
  if (a === null || b === null || b === 0) return null;
  return a / b;
}
