// Fits the projection's inputs from the checkup's own numbers (one truth) and runs it.
import { MIN_RATE_BASE } from '../domain/evidence.js';
import { project } from '../domain/projection.js';
import { shrinkAlong } from '../domain/shrinkage.js';
import type {
  CoreMetrics,
  ProjectionFit,
  ProjectionInputs,
  ProjectionSection,
  TenureRetention,
} from '../report/index.js';

export type { ProjectionSection };

// Tenures the model carries: a first purchase further back than this is bad data (dates stored
// before the importer refused them), and the cohort model runs at most 100 years. Longer tenures
// count in the last one.
const MAX_TENURE_YEARS = 50;

/** Customers a tenure year's retention needs to be taken as measured (below: too few to judge). */
export const WELL_MEASURED = MIN_RATE_BASE;

/**
 * Returns retention by tenure year for the model: each year shrunk toward the year before by
 * the customers behind it (domain/shrinkage.ts, worth WELL_MEASURED customers), and cut after
 * the last year measured on at least WELL_MEASURED customers, so the years beyond the data
 * repeat the last well-measured one. Empty when no year is well measured.
 */
export function modelRetention(tenure: TenureRetention[]): number[] {
  // In tenure order and without gaps removed: position k is the step from year k+1 into k+2.
  const years = [...tenure].sort((a, b) => a.tenure_year - b.tenure_year);
  const shrunk = shrinkAlong(
    years.map((t) => ({ n: t.base, k: t.retained })),
    WELL_MEASURED,
  );
  let last = -1;
  years.forEach((t, i) => {
    if (t.base >= WELL_MEASURED) last = i;
  });
  // Years before the first one with any customer take the first estimate.
  const first = shrunk.find((r) => r !== null) ?? 0;
  return shrunk.slice(0, last + 1).map((r) => r ?? first);
}

/** Returns the model inputs fitted on the year ending D, with the band's half-widths. */
export function fitProjection(
  inputs: ProjectionInputs,
  tenure: TenureRetention[],
  metrics: CoreMetrics,
  prev: CoreMetrics,
): ProjectionFit {
  const K = Math.min(
    inputs.by_tenure.reduce((m, t) => Math.max(m, t.tenure_year), 0),
    MAX_TENURE_YEARS,
  );
  const active = Array.from({ length: K }, (_, i) =>
    inputs.by_tenure
      .filter((t) => Math.min(t.tenure_year, MAX_TENURE_YEARS) === i + 1)
      .reduce((s, t) => s + t.active_customers, 0),
  );
  const overall = metrics.retention_rate ?? 0;
  const retention = modelRetention(tenure);
  const spend: number[] = [];
  for (let k = 1; k <= Math.max(K, 1); k++) {
    const s = inputs.by_tenure.find((t) => t.tenure_year === k)?.annual_spend_per_active;
    spend.push(s ?? spend[spend.length - 1] ?? metrics.annual_ltv ?? 0);
  }
  const se =
    metrics.retention_base > 0
      ? 1.96 * Math.sqrt((overall * (1 - overall)) / metrics.retention_base)
      : 0;
  const drift =
    prev.retention_rate !== null && metrics.retention_rate !== null
      ? Math.abs(metrics.retention_rate - prev.retention_rate)
      : 0;
  const n = inputs.new_customers_last_year;
  return {
    active_by_tenure: active,
    retention_by_tenure: retention.length ? retention : [overall],
    annual_ltv_by_tenure: spend,
    new_customers_per_year: n,
    dormant_customers: inputs.dormant_customers,
    reactivation_rate: inputs.reactivation_rate ?? 0,
    reactivated_annual_spend: inputs.reactivated_spend_per_customer ?? 0,
    retention_uncertainty: Math.max(se, drift),
    new_customers_uncertainty: Math.max(
      1.96 * Math.sqrt(n),
      Math.abs(n - inputs.new_customers_prev_year),
    ),
  };
}

/** Returns the projection section of the report (5 years ahead). */
export function projectionSection(
  inputs: ProjectionInputs,
  tenure: TenureRetention[],
  metrics: CoreMetrics,
  prev: CoreMetrics,
): ProjectionSection {
  const fit = fitProjection(inputs, tenure, metrics, prev);
  return { inputs, fit, years: project(fit, {}, 5) };
}
