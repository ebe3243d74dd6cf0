// The daily job (seed 003: "monitor, analyse and predict every day, warn when something is
// wrong"): import what arrived in the inbox, run and store the checkup, write the day's
// workbook, alert on new findings, and produce the follow-up steps' action lists.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { computeCheckup, storeCheckup } from '../checkup/run.js';
import type { CheckupReport } from '../checkup/report.js';
import { isIsoDate } from '../domain/dates.js';
import { loadSettings } from '../store/settings-store.js';
import { logAudit } from '../store/audit-store.js';
import type { WorkbookResult } from '../outputs/workbook/index.js';
import { writeReportWorkbook } from '../outputs/workbook/from-store.js';
import type { CsvEncoding } from '../outputs/csv-export.js';
import { importInbox, type InboxFileResult } from './inbox.js';
import { chooseAsOf, type AsOfSource } from './as-of.js';
import { runAlertStep, type AlertStepResult } from './alerts.js';
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

/** Runs the whole daily job once; returns what each step did. */
export async function runDaily(
  conn: DuckDBConnection,
  opts: DailyOptions = {},
): Promise<DailyResult> {
  const t0 = performance.now();
  const log = opts.log ?? (() => undefined);
  if (opts.asOf && !isIsoDate(opts.asOf))
    throw new DailyError(
      'bad_date',
      `--as-of は YYYY-MM-DD で指定してください / --as-of must be YYYY-MM-DD: ${opts.asOf}`,
    );
  const imports = opts.inbox ? await importStep(conn, opts.inbox, opts.now, log) : [];
  const settings = await loadSettings(conn);
  const chosen = await chooseAsOf(conn, settings.timezone, opts.asOf, opts.now);
  if (!chosen) throw new DailyError('no_orders', '注文データがありません / no orders up to today');
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
  });
  for (const c of alerts.channels)
    log(`alert ${alerts.kind} via ${c.channel}: ${c.ok ? 'sent' : 'FAILED'} ${c.detail}`);
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
