// Writes the workbook of a stored report together with the findings history up to its date —
// the one way the CLI, the daily job and `npm start` produce a workbook.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CheckupReport } from '../../checkup/report.js';
import { loadFindingHistory } from '../../store/findings-store.js';
import { findingEpisodes } from '../../domain/diagnosis/history.js';
import { writeWorkbook, type WorkbookOptions, type WorkbookResult } from './index.js';
import { loadMetricsBefore } from '../../checkup/metrics-before.js';

/** Writes `report`'s workbook to `path` with the findings episodes up to its as-of date. */
export async function writeReportWorkbook(
  conn: DuckDBConnection,
  report: CheckupReport,
  path: string,
  opts: Omit<WorkbookOptions, 'episodes' | 'metrics_before'> = {},
): Promise<WorkbookResult> {
  const { dates, findings } = await loadFindingHistory(conn);
  const episodes = findingEpisodes(
    dates.filter((d) => d <= report.as_of),
    findings.filter((f) => f.as_of <= report.as_of),
  );
  const metrics_before = await loadMetricsBefore(conn, report.as_of);
  return writeWorkbook(report, path, { ...opts, episodes, metrics_before });
}
