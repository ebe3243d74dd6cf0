// The alert step of the daily job: pick the new findings (or all, for the digest), store one
// message per configured channel that has not had them yet in the outbox, then deliver
// everything due in the outbox — today's messages and any earlier one still undelivered.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CheckupReport } from '../checkup/report.js';
import type { Settings } from '../domain/settings.js';
import type { MetricsBefore } from '../checkup/metrics-before.js';
import { loadFindingHistory } from '../store/findings-store.js';
import { queuedAlertKeys, sentAlertKeys } from '../store/alerts-store.js';
import {
  alertChannels,
  alertConfig,
  alertMessage,
  type AlertChannel,
  type AlertConfig,
  type AlertFinding,
  type ChannelResult,
} from '../outputs/alerts/index.js';
import { renderPng } from '../outputs/charts/render.js';
import { seriesChart } from '../outputs/charts/options.js';
import { decorate, selectNewAlerts } from './alert-select.js';
import { deliverDue, enqueueMessage, type Delivery } from './outbox.js';

export interface AlertStepOptions {
  /** One message with every open finding instead of only the new ones. */
  digest?: boolean;
  workbook?: string;
  env?: NodeJS.ProcessEnv;
  /** The instant of the run (tests pin it): when messages are stored and retries fall due. */
  now?: Date;
  metrics_before?: MetricsBefore;
  /** false: no chart image in the e-mail. */
  chart?: boolean;
}

export interface AlertStepResult {
  kind: 'new' | 'digest';
  /** Ids of the findings in today's messages that were delivered in this run. */
  sent: string[];
  /** Ids of the findings put in the outbox today. */
  queued: string[];
  /** One result per delivery attempt of this run (today's and earlier ones retried). */
  channels: ChannelResult[];
  deliveries: Delivery[];
  /** Channels that failed at least once in this run (the job's exit code names them). */
  failed: AlertChannel[];
  /** Why nothing was sent, when nothing was. */
  note?: string;
}

const DIGEST_ID = '*digest*';

/** Returns what still has to go out on `channel`: the findings not yet delivered or queued there today. */
function pending(list: AlertFinding[], taken: Set<string>, channel: string): AlertFinding[] {
  return list.filter((f) => !taken.has(`${f.id}|${f.severity}|${channel}`));
}

/** Returns the PNG of the last year's list-diagnosis chart, for the e-mail. */
function chartPng(report: CheckupReport): Buffer | undefined {
  const points = report.series.slice(-365);
  if (!points.length) return undefined;
  return renderPng(
    { ...seriesChart(points, 'ja'), grid: { left: 56, right: 70, top: 44, bottom: 56 } },
    { width: 600, height: 300 },
  );
}

/** Stores today's checkup alerts in the outbox; returns the ids of the findings queued and why nothing was, if so. */
async function enqueueCheckup(
  conn: DuckDBConnection,
  report: CheckupReport,
  cfg: AlertConfig,
  digest: boolean,
  opts: AlertStepOptions,
  now: Date,
): Promise<{ queued: Set<string>; byChannel: Map<string, Set<string>>; note?: string }> {
  const kind = digest ? 'digest' : 'new';
  const { dates, findings: history } = await loadFindingHistory(conn);
  const fresh = selectNewAlerts(dates, history, report.findings, report.as_of, cfg.min_severity);
  const all = decorate(dates, history, report.findings, fresh, report.as_of);
  const news = all.filter((f) => f.new);
  const taken = new Set([
    ...(await sentAlertKeys(conn, report.as_of)),
    ...(await queuedAlertKeys(conn, report.as_of)),
  ]);
  const queued = new Set<string>();
  const byChannel = new Map<string, Set<string>>();
  let png: Buffer | undefined | null = null;
  for (const channel of alertChannels(cfg)) {
    // A digest goes once a day even when all is clear; plain alerts only when something is new.
    if (digest && taken.has(`${DIGEST_ID}|digest|${channel}`)) continue;
    const list = digest ? all : pending(news, taken, channel);
    if (!digest && !list.length) continue;
    if (channel === 'email' && png === null)
      png = opts.chart === false ? undefined : chartPng(report);
    const msg = alertMessage({
      business: report.business.name,
      as_of: report.as_of,
      kind,
      findings: list,
      workbook: opts.workbook,
      report,
      metrics_before: opts.metrics_before,
      public_url: cfg.public_url,
      chart_png: channel === 'email' ? (png ?? undefined) : undefined,
      attach_max_bytes: cfg.attach_max_bytes,
    });
    // New findings count as delivered in a digest too, so a later plain run does not repeat them.
    const keys = [
      ...(digest ? [{ finding_id: DIGEST_ID, severity: 'digest' }] : []),
      ...list.filter((f) => f.new).map((f) => ({ finding_id: f.id, severity: f.severity })),
    ];
    await enqueueMessage(conn, cfg, msg, [channel], now, keys);
    byChannel.set(channel, new Set(list.map((f) => f.id)));
    list.forEach((f) => queued.add(f.id));
  }
  const note = byChannel.size
    ? undefined
    : digest
      ? 'digest already sent today'
      : news.length
        ? 'already sent'
        : 'no new warning or critical finding';
  return { queued, byChannel, note };
}

/** Queues the day's alerts for a stored report and delivers the outbox; returns what happened. */
export async function runAlertStep(
  conn: DuckDBConnection,
  report: CheckupReport,
  settings: Settings,
  opts: AlertStepOptions = {},
): Promise<AlertStepResult> {
  const cfg = alertConfig(settings, opts.env);
  const digest = opts.digest ?? cfg.digest;
  const kind = digest ? 'digest' : 'new';
  const now = opts.now ?? new Date();
  if (!alertChannels(cfg).length)
    return {
      kind,
      sent: [],
      queued: [],
      channels: [],
      deliveries: [],
      failed: [],
      note: 'no alert channel configured (settings.alerts)',
    };
  const q = await enqueueCheckup(conn, report, cfg, digest, opts, now);
  const deliveries = await deliverDue(conn, cfg, now);
  const sent = new Set<string>();
  for (const d of deliveries)
    if (d.ok && d.as_of === report.as_of && (d.kind === 'new' || d.kind === 'digest'))
      for (const id of q.byChannel.get(d.channel) ?? []) sent.add(id);
  return {
    kind,
    sent: [...sent],
    queued: [...q.queued],
    channels: deliveries.map((d) => ({ channel: d.channel, ok: d.ok, detail: d.detail })),
    deliveries,
    failed: [...new Set(deliveries.filter((d) => !d.ok).map((d) => d.channel))],
    note: q.note,
  };
}
