import { test } from 'node:test';
import assert from 'node:assert/strict';
import { minimize, numericGradient } from './optimize.js';

// Rosenbrock's banana valley: minimum 0 at (1, …, 1), curved and badly scaled on purpose.
function rosenbrock(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length - 1; i++) s += 100 * (x[i + 1] - x[i] * x[i]) ** 2 + (1 - x[i]) ** 2;
  return s;
}

function rosenbrockGradient(x: Float64Array, g: Float64Array): number {
  g.fill(0);
  for (let i = 0; i < x.length - 1; i++) {
    const t = x[i + 1] - x[i] * x[i];
    g[i] += -400 * x[i] * t - 2 * (1 - x[i]);
    g[i + 1] += 200 * t;
  }
  return rosenbrock(x);
}

test('BFGS with the analytic gradient finds the Rosenbrock minimum from (-1.2, 1)', () => {
  const res = minimize({ value: rosenbrock, valueAndGradient: rosenbrockGradient }, [-1.2, 1]);
  assert.ok(res.converged, res.message);
  assert.ok(Math.abs(res.x[0] - 1) < 1e-6 && Math.abs(res.x[1] - 1) < 1e-6, `x = ${res.x}`);
  assert.ok(res.value < 1e-12);
  assert.ok(res.iterations < 100, `iterations ${res.iterations}`);
});

test('BFGS with central differences finds the 5-dimensional Rosenbrock minimum', () => {
  const res = minimize({ value: rosenbrock }, [-1.2, 1, -1.2, 1, -1.2], {
    gradientTolerance: 1e-6,
  });
  assert.ok(res.converged, res.message);
  for (const xi of res.x) assert.ok(Math.abs(xi - 1) < 1e-5, `x = ${res.x}`);
});

test('numeric gradient agrees with the analytic one', () => {
  const x = Float64Array.from([0.3, -0.7, 1.4]);
  const g1 = new Float64Array(3);
  const g2 = new Float64Array(3);
  rosenbrockGradient(x, g1);
  numericGradient(rosenbrock, x, g2);
  for (let i = 0; i < 3; i++)
    assert.ok(Math.abs(g1[i] - g2[i]) < 1e-6 * Math.max(1, Math.abs(g1[i])));
});

test('a non-finite objective outside the domain makes the line search step back', () => {
  // log barrier: undefined for x ≤ 0, minimum at x = 1.
  const f = (x: Float64Array): number => (x[0] > 0 ? x[0] - Math.log(x[0]) : NaN);
  const res = minimize({ value: f }, [5]);
  assert.ok(res.converged, res.message);
  assert.ok(Math.abs(res.x[0] - 1) < 1e-6);
});
