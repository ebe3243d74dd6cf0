// Shrinkage recovers known rates better than the raw ones, and leaves well-measured ones alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../demo/random.js';
import { shrinkAlong } from './shrinkage.js';

// Seeded draws (the demo generator's), so the simulated data are the same on every run.
const binomial = (n: number, p: number, r: Rng) => {
  let k = 0;
  for (let i = 0; i < n; i++) if (r.chance(p)) k++;
  return k;
};

test('a rate from a handful of customers stays near the year before; big groups keep theirs', () => {
  const s = shrinkAlong(
    [
      { n: 2000, k: 1300 }, // 65 %
      { n: 800, k: 688 }, // 86 %
      { n: 3, k: 3 }, // 100 % from 3
      { n: 4, k: 0 }, // 0 % from 4
    ],
    30,
  );
  assert.equal(s[0], 0.65);
  assert.ok(Math.abs(s[1]! - 0.86) < 0.01, `${s[1]}`);
  // (3 + 30 × 0.8576…) / 33 and (0 + 30 × that) / 34, by hand.
  assert.ok(Math.abs(s[2]! - (3 + 30 * s[1]!) / 33) < 1e-12);
  assert.ok(s[2]! < 0.88 && s[3]! > 0.75, `${s[2]} ${s[3]}`);
});

test('no rate before the first measured group; an empty group keeps the previous estimate', () => {
  assert.deepEqual(
    shrinkAlong(
      [
        { n: 0, k: 0 },
        { n: 10, k: 5 },
        { n: 0, k: 0 },
      ],
      30,
    ),
    [null, 0.5, 0.5],
  );
});

test('on simulated tenure years the shrunk rates are closer to the truth than the raw ones', () => {
  const truth = [0.6, 0.75, 0.82, 0.86, 0.88, 0.9];
  const sizes = [3000, 1200, 400, 60, 12, 4];
  let raw = 0;
  let shrunk = 0;
  for (let seed = 1; seed <= 200; seed++) {
    const r = new Rng(seed);
    const groups = sizes.map((n, i) => ({ n, k: binomial(n, truth[i], r) }));
    const s = shrinkAlong(groups, 30);
    groups.forEach((g, i) => {
      raw += (g.k / g.n - truth[i]) ** 2;
      shrunk += (s[i]! - truth[i]) ** 2;
    });
  }
  assert.ok(shrunk < raw * 0.6, `squared error ${shrunk.toFixed(3)} vs raw ${raw.toFixed(3)}`);
});
