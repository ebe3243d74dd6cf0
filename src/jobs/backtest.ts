// `kenshin backtest`: the daily diagnosis replayed for every day of a range on the stored data.
// Each day's checkup reads only what is dated up to that day (every metric is cut at its as-of
// date), so no day sees its future. Nothing is stored: the replay is read-only.
import type { DuckDBConnection } from '@duckdb/node-api';
import { computeCheckup } from '../checkup/run.js';
import { addDays } from '../domain/dates.js';
import {
  summarizeBacktest,
  type BacktestDay,
  type BacktestSummary,
} from '../domain/diagnosis/backtest.js';
import type { Settings } from '../domain/settings.js';

export type { BacktestSummary };

/** Returns the dates from `from` to `to`, both included. */
export function datesFromTo(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Replays the checkup of every day from `from` to `to`; `onDay` hears each day done (for progress). */
export async function runBacktest(
  conn: DuckDBConnection,
  settings: Settings,
  from: string,
  to: string,
  onDay?: (done: number, total: number, asOf: string) => void,
): Promise<BacktestSummary & { seconds_per_day: number }> {
  const dates = datesFromTo(from, to);
  const t0 = performance.now();
  const days: BacktestDay[] = [];
  for (const [i, asOf] of dates.entries()) {
    const r = await computeCheckup(conn, settings, asOf);
    days.push({
      as_of: asOf,
      findings: r.findings,
      annual_revenue: r.metrics.annual_revenue,
      annual_revenue_prev_year: r.metrics_prev_year.annual_revenue,
    });
    onDay?.(i + 1, dates.length, asOf);
  }
  const seconds = (performance.now() - t0) / 1000;
  return { ...summarizeBacktest(days), seconds_per_day: dates.length ? seconds / dates.length : 0 };
}
