// Alerts already sent, per checkup date, finding, severity and channel, so the daily job never
// sends the same alert twice (a second run on the same day sends nothing; a channel that
// failed is retried on the next run).
import type { DuckDBConnection } from '@duckdb/node-api';

/** The table (also proposed as a migration; CREATE IF NOT EXISTS keeps older files working). */
export const ALERTS_SENT_SQL = `
CREATE TABLE IF NOT EXISTS alerts_sent (
  as_of DATE NOT NULL,               -- checkup date the alert is about
  finding_id VARCHAR NOT NULL,       -- '*digest*' for a daily digest message
  severity VARCHAR NOT NULL,
  channel VARCHAR NOT NULL,          -- email / webhook
  kind VARCHAR NOT NULL,             -- new / digest
  sent_at TIMESTAMP NOT NULL DEFAULT current_timestamp
)`;

export interface SentAlert {
  as_of: string;
  finding_id: string;
  severity: string;
  channel: string;
  kind: 'new' | 'digest';
}

/** Creates the table when the database does not have it yet. */
export async function ensureAlertsTable(conn: DuckDBConnection): Promise<void> {
  await conn.run(ALERTS_SENT_SQL);
}

/** Returns the keys 'finding_id|severity|channel' already sent for checkup date `asOf`. */
export async function sentAlertKeys(conn: DuckDBConnection, asOf: string): Promise<Set<string>> {
  await ensureAlertsTable(conn);
  const r = await conn.runAndReadAll(
    `SELECT finding_id, severity, channel FROM alerts_sent WHERE as_of = $1::DATE`,
    [asOf],
  );
  return new Set(r.getRows().map((x) => `${x[0]}|${x[1]}|${x[2]}`));
}

/** Records alerts as sent. */
export async function recordSentAlerts(conn: DuckDBConnection, rows: SentAlert[]): Promise<void> {
  await ensureAlertsTable(conn);
  for (const a of rows) {
    await conn.run(
      `INSERT INTO alerts_sent (as_of, finding_id, severity, channel, kind) VALUES ($1::DATE, $2, $3, $4, $5)`,
      [a.as_of, a.finding_id, a.severity, a.channel, a.kind],
    );
  }
}

/** Returns every sent alert (newest first), for `kenshin daily --history` and tests. */
export async function listSentAlerts(
  conn: DuckDBConnection,
  limit = 500,
): Promise<(SentAlert & { sent_at: string })[]> {
  await ensureAlertsTable(conn);
  const r = await conn.runAndReadAll(
    `SELECT strftime(as_of, '%Y-%m-%d') AS as_of, finding_id, severity, channel, kind, strftime(sent_at, '%Y-%m-%d %H:%M:%S') AS sent_at
     FROM alerts_sent ORDER BY sent_at DESC, finding_id LIMIT ${Math.max(1, Math.min(limit, 10000))}`,
  );
  return r.getRowObjectsJson() as unknown as (SentAlert & { sent_at: string })[];
}
