// The projection's fit on small and simulated data: no tenure rate from a handful of customers,
// and a band that covers the truth of a business simulated from known rates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../demo/random.js';
import { fitProjection, modelRetention, WELL_MEASURED } from './projection.js';
import { project } from '../domain/projection.js';
import type { CoreMetrics, ProjectionInputs, TenureRetention } from '../report/index.js';

const year = (tenure_year: number, base: number, retained: number): TenureRetention => ({
  tenure_year,
  base,
  retained,
  retention_rate: base ? retained / base : null,
  target: null,
});

test('the model takes no retention from fewer than 30 customers: later years repeat the last measured one', () => {
  const r = modelRetention([year(3, 800, 688), year(2, 2000, 1300), year(4, 3, 3), year(5, 4, 0)]);
  assert.equal(WELL_MEASURED, 30);
  assert.equal(r.length, 2, 'years 4 and 5 (3 and 4 customers) are beyond the data');
  assert.equal(r[0], 0.65);
  // Year 3 shrunk toward year 2 by 30 customers: (688 + 30 × 0.65) / 830.
  assert.ok(Math.abs(r[1] - (688 + 30 * 0.65) / 830) < 1e-12);
  assert.deepEqual(modelRetention([year(2, 12, 12)]), [], 'nothing well measured');
});

// Seeded draws (the demo generator's), so the simulated data are the same on every run.
const binomial = (n: number, p: number, r: Rng) => {
  let k = 0;
  for (let i = 0; i < n; i++) if (r.chance(p)) k++;
  return k;
};
const TRUE_RETENTION = [0.55, 0.75, 0.85, 0.88];
const LTV = [20_000, 25_000, 28_000, 30_000];
const NEW_PER_YEAR = 1000;
const at = (xs: number[], k: number) => xs[Math.min(k, xs.length - 1)];

/** Simulates 6 years of a business; returns what the checkup would measure at the end. */
function simulateBusiness(seed: number) {
  const r = new Rng(seed);
  // active[c] = customers of cohort c active in the current year.
  let active: number[] = [];
  const history: number[][] = [];
  const news: number[] = [];
  for (let y = 0; y < 6; y++) {
    active = active.map((a, c) => binomial(a, at(TRUE_RETENTION, y - c - 1), r));
    const fresh = r.poisson(NEW_PER_YEAR);
    active.push(fresh);
    news.push(fresh);
    history.push(active.slice());
  }
  const [prev, now] = [history[4], history[5]];
  // Tenure k today = cohort 6 − k (k = 1 the newest).
  const byTenure = now.map((_, i) => now[now.length - 1 - i]);
  const tenure = prev.map((_, c) => year(5 - c + 1, prev[c], now[c]));
  const metricsOf = (before: number[], after: number[]) => {
    const base = before.reduce((s, x) => s + x, 0);
    const retained = after.slice(0, before.length).reduce((s, x) => s + x, 0);
    return {
      retention_rate: retained / base,
      retention_base: base,
      annual_ltv: LTV[0],
    } as CoreMetrics;
  };
  const inputs: ProjectionInputs = {
    by_tenure: byTenure.map((a, i) => ({
      tenure_year: i + 1,
      active_customers: a,
      revenue: a * at(LTV, i),
      annual_spend_per_active: at(LTV, i),
    })),
    new_customers_last_year: news[5],
    new_customers_prev_year: news[4],
    dormant_customers: 0,
    reactivation_rate: 0,
    reactivated_spend_per_customer: 0,
  };
  return {
    fit: fitProjection(inputs, tenure, metricsOf(prev, now), metricsOf(history[3], prev)),
    byTenure,
  };
}

/** The expected active customers `years` ahead under the true rates, from today's customers. */
function truth(byTenure: number[], years: number): number {
  let total = 0;
  byTenure.forEach((a, i) => {
    let s = a;
    for (let j = 0; j < years; j++) s *= at(TRUE_RETENTION, i + j);
    total += s;
  });
  for (let c = 1; c <= years; c++) {
    let s = NEW_PER_YEAR;
    for (let j = 0; j < years - c; j++) s *= at(TRUE_RETENTION, j);
    total += s;
  }
  return total;
}

test('the band covers the true path of a simulated business in at least 90 % of 50 seeds', () => {
  let covered = 0;
  for (let seed = 1; seed <= 50; seed++) {
    const { fit, byTenure } = simulateBusiness(seed);
    const years = project(fit, {}, 5);
    const ok = [1, 3, 5].every((y) => {
      const t = truth(byTenure, y);
      return years[y].active_low <= t && t <= years[y].active_high;
    });
    if (ok) covered++;
  }
  assert.ok(covered >= 45, `covered in ${covered} of 50`);
});

test('the forecast moves with the retention override, and equals the fit at the fitted rate', () => {
  const { fit } = simulateBusiness(7);
  const at5 = (w: { retention_rate?: number }) => project(fit, w, 5)[5].active_customers;
  const none = at5({});
  assert.ok(Math.abs(at5({ retention_rate: fit.retention_by_tenure[0] }) - none) < 1e-6);
  let last = -Infinity;
  for (let r = 0.3; r <= 0.99; r += 0.05) {
    const v = at5({ retention_rate: r });
    assert.ok(v >= last, `retention ${r.toFixed(2)} gives ${v}, below ${last}`);
    last = v;
  }
});
