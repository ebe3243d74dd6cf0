import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeStore } from '../db.js';
import { insertOrders, memoryStore, type OrderRow } from '../fixtures.js';
import { parseSettings } from '../../domain/settings.js';
import { purchaseMetrics } from './purchase.js';

// D = 2023-12-31: the year ending D is calendar 2023 (D−364 = 2023-01-01), last year is 2022
// (D−729 = 2022-01-01 … D−365 = 2022-12-31), and one year earlier X = 2022-12-31.
const D = '2023-12-31';
const ORDERS: OrderRow[] = [
  // A: three purchase days in 2023; the first and the last discounted (amount, coupon).
  { customer_id: 'A', at: '2023-01-10', amount: 100, discount_amount: 10 },
  { customer_id: 'A', at: '2023-03-10', amount: 200 },
  { customer_id: 'A', at: '2023-05-09', amount: 300, coupon_code: 'SPRING' },
  // B: 2022-06-01 and 2023-11-01.
  { customer_id: 'B', at: '2022-06-01', amount: 500 },
  { customer_id: 'B', at: '2023-11-01', amount: 500 },
  // C: two purchases a month apart in 2022, nothing since.
  { customer_id: 'C', at: '2022-03-01', amount: 1000 },
  { customer_id: 'C', at: '2022-03-31', amount: 1000 },
  // E: a single purchase with a coupon.
  { customer_id: 'E', at: '2023-02-01', amount: 50, coupon_code: 'WELCOME' },
  // F: two orders on one day: 2 purchases, 1 purchase day.
  { customer_id: 'F', at: '2023-06-01 10:00:00', amount: 80 },
  { customer_id: 'F', at: '2023-06-01 15:00:00', amount: 20 },
  // H: acquired in 2022 with a discount, second purchase 59 days later, gone in 2023.
  { customer_id: 'H', at: '2022-02-01', amount: 400, discount_amount: 40 },
  { customer_id: 'H', at: '2022-04-01', amount: 400 },
  // I: acquired in 2022 without a discount, back in 2023.
  { customer_id: 'I', at: '2022-05-01', amount: 300 },
  { customer_id: 'I', at: '2023-03-01', amount: 300 },
  // Not purchases: guest, cancelled, return credit note, free service, blank coupon.
  { customer_id: null, at: '2023-04-01', amount: 999 },
  { customer_id: 'A', at: '2023-07-01', amount: 700, status: 'cancelled' },
  { customer_id: 'A', at: '2023-07-02', amount: -100, status: 'returned' },
  { customer_id: 'B', at: '2023-08-01', amount: 0 },
  // After D: ignored.
  { customer_id: 'E', at: '2024-01-05', amount: 70 },
];

async function report(settings = {}) {
  const db = await memoryStore();
  await insertOrders(db.conn, ORDERS);
  const r = await purchaseMetrics({ conn: db.conn, asOf: D, settings: parseSettings(settings) });
  closeStore(db);
  return r;
}

test('purchases, order value and purchase days per active customer, this year and last', async () => {
  const r = await report();
  // 2023: A 100+200+300, B 500, E 50, F 80+20, I 300 → 8 purchases, 1550; active A B E F I = 5;
  // purchase days A3 B1 E1 F1 I1 = 7.
  assert.equal(r.current.window_start, '2023-01-01');
  assert.equal(r.current.active_customers, 5);
  assert.equal(r.current.purchases, 8);
  assert.equal(r.current.purchase_amount, 1550);
  assert.equal(r.current.purchase_days, 7);
  assert.equal(r.current.purchases_per_active, 8 / 5);
  assert.equal(r.current.average_order_value, 1550 / 8);
  assert.equal(r.current.purchase_days_per_active, 7 / 5);
  // Discounted: A 01-10 (discount 10), A 05-09 (coupon), E (coupon) → 3 of 8, 450 of 1550.
  assert.equal(r.current.discounted_purchases, 3);
  assert.equal(r.current.discounted_amount, 450);
  assert.equal(r.current.discount_purchase_share, 3 / 8);
  assert.equal(r.current.discount_amount_share, 450 / 1550);
  // 2022: B 500, C 1000+1000, H 400+400, I 300 → 6 purchases, 3600; active B C H I = 4;
  // days B1 C2 H2 I1 = 6; discounted: H 02-01 → 1, 400.
  assert.deepEqual(
    [
      r.previous.window_start,
      r.previous.window_end,
      r.previous.active_customers,
      r.previous.purchases,
    ],
    ['2022-01-01', '2022-12-31', 4, 6],
  );
  assert.equal(r.previous.purchase_amount, 3600);
  assert.equal(r.previous.purchase_days, 6);
  assert.equal(r.previous.average_order_value, 600);
  assert.equal(r.previous.discounted_purchases, 1);
  assert.equal(r.previous.discount_amount_share, 400 / 3600);
});

