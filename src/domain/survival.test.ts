// Kaplan–Meier and the log-rank test: a hand-computed example, and recovery of known hazards
// from simulated customers with censoring.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../demo/random.js';
import { kaplanMeier, logRank, survivalAt, type Observation } from './survival.js';

const ev = (time: number): Observation => ({ time, event: true });
const cens = (time: number): Observation => ({ time, event: false });

test('Kaplan–Meier by hand: events, censoring and ties', () => {
  // 6 subjects: events at 2, 3, 3, 7; censored at 3 and 5.
  const km = kaplanMeier([ev(2), ev(3), ev(3), cens(3), cens(5), ev(7)]);
  assert.deepEqual(
    km.map((s) => [s.time, s.atRisk, s.events]),
    [
      [2, 6, 1],
      [3, 5, 2],
      [7, 1, 1],
    ],
  );
  // 5/6, then × 3/5 (the one censored at 3 is still at risk at 3), then × 0.
  assert.ok(Math.abs(km[0].survival - 5 / 6) < 1e-12);
  assert.ok(Math.abs(km[1].survival - 0.5) < 1e-12);
  assert.equal(km[2].survival, 0);
  assert.equal(survivalAt(km, 1), 1);
  assert.ok(Math.abs(survivalAt(km, 6) - 0.5) < 1e-12);
});

test('log-rank by hand: two groups of two', () => {
  // A: events at 1 and 3; B: event at 2, censored at 4.
  const r = logRank([ev(1), ev(3)], [ev(2), cens(4)]);
  // t=1: 4 at risk (2 A), 1 event → E 0.5, V 0.25; t=2: 3 (1 A) → E 1/3, V 2/9; t=3: 2 (1 A) → E 0.5, V 0.25.
  assert.equal(r.observed, 2);
  assert.ok(Math.abs(r.expected - (0.5 + 1 / 3 + 0.5)) < 1e-12);
  assert.ok(Math.abs(r.z - (2 - 4 / 3) / Math.sqrt(0.25 + 2 / 9 + 0.25)) < 1e-12);
});

// Customers acquired over `span` days before D, each buying again after an exponential time
// (mean `mean` days); watched until D.
function cohort(rng: Rng, n: number, mean: number, span: number): Observation[] {
  return Array.from({ length: n }, () => {
    const watched = rng.next() * span;
    const t = rng.exp(mean);
    return t <= watched ? ev(Math.ceil(t)) : cens(Math.floor(watched));
  });
}

test('recovers a known curve and tells a half-rate group from the rest, with censoring', () => {
  const rng = new Rng(42);
  const rest = cohort(rng, 2000, 120, 365);
  const km = kaplanMeier(rest);
  // True share not yet back at day 90: exp(−90/120) = 0.472.
  assert.ok(Math.abs(survivalAt(km, 90) - Math.exp(-90 / 120)) < 0.03, `${survivalAt(km, 90)}`);
  // Discount-acquired customers coming back at half the rate, 90 days of acquisition only.
  const discounted = cohort(rng, 300, 240, 90);
  const r = logRank(discounted, cohort(rng, 1500, 120, 90));
  assert.ok(r.z < -3, `z ${r.z}`);
});

test('two groups alike: |z| < 1.96 in about 95 % of 200 trials', () => {
  const rng = new Rng(7);
  let calm = 0;
  for (let i = 0; i < 200; i++)
    if (Math.abs(logRank(cohort(rng, 150, 120, 365), cohort(rng, 150, 120, 365)).z) < 1.96) calm++;
  assert.ok(calm >= 180 && calm <= 199, `${calm} of 200`);
});

test('χ² p-values with 1 degree of freedom: the textbook critical values', async () => {
  const { chiSquare1P } = await import('./survival.js');
  assert.ok(Math.abs(chiSquare1P(3.841459) - 0.05) < 1e-6);
  assert.ok(Math.abs(chiSquare1P(6.634897) - 0.01) < 1e-6);
  assert.ok(Math.abs(chiSquare1P(0) - 1) < 1e-6);
});
