// Pure definitions behind the new-customer asset audit (SPEC §6, seed 002): which acquisition
// months it covers, and exact rounded division of decimals for the SQL that computes it.
import { addMonths, monthOf } from './dates.js';

export interface AuditMonths {
  /** First day of the earliest acquisition month, 'YYYY-MM-01'. */
  first: string;
  /** 'YYYY-MM' of the earliest and of the latest month (the month of D). */
  from_month: string;
  to_month: string;
}

/** Returns the `months` calendar months ending with the month of `asOf` (the month of D included). */
export function auditMonths(asOf: string, months: number): AuditMonths {
  const first = addMonths(monthOf(asOf), -(months - 1));
  return { first, from_month: monthOf(first), to_month: monthOf(asOf) };
}

/**
 * Returns SQL for num ÷ den rounded half away from zero to 4 decimal places, as DECIMAL(38,4),
 * without passing through floating point (DuckDB divides decimals in DOUBLE). `num` is a
 * DECIMAL with at most `scale` (≥ 4) decimals; `den` a positive integer; both are SQL
 * expressions written by this program, never user input.
 */
export function roundedQuotientSql(num: string, den: string, scale: number): string {
  // x = num·10^scale is an integer; the result in units of 10^-4 is round(x / (den·10^(scale−4))).
  const x = `CAST((${num}) * ${10 ** scale} AS HUGEINT)`;
  const d = `(CAST(${den} AS HUGEINT) * ${10 ** (scale - 4)})`;
  const q = `sign(${x}) * ((2 * abs(${x}) + ${d}) // (2 * ${d}))`;
  return `(CAST(${q} AS DECIMAL(38,0)) * CAST(0.0001 AS DECIMAL(5,4)))`;
}
