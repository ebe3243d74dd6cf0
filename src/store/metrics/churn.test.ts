// Churn breakdown on a hand-made base of five customers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryStore, insertOrders, exec } from '../fixtures.js';
import { parseSettings } from '../../domain/settings.js';
import { churnBreakdown } from './churn.js';

test('churn of last year’s buyers by ladder level, recency, channel and entry product', async () => {
  const { conn } = await memoryStore();
  // D = 2024-12-31, D−365 = 2024-01-01; base window [2023-01-02, 2024-01-01].
  await insertOrders(conn, [
    { order_id: 'a1', customer_id: 'a', at: '2023-12-20', amount: 100 }, // 1 purchase, recent → churned
    { order_id: 'b1', customer_id: 'b', at: '2023-02-01', amount: 100 },
    { order_id: 'b2', customer_id: 'b', at: '2023-03-01', amount: 100 }, // repeat, 181-365 days → retained
    { order_id: 'b3', customer_id: 'b', at: '2024-05-01', amount: 100 },
    { order_id: 'c1', customer_id: 'c', at: '2023-08-01', amount: 100 }, // 1 purchase, 91-180 → retained
    { order_id: 'c2', customer_id: 'c', at: '2024-02-01', amount: 100 },
    { order_id: 'd1', customer_id: 'd', at: '2023-11-15', amount: 100 }, // churned; referred e → advocate
    { order_id: 'e1', customer_id: 'e', at: '2023-11-20', amount: 100 }, // churned
    { order_id: 'x1', customer_id: 'x', at: '2024-06-01', amount: 100 }, // new this year: not in the base
  ]);
  await exec(conn, `INSERT INTO customers (customer_id, acquisition_channel, referred_by_customer_id) VALUES
    ('a', 'web_ad', NULL), ('b', 'catalog', NULL), ('c', 'web_ad', NULL), ('d', NULL, NULL), ('e', 'referral', 'd')`);
  await exec(conn, `INSERT INTO order_items VALUES
    ('a1', 1, 'S1', 'soap', 'スキンケア', 1, 100), ('b1', 1, 'F1', 'tea', '食品', 1, 100),
    ('c1', 1, 'S2', 'lotion', 'スキンケア', 1, 100), ('d1', 1, 'G1', 'cup', NULL, 1, 100)`);
  const b = await churnBreakdown({ conn, asOf: '2024-12-31', settings: parseSettings({}) });
  assert.deepEqual(
    b.by_ladder_level.map((r) => [r.value, r.base, r.churned]),
    [
      ['1.0 first_purchase', 3, 2],
      ['1.1 repeat', 1, 0],
      ['1.3 advocate', 1, 1],
    ],
  );
  assert.deepEqual(
    b.by_recency_band.map((r) => [r.value, r.base, r.churned]),
    [
      ['0-30', 1, 1],
      ['31-90', 2, 2],
      ['91-180', 1, 0],
      ['181-365', 1, 0],
    ],
  );
  const web = b.by_channel.find((r) => r.value === 'web_ad')!;
  assert.deepEqual([web.base, web.churned, web.churn_rate], [2, 1, 0.5]);
  assert.deepEqual(
    b.by_entry_product.map((r) => [r.value, r.base, r.churned]),
    [
      ['スキンケア', 2, 1],
      ['G1', 1, 1],
      ['unknown', 1, 1],
      ['食品', 1, 0],
    ],
  );
});
