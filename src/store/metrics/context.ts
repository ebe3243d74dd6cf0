// What every metric query receives: the as-of date and the business's settings.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Settings } from '../../domain/settings.js';

export interface MetricContext {
  conn: DuckDBConnection;
  /** As-of date D, a local calendar date 'YYYY-MM-DD'. */
  asOf: string;
  settings: Settings;
}

/**
 * SQL fragments shared by every metric family, so the definitions of SPEC §2 live once.
 * A purchase: completed, amount > 0. A service: any non-cancelled order (amount 0 included).
 * A revenue event: a purchase, or a return credit note (status returned, negative amount),
 * which reduces revenue on its own date.
 */
export const SQL = {
  isPurchase: `(o.status = 'completed' AND o.amount > 0)`,
  isService: `(o.status <> 'cancelled' AND o.amount >= 0)`,
  isRevenueEvent: `((o.status = 'completed' AND o.amount > 0) OR (o.status = 'returned' AND o.amount < 0))`,
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
