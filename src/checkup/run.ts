// Runs every section of the report registry for an as-of date, in order, and stores the report
// (replacing any earlier report of the same date) — the one truth all outputs read.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Settings } from '../domain/settings.js';
import { isIsoDate } from '../domain/dates.js';
import { EXIT, KenshinError } from '../domain/errors.js';
import { inTransaction } from '../store/db.js';
import {
  REPORT_VERSION,
  ReportError,
  SECTIONS,
  parseReport,
  type CheckupReport,
  type DiagnosisInput,
  type MetricsSectionKey,
  type SectionKey,
  type Sections,
} from '../report/index.js';
import { COMPUTE, type SectionRun } from './sections.js';
import { buildCheckupTables, dropCheckupTables } from '../store/metrics/customer-summary.js';
import { storeStagedValues } from '../store/customer-value.js';

/** Returns the date of the last order (local date), or null on an empty database. */
export async function lastOrderDate(conn: DuckDBConnection): Promise<string | null> {
  const r = (
    await conn.runAndReadAll(
      `SELECT strftime(max(CAST(ordered_at AS DATE)), '%Y-%m-%d') FROM orders`,
    )
  ).getRows();
  return (r[0]?.[0] as string | null) ?? null;
}

/** Times one section of the checkup into `timings` (seconds). */
async function timed<T>(
  timings: Record<string, number>,
  name: string,
  fn: () => Promise<T>,
): Promise<T> {
  const t0 = performance.now();
  const out = await fn();
  timings[name] = Math.round(performance.now() - t0) / 1000;
  return out;
}

const METRICS_KEYS = SECTIONS.filter((s) => s.kind === 'metrics').map(
  (s) => s.key as MetricsSectionKey,
);

export interface CheckupOptions {
  /**
   * Sections left out ("not computed", null), for a caller that reads none of them: the
   * backtest replays only the diagnosis. Only a section a later version added (nullable in
   * the contract) can be left out.
   */
  skip?: readonly SectionKey[];
}

/**
 * Computes the whole checkup report for `asOf`. Nothing is stored: the clv section's
 * per-customer predictions are staged on the connection for storeCheckup.
 */
export async function computeCheckup(
  conn: DuckDBConnection,
  settings: Settings,
  asOf: string,
  opts: CheckupOptions = {},
): Promise<CheckupReport> {
  if (!isIsoDate(asOf)) throw new Error(`invalid as-of date: ${asOf}`);
  const skip = new Set<SectionKey>(opts.skip ?? []);
  for (const k of skip)
    if (SECTIONS.find((s) => s.key === k)?.since === 1)
      throw new Error(`section ${k} is in every report and cannot be skipped`);
  const header = {
    report_version: REPORT_VERSION,
    as_of: asOf,
    business: {
      name: settings.business_name,
      timezone: settings.timezone,
      currency: settings.currency,
    },
    min_rate_base: settings.diagnosis.min_rate_base,
  };
  const timings: Record<string, number> = {};
  // The orders are grouped by customer, by day and by cohort month once, for every section
  // (issue 13); each table's seconds go into the timings under its name.
  const tables = await buildCheckupTables(conn, settings, asOf, timings);
  // One connection runs one statement at a time (DuckDB parallelises inside each), so sections
  // are computed one after the other; a section needed by an earlier one is computed with it.
  const done = new Map<SectionKey, Promise<unknown>>();
  const get = <K extends SectionKey>(key: K): Promise<Sections[K]> => {
    let p = done.get(key);
    if (!p) {
      p = skip.has(key) ? Promise.resolve(null) : timed(timings, key, () => COMPUTE[key](run));
      done.set(key, p);
    }
    return p as Promise<Sections[K]>;
  };
  const run: SectionRun = {
    ctx: { conn, asOf, settings, tables },
    settings,
    get,
    async input() {
      const out: Record<string, unknown> = { ...header };
      for (const k of METRICS_KEYS) out[k] = await get(k);
      return out as DiagnosisInput;
    },
  };
  const sections: Record<string, unknown> = {};
  try {
    for (const s of SECTIONS) sections[s.key] = await get(s.key);
  } finally {
    await dropCheckupTables(conn, tables);
  }
  const { report_version, as_of, business, min_rate_base } = header;
  const computed_at = new Date().toISOString();
  return {
    report_version,
    as_of,
    computed_at,
    business,
    min_rate_base,
    ...(sections as Sections),
    timings,
  };
}

/**
 * Stores a report, replacing the one of the same as-of date, with the per-customer predictions
 * its clv section staged (when it was computed on this connection).
 */
export async function storeCheckup(conn: DuckDBConnection, report: CheckupReport): Promise<void> {
  await inTransaction(conn, async () => {
    await conn.run(`DELETE FROM checkups WHERE as_of = $1::DATE`, [report.as_of]);
    await conn.run(`INSERT INTO checkups VALUES ($1::DATE, $2::TIMESTAMP, $3)`, [
      report.as_of,
      report.computed_at.replace('T', ' ').replace('Z', ''),
      JSON.stringify(report),
    ]);
    await storeStagedValues(conn, report.as_of, report.clv?.status === 'fitted');
    await conn.run(`DELETE FROM findings WHERE as_of = $1::DATE`, [report.as_of]);
    for (const f of report.findings) {
      await conn.run(`INSERT INTO findings VALUES ($1::DATE, $2, $3, $4)`, [
        report.as_of,
        f.id,
        f.severity,
        JSON.stringify(f),
      ]);
    }
  });
}

/** Returns a stored report's text read as the current version (parseReport), or a KenshinError. */
export function readStoredReport(text: string): CheckupReport {
  try {
    return parseReport(text);
  } catch (err) {
    if (!(err instanceof ReportError)) throw err;
    throw new KenshinError(err.code, { ja: err.ja, en: err.en }, EXIT.input, {
      cause: err,
      details: err.details,
    });
  }
}

/** Returns the stored report of `asOf` (or the latest when omitted), or null. */
export async function loadCheckup(
  conn: DuckDBConnection,
  asOf?: string,
): Promise<CheckupReport | null> {
  const r = asOf
    ? await conn.runAndReadAll(`SELECT report FROM checkups WHERE as_of = $1::DATE`, [asOf])
    : await conn.runAndReadAll(`SELECT report FROM checkups ORDER BY as_of DESC LIMIT 1`);
  const rowsOut = r.getRows();
  return rowsOut.length ? readStoredReport(String(rowsOut[0][0])) : null;
}
