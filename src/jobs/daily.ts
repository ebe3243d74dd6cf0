// The daily job (seed 003: "monitor, analyse and predict every day, warn when something is
// wrong"): import what arrived in the inbox, run and store the checkup, write the day's
// workbook, alert on new findings, and produce the follow-up steps' action lists.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { computeCheckup, storeCheckup } from '../checkup/run.js';
import type { CheckupReport } from '../checkup/report.js';
import { isIsoDate } from '../domain/dates.js';
import { EXIT } from '../domain/errors.js';
import { loadSettings } from '../store/settings-store.js';
import { logAudit } from '../store/audit-store.js';
import type { WorkbookResult } from '../outputs/workbook/index.js';
import { writeReportWorkbook } from '../outputs/workbook/from-store.js';
import type { CsvEncoding } from '../outputs/csv-export.js';
import { importInbox, type InboxFileResult } from './inbox.js';
import { chooseAsOf, type AsOfSource } from './as-of.js';
import { runAlertStep, type AlertStepResult } from './alerts.js';
import { deliverDue, describeDelivery, type Delivery } from './outbox.js';
import { enqueueDailyFailure, enqueueImportFailures } from './notices.js';
import { alertConfig } from '../outputs/alerts/index.js';
import { loadMetricsBefore } from '../checkup/metrics-before.js';
import { runFollowups, type StepRun } from './followup/run.js';

