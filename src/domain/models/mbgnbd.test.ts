// MBG/NBD against the values lifetimes' test suite checks on CDNOW (lifetimes/tests/
// test_estimation.py, TestModifiedBetaGammaFitter, after BTYDplus and Hardie's spreadsheets), and
// the gradient against finite differences.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { aggregateTriples } from './data.js';
import { MbgNbd, mbgNbdLikelihood } from './mbgnbd.js';
import { BgNbd } from './bgnbd.js';

const DIR = new URL('../../../../shared/data/cdnow/', import.meta.url);
const rows = readFileSync(new URL('cdnow_customers_summary.csv', DIR), 'utf8')
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((l) => l.split(',').map(Number));
const rfm = {
  frequency: rows.map((r) => r[1]),
  recency: rows.map((r) => r[2]),
  T: rows.map((r) => r[3]),
};

test('MBG/NBD on CDNOW: r 0.525, α 6.183, a 0.891, b 1.614 (to 3 decimals, as lifetimes checks)', (t) => {
  const { model, info } = MbgNbd.fit(aggregateTriples(rfm));
  const { r, alpha, a, b } = model.params;
  t.diagnostic(
    `r ${r} α ${alpha} a ${a} b ${b} LL ${info.logLikelihood} (${info.iterations} iterations)`,
  );
  assert.ok(info.converged, info.message);
  const close = (x: number, want: number) => Math.abs(x - want) < 1.5e-3;
  assert.ok(close(r, 0.525) && close(alpha, 6.183) && close(a, 0.891) && close(b, 1.614));
  // The conditional expectation of Hardie's spreadsheet: x 2, t_x 30.43, T 38.86, 39 weeks → 1.226.
  assert.ok(Math.abs(model.expectedPurchases(39, 2, 30.43, 38.86) - 1.226) < 0.05);
  // E[X(t)] of a new customer at the spreadsheet's times, within lifetimes' own rtol of 5 %
  // (the published row runs a little higher at long horizons: 1.8036 here, 1.8576 at 78 weeks).
  const times = [0.1429, 1.0, 3.0, 31.8571, 32.0, 78.0];
  const expected = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
  times.forEach((tt, i) =>
    assert.ok(Math.abs(model.expectedPurchasesNew(tt) / expected[i] - 1) < 0.05, `t ${tt}`),
  );
});

test('a one-time buyer is not certainly alive under MBG/NBD (it is under BG/NBD)', () => {
  const m = new MbgNbd({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 });
  const p = m.probabilityAlive(0, 0, 30);
  assert.ok(p > 0 && p < 1, `${p}`);
  // By hand: 1 / (1 + a/b · ((α+T)/α)^r).
  assert.ok(Math.abs(p - 1 / (1 + (0.891 / 1.614) * ((6.183 + 30) / 6.183) ** 0.525)) < 1e-12);
  assert.equal(
    new BgNbd({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }).probabilityAlive(0, 0, 30),
    1,
  );
});

test('the analytic gradient agrees with finite differences', () => {
  const data = aggregateTriples(rfm);
  const lik = mbgNbdLikelihood(data);
  const theta = Float64Array.from([0.6, 5.5, 0.8, 1.9]);
  const grad = new Float64Array(4);
  lik.logLikelihoodAndGradient!(theta, grad);
  for (let k = 0; k < 4; k++) {
    const h = 1e-6 * theta[k];
    const up = Float64Array.from(theta);
    const down = Float64Array.from(theta);
    up[k] += h;
    down[k] -= h;
    const fd = (lik.logLikelihood(up) - lik.logLikelihood(down)) / (2 * h);
    assert.ok(
      Math.abs(fd - grad[k]) < 1e-4 * Math.max(1, Math.abs(fd)),
      `∂${k}: ${grad[k]} vs ${fd}`,
    );
  }
});

test('recovers known MBG/NBD parameters from 40,000 simulated customers, and tells them from BG/NBD', async () => {
  const { simulateMbgNbd, spreadT } = await import('./generate.js');
  const { Random } = await import('./random.js');
  const truth = { r: 0.6, alpha: 5, a: 0.9, b: 2.5 };
  const sim = simulateMbgNbd(truth, spreadT(40_000, 52, 104), new Random(5));
  const { model, info } = MbgNbd.fit(aggregateTriples(sim));
  assert.ok(info.converged, info.message);
  for (const k of ['r', 'alpha', 'a', 'b'] as const)
    assert.ok(
      Math.abs(model.params[k] / truth[k] - 1) < 0.1,
      `${k} ${model.params[k]} vs ${truth[k]}`,
    );
  // The MBG/NBD likelihood fits its own data better than BG/NBD does.
  assert.ok(info.logLikelihood > BgNbd.fit(aggregateTriples(sim)).info.logLikelihood);
});
