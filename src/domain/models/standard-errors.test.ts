// Standard errors from the Hessian are honest: over repeated simulated samples from known
// parameters, the spread of the estimates matches the standard errors each fit reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BgNbd } from './bgnbd.js';
import { aggregateTriples } from './data.js';
import { simulateBgNbd, spreadT } from './generate.js';
import { Random } from './random.js';

const sd = (xs: number[]) => {
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

test('BG/NBD: the reported standard errors match the spread of 40 refits within ±30 %', () => {
  const truth = { r: 0.5, alpha: 6, a: 0.8, b: 3 };
  const names = ['r', 'alpha', 'a', 'b'] as const;
  const est: Record<string, number[]> = { r: [], alpha: [], a: [], b: [] };
  const se: Record<string, number[]> = { r: [], alpha: [], a: [], b: [] };
  const rng = new Random(17);
  for (let k = 0; k < 40; k++) {
    const sim = simulateBgNbd(truth, spreadT(4000, 26, 78), rng);
    const { model, info } = BgNbd.fit(aggregateTriples(sim));
    assert.ok(info.converged, info.message);
    for (const n of names) {
      est[n].push(model.params[n]);
      const s = info.standardErrors[n];
      assert.ok(s !== null && s > 0, `${n} has no standard error`);
      se[n].push(s);
    }
  }
  for (const n of names) {
    const ratio = median(se[n]) / sd(est[n]);
    assert.ok(
      ratio > 0.7 && ratio < 1.3,
      `${n}: reported ${median(se[n])} vs spread ${sd(est[n])}`,
    );
  }
});
