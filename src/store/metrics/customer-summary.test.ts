// The per-customer summary (issue 13): its columns on a hand-computed fixture, and every section
// of the checkup the same whether it reads the checkup's tables or the same SELECTs inline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryStore, insertOrders, insertContacts, exec } from '../fixtures.js';
import { parseSettings } from '../../domain/settings.js';
import { buildCheckupTables, dropCheckupTables } from './customer-summary.js';
import { computeCheckup } from '../../checkup/run.js';
import { COMPUTE } from '../../checkup/sections.js';
import type { MetricContext } from './context.js';

const D = '2024-12-31';

const ORDERS = [
  { order_id: 'a2', customer_id: 'a', at: '2024-03-01 15:00:00', amount: 2000, coupon_code: 'X' },
  { order_id: 'a1', customer_id: 'a', at: '2024-03-01 09:00:00', amount: 1000 }, // same first day
  { order_id: 'a3', customer_id: 'a', at: '2023-12-01', amount: 700, status: 'cancelled' as const },
  { order_id: 'a4', customer_id: 'a', at: '2024-06-01', amount: 500 },
  { order_id: 'a5', customer_id: 'a', at: '2024-06-01', amount: 300 }, // a repeated day
  { order_id: 'a6', customer_id: 'a', at: '2024-07-01', amount: -400, status: 'returned' as const },
  { order_id: 'a7', customer_id: 'a', at: '2025-01-02', amount: 9000 }, // after D
  { order_id: 'b1', customer_id: 'b', at: '2023-01-05', amount: 0 }, // free service
  { order_id: 'b2', customer_id: 'b', at: '2023-11-05', amount: 800, discount_amount: 100 },
  { order_id: 'c1', customer_id: 'c', at: '2024-02-01', amount: 0 }, // only a free service
  { order_id: 'g1', customer_id: null, at: '2024-05-01', amount: 500 },
  { order_id: 'x1', customer_id: 'x', at: '1900-01-01', amount: 100 }, // implausible: no event
];

async function fixture() {
  const store = await memoryStore();
  await insertOrders(store.conn, ORDERS);
  return store;
}

test('the summary holds each customer’s sorted purchase dates and summed amounts', async () => {
  const store = await fixture();
  const settings = parseSettings({ rfm: { monetary_window_days: 250 } });
  const t = await buildCheckupTables(store.conn, settings, D);
  const rows = (
    await store.conn.runAndReadAll(
      `SELECT customer_id, list_transform(pd, x -> strftime(x, '%Y-%m-%d')) AS pd,
              strftime(first_service_d, '%Y-%m-%d') AS first_service_d, served_free, acq_disc,
              revenue_year, net_revenue, monetary
       FROM ${t.customers} ORDER BY customer_id`,
    )
  ).getRowObjectsJson();
  assert.deepEqual(rows, [
    {
      customer_id: 'a',
      pd: ['2024-03-01', '2024-03-01', '2024-06-01', '2024-06-01'],
      first_service_d: '2024-03-01',
      served_free: false,
      acq_disc: true, // a2 on the first day had a coupon
      revenue_year: '3400.0000', // 1000 + 2000 + 500 + 300 − 400
      net_revenue: '3400.0000',
      monetary: '800.0000', // purchases from D − 249 = 2024-04-26: 500 + 300
    },
    {
      customer_id: 'b',
      pd: ['2023-11-05'],
      first_service_d: '2023-01-05',
      served_free: true,
      acq_disc: true,
      revenue_year: null,
      net_revenue: '800.0000',
      monetary: '0.0000',
    },
    {
      customer_id: 'c',
      pd: [],
      first_service_d: '2024-02-01',
      served_free: true,
      acq_disc: null,
      revenue_year: null,
      net_revenue: null,
      monetary: '0.0000',
    },
  ]);
  const daily = (
    await store.conn.runAndReadAll(
      `SELECT strftime(day, '%Y-%m-%d') AS day, revenue, unattributed_revenue, purchases, purchase_amount, disc_purchases
       FROM ${t.daily} ORDER BY day`,
    )
  ).getRowObjectsJson();
  assert.deepEqual(
    daily.map((r) => [r.day, r.revenue, r.unattributed_revenue, r.purchases, r.disc_purchases]),
    [
      ['2023-11-05', '800.0000', null, '1', '1'],
      ['2024-03-01', '3000.0000', null, '2', '1'],
      ['2024-05-01', null, '500.0000', '0', '0'],
      ['2024-06-01', '800.0000', null, '2', '0'],
      ['2024-07-01', '-400.0000', null, '0', '0'],
    ],
  );
  await dropCheckupTables(store.conn, t);
});

test('every section is the same from the checkup’s tables and from the inline summary', async () => {
  const store = await fixture();
  await insertOrders(store.conn, [
    { order_id: 'd1', customer_id: 'd', at: '2022-02-01', amount: 1200 },
    { order_id: 'd2', customer_id: 'd', at: '2023-03-01', amount: 900 },
    { order_id: 'd3', customer_id: 'd', at: '2024-12-01', amount: 400 },
    { order_id: 'e1', customer_id: 'e', at: '2023-06-01', amount: 300 },
  ]);
  await insertContacts(store.conn, [
    { customer_id: 'a', at: '2024-02-01', channel: 'dm', campaign_id: 'k1', cost: 90 },
    { customer_id: 'd', at: '2024-11-20', channel: 'email' },
    { customer_id: 'e', at: '2024-04-01', channel: 'dm', campaign_id: 'k1' },
  ]);
  await exec(
    store.conn,
    `INSERT INTO customers (customer_id, acquisition_channel, referred_by_customer_id) VALUES
       ('a', 'web', NULL), ('d', 'search', 'a'), ('e', NULL, 'd')`,
  );
  for (const settings of [parseSettings({}), parseSettings({ rfm: { monetary_window_days: 90 } })]) {
    const withTables = await computeCheckup(store.conn, settings, D);
    const inline: Record<string, unknown> = {};
    const ctx: MetricContext = { conn: store.conn, asOf: D, settings };
    for (const key of Object.keys(COMPUTE) as (keyof typeof COMPUTE)[]) {
      if (key === 'findings' || key === 'five_numbers_assessment' || key === 'mechanisms') continue;
      if (key === 'five_numbers' || key === 'projection') continue; // built from other sections
      inline[key] = await COMPUTE[key]({
        ctx,
        settings,
        get: () => Promise.reject(new Error('not needed')),
        input: () => Promise.reject(new Error('not needed')),
      } as never);
    }
    for (const [key, value] of Object.entries(inline))
      assert.deepEqual((withTables as Record<string, unknown>)[key], value, key);
  }
});