test('overdue against the own mean interval, now and one year earlier', async () => {
  const r = await report();
  const now = r.overdue.current;
  // Repeat customers (≥ 2 purchase days, last purchase ≥ 2022-01-01): A B C H I.
  //   A: span 01-10→05-09 = 119 over 2 gaps → mean 59.5; since 05-09 = 236 > 2×59.5 → overdue, active.
  //   B: mean 518; since 11-01 = 60 → no.   C: mean 30; since 2022-03-31 = 640 > 60 → overdue.
  //   H: mean 59; since 2022-04-01 = 639 → overdue.   I: mean 304; since 2023-03-01 = 305 < 608 → no.
  assert.equal(now.repeat_customers, 5);
  assert.equal(now.overdue_customers, 3);
  assert.equal(now.overdue_active, 1);
  assert.equal(now.active_customers, 5);
  assert.equal(now.overdue_share, 1 / 5);
  // F1→F2 days: C 30, A 59, H 59, I 304, B 518 → median 59. Single-day customers E (333 days
  // since) and F (213 days since) are both past it.
  assert.equal(now.median_f2_days, 59);
  assert.equal(now.single_purchase_customers, 2);
  assert.equal(now.single_past_median_f2, 2);
  // As of 2022-12-31, history up to then: repeat C (since 275 > 60) and H (since 274 > 118),
  // both overdue and both active then; active B C H I = 4 → share 0.5. Median of C 30, H 59 =
  // 44.5; singles B (213 days) and I (244 days) are past it.
  const before = r.overdue.previous;
  assert.equal(before.as_of, '2022-12-31');
  assert.deepEqual(
    [
      before.repeat_customers,
      before.overdue_customers,
      before.overdue_active,
      before.active_customers,
    ],
    [2, 2, 2, 4],
  );
  assert.equal(before.overdue_share, 0.5);
  assert.equal(before.median_f2_days, 44.5);
  assert.equal(before.single_past_median_f2, 2);
  assert.equal(r.overdue.change, 1);
});

test('the interval multiple is a setting', async () => {
  // × 5: A 236 ≤ 297.5 is no longer overdue; C 640 > 150 and H 639 > 295 still are.
  const r = await report({ overdue: { interval_multiple: 5 } });
  assert.equal(r.overdue.interval_multiple, 5);
  assert.equal(r.overdue.current.overdue_customers, 2);
  assert.equal(r.overdue.current.overdue_active, 0);
});

test('discount-acquired customers against the rest', async () => {
  const r = await report();
  // New in 2023: A (first day discounted) and E (coupon) vs F.
  assert.equal(r.discount_acquired.discounted.new_customers, 2);
  assert.equal(r.discount_acquired.other.new_customers, 1);
  // 2022 cohort: H discounted: F2 after 59 days ≤ 364, not back in 2023.
  assert.deepEqual(r.discount_acquired.discounted, {
    new_customers: 2,
    cohort_customers: 1,
    f2_within_365: 1,
    f2_rate: 1,
    retained: 0,
    retention_rate: 0,
  });
  // Others B (F2 after 518 days: too late), C (30), I (304) → F2 2/3; back in 2023: B, I → 2/3.
  assert.deepEqual(r.discount_acquired.other, {
    new_customers: 1,
    cohort_customers: 3,
    f2_within_365: 2,
    f2_rate: 2 / 3,
    retained: 2,
    retention_rate: 2 / 3,
  });
  assert.equal(r.discount_acquired.cohort_start, '2022-01-01');
  assert.equal(r.discount_acquired.cohort_end, '2022-12-31');
});

test('an empty store gives zeros and unknown ratios', async () => {
  const db = await memoryStore();
  const r = await purchaseMetrics({ conn: db.conn, asOf: D, settings: parseSettings({}) });
  closeStore(db);
  assert.equal(r.current.active_customers, 0);
  assert.equal(r.current.average_order_value, null);
  assert.equal(r.overdue.current.overdue_share, null);
  assert.equal(r.overdue.current.median_f2_days, null);
  assert.equal(r.discount_acquired.other.f2_rate, null);
});
