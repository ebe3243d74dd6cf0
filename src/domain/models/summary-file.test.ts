import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSummaries } from './summary-file.js';

test('summaries as lifetimes writes them; repeat buyers with a spend become the spend data', () => {
  const s = parseSummaries(
    'customer_id,frequency,recency,T,monetary_value\n1,2,30.43,38.86,22.5\n2,0,0,38.86,0\n',
  );
  assert.deepEqual(
    [s.frequency, s.recency, s.T],
    [
      [2, 0],
      [30.43, 0],
      [38.86, 38.86],
    ],
  );
  assert.deepEqual(s.spend, { frequency: [2], monetary: [22.5] });
  assert.equal(parseSummaries('frequency,recency,T\n1,2,3\n').spend, null);
});

test('a bad value names its row and column', () => {
  assert.throws(
    () => parseSummaries('frequency,recency,T\n1,2,3\n1,x,3\n'),
    /row 3, column recency/,
  );
  assert.throws(
    () => parseSummaries('frequency,recency,T\n1,5,3\n'),
    /row 2: recency 5 is after T 3/,
  );
  assert.throws(() => parseSummaries('frequency,recency\n1,2\n'), /missing column\(s\) T/);
  assert.throws(() => parseSummaries('frequency,recency,T\n1.5,2,3\n'), /not a whole number/);
});
