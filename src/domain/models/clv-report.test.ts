import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildClvReport } from './clv-report.js';
import { aggregateTriples } from './data.js';
import { GammaGamma } from './gamma-gamma.js';
import { simulateBgNbd, simulateGammaGamma, spreadT } from './generate.js';
import { Random } from './random.js';

// 8,000 simulated customers in weeks, 39 weeks of holdout, with spend for the repeat buyers.
const rng = new Random(11);
const sim = simulateBgNbd({ r: 0.5, alpha: 6, a: 0.8, b: 3 }, spreadT(8_000, 26, 52), rng, 39);
const repeat = [...sim.frequency.keys()].filter((i) => sim.frequency[i] > 0);
const spend = {
  frequency: repeat.map((i) => sim.frequency[i]),
  monetary: [
    ...simulateGammaGamma(
      { p: 6, q: 4, gamma: 15 },
      repeat.map((i) => sim.frequency[i]),
      rng,
    ),
  ],
};

test('the CLV report fits both models, predicts per row and validates on the holdout', () => {
  const report = buildClvReport({
    triples: sim,
    spend,
    model: 'bgnbd',
    unitDays: 7,
    horizonDays: 365,
    annualDiscountRate: 0.1,
    holdoutDays: 273,
  });
  assert.deepEqual(report.warnings, []);
  assert.ok(report.fit.converged);
  assert.equal(report.totals.customers, 8_000);
  const n = sim.frequency.length;
  for (let i = 0; i < n; i += 97) {
    const p = report.predictions;
    assert.ok(p.pAlive[i] >= 0 && p.pAlive[i] <= 1);
    assert.ok(
      p.discountedPurchases[i] < p.expectedPurchases[i] &&
        p.discountedPurchases[i] > 0.9 * p.expectedPurchases[i],
    );
  }
  // Spend coefficients reproduce the fitted model's expected spend.
  const gg = new GammaGamma(report.spend!.params as { p: number; q: number; gamma: number });
  const i = repeat[0];
  const expected =
    report.predictions.spendIntercept[i] + report.predictions.spendSlope[i] * spend.monetary[0];
  assert.ok(Math.abs(expected - gg.expectedSpend(sim.frequency[i], spend.monetary[0])) < 1e-9);
  assert.equal(report.predictions.spendSlope[[...sim.frequency].indexOf(0)], 0);
  // Holdout: the fitted model's total prediction is within 5 % of what happened.
  const h = report.holdout!;
  assert.equal(h.total.customers, 8_000);
  assert.ok(Math.abs(h.total.predicted / h.total.actual - 1) < 0.05, JSON.stringify(h.total));
});

test('Pareto/NBD path on distinct triples, and no CLV (with a warning) when spend cannot be fitted', () => {
  const triples = aggregateTriples(sim, 1 / 7);
  const report = buildClvReport({
    triples,
    spend: { frequency: [1], monetary: [10] },
    model: 'pareto',
    unitDays: 7,
    horizonDays: 91,
    annualDiscountRate: 0,
  });
  assert.ok(report.fit.converged);
  assert.equal(report.totals.customers, 8_000);
  assert.equal(report.holdout, null);
  assert.ok('s' in report.params && 'beta' in report.params);
  assert.equal(report.spend, null);
  assert.deepEqual(report.warnings, [
    'too few customers with repeat purchases to fit the spend model',
  ]);
  assert.ok(Number.isNaN(report.predictions.spendIntercept[0]));
  // Without discounting the discounted purchases are the expected purchases.
  assert.ok(
    Math.abs(report.predictions.discountedPurchases[5] - report.predictions.expectedPurchases[5]) <
      1e-12,
  );
});
