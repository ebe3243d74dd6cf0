// "What happens if this continues" (SPEC §7): seed 003's cohort model (models/simulation.ts)
// started from the business's own state at D. Today's active customers of tenure k are
// written as a past cohort whose survivors they are, so one model carries both them and the
// future cohorts; reactivation of the dormant pool, which the seed's model lacks, is added
// on top. A band comes from running the same model with pessimistic and optimistic inputs.
import { simulate } from './models/simulation.js';
import type { ProjectionFit, ProjectionYear } from '../report/index.js';

export type { ProjectionFit, ProjectionYear };

export interface WhatIf {
  /** Replace every tenure's retention with this rate. */
  retention_rate?: number;
  new_customers_per_year?: number;
  /** Multiply every tenure's annual spend. */
  spend_factor?: number;
  reactivation_rate?: number;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** Returns the central path (active, revenue) of the fit under `w` for `years` years ahead. */
function path(
  fit: ProjectionFit,
  w: WhatIf,
  years: number,
): { active: number[]; revenue: number[] } {
  const K = Math.max(fit.active_by_tenure.length, 1);
  const retention =
    w.retention_rate !== undefined
      ? [w.retention_rate]
      : fit.retention_by_tenure.length
        ? fit.retention_by_tenure
        : [0];
  const ltv = fit.annual_ltv_by_tenure.map((s) => s * (w.spend_factor ?? 1));
  const r = (k: number) => clamp01(retention[Math.min(k, retention.length - 1)]);
  // A tenure-k customer today survived k−1 retention steps: its virtual cohort is a_k / Π r.
  const virtual: number[] = [];
  for (let k = K; k >= 1; k--) {
    let survival = 1;
    for (let j = 0; j < k - 1; j++) survival *= r(j);
    const a = fit.active_by_tenure[k - 1] ?? 0;
    virtual.push(survival > 0 ? a / survival : 0);
  }
  const fresh = w.new_customers_per_year ?? fit.new_customers_per_year;
  const rows = simulate({
    new_customers: [...virtual, ...Array(years).fill(fresh)],
    retention_rate: retention.map(clamp01),
    annual_ltv_by_tenure: ltv.length ? ltv : [0],
    years: K + years,
  }).slice(K - 1);
  const rho = clamp01(w.reactivation_rate ?? fit.reactivation_rate);
  let pool = fit.dormant_customers;
  const active: number[] = [];
  const revenue: number[] = [];
  rows.forEach((row, y) => {
    if (y === 0) {
      active.push(row.active_customers);
      revenue.push(row.revenue);
      return;
    }
    const back = pool * rho;
    const lost = rows[y - 1].active_customers + rows[y].new_customers - row.active_customers;
    pool = pool - back + Math.max(lost, 0);
    active.push(row.active_customers + back);
    revenue.push(row.revenue + back * fit.reactivated_annual_spend * (w.spend_factor ?? 1));
  });
  return { active, revenue };
}

/** Returns year 0 (today, as modelled) and `years` years ahead with a low–high band. */
export function project(fit: ProjectionFit, w: WhatIf = {}, years = 5): ProjectionYear[] {
  const mid = path(fit, w, years);
  const shift = (d: number): WhatIf => ({
    ...w,
    retention_rate:
      w.retention_rate !== undefined
        ? clamp01(w.retention_rate + d * fit.retention_uncertainty)
        : undefined,
    new_customers_per_year: Math.max(
      0,
      (w.new_customers_per_year ?? fit.new_customers_per_year) + d * fit.new_customers_uncertainty,
    ),
  });
  const shiftedFit = (d: number): ProjectionFit => ({
    ...fit,
    retention_by_tenure: fit.retention_by_tenure.map((x) =>
      clamp01(x + d * fit.retention_uncertainty),
    ),
  });
  const low = path(shiftedFit(-1), shift(-1), years);
  const high = path(shiftedFit(1), shift(1), years);
  return mid.active.map((a, y) => ({
    year: y,
    active_customers: a,
    revenue: mid.revenue[y],
    active_low: Math.min(low.active[y], a),
    active_high: Math.max(high.active[y], a),
    revenue_low: Math.min(low.revenue[y], mid.revenue[y]),
    revenue_high: Math.max(high.revenue[y], mid.revenue[y]),
  }));
}
