import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gini, responseMonths, topShare } from './distribution.js';

test('Gini: equal values 0, one holder (n−1)/n, empty or all-zero unknown', () => {
  assert.equal(gini([3, 3, 3]), 0);
  assert.equal(gini([0, 0, 0, 10]), 0.75);
  // Σ|xi − xj| over ordered pairs for [1, 2, 3]: 2·(1 + 2 + 1) = 8; 2·n²·x̄ = 2·9·2 = 36 → 2/9.
  assert.ok(Math.abs((gini([2, 3, 1]) ?? 0) - 2 / 9) < 1e-15);
  assert.equal(gini([]), null);
  assert.equal(gini([0, 0]), null);
});

test('top share counts a fractional last holder', () => {
  assert.equal(topShare([0, 0, 0, 10]), 0.4);
  assert.equal(topShare([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]), 0.1);
  // 0…9 twice: total 90; the top 10 % are the two 9s → 18/90.
  assert.equal(topShare([...Array(10).keys(), ...Array(10).keys()]), 18 / 90);
  assert.equal(topShare([0]), null);
});

test('response months: the calendar months of [D−364, D−w+1]', () => {
  // D 2023-12-31, w 30: 2023-01-01 … 2023-12-02 → January … December.
  assert.deepEqual(responseMonths('2023-12-31', 30), { first: '2023-01-01', count: 12 });
  // D 2024-06-30 (leap year): 2023-07-02 … 2024-06-01 → 2023-07 … 2024-06.
  assert.deepEqual(responseMonths('2024-06-30', 30), { first: '2023-07-01', count: 12 });
  // D 2024-03-15, w 1: 2023-03-17 … 2024-03-15 → 13 months.
  assert.equal(responseMonths('2024-03-15', 1).count, 13);
  assert.equal(responseMonths('2024-03-15', 400).count, 0);
});
