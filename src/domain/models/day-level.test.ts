// What storing purchases by day does to the fit. The database keeps one purchase day per
// customer and day (several orders of a day are one purchase, as the CDNOW summaries count), so
// the models see a purchase process thinned of same-day repeats and rounded to whole days. On
// simulated BG/NBD customers the continuous-time truth is recovered, and the day-level
// summaries of the same customers give α a few per cent high (slower buyers): docs/models.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BgNbd } from './bgnbd.js';
import { aggregateTriples } from './data.js';
import { Random } from './random.js';

/** Simulates BG/NBD customers in days; returns their continuous and day-level summaries. */
function customers(
  truth: { r: number; alpha: number; a: number; b: number },
  n: number,
  rng: Random,
) {
  const cont = { frequency: [] as number[], recency: [] as number[], T: [] as number[] };
  const day = { frequency: [] as number[], recency: [] as number[], T: [] as number[] };
  for (let i = 0; i < n; i++) {
    const T = 365 + Math.floor(rng.uniform() * 365);
    const lambda = rng.gamma(truth.r, truth.alpha);
    const p = rng.beta(truth.a, truth.b);
    const clock = rng.uniform(); // the time of day of the first purchase
    const times: number[] = [];
    for (let t = rng.exponential(lambda); t <= T; t += rng.exponential(lambda)) {
      times.push(t);
      if (rng.uniform() < p) break;
    }
    cont.frequency.push(times.length);
    cont.recency.push(times.at(-1) ?? 0);
    cont.T.push(T);
    // Purchase days after the first day: a repeat on the first day is no repeat day.
    const days = [...new Set(times.map((t) => Math.floor(clock + t)))].filter((d) => d > 0);
    day.frequency.push(days.length);
    day.recency.push(days.at(-1) ?? 0);
    day.T.push(T);
  }
  return { cont, day };
}

test('day-level summaries give α 3–12 % high for buyers every few weeks; continuous times recover it', () => {
  const truth = { r: 0.5, alpha: 20, a: 0.8, b: 3 };
  const { cont, day } = customers(truth, 40_000, new Random(9));
  const c = BgNbd.fit(aggregateTriples(cont)).model.params;
  const d = BgNbd.fit(aggregateTriples(day)).model.params;
  assert.ok(Math.abs(c.alpha / truth.alpha - 1) < 0.03, `continuous α ${c.alpha}`);
  const bias = d.alpha / truth.alpha - 1;
  assert.ok(bias > 0.03 && bias < 0.12, `day-level α ${d.alpha} (${(bias * 100).toFixed(1)} %)`);
  // r, a and b move by less: the thinning is a slower rate, not another drop-out.
  for (const k of ['r', 'a', 'b'] as const)
    assert.ok(Math.abs(d[k] / truth[k] - 1) < 0.05, `${k} ${d[k]}`);
});
