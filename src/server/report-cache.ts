// The latest stored report, kept in memory as the exact bytes stored (GET /api/checkup/latest)
// and as the lighter overview (GET /api/overview), so the dashboard's busiest requests touch
// neither the database nor JSON.stringify. The server drops it when it stores a checkup; a
// checkup stored by anything else on this database (the daily job) is noticed by a cheap
// freshness query at most every `recheckMs`. Every report is validated against the report
// contract when it is read (parseReport): one of an earlier version is served upgraded, one
// that does not match is an error with its code, never an unchecked body.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { DbGate } from './db-gate.js';
import { parseReport, REPORT_VERSION, ReportError, type CheckupReport } from '../report/index.js';
import { toOverview } from './overview.js';
import { ApiError } from './errors.js';

/** Returns a stored report's text validated and upgraded, with the bytes to serve; throws ApiError. */
export function readReport(text: string): { report: CheckupReport; json: Buffer } {
  let report: CheckupReport;
  try {
    report = parseReport(text);
  } catch (err) {
    if (err instanceof ReportError) throw new ApiError(500, err.code, err.en, err.ja, err.details);
    throw err;
  }
  // A report of today's version is served as stored; an upgraded one as upgraded.
  const stored = (JSON.parse(text) as { report_version?: unknown }).report_version;
  return { report, json: Buffer.from(stored === REPORT_VERSION ? text : JSON.stringify(report)) };
}

export interface CachedReport {
  as_of: string;
  computed_at: string;
  /** Strong validator for conditional GETs. */
  etag: string;
  report: CheckupReport;
  /** The stored JSON, byte for byte. */
  json: Buffer;
  overviewJson: Buffer;
  /** The same, gzip-compressed once (browsers accept gzip; a report shrinks about 8×). */
  jsonGz: Buffer;
  overviewGz: Buffer;
}

const LATEST_STAMP = `SELECT strftime(as_of, '%Y-%m-%d'), CAST(computed_at AS VARCHAR) FROM checkups ORDER BY as_of DESC LIMIT 1`;

export class ReportCache {
  private latest: CachedReport | null = null;
  private stamp: string | null = null;
  private checkedAt = 0;
  private loading: Promise<CachedReport | null> | null = null;

  constructor(
    private readonly gate: DbGate,
    private readonly recheckMs = 5000,
  ) {}

  /** Drops everything cached (call after storing a checkup). */
  invalidate(): void {
    this.latest = null;
    this.stamp = null;
    this.checkedAt = 0;
  }

  /** Returns the latest stored report, or null when none is stored. */
  async getLatest(): Promise<CachedReport | null> {
    if (this.latest && Date.now() - this.checkedAt < this.recheckMs) return this.latest;
    // Concurrent requests share one reload.
    this.loading ??= this.reload().finally(() => (this.loading = null));
    return this.loading;
  }

  /** Returns the validated report of one date and its JSON, or null (only the latest is kept in memory). */
  async getDate(asOf: string): Promise<{ report: CheckupReport; json: Buffer } | null> {
    const latest = await this.getLatest();
    if (latest && latest.as_of === asOf) return latest;
    const text = await this.gate.run(async (conn) => {
      const r = (
        await conn.runAndReadAll(`SELECT report FROM checkups WHERE as_of = $1::DATE`, [asOf])
      ).getRows();
      return r.length ? String(r[0][0]) : null;
    });
    return text === null ? null : readReport(text);
  }

  private async reload(): Promise<CachedReport | null> {
    const row = await this.gate.run(async (conn) => {
      const s = (await conn.runAndReadAll(LATEST_STAMP)).getRows()[0];
      if (!s) return null;
      const stamp = `${s[0]}|${s[1]}`;
      if (this.latest && stamp === this.stamp) return { stamp, text: null };
      const r = (
        await conn.runAndReadAll(`SELECT report FROM checkups WHERE as_of = $1::DATE`, [
          String(s[0]),
        ])
      ).getRows();
      return { stamp, text: String(r[0][0]) };
    });
    this.checkedAt = Date.now();
    if (!row) {
      this.latest = null;
      this.stamp = null;
      return null;
    }
    if (row.text === null) return this.latest;
    const { report, json } = readReport(row.text);
    const overviewJson = Buffer.from(JSON.stringify(toOverview(report)));
    this.latest = {
      as_of: report.as_of,
      computed_at: report.computed_at,
      etag: `"${createHash('sha1').update(json).digest('base64url')}"`,
      report,
      json,
      overviewJson,
      jsonGz: gzipSync(json),
      overviewGz: gzipSync(overviewJson),
    };
    this.stamp = row.stamp;
    return this.latest;
  }
}
