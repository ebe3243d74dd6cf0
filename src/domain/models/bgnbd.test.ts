import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BgNbd, bgNbdLikelihood } from './bgnbd.js';
import { aggregateTriples } from './data.js';
import { simulateBgNbd, spreadT } from './generate.js';
import { holdoutTable } from './holdout.js';
import { numericGradient } from './optimize.js';
import { Random } from './random.js';

// The CDNOW estimates of Fader, Hardie & Lee (2005), weeks: the truth we simulate from.
const TRUTH = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

test('the analytic gradient of the BG/NBD log-likelihood matches central differences', () => {
  const data = {
    frequency: [0, 1, 3, 7, 0],
    recency: [0, 5.2, 20, 31.5, 0],
    T: [10, 38, 39, 35, 2],
    weight: [3, 1, 2, 1, 5],
  };
  const lik = bgNbdLikelihood(data);
  const theta = Float64Array.from([0.5, 6, 1.2, 3.1]);
  const analytic = new Float64Array(4);
  const numeric = new Float64Array(4);
  lik.logLikelihoodAndGradient!(theta, analytic);
  numericGradient((t) => lik.logLikelihood(t), theta, numeric);
  for (let i = 0; i < 4; i++)
    assert.ok(Math.abs(analytic[i] - numeric[i]) < 1e-6 * Math.max(1, Math.abs(numeric[i])));
});

test('BG/NBD recovers known parameters from 50,000 simulated customers within 15 %', (t) => {
  // Weekly unit, cohorts observed 52–104 weeks, times rounded to whole days as stored data are.
  const sim = simulateBgNbd(TRUTH, spreadT(50_000, 52, 104), new Random(20250501));
  const triples = aggregateTriples(sim, 1 / 7);
  const { model, info } = BgNbd.fit(triples);
  assert.ok(info.converged, info.message);
  assert.equal(info.customers, 50_000);
  const errors = Object.fromEntries(
    Object.entries(TRUTH).map(([k, v]) => [k, model.params[k as keyof typeof TRUTH] / v - 1]),
  );
  t.diagnostic(`relative errors ${JSON.stringify(errors)} over ${info.rows} distinct triples`);
  for (const [k, e] of Object.entries(errors))
    assert.ok(Math.abs(e) < 0.15, `${k} off by ${(e * 100).toFixed(1)} %`);
});

test('BG/NBD conditional expectations match what simulated customers do in a holdout period', () => {
  // With the true parameters, the expected holdout purchases per calibration frequency must
  // agree with the simulated ones up to sampling noise: this checks eq. (10) and P(alive).
  const model = new BgNbd(TRUTH);
  const sim = simulateBgNbd(TRUTH, spreadT(40_000, 26, 52), new Random(99), 39);
  const table = holdoutTable(model, sim, 39);
  assert.ok(
    Math.abs(table.total.predicted / table.total.actual - 1) < 0.03,
    JSON.stringify(table.total),
  );
  for (const row of table.rows) {
    if (row.customers < 1000) continue;
    assert.ok(Math.abs(row.predicted / row.actual - 1) < 0.1, JSON.stringify(row));
  }
});

test('a new customer is a customer with no history at T = 0, and one without repeats is alive', () => {
  const model = new BgNbd(TRUTH);
  assert.equal(model.probabilityAlive(0, 0, 38), 1);
  for (const t of [1, 10, 52]) {
    assert.ok(
      Math.abs(model.expectedPurchases(t, 0, 0, 0) - model.expectedPurchasesNew(t)) < 1e-12,
    );
  }
  // More purchases with the same recency: the long silence since weighs more (P(alive) falls).
  assert.ok(model.probabilityAlive(8, 10, 39) < model.probabilityAlive(2, 10, 39));
  assert.ok(
    model.expectedPurchases(39, 2, 30.43, 38.86) > model.expectedPurchases(20, 2, 30.43, 38.86),
  );
});

test('P(alive), expected purchases and likelihood agree with integrating the model directly', () => {
  // Reference values: the definitions integrated over λ ~ gamma(r, α) and p ~ beta(a, b)
  // numerically (scipy dblquad, relative tolerance 1e-10), independently of eq. (6), (10), (13).
  const model = new BgNbd({ r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425752 });
  const cases = [
    {
      x: 2,
      tx: 30.43,
      T: 38.86,
      t: 39,
      alive: 0.7266091024565,
      expected: 1.2259103857,
      ll: -9.459700850219,
    },
    { x: 0, tx: 0, T: 38.86, t: 39, alive: 1, expected: 0.1947809122936, ll: -0.553807287756 },
    {
      x: 7,
      tx: 35,
      T: 38.86,
      t: 52,
      alive: 0.8437867499508,
      expected: 5.520667480134,
      ll: -22.13845476561,
    },
  ];
  for (const c of cases) {
    const close = (a: number, b: number): boolean => Math.abs(a / b - 1) < 1e-5;
    assert.ok(
      close(model.probabilityAlive(c.x, c.tx, c.T), c.alive),
      `P(alive) ${JSON.stringify(c)}`,
    );
    assert.ok(
      close(model.expectedPurchases(c.t, c.x, c.tx, c.T), c.expected),
      `E[Y] ${JSON.stringify(c)}`,
    );
    const ll = model.logLikelihood({ frequency: [c.x], recency: [c.tx], T: [c.T] });
    assert.ok(close(ll, c.ll), `LL ${ll} ${JSON.stringify(c)}`);
  }
});

test('P(X(t) = n) reproduces R BTYD (bgnbd.pmf) as lifetimes tests it: r .243, α 4.414, a .793, b 2.426', () => {
  // lifetimes/tests/test_estimation.py, test_probability_of_n_purchases_up_to_time_same_as_R_BTYD.
  const m = new BgNbd({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });
  assert.ok(Math.abs(m.probabilityOfPurchases(2, 10) / 1.07869e-7 - 1) < 1e-3);
  assert.ok(Math.abs(m.probabilityOfPurchases(39, 0) - 0.5737864) < 1e-7);
  const pmf = [
    0.0019995214, 0.0015170236, 0.001163315, 0.0009003148, 0.0007023638, 0.0005517902, 0.0004361913,
    0.0003467171, 0.0002769613, 0.000222226,
  ];
  pmf.forEach((p, i) =>
    assert.ok(Math.abs(m.probabilityOfPurchases(30, 11 + i) - p) < 1e-9, `n ${11 + i}`),
  );
  // A distribution: the probabilities of 0 … 400 purchases in 30 weeks sum to 1.
  let total = 0;
  for (let n = 0; n <= 400; n++) total += m.probabilityOfPurchases(30, n);
  assert.ok(Math.abs(total - 1) < 1e-6, `${total}`);
});
