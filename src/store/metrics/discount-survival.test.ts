// The early discount view on a hand-computed fixture: who is in the cohort, when the second
// purchase day counts, censoring at D, and the log-rank figures worked out by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeStore } from '../db.js';
import { insertOrders, memoryStore, type OrderRow } from '../fixtures.js';
import { parseSettings } from '../../domain/settings.js';
import { discountEarlyMetrics } from './discount-survival.js';

const D = '2023-12-31';
const ORDERS: OrderRow[] = [
  // Discount-acquired: X1 back after 30 days; X2 (10 days watched) and X3 (5) not yet.
  { customer_id: 'X1', at: '2023-12-01', amount: 100, coupon_code: 'WELCOME' },
  { customer_id: 'X1', at: '2023-12-31', amount: 100 },
  { customer_id: 'X2', at: '2023-12-21', amount: 100, discount_amount: 10 },
  { customer_id: 'X3', at: '2023-12-26', amount: 100, coupon_code: 'WELCOME' },
  // Others: Y1 back after 5 days; Y2's two orders of its first day are one visit, back after
  // 20; Y4 acquired on D−364 exactly, never back (364 days watched).
  { customer_id: 'Y1', at: '2023-12-01', amount: 100 },
  { customer_id: 'Y1', at: '2023-12-06', amount: 100 },
  { customer_id: 'Y2', at: '2023-12-01 10:00:00', amount: 100 },
  { customer_id: 'Y2', at: '2023-12-01 15:00:00', amount: 100 },
  { customer_id: 'Y2', at: '2023-12-21', amount: 100 },
  { customer_id: 'Y4', at: '2023-01-01', amount: 100 },
  // Out of the cohort: first purchase before D−364; a first purchase after D.
  { customer_id: 'Z1', at: '2022-12-31', amount: 100, coupon_code: 'WELCOME' },
  { customer_id: 'Z2', at: '2024-01-02', amount: 100 },
  // After D: X2's return does not count.
  { customer_id: 'X2', at: '2024-01-03', amount: 100 },
];

test('early discount view: cohort, censoring at D and the log-rank test by hand', async () => {
  const store = await memoryStore();
  try {
    await insertOrders(store.conn, ORDERS);
    const e = await discountEarlyMetrics({
      conn: store.conn,
      asOf: D,
      settings: parseSettings({}),
    });
    assert.equal(e.cohort_start, '2023-01-01');
    assert.deepEqual(e.discounted, { customers: 3, repeated: 1, repeated_by_90: 1 });
    // KM of the others: 1 − (2/3 · 1/2) by day 90.
    assert.equal(e.other.customers, 3);
    assert.equal(e.other.repeated, 2);
    assert.ok(Math.abs(e.other.repeated_by_90! - 2 / 3) < 1e-12);
    // Day 5: 6 at risk (3 discounted), 1 event (other): E += 1/2, V += 1/4. Day 10: X2
    // censored. Day 20: 3 at risk (1), E += 1/3, V += 2/9. Day 30: 2 at risk (1), the
    // discounted event: O = 1, E += 1/2, V += 1/4. O − E = −1/3, V = 13/18.
    assert.equal(e.log_rank.observed, 1);
    assert.ok(Math.abs(e.log_rank.expected - 4 / 3) < 1e-12);
    const z = -1 / 3 / Math.sqrt(13 / 18);
    assert.ok(Math.abs(e.log_rank.z - z) < 1e-12);
    assert.ok(Math.abs(e.log_rank.chi2 - z * z) < 1e-12);
    // p = 2(1 − Φ(0.3922)) = 0.6949.
    assert.ok(Math.abs(e.log_rank.p! - 0.6949) < 1e-3, String(e.log_rank.p));
  } finally {
    closeStore(store);
  }
});
