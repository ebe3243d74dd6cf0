// The stored metrics of the checkups of yesterday and 30 days before a date — the short-term
// comparisons of the summary and the alert mail — read from the stored reports (one truth).
import type { DuckDBConnection } from '@duckdb/node-api';
import { addDays } from '../domain/dates.js';
import type { CoreMetrics } from '../store/metrics/core.js';

/** Stored metrics of the checkups of D−1 and D−30, when those days were checked. */
export type MetricsBefore = { 1?: CoreMetrics; 30?: CoreMetrics };

/** Returns the metrics of the stored checkups of D−1 and D−30 (a day without one is left out). */
export async function loadMetricsBefore(
  conn: DuckDBConnection,
  asOf: string,
): Promise<MetricsBefore> {
  const out: MetricsBefore = {};
  for (const back of [1, 30] as const) {
    const r = await conn.runAndReadAll(`SELECT report FROM checkups WHERE as_of = $1::DATE`, [
      addDays(asOf, -back),
    ]);
    const rows = r.getRows();
    if (rows.length)
      out[back] = (JSON.parse(String(rows[0][0])) as { metrics: CoreMetrics }).metrics;
  }
  return out;
}
