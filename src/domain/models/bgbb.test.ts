// BG/BB: the likelihood's probabilities add up over every possible history, and known
// parameters are recovered from simulated donors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BgBb } from './bgbb.js';
import { aggregateTriples } from './data.js';
import { Random } from './random.js';

test('the probabilities of every (x, t_x) after n occasions sum to 1', () => {
  const m = new BgBb({ alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.8 });
  const n = 6;
  let total = 0;
  // x = 0 has t_x = 0; otherwise 1 ≤ x ≤ t_x ≤ n, each (x, t_x) pattern counted C(t_x − 1, x − 1) times.
  const choose = (a: number, b: number) => {
    let c = 1;
    for (let i = 0; i < b; i++) c = (c * (a - i)) / (i + 1);
    return c;
  };
  total += Math.exp(m.logLikelihoodOne(0, 0, n));
  for (let tx = 1; tx <= n; tx++)
    for (let x = 1; x <= tx; x++)
      total += choose(tx - 1, x - 1) * Math.exp(m.logLikelihoodOne(x, tx, n));
  assert.ok(Math.abs(total - 1) < 1e-12, `${total}`);
  // P(alive) is a probability, and the more recent the last purchase the likelier alive.
  assert.ok(m.probabilityAlive(3, 6, 6) > m.probabilityAlive(3, 3, 6));
  assert.ok(m.probabilityAlive(3, 3, 6) > 0 && m.probabilityAlive(3, 6, 6) < 1);
});

// Donors over n = 6 yearly occasions, as in Fader, Hardie & Shang (2010).
function donors(
  truth: { alpha: number; beta: number; gamma: number; delta: number },
  count: number,
  rng: Random,
) {
  const out = {
    frequency: [] as number[],
    recency: [] as number[],
    T: [] as number[],
    future: [] as number[],
  };
  for (let c = 0; c < count; c++) {
    const p = rng.beta(truth.alpha, truth.beta);
    const theta = rng.beta(truth.gamma, truth.delta);
    let alive = true;
    let x = 0;
    let tx = 0;
    let future = 0;
    for (let t = 1; t <= 11; t++) {
      if (alive && rng.uniform() < theta) alive = false; // death after the previous occasion
      if (!alive) break;
      if (rng.uniform() < p) {
        if (t <= 6) {
          x++;
          tx = t;
        } else future++;
      }
    }
    out.frequency.push(x);
    out.recency.push(tx);
    out.T.push(6);
    out.future.push(future);
  }
  return out;
}

test('recovers known parameters from 20,000 simulated donors and predicts their next 5 occasions', () => {
  const truth = { alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.8 };
  const d = donors(truth, 20_000, new Random(31));
  const { model, info } = BgBb.fit(aggregateTriples(d));
  assert.ok(info.converged, info.message);
  for (const k of ['alpha', 'beta', 'gamma', 'delta'] as const)
    assert.ok(Math.abs(model.params[k] / truth[k] - 1) < 0.15, `${k} ${model.params[k]}`);
  let predicted = 0;
  let actual = 0;
  d.frequency.forEach((x, i) => {
    predicted += model.expectedPurchases(5, x, d.recency[i], 6);
    actual += d.future[i];
  });
  assert.ok(Math.abs(predicted / actual - 1) < 0.05, `predicted ${predicted} vs ${actual}`);
});
