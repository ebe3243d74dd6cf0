// The ladder's pure rules: customer and prospect levels, stages, horizon completeness.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { customerLevel, horizonComplete, prospectLevel, stageOf } from './ladder.js';

test('customer levels: 1.0, 1.1 from F2, 1.2 from the loyal count, 1.3 for advocates at any F', () => {
  assert.deepEqual(
    [1, 2, 4, 5, 9].map((f) => customerLevel(f, false, 5)),
    [1.0, 1.1, 1.1, 1.2, 1.2],
  );
  assert.equal(customerLevel(1, true, 5), 1.3);
  assert.equal(customerLevel(3, false, 3), 1.2);
  assert.throws(() => customerLevel(0, false, 5), RangeError);
});

test('prospect levels: the highest known event, at least 0.1, free service when on', () => {
  const levels = { signed_up: 0.2, engaged: 0.5, trial: 0.9 };
  assert.equal(prospectLevel([], levels), 0.1);
  assert.equal(prospectLevel(['signed_up', 'engaged'], levels), 0.5);
  assert.equal(prospectLevel(['webinar', 'toString'], levels), 0.1);
  assert.equal(prospectLevel(['signed_up'], levels, true, 0.9), 0.9);
  assert.equal(prospectLevel(['signed_up'], levels, true, 0), 0.2);
});

test('stages of levels', () => {
  assert.deepEqual([0.1, 0.9, 1.0, 1.1, 1.2, 1.3].map(stageOf), [
    'prospect',
    'prospect',
    'first_purchase',
    'repeat',
    'loyal',
    'advocate',
  ]);
});

test('a cohort is complete when its last day plus the horizon has passed', () => {
  assert.equal(horizonComplete('2024-01', 90, '2024-04-30'), true); // 2024-01-31 + 90
  assert.equal(horizonComplete('2024-01', 90, '2024-04-29'), false);
  assert.equal(horizonComplete('2024-01', 365, '2024-12-31'), false);
});
