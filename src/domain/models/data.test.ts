import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aggregateTriples, totalWeight, validateRfm, validateSpend } from './data.js';
import { holdoutTable } from './holdout.js';
import type { PurchaseModel } from './types.js';

test('aggregateTriples merges equal triples and sums their weights', () => {
  const data = { frequency: [0, 0, 2, 2, 2], recency: [0, 0, 3, 3, 4], T: [10, 10, 10, 10, 10] };
  const agg = aggregateTriples(data);
  assert.deepEqual([...agg.frequency], [0, 2, 2]);
  assert.deepEqual([...agg.recency], [0, 3, 4]);
  assert.deepEqual([...agg.weight], [2, 2, 1]);
  assert.equal(totalWeight(agg), 5);
});

test('aggregateTriples rounds times to the resolution first (days in weeks)', () => {
  const data = {
    frequency: [1, 1, 1],
    recency: [1 / 7 + 1e-9, 1 / 7 - 1e-9, 2 / 7],
    T: [5, 5, 5],
    weight: [1, 2, 3],
  };
  const agg = aggregateTriples(data, 1 / 7);
  assert.equal(agg.frequency.length, 2);
  assert.deepEqual([...agg.weight], [3, 3]);
});

test('validateRfm names the first bad row', () => {
  assert.throws(() => validateRfm({ frequency: [0, 1], recency: [0, 5], T: [3, 4] }), /row 1/);
  assert.throws(() => validateRfm({ frequency: [0, 1.5], recency: [0, 1], T: [3, 4] }), /row 1/);
  assert.throws(() => validateRfm({ frequency: [0], recency: [1], T: [3] }), /row 0/);
  assert.throws(() => validateRfm({ frequency: [], recency: [], T: [] }), /no customers/);
  assert.throws(() => validateSpend({ frequency: [1], monetary: [0] }), /row 0/);
  validateRfm({ frequency: [0, 3], recency: [0, 4], T: [3, 4] });
});

test('holdout table: groups 0 … 6 and 7+, means per customer, weighted rows', () => {
  // A model that predicts x + 1 holdout purchases makes the expected column easy to check.
  const model: PurchaseModel = {
    probabilityAlive: () => 1,
    expectedPurchases: (_t, x) => x + 1,
    expectedPurchasesNew: () => 1,
  };
  const data = {
    frequency: [0, 0, 3, 7, 12],
    recency: [0, 0, 5, 9, 10],
    T: [10, 10, 10, 10, 10],
    weight: [2, 1, 1, 1, 3],
    holdout: [1, 2, 4, 5, 30], // summed over each row's customers
  };
  const table = holdoutTable(model, data, 39);
  assert.deepEqual(
    table.rows.map((r) => r.frequency),
    ['0', '1', '2', '3', '4', '5', '6', '7+'],
  );
  assert.deepEqual(table.rows[0], { frequency: '0', customers: 3, actual: 1, predicted: 1 });
  assert.deepEqual(table.rows[1], { frequency: '1', customers: 0, actual: 0, predicted: 0 });
  assert.deepEqual(table.rows[7], {
    frequency: '7+',
    customers: 4,
    actual: 35 / 4,
    predicted: (8 + 3 * 13) / 4,
  });
  assert.equal(table.total.customers, 8);
  assert.equal(table.total.actual, 42 / 8);
});
