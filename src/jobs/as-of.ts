// Which date the daily job checks: the date given, else today in the business's timezone —
// or, when today has no orders yet (the morning export carries yesterday's), the last order
// date on or before today.
import type { DuckDBConnection } from '@duckdb/node-api';
import { localDate } from '../domain/dates.js';

export { localDate };

export type AsOfSource = 'flag' | 'today' | 'last_order';

/** Returns the as-of date and where it came from; null when there are no orders up to today. */
export async function chooseAsOf(
  conn: DuckDBConnection,
  timeZone: string,
  flag?: string,
  now = new Date(),
): Promise<{ asOf: string; source: AsOfSource } | null> {
  if (flag) return { asOf: flag, source: 'flag' };
  const today = localDate(now, timeZone);
  const r = await conn.runAndReadAll(
    `SELECT strftime(max(CAST(ordered_at AS DATE)), '%Y-%m-%d') FROM orders WHERE CAST(ordered_at AS DATE) <= $1::DATE`,
    [today],
  );
  const last = (r.getRows()[0]?.[0] as string | null) ?? null;
  if (!last) return null;
  return last === today ? { asOf: today, source: 'today' } : { asOf: last, source: 'last_order' };
}
