// The audit trail of SPEC §9: logins (success and failure), exports of personal data,
// anonymisations, deletions and other administrative acts, in the audit_log table.
import type { DuckDBConnection } from '@duckdb/node-api';

/** Actions written to audit_log; the names are stable (reports and tests filter by them). */
export type AuditAction =
  | 'login'
  | 'login_failed'
  | 'logout'
  | 'export' // a segment export (written by store/segments.ts, which owns that action)
  | 'segment_delete'
  | 'segment_rename'
  | 'anonymise'
  | 'user_add'
  | 'user_delete'
  | 'user_update'
  | 'settings_change'
  | 'import_commit'
  | 'checkup_run'
  | 'business_add'
  | 'business_rename'
  | 'business_remove';

export interface AuditEntry {
  /** UTC, ISO 8601. */
  logged_at: string;
  actor: string;
  action: string;
  detail: Record<string, unknown> | null;
}

/** Appends one entry; `detail` is stored as JSON. The time is UTC. */
export async function logAudit(
  conn: DuckDBConnection,
  actor: string,
  action: AuditAction,
  detail: Record<string, unknown> = {},
): Promise<void> {
  const at = new Date().toISOString().replace('T', ' ').replace('Z', '');
  await conn.run(
    `INSERT INTO audit_log (logged_at, actor, action, detail) VALUES ($1::TIMESTAMP, $2, $3, $4)`,
    [at, actor, action, JSON.stringify(detail)],
  );
}

/** Returns the latest entries, newest first (optionally of one action). */
export async function listAudit(
  conn: DuckDBConnection,
  opts: { action?: string; limit?: number } = {},
): Promise<AuditEntry[]> {
  const limit = Math.max(1, Math.min(opts.limit ?? 200, 5000));
  const where = opts.action ? `WHERE action = $1` : '';
  const params = opts.action ? [opts.action] : [];
  const r = await conn.runAndReadAll(
    `SELECT strftime(logged_at, '%Y-%m-%dT%H:%M:%S.%gZ'), actor, action, detail FROM audit_log ${where}
     ORDER BY logged_at DESC LIMIT ${limit}`,
    params,
  );
  return r.getRows().map((x) => ({
    logged_at: String(x[0]),
    actor: String(x[1]),
    action: String(x[2]),
    detail: parseDetail(x[3]),
  }));
}

/** Returns the stored detail JSON as an object (a non-JSON legacy detail as { text }). */
function parseDetail(v: unknown): Record<string, unknown> | null {
  if (v === null || v === undefined) return null;
  try {
    return JSON.parse(String(v)) as Record<string, unknown>;
  } catch {
    return { text: String(v) };
  }
}
