// The upgrade steps' own changes (beyond sections added as null). The step from version 2 to 3
// of the distribution section: each stored response row gets the
// uplift's evidence as null (never an invented verdict), in the schema's order, and the row
// then reads as the current contract's. Built by hand, not from the fixture, which is
// regenerated when REPORT_VERSION moves to 3.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fillPAliveMatrix, fillRfmCutSet, responseEvidenceStep } from './upgrade.js';
import { clvDistributionSchema } from './sections/clv.js';
import { responseRowSchema } from './sections/distribution.js';

const V2_ROW = {
  key: 'thanks-7d',
  name: '初回購入お礼DM / thank-you DM',
  contacts: 1111,
  cost: null,
  contacted_customers: 240,
  responders: 49,
  response_rate: 49 / 240,
  control_rate: 0.135,
  uplift: 49 / 240 - 0.135,
  expected_responses: 32.4,
  incremental_responses: 16.6,
  unmatched_customers: 0,
  response_cost: null,
  cost_per_response: null,
  cost_per_incremental_response: null,
};

test('v2 → v3: every response row gets the uplift evidence as null, in the schema order', () => {
  const stored = {
    report_version: 2,
    distribution: {
      as_of: '2026-10-31',
      response: { by_channel: [V2_ROW], by_campaign: [V2_ROW] },
    },
  };
  const up = responseEvidenceStep(stored) as typeof stored;
  for (const row of [
    up.distribution.response.by_channel[0],
    up.distribution.response.by_campaign[0],
  ]) {
    assert.deepEqual(Object.keys(row), Object.keys(responseRowSchema.shape));
    const parsed = responseRowSchema.parse(row);
    assert.equal(parsed.uplift_verdict, null);
    assert.equal(parsed.uplift_low, null);
    assert.equal(parsed.control_customers, null);
    assert.equal(parsed.uplift, V2_ROW.uplift, 'the stored figures are kept');
  }
  assert.equal(
    'uplift_low' in stored.distribution.response.by_channel[0],
    false,
    'stored not changed',
  );
  assert.deepEqual(responseEvidenceStep({ distribution: null }), { distribution: null });
});

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

test('v3 → v4: a fitted clv distribution gets its P(alive) matrix as null; a too-few clv is unchanged', () => {
  const decile = { decile: 1, customers: 10, min: 0.1, max: 0.2, mean: 0.15, total: 1.5 };
  const distribution = { customers: 10, p_alive: [decile], customers_with_clv: 0, clv_365: null };
  const up = fillPAliveMatrix({ clv: { status: 'fitted', distribution } });
  const d = (up.clv as { distribution: Record<string, unknown> }).distribution;
  assert.equal(d.p_alive_matrix, null);
  assert.deepEqual(clvDistributionSchema.parse(d), { ...distribution, p_alive_matrix: null });
  const few = { clv: { status: 'too_few', distribution: null } };
  assert.deepEqual(fillPAliveMatrix(few), few);
  assert.deepEqual(fillPAliveMatrix({ clv: null }), { clv: null });
});
