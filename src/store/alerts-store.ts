// Alerts already sent, per checkup date, finding, severity and channel, so the daily job never
// sends the same alert twice (a second run on the same day sends nothing; a channel that
// failed is retried on the next run).
import type { DuckDBConnection } from '@duckdb/node-api';
import { inTransaction } from './db.js';

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

// The outbox: every alert is stored here before it is sent, one row per message and channel,
// and retried with backoff until it is delivered or it expires (settings.alerts.expire_days).
export const ALERT_OUTBOX_SQL = `
CREATE TABLE IF NOT EXISTS alert_outbox (
  id VARCHAR PRIMARY KEY,            -- kind|as_of|channel|sequence
  channel VARCHAR NOT NULL,          -- email / webhook
  kind VARCHAR NOT NULL,             -- new / digest / import_failed / daily_failed
  as_of DATE,                        -- the checkup date the alert is about (null: none)
  subject VARCHAR NOT NULL,
  message VARCHAR NOT NULL,          -- JSON of the whole message (text, html, findings, inline image)
  finding_keys VARCHAR NOT NULL,     -- JSON [{ finding_id, severity }]: recorded in alerts_sent once delivered
  status VARCHAR NOT NULL,           -- pending / delivered / expired
  attempts INTEGER NOT NULL,
  created_at TIMESTAMP NOT NULL,     -- UTC, like every time below
  next_attempt_at TIMESTAMP NOT NULL,
  expires_at TIMESTAMP NOT NULL,
  delivered_at TIMESTAMP,
  last_error VARCHAR
)`;

export interface OutboxRow {
  id: string;
  channel: string;
  kind: string;
  as_of: string | null;
  subject: string;
  message: string;
  finding_keys: { finding_id: string; severity: string }[];
  status: 'pending' | 'delivered' | 'expired';
  attempts: number;
  created_at: string;
  next_attempt_at: string;
  expires_at: string;
  delivered_at: string | null;
  last_error: string | null;
}

