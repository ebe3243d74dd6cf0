// Wilson intervals, Newcombe's interval of a difference, the two-proportion z and its p-value
// against published values and values computed by hand (and the published Wilson interval of
// 3 of 4: 0.3006–0.9544).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MIN_RATE_BASE,
  effectiveBase,
  insideNoise,
  liftEvidence,
  newcombe,
  tooFewToJudge,
  twoProportionZ,
  twoSidedP,
  wilson,
} from './evidence.js';
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

// Newcombe (1998), Statistics in Medicine 17:873–890, Table II, method 10 (hybrid score, no
// continuity correction). Recomputed independently in python3 with
//   w(k,n) = Wilson at z = 1.96;  L = d − √((p1−l1)² + (u2−p2)²),  U = d + √((u1−p1)² + (p2−l2)²)
// which gives the published four decimals for all six examples:
//   (a) 56/70 − 48/80: 0.0524, 0.3339   (b) 9/10 − 3/10: 0.1705, 0.8090
//   (c) 6/7 − 2/7:     0.0582, 0.8062   (d) 5/56 − 0/29: −0.0381, 0.1926
//   (e) 0/10 − 0/20:  −0.1611, 0.2775   (f) 10/10 − 0/20: 0.6791, 1.0000
test('newcombe: the six examples of Newcombe 1998 (method 10) to four decimals', () => {
  const cases: [number, number, number, number, number, number][] = [
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [10, 10, 0, 20, 0.6791, 1.0],
  ];
  for (const [k1, n1, k2, n2, lo, hi] of cases) {
    const [l, h] = newcombe(k1, n1, k2, n2)!;
    close(l, lo, 6e-5);
    close(h, hi, 6e-5);
  }
  assert.equal(newcombe(1, 0, 3, 10), null);
});

test('twoSidedP: the normal tail, exact to 1e-7 relative also far out', () => {
  // python3: math.erfc(z / math.sqrt(2))
  close(twoSidedP(1.2), 0.2301393404, 1e-7);
  close(twoSidedP(-1.2), 0.2301393404, 1e-7);
  close(twoSidedP(1.959963984540054), 0.05, 1e-7);
  close(twoSidedP(3) / 0.0026997960632601913, 1, 1e-6);
  close(twoSidedP(6) / 1.9731752900754024e-9, 1, 1e-6);
  assert.equal(twoSidedP(0), 1);
});

test('effectiveBase: p(1−p) / variance, Kish without variance, never above the customers', () => {
  // Two strata weighted ½ ½ with rates 10 % of 100 and 20 % of 400: rate 0.15, variance
  // ¼·0.09/100 + ¼·0.16/400 = 0.000325, so n = 0.1275 / 0.000325 = 392.31; Kish 1/(¼/100 + ¼/400) = 320.
  close(effectiveBase(0.15, 0.000325, 320, 500), 392.3077, 1e-3);
  assert.equal(effectiveBase(0, 0, 320, 500), 320);
  assert.equal(effectiveBase(0.15, 0.000325, 320, 300), 300);
});

test('liftEvidence: interval, z, p and one verdict', () => {
  // 56/70 − 48/80: 0.2, interval 0.0524–0.3339 excludes 0: higher; z = 0.2 / √(0.6933·0.3067·(1/70 + 1/80)).
  const a = liftEvidence(56, 70, 48, 80);
  close(a.difference!, 0.2);
  close(a.low!, 0.0524, 6e-5);
  close(a.z!, 0.2 / Math.sqrt((104 / 150) * (46 / 150) * (1 / 70 + 1 / 80)));
  close(a.p!, twoSidedP(a.z!));
  assert.equal(a.verdict, 'higher');
  assert.equal(liftEvidence(48, 80, 56, 70).verdict, 'lower');
  // 5/56 − 0/29 covers 0 and the control is 29 < 30 customers: too few comes first.
  assert.equal(liftEvidence(5, 56, 0, 29).verdict, 'too_few');
  assert.equal(liftEvidence(5, 56, 0, 30).verdict, 'within_noise');
  // 9/10 − 3/10 excludes 0 but on 10 customers a side: too few, with the interval still given.
  const b = liftEvidence(9, 10, 3, 10);
  assert.equal(b.verdict, 'too_few');
  close(b.low!, 0.1705, 6e-5);
  assert.deepEqual(liftEvidence(0, 0, 3, 40), {
    difference: null,
    low: null,
    high: null,
    z: null,
    p: null,
    verdict: 'too_few',
  });
});
