// The alert step of the daily job: pick the new findings (or all, for the digest), send them
// on each configured channel that has not had them yet, and record what was delivered.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CheckupReport } from '../checkup/report.js';
import type { Settings } from '../domain/settings.js';
import { loadFindingHistory } from '../store/findings-store.js';
import { recordSentAlerts, sentAlertKeys, type SentAlert } from '../store/alerts-store.js';
import {
  alertChannels,
  alertConfig,
  alertMessage,
  sendAlert,
  type AlertFinding,
  type ChannelResult,
} from '../outputs/alerts/index.js';
import { decorate, selectNewAlerts } from './alert-select.js';

export interface AlertStepOptions {
  /** One message with every open finding instead of only the new ones. */
  digest?: boolean;
  workbook?: string;
  env?: NodeJS.ProcessEnv;
}

export interface AlertStepResult {
  kind: 'new' | 'digest';
  /** Ids of the findings in the message(s) sent. */
  sent: string[];
  channels: ChannelResult[];
  /** Why nothing was sent, when nothing was. */
  note?: string;
}

const DIGEST_ID = '*digest*';

/** Returns what still has to go out on `channel`: the findings not yet delivered there today. */
function pending(list: AlertFinding[], sent: Set<string>, channel: string): AlertFinding[] {
  return list.filter((f) => !sent.has(`${f.id}|${f.severity}|${channel}`));
}

/** Sends the day's alerts for a stored report and records them; returns what happened. */
export async function runAlertStep(
  conn: DuckDBConnection,
  report: CheckupReport,
  settings: Settings,
  opts: AlertStepOptions = {},
): Promise<AlertStepResult> {
  const cfg = alertConfig(settings, opts.env);
  const digest = opts.digest ?? cfg.digest;
  const kind = digest ? 'digest' : 'new';
  const channels = alertChannels(cfg);
  if (!channels.length)
    return { kind, sent: [], channels: [], note: 'no alert channel configured (settings.alerts)' };
  const { dates, findings: history } = await loadFindingHistory(conn);
  const fresh = selectNewAlerts(dates, history, report.findings, report.as_of, cfg.min_severity);
  const all = decorate(dates, history, report.findings, fresh, report.as_of);
  const news = all.filter((f) => f.new);
  const sent = await sentAlertKeys(conn, report.as_of);
  const results: ChannelResult[] = [];
  const delivered: SentAlert[] = [];
  const ids = new Set<string>();
  for (const channel of channels) {
    // A digest goes once a day even when all is clear; plain alerts only when something is new.
    if (digest && sent.has(`${DIGEST_ID}|digest|${channel}`)) continue;
    const list = digest ? all : pending(news, sent, channel);
    if (!digest && !list.length) continue;
    const msg = alertMessage({
      business: report.business.name,
      as_of: report.as_of,
      kind,
      findings: list,
      workbook: opts.workbook,
    });
    const [r] = await sendAlert(cfg, msg, [channel]);
    results.push(r);
    if (!r.ok) continue;
    list.forEach((f) => ids.add(f.id));
    if (digest)
      delivered.push({
        as_of: report.as_of,
        finding_id: DIGEST_ID,
        severity: 'digest',
        channel,
        kind,
      });
    // New findings count as delivered in a digest too, so a later plain run does not repeat them.
    for (const f of list.filter((x) => x.new))
      delivered.push({
        as_of: report.as_of,
        finding_id: f.id,
        severity: f.severity,
        channel,
        kind,
      });
  }
  await recordSentAlerts(conn, delivered);
  const note = results.length
    ? undefined
    : digest
      ? 'digest already sent today'
      : news.length
        ? 'already sent'
        : 'no new warning or critical finding';
  return { kind, sent: [...ids], channels: results, note };
}
