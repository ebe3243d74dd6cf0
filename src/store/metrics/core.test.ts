// Hand-computed fixture for the §3 core metrics, flows, the series and the five numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryStore, insertOrders, insertContacts } from '../fixtures.js';
import { parseSettings } from '../../domain/settings.js';
import { coreMetrics } from './core.js';
import { dailySeries } from './series.js';
import { tenureRetention } from './tenure.js';
import { fiveNumbersByMonth } from './five-numbers.js';
import { cohortMatrix } from './cohorts.js';

// D = 2024-12-31: window [2024-01-02, 2024-12-31]; base window [2023-01-02, 2024-01-01].
const D = '2024-12-31';
const ORDERS = [
  { customer_id: 'a', at: '2023-05-01', amount: 1000 }, // base
  { customer_id: 'a', at: '2024-03-01', amount: 2000 }, // current → retained
  { customer_id: 'a', at: '2024-04-01', amount: -500, status: 'returned' as const }, // credit note
  { customer_id: 'b', at: '2023-06-01', amount: 500 }, // base only → churned
  { customer_id: 'c', at: '2024-06-01', amount: 3000 }, // first ever → new
  { customer_id: 'c', at: '2025-01-05', amount: 9000 }, // after D: ignored
  { customer_id: 'd', at: '2022-05-01', amount: 800 }, // before the base window
  { customer_id: 'd', at: '2024-07-01', amount: 1500 }, // → reactivated
  { customer_id: 'e', at: '2024-01-01', amount: 400 }, // D−365: base, not current → churned
  { customer_id: 'f', at: '2024-01-02', amount: 600 }, // D−364: first ever → new
  { customer_id: 'g', at: '2023-01-01', amount: 700 }, // D−730: in neither window
  { customer_id: 'h', at: '2023-02-01', amount: 100 }, // base
  { customer_id: 'h', at: '2024-12-31', amount: 9999, status: 'cancelled' as const }, // not a purchase → churned
  { customer_id: 'i', at: '2024-08-01', amount: 0 }, // a free service, not a purchase
  { customer_id: null, at: '2024-05-01', amount: 500 }, // guest → unattributed
];

async function fixture() {
  const store = await memoryStore();
  await insertOrders(store.conn, ORDERS);
  await insertContacts(store.conn, [
    { customer_id: 'a', at: '2024-02-01', channel: 'dm' },
    { customer_id: 'a', at: '2024-09-01', channel: 'email' },
    { customer_id: 'c', at: '2024-05-01', channel: 'dm' },
    { customer_id: 'b', at: '2023-12-01', channel: 'dm' }, // outside the window
  ]);
  return { conn: store.conn, asOf: D, settings: parseSettings({}) };
}

test('core metrics and flows on the hand-computed fixture', async () => {
  const ctx = await fixture();
  const m = await coreMetrics(ctx);
  assert.equal(m.window_start, '2024-01-02');
  assert.equal(m.active_customers, 4); // a, c, d, f
  assert.deepEqual(m.flows, { new: 2, retained: 1, reactivated: 1, churned: 3 });
  assert.equal(m.retention_base, 4); // a, b, e, h
  assert.equal(m.retention_rate, 0.25);
  assert.equal(m.annual_revenue, 6600); // 2000 − 500 + 3000 + 1500 + 600
  assert.equal(m.unattributed_revenue, 500);
  assert.equal(m.annual_ltv, 1650);
  assert.equal(m.contacts, 3);
  assert.equal(m.contacts_per_active, 0.75);
  assert.deepEqual(m.contacts_per_active_by_channel, { dm: 0.5, email: 0.25 });
  // SPEC identities
  const f = m.flows;
  assert.equal(m.active_customers, f.new + f.retained + f.reactivated);
  const prev = await coreMetrics({ ...ctx, asOf: '2024-01-01' });
  assert.equal(prev.active_customers, 4);
  assert.equal(m.active_customers - prev.active_customers, f.new + f.reactivated - f.churned);
  assert.equal(m.annual_revenue, m.annual_ltv! * m.active_customers);
});

