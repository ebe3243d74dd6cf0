// `kenshin backtest`: the daily diagnosis replayed for every day of a range on the stored data.
// Each day's checkup reads only what is dated up to that day (every metric is cut at its as-of
// date), so no day sees its future. With `history` each day's findings go into the findings
// history (store/findings-store.ts): the replay is what the user asked for, so it may write
// that, and only that (no checkup report is stored).
import type { DuckDBConnection } from '@duckdb/node-api';
import { computeCheckup } from '../checkup/run.js';
import { addDays } from '../domain/dates.js';
import {
  summarizeBacktest,
  type BacktestDay,
  type BacktestSummary,
} from '../domain/diagnosis/backtest.js';
import type { Settings } from '../domain/settings.js';
import { storeBacktestDay } from '../store/findings-store.js';

export type { BacktestSummary };

/**
 * Sections the replay leaves out: no rule reads them, and the customer-value fit (about 0.4 s a
 * day on 5,000 customers, seconds at 100,000) would dominate a year of replayed days. A rule
 * that comes to read one must take it off this list.
 */
export const REPLAY_SKIPS = ['clv'] as const;

/** Returns the dates from `from` to `to`, both included, every `every` days (always ending on `to`). */
export function datesFromTo(from: string, to: string, every = 1): string[] {
  const out: string[] = [];
  for (let d = to; d >= from; d = addDays(d, -every)) out.push(d);
  return out.reverse();
}

export interface BacktestOptions {
  /** Replay every n-th day only (1: every day); the last day is always replayed. */
  every?: number;
  /** Write each day's findings into the findings history. */
  history?: boolean;
  onDay?: (done: number, total: number, asOf: string) => void;
}

/** Replays the checkup of the days from `from` to `to`; `onDay` hears each day done (for progress). */
export async function runBacktest(
  conn: DuckDBConnection,
  settings: Settings,
  from: string,
  to: string,
  opts: BacktestOptions = {},
): Promise<BacktestSummary & { seconds_per_day: number; history_days: number }> {
  const dates = datesFromTo(from, to, opts.every ?? 1);
  let written = 0;
  const t0 = performance.now();
  const days: BacktestDay[] = [];
  for (const [i, asOf] of dates.entries()) {
    const r = await computeCheckup(conn, settings, asOf, { skip: REPLAY_SKIPS });
    days.push({
      as_of: asOf,
      findings: r.findings,
      annual_revenue: r.metrics.annual_revenue,
      annual_revenue_prev_year: r.metrics_prev_year.annual_revenue,
    });
    if (opts.history && (await storeBacktestDay(conn, asOf, r.findings))) written++;
    opts.onDay?.(i + 1, dates.length, asOf);
  }
  const seconds = (performance.now() - t0) / 1000;
  return {
    ...summarizeBacktest(days),
    seconds_per_day: dates.length ? seconds / dates.length : 0,
    history_days: written,
  };
}
