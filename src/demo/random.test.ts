import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cumulative, Rng } from './random.js';

const N = 100_000;
const moments = (draw: () => number): { mean: number; sd: number } => {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < N; i++) {
    const x = draw();
    s += x;
    s2 += x * x;
  }
  const mean = s / N;
  return { mean, sd: Math.sqrt(s2 / N - mean * mean) };
};
const near = (actual: number, expected: number, tol: number, what: string): void =>
  assert.ok(
    Math.abs(actual - expected) <= tol,
    `${what}: ${actual} not within ${tol} of ${expected}`,
  );

test('the same key gives the same stream; neighbouring keys give different ones', () => {
  const a = new Rng(1, 3, 42);
  const b = new Rng(1, 3, 42);
  const c = new Rng(1, 3, 43);
  const sa = Array.from({ length: 8 }, () => a.next());
  assert.deepEqual(
    sa,
    Array.from({ length: 8 }, () => b.next()),
  );
  assert.notDeepEqual(
    sa,
    Array.from({ length: 8 }, () => c.next()),
  );
  assert.deepEqual(
    sa,
    Array.from(
      { length: 8 },
      (
        (r) => () =>
          r.next()
      )(a.reseed(1, 3, 42)),
    ),
  );
});

test('samplers have the documented means and spreads', () => {
  const r = new Rng(2024);
  near(moments(() => r.next()).mean, 0.5, 0.005, 'uniform mean');
  const n = moments(() => r.normal());
  near(n.mean, 0, 0.01, 'normal mean');
  near(n.sd, 1, 0.01, 'normal sd');
  near(moments(() => r.exp(3)).mean, 3, 0.05, 'exponential mean');
  // gamma(shape k, mean m): sd = m / √k
  const g = moments(() => r.gamma(2.5, 3));
  near(g.mean, 3, 0.03, 'gamma mean');
  near(g.sd, 3 / Math.sqrt(2.5), 0.03, 'gamma sd');
  near(moments(() => r.gamma(0.5, 2)).mean, 2, 0.05, 'gamma mean, shape < 1');
  // beta(mean μ, concentration κ): var = μ(1−μ)/(κ+1)
  const b = moments(() => r.beta(0.11, 8));
  near(b.mean, 0.11, 0.003, 'beta mean');
  near(b.sd, Math.sqrt((0.11 * 0.89) / 9), 0.003, 'beta sd');
  near(moments(() => r.poisson(0.8)).mean, 0.8, 0.01, 'poisson mean (small)');
  near(moments(() => r.poisson(45)).mean, 45, 0.1, 'poisson mean (large)');
  near(moments(() => r.round(2.3)).mean, 2.3, 0.01, 'stochastic rounding');
});

test('pick follows the weights', () => {
  const r = new Rng(7);
  const cum = cumulative([1, 0, 3]);
  const hits = [0, 0, 0];
  for (let i = 0; i < N; i++) hits[r.pick(cum)]++;
  assert.equal(hits[1], 0);
  near(hits[2] / N, 0.75, 0.01, 'share of the heaviest weight');
});