/** Returns a Date as the TIMESTAMP text DuckDB takes (UTC). */
export function ts(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

/** Creates the outbox when the database does not have it yet. */
export async function ensureOutbox(conn: DuckDBConnection): Promise<void> {
  await conn.run(ALERT_OUTBOX_SQL);
}

/** Stores a message for a channel as pending (due now); returns its id. */
export async function enqueueAlert(
  conn: DuckDBConnection,
  row: Pick<OutboxRow, 'channel' | 'kind' | 'as_of' | 'subject' | 'message' | 'finding_keys'>,
  now: Date,
  expireDays: number,
): Promise<string> {
  await ensureOutbox(conn);
  const n = Number((await conn.runAndReadAll(`SELECT count(*) FROM alert_outbox`)).getRows()[0][0]);
  const id = `${row.kind}|${row.as_of ?? '-'}|${row.channel}|${n + 1}`;
  await conn.run(
    `INSERT INTO alert_outbox VALUES ($1, $2, $3, $4::DATE, $5, $6, $7, 'pending', 0, $8::TIMESTAMP, $8::TIMESTAMP, $9::TIMESTAMP, NULL, NULL)`,
    [
      id,
      row.channel,
      row.kind,
      row.as_of,
      row.subject,
      row.message,
      JSON.stringify(row.finding_keys),
      ts(now),
      ts(new Date(now.getTime() + expireDays * 86_400_000)),
    ],
  );
  return id;
}

const OUTBOX_COLUMNS = `id, channel, kind, strftime(as_of, '%Y-%m-%d') AS as_of, subject, message, finding_keys, status, attempts,
  strftime(created_at, '%Y-%m-%d %H:%M:%S') AS created_at, strftime(next_attempt_at, '%Y-%m-%d %H:%M:%S') AS next_attempt_at,
  strftime(expires_at, '%Y-%m-%d %H:%M:%S') AS expires_at, strftime(delivered_at, '%Y-%m-%d %H:%M:%S') AS delivered_at, last_error`;

/** Returns outbox rows read from a query result. */
function outboxRows(rows: Record<string, unknown>[]): OutboxRow[] {
  return rows.map((r) => ({
    ...(r as unknown as OutboxRow),
    attempts: Number(r.attempts),
    finding_keys: JSON.parse(String(r.finding_keys)) as OutboxRow['finding_keys'],
  }));
}

/** Returns the pending rows due at `now` (oldest first). */
export async function dueAlerts(conn: DuckDBConnection, now: Date): Promise<OutboxRow[]> {
  await ensureOutbox(conn);
  const r = await conn.runAndReadAll(
    `SELECT ${OUTBOX_COLUMNS} FROM alert_outbox WHERE status = 'pending' AND next_attempt_at <= $1::TIMESTAMP ORDER BY created_at, id`,
    [ts(now)],
  );
  return outboxRows(r.getRowObjectsJson() as Record<string, unknown>[]);
}

/** Returns the outbox (newest first), for `kenshin alerts show` and tests. */
export async function listOutbox(conn: DuckDBConnection, limit = 50): Promise<OutboxRow[]> {
  await ensureOutbox(conn);
  const r = await conn.runAndReadAll(
    `SELECT ${OUTBOX_COLUMNS} FROM alert_outbox ORDER BY created_at DESC, id DESC LIMIT ${Math.max(1, Math.min(limit, 10000))}`,
  );
  return outboxRows(r.getRowObjectsJson() as Record<string, unknown>[]);
}

/** Returns the keys 'finding_id|severity|channel' of checkup date `asOf` in the outbox and not delivered: still waiting, or given up (not queued again). */
export async function queuedAlertKeys(conn: DuckDBConnection, asOf: string): Promise<Set<string>> {
  await ensureOutbox(conn);
  const r = await conn.runAndReadAll(
    `SELECT channel, finding_keys FROM alert_outbox WHERE as_of = $1::DATE AND status IN ('pending', 'expired')`,
    [asOf],
  );
  const out = new Set<string>();
  for (const [channel, keys] of r.getRows())
    for (const k of JSON.parse(String(keys)) as OutboxRow['finding_keys'])
      out.add(`${k.finding_id}|${k.severity}|${channel}`);
  return out;
}

/** Marks a row delivered and records its findings as sent (one transaction). */
export async function markDelivered(
  conn: DuckDBConnection,
  row: OutboxRow,
  now: Date,
): Promise<void> {
  await ensureAlertsTable(conn);
  await inTransaction(conn, async () => {
    await conn.run(
      `UPDATE alert_outbox SET status = 'delivered', attempts = attempts + 1, delivered_at = $2::TIMESTAMP, last_error = NULL WHERE id = $1`,
      [row.id, ts(now)],
    );
    if (row.as_of && (row.kind === 'new' || row.kind === 'digest'))
      await recordSentAlerts(
        conn,
        row.finding_keys.map((k) => ({
          as_of: row.as_of!,
          finding_id: k.finding_id,
          severity: k.severity,
          channel: row.channel,
          kind: row.kind as 'new' | 'digest',
        })),
      );
  });
}

/** Records a failed attempt at `now`: retried at `retryAt` (never later than the expiry), or expired when its time is over. */
export async function markFailed(
  conn: DuckDBConnection,
  row: OutboxRow,
  error: string,
  now: Date,
  retryAt: Date,
): Promise<{ status: 'pending' | 'expired'; next: Date }> {
  const expires = new Date(`${row.expires_at.replace(' ', 'T')}Z`);
  const status = now >= expires ? 'expired' : 'pending';
  const next = retryAt > expires ? expires : retryAt;
  await conn.run(
    `UPDATE alert_outbox SET status = $2, attempts = attempts + 1, next_attempt_at = $3::TIMESTAMP, last_error = $4 WHERE id = $1`,
    [row.id, status, ts(next), error.slice(0, 1000)],
  );
  return { status, next };
}

/** Marks pending rows past their expiry as expired; returns them. */
export async function expireAlerts(conn: DuckDBConnection, now: Date): Promise<OutboxRow[]> {
  await ensureOutbox(conn);
  const r = await conn.runAndReadAll(
    `SELECT ${OUTBOX_COLUMNS} FROM alert_outbox WHERE status = 'pending' AND expires_at < $1::TIMESTAMP`,
    [ts(now)],
  );
  const rows = outboxRows(r.getRowObjectsJson() as Record<string, unknown>[]);
  for (const x of rows)
    await conn.run(`UPDATE alert_outbox SET status = 'expired' WHERE id = $1`, [x.id]);
  return rows;
}
