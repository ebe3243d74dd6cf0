// The upgrade steps' own changes (beyond sections added as null).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fillRfmCutSet } from './upgrade.js';

test('step 2 fills rfm.cut_set of a v2 report with what its cuts were', () => {
  const rfm = { as_of: '2024-12-20', method: 'quintile', customers: 900 };
  assert.deepEqual(fillRfmCutSet({ report_version: 2, rfm }), {
    report_version: 2,
    rfm: { ...rfm, cut_set: { basis: 'as_of', estimated_as_of: '2024-12-20', customers: 900 } },
  });
  const fixed = { ...rfm, method: 'fixed' };
  assert.deepEqual(fillRfmCutSet({ rfm: fixed }), {
    rfm: { ...fixed, cut_set: { basis: 'fixed', estimated_as_of: null, customers: null } },
  });
  // Not computed, or already there: unchanged.
  assert.deepEqual(fillRfmCutSet({ rfm: null }), { rfm: null });
  const has = {
    ...rfm,
    cut_set: { basis: 'month_end', estimated_as_of: '2024-11-30', customers: 800 },
  };
  assert.deepEqual(fillRfmCutSet({ rfm: has }), { rfm: has });
});
