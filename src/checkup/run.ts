// Runs every metric for an as-of date, assembles the report and stores it (replacing any
// earlier report of the same date) — the one truth all outputs read.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Settings } from '../domain/settings.js';
import { addDays, isIsoDate } from '../domain/dates.js';
import { inTransaction } from '../store/db.js';
import type { MetricContext } from '../store/metrics/context.js';
import { coreMetrics } from '../store/metrics/core.js';
import { dailySeries } from '../store/metrics/series.js';
import { tenureRetention } from '../store/metrics/tenure.js';
import { cohortMatrix } from '../store/metrics/cohorts.js';
import { fiveNumbersByMonth } from '../store/metrics/five-numbers.js';
import { churnBreakdown } from '../store/metrics/churn.js';
import { rfmMetrics } from '../store/metrics/rfm.js';
import { ladderMetrics } from '../store/metrics/ladder.js';
import { purchaseMetrics } from '../store/metrics/purchase.js';
import { distributionMetrics } from '../store/metrics/distribution.js';
import { assetAudit } from '../store/metrics/audit.js';
import { dataRange } from '../store/metrics/data-range.js';
import { mechanismFacts } from '../store/metrics/mechanisms.js';
import { scoreMechanisms } from '../domain/diagnosis/mechanisms.js';
import { projectionInputs } from '../store/metrics/projection-inputs.js';
import { projectionSection } from './projection.js';
import { diagnose } from '../domain/diagnosis/catalogue.js';
import { assessMonth } from '../domain/diagnosis/rules/five-numbers.js';
import { REPORT_VERSION, type CheckupReport } from './report.js';

/** Returns the date of the last order (local date), or null on an empty database. */
export async function lastOrderDate(conn: DuckDBConnection): Promise<string | null> {
  const r = (await conn.runAndReadAll(`SELECT strftime(max(CAST(ordered_at AS DATE)), '%Y-%m-%d') FROM orders`)).getRows();
  return (r[0]?.[0] as string | null) ?? null;
}

/** Times one section of the checkup into `timings` (seconds). */
async function timed<T>(timings: Record<string, number>, name: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const out = await fn();
  timings[name] = Math.round(performance.now() - t0) / 1000;
  return out;
}

/** Computes the whole checkup report for `asOf` (nothing is stored). */
export async function computeCheckup(conn: DuckDBConnection, settings: Settings, asOf: string): Promise<CheckupReport> {
  if (!isIsoDate(asOf)) throw new Error(`invalid as-of date: ${asOf}`);
  const ctx: MetricContext = { conn, asOf, settings };
  const prev: MetricContext = { ...ctx, asOf: addDays(asOf, -365) };
  const t: Record<string, number> = {};
  const range = await timed(t, 'data_range', () => dataRange(ctx));
  const metrics = await timed(t, 'metrics', () => coreMetrics(ctx));
  const metricsPrev = await timed(t, 'metrics_prev_year', () => coreMetrics(prev));
  const byMonth = await timed(t, 'five_numbers', () => fiveNumbersByMonth(ctx));
  const series = await timed(t, 'series', () => dailySeries(ctx));
  const tenure = await timed(t, 'retention_by_tenure', () => tenureRetention(ctx));
  const cohorts = await timed(t, 'cohorts', () => cohortMatrix(ctx));
  const churn = await timed(t, 'churn_breakdown', () => churnBreakdown(ctx));
  const rfm = await timed(t, 'rfm', () => rfmMetrics(ctx));
  const ladder = await timed(t, 'ladder', () => ladderMetrics(ctx));
  const purchase = await timed(t, 'purchase', () => purchaseMetrics(ctx));
  const distribution = await timed(t, 'distribution', () => distributionMetrics(ctx));
  const audit = await timed(t, 'asset_audit', () => assetAudit(ctx));
  const facts = await timed(t, 'mechanisms', () => mechanismFacts(ctx));
  const projInputs = await timed(t, 'projection', () => projectionInputs(ctx));
  const input = {
    report_version: REPORT_VERSION,
    as_of: asOf,
    business: { name: settings.business_name, timezone: settings.timezone, currency: settings.currency },
    data_range: range,
    metrics,
    metrics_prev_year: metricsPrev,
    five_numbers: byMonth[byMonth.length - 1],
    five_numbers_by_month: byMonth,
    series,
    retention_by_tenure: tenure,
    cohorts,
    churn_breakdown: churn,
    rfm,
    ladder,
    purchase,
    distribution,
    asset_audit: audit,
    mechanisms: {
      facts,
      scores: scoreMechanisms(
        {
          leads: facts.leads,
          leads_prev_year: facts.leads_prev_year,
          lead_conversion_90d: ladder.lead_conversion.within.find((w) => w.horizon_days === 90)?.rate ?? null,
          retention_year2: tenure.find((x) => x.tenure_year === 2)?.retention_rate ?? null,
          new_offer_share: facts.new_offer_share,
          referral_share: facts.referral_share,
        },
        settings.mechanisms,
      ),
    },
    projection: projectionSection(projInputs, tenure, metrics, metricsPrev),
  };
  const rc = { input, settings };
  return {
    ...input,
    computed_at: new Date().toISOString(),
    findings: diagnose(rc),
    five_numbers_assessment: assessMonth(rc),
    timings: t,
  };
}

/** Stores a report, replacing the one of the same as-of date. */
export async function storeCheckup(conn: DuckDBConnection, report: CheckupReport): Promise<void> {
  await inTransaction(conn, async () => {
    await conn.run(`DELETE FROM checkups WHERE as_of = $1::DATE`, [report.as_of]);
    await conn.run(`INSERT INTO checkups VALUES ($1::DATE, $2::TIMESTAMP, $3)`, [
      report.as_of,
      report.computed_at.replace('T', ' ').replace('Z', ''),
      JSON.stringify(report),
    ]);
    await conn.run(`DELETE FROM findings WHERE as_of = $1::DATE`, [report.as_of]);
    for (const f of report.findings) {
      await conn.run(`INSERT INTO findings VALUES ($1::DATE, $2, $3, $4)`, [report.as_of, f.id, f.severity, JSON.stringify(f)]);
    }
  });
}

/** Returns the stored report of `asOf` (or the latest when omitted), or null. */
export async function loadCheckup(conn: DuckDBConnection, asOf?: string): Promise<CheckupReport | null> {
  const r = asOf
    ? await conn.runAndReadAll(`SELECT report FROM checkups WHERE as_of = $1::DATE`, [asOf])
    : await conn.runAndReadAll(`SELECT report FROM checkups ORDER BY as_of DESC LIMIT 1`);
  const rowsOut = r.getRows();
  return rowsOut.length ? (JSON.parse(String(rowsOut[0][0])) as CheckupReport) : null;
}
