import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GammaGamma, gammaGammaLikelihood } from './gamma-gamma.js';
import { simulateGammaGamma } from './generate.js';
import { numericGradient } from './optimize.js';
import { Random } from './random.js';

// Fader, Hardie & Lee's CDNOW estimates, dollars.
const TRUTH = { p: 6.25, q: 3.74, gamma: 15.44 };

test('the analytic gradient of the gamma-gamma log-likelihood matches central differences', () => {
  const data = { frequency: [1, 2, 5, 9], monetary: [12.5, 30, 18.2, 44], weight: [2, 1, 1, 3] };
  const lik = gammaGammaLikelihood(data);
  const theta = Float64Array.from([4, 2.5, 20]);
  const analytic = new Float64Array(3);
  const numeric = new Float64Array(3);
  lik.logLikelihoodAndGradient!(theta, analytic);
  numericGradient((t) => lik.logLikelihood(t), theta, numeric);
  for (let i = 0; i < 3; i++)
    assert.ok(Math.abs(analytic[i] - numeric[i]) < 1e-6 * Math.max(1, Math.abs(numeric[i])));
});

test('gamma-gamma recovers known parameters from 100,000 simulated customers within 15 %', (t) => {
  // Only each customer's mean is observed, so p (and γ with it) is identified by how the
  // spread of means shrinks with x: it needs many customers (±8 % at this size over seeds).
  const rng = new Random(20250503);
  const frequency = Float64Array.from({ length: 100_000 }, () => 1 + rng.poisson(4));
  const monetary = simulateGammaGamma(TRUTH, frequency, rng);
  const { model, info } = GammaGamma.fit({ frequency, monetary });
  assert.ok(info.converged, info.message);
  const errors = Object.fromEntries(
    Object.entries(TRUTH).map(([k, v]) => [k, model.params[k as keyof typeof TRUTH] / v - 1]),
  );
  t.diagnostic(`relative errors ${JSON.stringify(errors)}`);
  for (const [k, e] of Object.entries(errors))
    assert.ok(Math.abs(e) < 0.15, `${k} off by ${(e * 100).toFixed(1)} %`);
  // The population mean spend γp/(q − 1) is far better determined than p or γ alone.
  const mean = model.populationMeanSpend() / new GammaGamma(TRUTH).populationMeanSpend() - 1;
  assert.ok(Math.abs(mean) < 0.02, `population mean off by ${(mean * 100).toFixed(1)} %`);
});

test('expected spend shrinks the own mean towards the population mean, more so for few purchases', () => {
  const model = new GammaGamma(TRUTH);
  const pop = (TRUTH.gamma * TRUTH.p) / (TRUTH.q - 1);
  assert.ok(Math.abs(model.populationMeanSpend() - pop) < 1e-12);
  assert.equal(model.expectedSpend(0, 999), pop);
  // Eq. (5) written out: (γ + x z̄) p / (p x + q − 1).
  const e = model.expectedSpend(2, 22.35);
  assert.ok(Math.abs(e - ((15.44 + 2 * 22.35) * 6.25) / (6.25 * 2 + 3.74 - 1)) < 1e-12);
  assert.ok(e > 22.35 && e < pop);
  assert.ok(Math.abs(model.expectedSpend(50, 22.35) - 22.35) < Math.abs(e - 22.35));
  assert.equal(new GammaGamma({ p: 1, q: 0.9, gamma: 1 }).populationMeanSpend(), Infinity);
});

test('q_constraint keeps q above 1: the same fit where q > 1 anyway, a finite mean where it was not', () => {
  // Where the free fit has q > 1 the constrained one is the same (lifetimes' test on CDNOW, too).
  const rng = new Random(23);
  const frequency = Array.from({ length: 3000 }, () => 1 + Math.floor(rng.uniform() * 8));
  const monetary = [...simulateGammaGamma({ p: 6, q: 4, gamma: 15 }, frequency, rng)];
  const free = GammaGamma.fit({ frequency, monetary });
  const held = GammaGamma.fit({ frequency, monetary }, { qConstraint: true });
  for (const k of ['p', 'q', 'gamma'] as const)
    assert.ok(Math.abs(held.model.params[k] / free.model.params[k] - 1) < 1e-3, k);
  // Spend so heavy-tailed that the free fit puts q below 1 (no finite mean spend).
  const wild = [...simulateGammaGamma({ p: 2, q: 0.7, gamma: 10 }, frequency, rng)];
  const loose = GammaGamma.fit({ frequency, monetary: wild });
  assert.ok(loose.model.params.q < 1, `free q ${loose.model.params.q}`);
  const bound = GammaGamma.fit({ frequency, monetary: wild }, { qConstraint: true });
  assert.ok(bound.model.params.q > 1 && bound.info.converged, `held q ${bound.model.params.q}`);
  assert.ok(bound.info.logLikelihood <= loose.info.logLikelihood);
});
