// Fits the projection's inputs from the checkup's own numbers (one truth) and runs it.
import { project } from '../domain/projection.js';
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
  const retention = tenure
    .filter((t) => t.retention_rate !== null)
    .map((t) => t.retention_rate as number);
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
