// Running the follow-up steps for a day: each active step's action list is written as a CSV
// (UTF-8 with BOM or Shift_JIS, for Excel and DM vendors), its contacts are recorded with
// campaign_id = the step id, and the control group (holdout) is remembered for the report.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { writeCsv, type CsvEncoding } from '../../outputs/csv-export.js';
import { inTransaction } from '../../store/db.js';
import { listStepDefinitions, replaceTargets, type TargetRow } from '../../store/followup-store.js';
import { logAudit } from '../../store/audit-store.js';
import { FollowupStep } from './steps.js';
import { heldOut, stepTargets, type Target } from './targets.js';

export interface StepRun {
  step_id: string;
  name: string;
  run_date: string;
  listed: number;
  held_out: number;
  /** The action list written (null when nobody was listed). */
  file: string | null;
}

export interface FollowupRunOptions {
  outDir: string;
  encoding?: CsvEncoding;
  lang?: 'ja' | 'en';
  /** Who ran it, for the audit log of personal-data exports. */
  actor?: string;
}

const HEADER = {
  ja: [
    '顧客ID',
    '氏名',
    'メールアドレス',
    '電話番号',
    '郵便番号',
    '都道府県',
    '初回購入日',
    'ステップ',
    'アクション',
    'チャネル',
  ],
  en: [
    'customer_id',
    'name',
    'email',
    'phone',
    'postal_code',
    'prefecture',
    'first_purchase',
    'step',
    'action',
    'channel',
  ],
};

/** Returns the stored steps, parsed (an invalid stored step is an error naming it). */
export async function loadSteps(conn: DuckDBConnection): Promise<FollowupStep[]> {
  return (await listStepDefinitions(conn)).map((d) => FollowupStep.parse(d));
}

/** Writes the action list of one step; returns the file path. */
async function writeList(
  step: FollowupStep,
  runDate: string,
  list: Target[],
  opts: FollowupRunOptions,
): Promise<string> {
  await mkdir(opts.outDir, { recursive: true });
  const enc = opts.encoding ?? 'utf8-bom';
  const file = join(
    opts.outDir,
    `followup-${step.id}-${runDate}${enc === 'sjis' ? '-sjis' : ''}.csv`,
  );
  const rows = list.map((t) => [
    t.customer_id,
    t.name,
    t.email,
    t.phone,
    t.postal_code,
    t.prefecture,
    t.first_purchase,
    step.id,
    step.action,
    step.channel,
  ]);
  await writeCsv(file, HEADER[opts.lang ?? 'ja'], rows, enc);
  return file;
}

/** Runs one step for `runDate` (replacing an earlier run of the same day); returns what it did. */
export async function runStep(
  conn: DuckDBConnection,
  step: FollowupStep,
  runDate: string,
  opts: FollowupRunOptions,
): Promise<StepRun> {
  const targets = await stepTargets(conn, step, runDate);
  const rows: TargetRow[] = targets.map((t) => {
    const out = heldOut(step, t.customer_id);
    return {
      step_id: step.id,
      run_date: runDate,
      customer_id: t.customer_id,
      first_purchase: t.first_purchase,
      held_out: out,
      contact_id: out ? null : `fu-${step.id}-${t.customer_id}`,
    };
  });
  const listed = targets.filter((_, i) => !rows[i].held_out);
  // The list first: contacts recorded without a list would count as sent in the report.
  const file = listed.length ? await writeList(step, runDate, listed, opts) : null;
  await inTransaction(conn, () => replaceTargets(conn, step, runDate, rows));
  if (file)
    await logAudit(conn, opts.actor ?? 'daily', 'export', {
      source: 'followup',
      step: step.id,
      run_date: runDate,
      rows: listed.length,
      file,
    });
  return {
    step_id: step.id,
    name: step.name,
    run_date: runDate,
    listed: listed.length,
    held_out: rows.length - listed.length,
    file,
  };
}

/** Runs every active step for `runDate`; returns one result per step. */
export async function runFollowups(
  conn: DuckDBConnection,
  runDate: string,
  opts: FollowupRunOptions,
): Promise<StepRun[]> {
  const out: StepRun[] = [];
  for (const s of await loadSteps(conn))
    if (s.active) out.push(await runStep(conn, s, runDate, opts));
  return out;
}