test('the daily series agrees with the point metrics', async () => {
  const ctx = await fixture();
  const s = await dailySeries(ctx, 800);
  assert.equal(s.length, 800);
  assert.equal(s.at(-1)!.date, D);
  for (const day of ['2023-06-15', '2024-01-01', '2024-01-02', '2024-06-30', D]) {
    const point = s.find((x) => x.date === day)!;
    const m = await coreMetrics({ ...ctx, asOf: day });
    assert.equal(point.active_customers, m.active_customers, `active on ${day}`);
    assert.equal(point.trailing_revenue, m.annual_revenue, `revenue on ${day}`);
  }
});

test('retention by tenure year counts only elapsed years', async () => {
  const store = await memoryStore();
  await insertOrders(store.conn, [
    { customer_id: 'x', at: '2020-01-01', amount: 100 },
    { customer_id: 'x', at: '2021-03-01', amount: 100 }, // day 425 → year 2
    { customer_id: 'x', at: '2022-06-01', amount: 100 }, // day 882 → year 3
    { customer_id: 'y', at: '2020-02-01', amount: 100 },
    { customer_id: 'z', at: '2023-06-01', amount: 100 }, // year 2 not elapsed by D
  ]);
  const t = await tenureRetention({ conn: store.conn, asOf: '2023-12-31', settings: parseSettings({}) });
  assert.deepEqual(
    t.map((r) => [r.tenure_year, r.base, r.retained]),
    [
      [2, 2, 1],
      [3, 1, 1],
      [4, 1, 0],
    ],
  );
  assert.equal(t[0].retention_rate, 0.5);
  assert.equal(t[0].target, 0.65);
  assert.equal(t[1].target, 0.86);
});

test("seed 000's five numbers worked example comes out exactly", async () => {
  const store = await memoryStore();
  const orders = [];
  // 10 existing customers: a purchase before June and 90,000 each in June.
  for (let i = 0; i < 10; i++) {
    orders.push({ customer_id: `e${i}`, at: '2024-03-10', amount: 20000 });
    orders.push({ customer_id: `e${i}`, at: '2024-06-05', amount: 40000 });
    orders.push({ customer_id: `e${i}`, at: '2024-06-20', amount: 50000 });
  }
  // 2 new customers: 50,000 each; a free session for a third person counts in the total.
  orders.push({ customer_id: 'n1', at: '2024-06-11', amount: 50000 });
  orders.push({ customer_id: 'n2', at: '2024-06-12', amount: 30000 });
  orders.push({ customer_id: 'n2', at: '2024-06-25', amount: 20000 });
  orders.push({ customer_id: 'free', at: '2024-06-01', amount: 0 });
  orders.push({ customer_id: 'later', at: '2024-07-01', amount: 1000 });
  await insertOrders(store.conn, orders);
  const months = await fiveNumbersByMonth({ conn: store.conn, asOf: '2024-07-15', settings: parseSettings({}) }, 2);
  const june = months[0];
  assert.equal(june.month, '2024-06');
  assert.equal(june.month_to_date, false);
  assert.equal(june.revenue, 1_000_000);
  assert.equal(june.new_revenue, 100_000);
  assert.equal(june.new_customers, 2);
  assert.equal(june.existing_customers, 10);
  assert.equal(june.existing_avg_spend, 90_000);
  assert.equal(june.new_avg_spend, 50_000);
  assert.equal(june.total_customers, 13);
  assert.equal(months[1].month_to_date, true);
  assert.equal(months[1].total_customers, 14);
});

test('cohort matrix: active share and cumulative revenue per customer', async () => {
  const store = await memoryStore();
  await insertOrders(store.conn, [
    { customer_id: 'p', at: '2024-01-05', amount: 1000 },
    { customer_id: 'q', at: '2024-01-20', amount: 3000 },
    { customer_id: 'p', at: '2024-03-02', amount: 2000 },
    { customer_id: 'r', at: '2024-02-10', amount: 500 },
  ]);
  const cohorts = await cohortMatrix({ conn: store.conn, asOf: '2024-03-31', settings: parseSettings({}) }, 3);
  assert.deepEqual(
    cohorts.map((c) => [c.cohort, c.customers, c.cells.length]),
    [
      ['2024-01', 2, 3],
      ['2024-02', 1, 2],
    ],
  );
  const jan = cohorts[0].cells;
  assert.deepEqual(
    jan.map((c) => [c.age, c.active_customers, c.revenue, c.cumulative_revenue_per_customer]),
    [
      [0, 2, 4000, 2000],
      [1, 0, 0, 2000],
      [2, 1, 2000, 3000],
    ],
  );
  assert.equal(jan[2].active_share, 0.5);
});
