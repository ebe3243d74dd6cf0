// Data quality on a hand-made shop, D = 2024-12-31, the checkup run on 2025-01-10: each count
// checked against rows one can list by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeStore } from '../db.js';
import { exec, insertOrders, memoryStore } from '../fixtures.js';
import { parseSettings } from '../../domain/settings.js';
import { dataQuality } from './data-quality.js';

test('guest orders, orders without lines, customers without a channel, future-dated orders', async () => {
  const store = await memoryStore();
  const { conn } = store;
  try {
    await insertOrders(conn, [
      { order_id: 'a1', customer_id: 'a', at: '2023-05-01', amount: 100 }, // before the year: not counted as an order
      { order_id: 'a2', customer_id: 'a', at: '2024-05-01', amount: 100 },
      { order_id: 'b1', customer_id: 'b', at: '2024-06-01', amount: 100, status: 'cancelled' }, // b never bought
      { order_id: 'c1', customer_id: 'c', at: '2024-07-01', amount: 100 },
      { order_id: 'd1', customer_id: 'd', at: '2024-08-01', amount: 100 },
      { order_id: 'g1', customer_id: null, at: '2024-09-01', amount: 300 },
      { order_id: 'g2', customer_id: null, at: '2024-10-01', amount: 300 },
      { order_id: 'e1', customer_id: 'e', at: '2025-01-05', amount: 100 }, // after D, before the run: not future
      { order_id: 'f1', customer_id: 'f', at: '2062-03-04', amount: 100 }, // a year read wrongly
      { order_id: 'f2', customer_id: null, at: '2031-01-01', amount: 100 },
      { order_id: 'x1', customer_id: 'a', at: '1900-01-01', amount: 100 }, // implausible: in no figure
    ]);
    await exec(
      conn,
      `INSERT INTO order_items VALUES ('a2',1,'S1',NULL,'食品',1,100), ('c1',1,'S1',NULL,'食品',1,100), ('g1',1,'S2',NULL,'食品',1,300)`,
    );
    // a: a channel; c: blank channel; d: no customer record.
    await exec(
      conn,
      `INSERT INTO customers (customer_id, acquisition_channel) VALUES ('a', 'web_ad'), ('b', 'sns'), ('c', '  ')`,
    );
    const q = await dataQuality(
      { conn, asOf: '2024-12-31', settings: parseSettings({}) },
      '2025-01-10',
    );
    assert.deepEqual(q, {
      orders: 6, // a2 b1 c1 d1 g1 g2
      guest_orders: 2,
      guest_order_share: 2 / 6,
      orders_without_items: 3, // b1 d1 g2
      orders_without_items_share: 3 / 6,
      customers: 3, // a c d (b's only order was cancelled)
      customers_without_channel: 2, // c d
      customers_without_channel_share: 2 / 3,
      future_orders: 2,
      future_latest: '2062-03-04',
    });
  } finally {
    closeStore(store);
  }
});

test('an empty store: zeros, and shares unknown rather than 0', async () => {
  const store = await memoryStore();
  try {
    const q = await dataQuality(
      { conn: store.conn, asOf: '2024-12-31', settings: parseSettings({}) },
      '2025-01-10',
    );
    assert.equal(q.orders, 0);
    assert.equal(q.guest_order_share, null);
    assert.equal(q.customers_without_channel_share, null);
    assert.equal(q.future_latest, null);
  } finally {
    closeStore(store);
  }
});
