// The projection is seed 003's model started from today's state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { project, type ProjectionFit } from './projection.js';
import { simulate, SEED003 } from './models/simulation.js';

const base: ProjectionFit = {
  active_by_tenure: [1000, 600, 400],
  retention_by_tenure: [0.6, 0.8],
  annual_ltv_by_tenure: [10_000, 15_000, 20_000],
  new_customers_per_year: 1000,
  dormant_customers: 0,
  reactivation_rate: 0,
  reactivated_annual_spend: 0,
  retention_uncertainty: 0.05,
  new_customers_uncertainty: 100,
};

test('year 0 reproduces today; next year follows retention by tenure by hand', () => {
  const p = project(base, {}, 3);
  assert.equal(p.length, 4);
  assert.ok(Math.abs(p[0].active_customers - 2000) < 1e-9);
  assert.ok(Math.abs(p[0].revenue - (1000 * 10_000 + 600 * 15_000 + 400 * 20_000)) < 1e-6);
  // next year: new 1000; tenure 2 = 1000×0.6; tenure 3 = 600×0.8; tenure 4 = 400×0.8 (last rate repeats)
  const a1 = 1000 + 600 + 480 + 320;
  const r1 = 1000 * 10_000 + 600 * 15_000 + (480 + 320) * 20_000;
  assert.ok(Math.abs(p[1].active_customers - a1) < 1e-9);
  assert.ok(Math.abs(p[1].revenue - r1) < 1e-6);
  assert.ok(p[1].active_low < a1 && p[1].active_high > a1);
});

test('a business with no one today is seed 003 itself', () => {
  const fit: ProjectionFit = {
    ...base,
    active_by_tenure: [0],
    retention_by_tenure: [0.7],
    annual_ltv_by_tenure: SEED003.annual_ltv_by_tenure,
    new_customers_per_year: 12_000,
  };
  const p = project(fit, {}, 3);
  const s = simulate({ ...SEED003, new_customers: [12_000, 12_000, 12_000], years: 3 });
  for (let y = 1; y <= 3; y++) assert.ok(Math.abs(p[y].revenue - s[y - 1].revenue) < 1e-6);
});

test('what-if overrides and reactivation move the path the right way', () => {
  const p = project(base, {}, 2);
  assert.ok(project(base, { retention_rate: 0.9 }, 2)[2].active_customers > p[2].active_customers);
  assert.ok(project(base, { new_customers_per_year: 0 }, 2)[2].revenue < p[2].revenue);
  const withPool = project({ ...base, dormant_customers: 1000, reactivation_rate: 0.1, reactivated_annual_spend: 5000 }, {}, 1);
  assert.ok(Math.abs(withPool[1].active_customers - (p[1].active_customers + 100)) < 1e-9);
  assert.ok(Math.abs(withPool[1].revenue - (p[1].revenue + 500_000)) < 1e-6);
});
