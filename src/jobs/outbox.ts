// Delivering the outbox: every pending alert that is due is sent — all at the same time and
// within settings.alerts.send_timeout_seconds, so a server that hangs costs the job at most
// that — then marked delivered, or retried later with backoff (5 min, 10, 20 … at most 6 h)
// until it expires. Run by every daily job, by `kenshin schedule` between runs, and by
// `kenshin alerts retry`.
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  alertConfig,
  sendOn,
  type AlertChannel,
  type AlertConfig,
  type AlertMessage,
} from '../outputs/alerts/index.js';
import {
  dueAlerts,
  enqueueAlert,
  expireAlerts,
  markDelivered,
  markFailed,
  type OutboxRow,
} from '../store/alerts-store.js';
import { loadSettings } from '../store/settings-store.js';

export interface Delivery {
  id: string;
  channel: AlertChannel;
  kind: string;
  as_of: string | null;
  ok: boolean;
  detail: string;
  /** After this attempt. */
  status: 'delivered' | 'pending' | 'expired';
  attempts: number;
  /** When it is tried again (pending only), UTC ISO. */
  next_attempt_at?: string;
}

/** Sends what is due of the outbox under the stored alert settings and logs each delivery (between daily runs). */
export async function retryDueAlerts(
  conn: DuckDBConnection,
  log: (line: string) => void,
): Promise<void> {
  for (const d of await deliverDue(conn, alertConfig(await loadSettings(conn))))
    log(describeDelivery(d));
}

/** Returns the log line of a delivery, e.g. "alert new 2024-06-15 via webhook: sent HTTP 200". */
export function describeDelivery(d: Delivery): string {
  const what = `alert ${d.kind}${d.as_of ? ` ${d.as_of}` : ''} via ${d.channel}`;
  if (d.ok) return `${what}: sent ${d.detail}`;
  if (d.status === 'expired') return `${what}: EXPIRED, given up: ${d.detail}`;
  return `${what}: FAILED ${d.detail} (retry from ${d.next_attempt_at}, attempt ${d.attempts})`;
}

/** Returns the wait before the next attempt after `attempts` failed ones. */
export function backoffMs(attempts: number): number {
  return Math.min(6 * 3600_000, 5 * 60_000 * 2 ** Math.max(0, attempts - 1));
}

/** Stores `msg` for each channel (finding keys recorded on delivery); returns the outbox ids. */
export async function enqueueMessage(
  conn: DuckDBConnection,
  cfg: AlertConfig,
  msg: AlertMessage,
  channels: AlertChannel[],
  now: Date,
  findingKeys: { finding_id: string; severity: string }[] = [],
): Promise<string[]> {
  const ids: string[] = [];
  for (const channel of channels)
    ids.push(
      await enqueueAlert(
        conn,
        {
          channel,
          kind: msg.kind,
          as_of: msg.as_of,
          subject: msg.subject,
          message: JSON.stringify(msg),
          finding_keys: findingKeys,
        },
        now,
        cfg.expire_days,
      ),
    );
  return ids;
}

/** Sends every due alert of the outbox once; returns what happened to each. */
export async function deliverDue(
  conn: DuckDBConnection,
  cfg: AlertConfig,
  now = new Date(),
): Promise<Delivery[]> {
  const expired = await expireAlerts(conn, now);
  const due = await dueAlerts(conn, now);
  const out: Delivery[] = expired.map((r) => ({
    id: r.id,
    channel: r.channel as AlertChannel,
    kind: r.kind,
    as_of: r.as_of,
    ok: false,
    detail: `expired (${r.last_error ?? 'never delivered'})`,
    status: 'expired',
    attempts: r.attempts,
  }));
  if (!due.length) return out;
  // One deadline for the whole round: every send runs at once, none may hold the job longer.
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), cfg.send_timeout_ms + 250);
  let results;
  try {
    results = await Promise.all(
      due.map((r) =>
        sendOn(cfg, JSON.parse(r.message) as AlertMessage, r.channel as AlertChannel, ctrl.signal),
      ),
    );
  } finally {
    clearTimeout(timer);
  }
  for (let i = 0; i < due.length; i++) out.push(await settle(conn, due[i], results[i], now));
  return out;
}

/** Records one attempt's result; returns it as a delivery. */
async function settle(
  conn: DuckDBConnection,
  row: OutboxRow,
  res: { ok: boolean; detail: string },
  now: Date,
): Promise<Delivery> {
  const base = {
    id: row.id,
    channel: row.channel as AlertChannel,
    kind: row.kind,
    as_of: row.as_of,
    ok: res.ok,
    detail: res.detail,
  };
  if (res.ok) {
    await markDelivered(conn, row, now);
    return { ...base, status: 'delivered', attempts: row.attempts + 1 };
  }
  const f = await markFailed(
    conn,
    row,
    res.detail,
    now,
    new Date(now.getTime() + backoffMs(row.attempts + 1)),
  );
  return {
    ...base,
    status: f.status,
    attempts: row.attempts + 1,
    ...(f.status === 'pending' ? { next_attempt_at: f.next.toISOString() } : {}),
  };
}
