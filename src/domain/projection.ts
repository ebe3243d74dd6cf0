// "What happens if this continues" (SPEC §7): seed 003's cohort model (models/simulation.ts)
// started from the business's own state at D. Today's active customers of tenure k roll
// forward at the retention of each tenure year; the future years' new customers are the
// seed's model itself; reactivation of the dormant pool, which the seed's model lacks, is added
// on top. A band comes from running the same model with pessimistic and optimistic inputs.
import { simulate } from './models/simulation.js';
import type { ProjectionFit, ProjectionYear } from '../report/index.js';

export type { ProjectionFit, ProjectionYear };

export interface WhatIf {
  /**
   * Retention from the first tenure year into the second; every later year moves by the same
   * points (clamped to 0–1). At the fitted rate nothing changes, and a higher rate never gives
   * fewer customers.
   */
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
  const fitted = fit.retention_by_tenure.length ? fit.retention_by_tenure : [0];
  const shift = w.retention_rate !== undefined ? w.retention_rate - fitted[0] : 0;
  const retention = fitted.map((r) => clamp01(r + shift));
  const spend = w.spend_factor ?? 1;
  const ltv = (fit.annual_ltv_by_tenure.length ? fit.annual_ltv_by_tenure : [0]).map(
    (x) => x * spend,
  );
  const at = (xs: number[], k: number) => xs[Math.min(k, xs.length - 1)];
  // Today's customers roll forward a tenure year a year, each step at the retention of the
  // tenure they leave; an override moves every tenure's rate by the same points from the fitted
  // year-2 rate, so at the fitted rate it is the fit and a higher rate never gives fewer
  // customers. (Replacing the whole curve by the slider's value made the forecast fall when the
  // slider was moved up from the fit; and writing today's customers as survivors of past
  // cohorts divided by a survival of 0 after a 0 % year, losing them from year 0.)
  const today = fit.active_by_tenure.map((a) => a ?? 0);
  const fresh = w.new_customers_per_year ?? fit.new_customers_per_year;
  // The years' new customers are seed 003's model itself (models/simulation.ts).
  const cohorts =
    years > 0
      ? simulate({
          new_customers: Array(years).fill(fresh),
          retention_rate: retention,
          annual_ltv_by_tenure: ltv,
          years,
        })
      : [];
  const base: { active: number; revenue: number; fresh: number }[] = [];
  let alive = today.slice();
  for (let y = 0; y <= years; y++) {
    if (y > 0) alive = alive.map((a, i) => a * at(retention, i + y - 1));
    let active = 0;
    let revenue = 0;
    alive.forEach((a, i) => {
      active += a;
      revenue += a * at(ltv, i + y);
    });
    const next = y > 0 ? cohorts[y - 1] : undefined;
    base.push({
      active: active + (next?.active_customers ?? 0),
      revenue: revenue + (next?.revenue ?? 0),
      fresh: y > 0 ? fresh : 0,
    });
  }
  const rho = clamp01(w.reactivation_rate ?? fit.reactivation_rate);
  let pool = fit.dormant_customers;
  const active: number[] = [];
  const revenue: number[] = [];
  base.forEach((row, y) => {
    if (y === 0) {
      active.push(row.active);
      revenue.push(row.revenue);
      return;
    }
    const back = pool * rho;
    const lost = base[y - 1].active + row.fresh - row.active;
    pool = pool - back + Math.max(lost, 0);
    active.push(row.active + back);
    revenue.push(row.revenue + back * fit.reactivated_annual_spend * spend);
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
