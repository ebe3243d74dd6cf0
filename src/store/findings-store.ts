// Reading the findings stored with each checkup date.
import type { DuckDBConnection } from '@duckdb/node-api';
import { findingKey, type StoredFinding } from '../domain/diagnosis/history.js';
import type { Finding } from '../domain/diagnosis/types.js';

/** Returns the checkup dates and their findings (optionally from `since` on). */
export async function loadFindingHistory(
  conn: DuckDBConnection,
  since?: string,
): Promise<{ dates: string[]; findings: StoredFinding[] }> {
  const where = since ? `WHERE as_of >= $1::DATE` : '';
  const params = since ? [since] : [];
  const dates = (
    await conn.runAndReadAll(
      `SELECT strftime(as_of, '%Y-%m-%d') FROM checkups ${where} ORDER BY 1`,
      params,
    )
  )
    .getRows()
    .map((r) => String(r[0]));
  const rows = (
    await conn.runAndReadAll(
      `SELECT strftime(as_of, '%Y-%m-%d'), finding FROM findings ${where} ORDER BY as_of`,
      params,
    )
  ).getRows();
  const findings = rows.map((r) => {
    const f = JSON.parse(String(r[1])) as Finding;
    return {
      as_of: String(r[0]),
      key: findingKey(f),
      id: f.id,
      severity: f.severity,
      title: f.title,
    };
  });
  return { dates, findings };
}
