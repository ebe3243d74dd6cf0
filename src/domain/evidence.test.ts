// Wilson intervals and the two-proportion z against values computed by hand (and the
// published Wilson interval of 3 of 4: 0.3006–0.9544).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MIN_RATE_BASE, insideNoise, tooFewToJudge, twoProportionZ, wilson } from './evidence.js';
import { WELL_MEASURED } from '../checkup/projection.js';

const close = (a: number, b: number, eps = 1e-4) =>
  assert.ok(Math.abs(a - b) < eps, `${a} is not ${b}`);

test('wilson: 3 of 4 is 0.3006–0.9544, 0 of 10 starts at 0, no base is null', () => {
  const [lo, hi] = wilson(3, 4)!;
  close(lo, 0.30064);
  close(hi, 0.95442);
  const [lo0, hi0] = wilson(0, 10)!;
  assert.equal(lo0, 0);
  close(hi0, 0.27753); // z²/n / (1 + z²/n) = 0.38416 / 1.38416
  assert.equal(wilson(0, 0), null);
});

test('twoProportionZ: 30/100 against 20/100 is 1.633; sign follows the first side', () => {
  close(twoProportionZ(30, 100, 20, 100), 0.1 / Math.sqrt(0.25 * 0.75 * 0.02));
  close(twoProportionZ(20, 100, 30, 100), -1.63299);
  assert.equal(twoProportionZ(0, 0, 3, 10), 0);
  assert.equal(twoProportionZ(5, 5, 10, 10), 0);
});

test('one minimum: 30 customers, the same as the projection’s well-measured years', () => {
  assert.equal(MIN_RATE_BASE, 30);
  assert.equal(WELL_MEASURED, MIN_RATE_BASE);
  assert.equal(tooFewToJudge(29), true);
  assert.equal(tooFewToJudge(30), false);
  assert.equal(insideNoise(-1.2), true);
  assert.equal(insideNoise(-1.97), false);
});
