// The R×F map and the scoring rules, checked by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RF_MAP, RFM_SEGMENTS, quintileCuts, scoreRules, scoreValue, segmentOf } from './rfm.js';

test('the R×F map covers every cell with a known segment and every segment is reachable', () => {
  const ids = new Set(RFM_SEGMENTS.map((s) => s.id));
  const used = new Set(RF_MAP.flat());
  assert.equal(RF_MAP.length, 5);
  for (const row of RF_MAP) assert.equal(row.length, 5);
  assert.deepEqual([...used].sort(), [...ids].sort());
});

test('named segments of well-known cells', () => {
  assert.equal(segmentOf(5, 5), 'champions');
  assert.equal(segmentOf(5, 4), 'champions');
  assert.equal(segmentOf(5, 1), 'new');
  assert.equal(segmentOf(4, 1), 'promising');
  assert.equal(segmentOf(4, 2), 'potential_loyalist');
  assert.equal(segmentOf(3, 4), 'loyal');
  assert.equal(segmentOf(3, 3), 'need_attention');
  assert.equal(segmentOf(3, 2), 'about_to_sleep');
  assert.equal(segmentOf(2, 3), 'at_risk');
  assert.equal(segmentOf(1, 5), 'cant_lose');
  assert.equal(segmentOf(2, 2), 'hibernating');
  assert.equal(segmentOf(1, 2), 'hibernating');
  assert.equal(segmentOf(1, 1), 'lost');
  assert.throws(() => segmentOf(0, 3), RangeError);
});

test('quintile cuts interpolate like quantile_cont', () => {
  // 10 values: positions 9p = 1.8, 3.6, 5.4, 7.2.
  assert.deepEqual(quintileCuts([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]), [18, 36, 54, 72]);
  assert.deepEqual(quintileCuts([1, 1, 1, 1, 2, 2, 3, 4, 5, 6]), [1, 1.6, 2.4, 4.2]);
  assert.equal(quintileCuts([]), null);
});

test('quintile scores: a value equal to a cut falls in the band below; ties score alike', () => {
  const q = scoreRules('quintile');
  const f = [1, 1.6, 2.4, 4.2];
  assert.deepEqual(
    [1, 1, 2, 3, 4, 5, 6].map((v) => scoreValue(v, f, q.f)),
    [1, 1, 3, 4, 4, 5, 5],
  );
  const r = [18, 36, 54, 72];
  assert.deepEqual(
    [0, 18, 19, 36, 54, 72, 73].map((v) => scoreValue(v, r, q.r)),
    [5, 5, 4, 4, 3, 2, 1],
  );
});

test('fixed scores: R bounds are upper bounds (≤), F and M bounds are lower bounds (≥)', () => {
  const x = scoreRules('fixed');
  assert.deepEqual(
    [30, 31, 90, 365, 366].map((v) => scoreValue(v, [30, 90, 180, 365], x.r)),
    [5, 4, 4, 2, 1],
  );
  assert.deepEqual(
    [1, 2, 3, 4, 5, 10, 11].map((v) => scoreValue(v, [2, 3, 5, 10], x.f)),
    [1, 2, 3, 3, 4, 5, 5],
  );
});
