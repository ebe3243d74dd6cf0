import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from './random.js';

// Sample mean and variance of n draws.
function moments(draw: () => number, n = 200_000): { mean: number; variance: number } {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const v = draw();
    s += v;
    s2 += v * v;
  }
  const mean = s / n;
  return { mean, variance: s2 / n - mean * mean };
}

test('the same seed gives the same stream, another seed another', () => {
  const a = new Random(7);
  const b = new Random(7);
  const c = new Random(8);
  const sa = Array.from({ length: 5 }, () => a.nextUint32());
  assert.deepEqual(
    sa,
    Array.from({ length: 5 }, () => b.nextUint32()),
  );
  assert.notDeepEqual(
    sa,
    Array.from({ length: 5 }, () => c.nextUint32()),
  );
});

test('uniform draws lie in (0, 1) with mean 1/2 and variance 1/12', () => {
  const rng = new Random(1);
  let min = 1;
  let max = 0;
  const m = moments(() => {
    const u = rng.uniform();
    min = Math.min(min, u);
    max = Math.max(max, u);
    return u;
  });
  assert.ok(min > 0 && max < 1);
  assert.ok(Math.abs(m.mean - 0.5) < 0.003);
  assert.ok(Math.abs(m.variance - 1 / 12) < 0.001);
});

test('gamma(k, θ) has mean k/θ and variance k/θ², also for shapes below 1', () => {
  const rng = new Random(2);
  for (const [k, rate] of [
    [0.243, 4.414],
    [0.8, 1],
    [3.74, 15.44],
    [25, 2],
  ]) {
    const m = moments(() => rng.gamma(k, rate));
    assert.ok(Math.abs(m.mean / (k / rate) - 1) < 0.02, `gamma(${k}, ${rate}) mean ${m.mean}`);
    assert.ok(
      Math.abs(m.variance / (k / rate ** 2) - 1) < 0.05,
      `gamma(${k}, ${rate}) variance ${m.variance}`,
    );
  }
});

test('beta(a, b) has mean a/(a+b) and the right variance', () => {
  const rng = new Random(3);
  const [a, b] = [0.793, 2.426];
  const m = moments(() => rng.beta(a, b));
  const mean = a / (a + b);
  const variance = (a * b) / ((a + b) ** 2 * (a + b + 1));
  assert.ok(Math.abs(m.mean / mean - 1) < 0.01);
  assert.ok(Math.abs(m.variance / variance - 1) < 0.03);
});

test('poisson has mean = variance = λ on both sides of the method switch (30)', () => {
  const rng = new Random(4);
  for (const lambda of [0.3, 4, 29, 31, 250]) {
    const m = moments(() => rng.poisson(lambda));
    assert.ok(Math.abs(m.mean / lambda - 1) < 0.01, `poisson(${lambda}) mean ${m.mean}`);
    assert.ok(
      Math.abs(m.variance / lambda - 1) < 0.03,
      `poisson(${lambda}) variance ${m.variance}`,
    );
  }
  assert.equal(rng.poisson(0), 0);
});
