// The early discount rule on hand-made curves: it fires on a significant, large gap with enough
// customers in each group, states its test and the n of each group, and stays silent otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSettings } from '../../settings.js';
import type { DiscountEarly } from '../../../report/index.js';
import { discountEarlyDiagnosis } from './discount-early.js';

const early = (over: Partial<DiscountEarly['log_rank']> = {}, n = 40): DiscountEarly => ({
  cohort_start: '2023-01-01',
  cohort_end: '2023-12-31',
  discounted: { customers: n, repeated: 6, repeated_by_90: 0.15 },
  other: { customers: 200, repeated: 60, repeated_by_90: 0.3 },
  log_rank: { observed: 6, expected: 12, z: -2.5, chi2: 6.25, p: 0.0124, ...over },
});
const run = (e: DiscountEarly) =>
  discountEarlyDiagnosis({
    input: { purchase: { discount_early: e } } as never,
    settings: parseSettings({}),
  });

test('fires with the log-rank χ², p and the n of each group', () => {
  const [f] = run(early());
  assert.equal(f.id, 'purchase.discount_early_weak');
  assert.equal(f.severity, 'warning');
  assert.match(f.title.en, /χ² = 6\.3, p = 0\.012, n = 40 \/ 200/);
  assert.match(f.title.ja, /n = 40 \/ 200/);
  assert.equal(f.evidence.discounted_customers, 40);
  assert.equal(f.evidence.observed_to_expected, 0.5);
});

test('silent: not significant, a small gap, too few customers, or a report without the view', () => {
  assert.deepEqual(run(early({ z: -1.9, chi2: 3.61, p: 0.057 })), []);
  assert.deepEqual(run(early({ observed: 11, expected: 12 })), []);
  assert.equal(run(early({ observed: 10.8, expected: 12 })).length, 1);
  assert.deepEqual(run(early({}, 29)), []);
  // Faster, not slower: z positive.
  assert.deepEqual(run(early({ z: 2.5, observed: 18 })), []);
  assert.deepEqual(
    discountEarlyDiagnosis({ input: { purchase: {} } as never, settings: parseSettings({}) }),
    [],
  );
});