export interface DailyOptions {
  inbox?: string;
  /** Folder of the day's workbook (archive/kenshin-YYYY-MM-DD.xlsx) and follow-up lists. */
  archive?: string;
  asOf?: string;
  digest?: boolean;
  lang?: 'ja' | 'en';
  /** Encoding of the follow-up action lists. */
  encoding?: CsvEncoding;
  /** The instant "today" is taken from (tests pin it). */
  now?: Date;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

export interface DailyResult {
  as_of: string;
  as_of_source: AsOfSource;
  imports: InboxFileResult[];
  findings: { id: string; severity: string }[];
  workbook: WorkbookResult | null;
  alerts: AlertStepResult;
  followups: StepRun[];
  seconds: number;
}

/** A daily-job failure meant for the operator (no data, bad date). */
export class DailyError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Writes the day's workbook into the archive; returns its result. */
async function archiveWorkbook(
  conn: DuckDBConnection,
  report: CheckupReport,
  archive: string,
  lang: 'ja' | 'en',
): Promise<WorkbookResult> {
  await mkdir(archive, { recursive: true });
  return writeReportWorkbook(conn, report, join(archive, `kenshin-${report.as_of}.xlsx`), { lang });
}

/** Imports the inbox and logs each file; returns the results. */
async function importStep(
  conn: DuckDBConnection,
  inbox: string,
  now: Date | undefined,
  log: (line: string) => void,
): Promise<InboxFileResult[]> {
  const imports = await importInbox(conn, inbox, now);
  for (const i of imports) {
    const what = i.ok ? ` (${i.rows_stored} rows)` : `: ${i.error}`;
    log(`${i.ok ? 'imported' : 'FAILED'} ${i.entity ?? '?'} ${i.file}${what}`);
  }
  return imports;
}

/** Runs the follow-up steps into archive/followup/ and logs them; none without an archive. */
async function followupStep(
  conn: DuckDBConnection,
  asOf: string,
  opts: DailyOptions,
  log: (line: string) => void,
): Promise<StepRun[]> {
  // Lists of personal data go only where the operator said files go (never the working dir).
  if (!opts.archive) {
    log('followup: skipped (no --archive folder for the lists)');
    return [];
  }
  const runs = await runFollowups(conn, asOf, {
    outDir: join(opts.archive, 'followup'),
    encoding: opts.encoding,
    lang: opts.lang,
    actor: 'daily',
  });
  for (const f of runs) {
    const to = f.file ? ` → ${f.file}` : '';
    log(`followup ${f.step_id}: ${f.listed} listed, ${f.held_out} held out${to}`);
  }
  return runs;
}

/** Logs each delivery attempt of the outbox. */
function logDeliveries(log: (line: string) => void, deliveries: Delivery[]): void {
  for (const d of deliveries) log(describeDelivery(d));
}

/** Runs the whole daily job once; returns what each step did. A run that fails sends its own alert (then throws). */
export async function runDaily(
  conn: DuckDBConnection,
  opts: DailyOptions = {},
): Promise<DailyResult> {
  const log = opts.log ?? (() => undefined);
  if (opts.asOf && !isIsoDate(opts.asOf))
    throw new DailyError(
      'bad_date',
      `--as-of は YYYY-MM-DD で指定してください / --as-of must be YYYY-MM-DD: ${opts.asOf}`,
    );
  const state: { asOf: string | null } = { asOf: null };
  try {
    return await dailySteps(conn, opts, log, state);
  } catch (err) {
    await alertFailedRun(conn, opts, err, state.asOf, log);
    throw err;
  }
}

/** Stores and sends the alert of a failed run; a failure to alert is logged, never thrown over the run's own error. */
async function alertFailedRun(
  conn: DuckDBConnection,
  opts: DailyOptions,
  err: unknown,
  asOf: string | null,
  log: (line: string) => void,
): Promise<void> {
  try {
    const settings = await loadSettings(conn);
    const cfg = alertConfig(settings, opts.env);
    const now = opts.now ?? new Date();
    await enqueueDailyFailure(conn, cfg, settings.business_name, err, asOf, now);
    logDeliveries(log, await deliverDue(conn, cfg, now));
  } catch (e) {
    log(`alert of the failed run could not be stored or sent: ${(e as Error).message}`);
  }
}

/** The steps of one run. */
async function dailySteps(
  conn: DuckDBConnection,
  opts: DailyOptions,
  log: (line: string) => void,
  state: { asOf: string | null },
): Promise<DailyResult> {
  const t0 = performance.now();
  const now = opts.now ?? new Date();
  const imports = opts.inbox ? await importStep(conn, opts.inbox, opts.now, log) : [];
  const settings = await loadSettings(conn);
  if (imports.some((i) => !i.ok))
    await enqueueImportFailures(
      conn,
      alertConfig(settings, opts.env),
      settings.business_name,
      imports,
      now,
    );
  const chosen = await chooseAsOf(conn, settings.timezone, opts.asOf, opts.now);
  if (!chosen) throw new DailyError('no_orders', '注文データがありません / no orders up to today');
  state.asOf = chosen.asOf;
  // Today's follow-up contacts are part of today's data: record them before the checkup, so a
  // second run of the same day computes the same report and alerts nothing new.
  const followups = await followupStep(conn, chosen.asOf, opts, log);
  const report = await computeCheckup(conn, settings, chosen.asOf);
  await storeCheckup(conn, report);
  await logAudit(conn, 'daily', 'checkup_run', { as_of: report.as_of, source: chosen.source });
  log(`checkup ${report.as_of} (${chosen.source}): ${report.findings.length} findings`);
  const workbook = opts.archive
    ? await archiveWorkbook(conn, report, opts.archive, opts.lang ?? 'ja')
    : null;
  if (workbook)
    log(
      `workbook ${workbook.path} (${(workbook.bytes / 1024).toFixed(0)} KB, ${workbook.seconds.toFixed(1)} s)`,
    );
  const alerts = await runAlertStep(conn, report, settings, {
    digest: opts.digest,
    workbook: workbook?.path,
    env: opts.env,
    now,
    metrics_before: await loadMetricsBefore(conn, report.as_of),
  });
  logDeliveries(log, alerts.deliveries);
  if (alerts.note) log(`alerts: ${alerts.note}`);
  return {
    as_of: report.as_of,
    as_of_source: chosen.source,
    imports,
    findings: report.findings.map((f) => ({ id: f.id, severity: f.severity })),
    workbook,
    alerts,
    followups,
    seconds: (performance.now() - t0) / 1000,
  };
}

/** Exit codes of `kenshin daily` (src/domain/errors.ts, docs/daily.md): a failed alert channel outranks a failed inbox file. */
export const DAILY_EXIT = {
  ok: EXIT.ok,
  inbox_failed: EXIT.inbox_failed,
  email_failed: EXIT.alert_email_failed,
  webhook_failed: EXIT.alert_webhook_failed,
  email_and_webhook_failed: EXIT.alert_both_failed,
} as const;

/** Returns the exit code of a run and the words that explain it. */
export function dailyExit(res: DailyResult): { code: number; reason: string | null } {
  const f = new Set(res.alerts.failed);
  if (f.has('email') && f.has('webhook'))
    return {
      code: DAILY_EXIT.email_and_webhook_failed,
      reason: 'alert delivery failed: email and webhook / 通知の送信に失敗: メールと Webhook',
    };
  if (f.has('email'))
    return {
      code: DAILY_EXIT.email_failed,
      reason: 'alert delivery failed: email / 通知の送信に失敗: メール',
    };
  if (f.has('webhook'))
    return {
      code: DAILY_EXIT.webhook_failed,
      reason: 'alert delivery failed: webhook / 通知の送信に失敗: Webhook',
    };
  const bad = res.imports.filter((i) => !i.ok).length;
  if (bad)
    return {
      code: DAILY_EXIT.inbox_failed,
      reason: `${bad} inbox file(s) failed to import / 取り込みに失敗したファイル ${bad} 件`,
    };
  return { code: DAILY_EXIT.ok, reason: null };
}
