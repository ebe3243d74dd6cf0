// Five-mechanism facts and scores on a hand-made shop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryStore, insertOrders, exec } from '../fixtures.js';
import { parseSettings } from '../../domain/settings.js';
import { mechanismFacts } from './mechanisms.js';
import { scoreMechanisms, weakestMechanism } from '../../domain/diagnosis/mechanisms.js';

test('seeding, new offers and referral facts; the weakest mechanism', async () => {
  const { conn } = await memoryStore();
  // D = 2024-12-31. Existing buyers this year: a (new category), b (same category). New: c (referred by a), d.
  await insertOrders(conn, [
    { order_id: 'a1', customer_id: 'a', at: '2023-05-01', amount: 100 },
    { order_id: 'a2', customer_id: 'a', at: '2024-05-01', amount: 100 },
    { order_id: 'b1', customer_id: 'b', at: '2023-06-01', amount: 100 },
    { order_id: 'b2', customer_id: 'b', at: '2024-06-01', amount: 100 },
    { order_id: 'c1', customer_id: 'c', at: '2024-07-01', amount: 100 },
    { order_id: 'd1', customer_id: 'd', at: '2024-08-01', amount: 100 },
  ]);
  await exec(conn, `INSERT INTO order_items VALUES
    ('a1',1,'S1',NULL,'スキンケア',1,100), ('a2',1,'F1',NULL,'食品',1,100),
    ('b1',1,'S1',NULL,'スキンケア',1,100), ('b2',1,'S2',NULL,'スキンケア',1,100),
    ('c1',1,'S1',NULL,'スキンケア',1,100), ('d1',1,'S1',NULL,'スキンケア',1,100)`);
  await exec(conn, `INSERT INTO customers (customer_id, referred_by_customer_id) VALUES ('a', NULL), ('b', NULL), ('c', 'a'), ('d', NULL)`);
  await exec(conn, `INSERT INTO leads (lead_id, created_at) VALUES ('l1','2024-02-01'), ('l2','2024-03-01'), ('l3','2024-04-01'), ('l4','2023-03-01'), ('l5','2023-04-01')`);
  const f = await mechanismFacts({ conn, asOf: '2024-12-31', settings: parseSettings({}) });
  assert.deepEqual(
    [f.leads, f.leads_prev_year, f.existing_buyers, f.existing_new_category_buyers, f.new_customers, f.referred_new_customers],
    [3, 2, 2, 1, 2, 1],
  );
  assert.equal(f.new_offer_share, 0.5);
  assert.equal(f.referral_share, 0.5);
  const scores = scoreMechanisms(
    { leads: 3, leads_prev_year: 2, lead_conversion_90d: 0.05, retention_year2: 0.65, new_offer_share: 0.5, referral_share: 0.5 },
    parseSettings({}).mechanisms,
  );
  assert.deepEqual(scores.map((s) => s.score), [1.5, 0.5, 1, 2.5, 10]);
  assert.equal(weakestMechanism(scores)?.mechanism, 'conversion');
});

test('without order lines or any recorded referral, those shares are unknown (null), not 0', async () => {
  const { conn } = await memoryStore();
  await insertOrders(conn, [
    { order_id: 'a1', customer_id: 'a', at: '2023-05-01', amount: 100 },
    { order_id: 'a2', customer_id: 'a', at: '2024-05-01', amount: 100 },
    { order_id: 'c1', customer_id: 'c', at: '2024-07-01', amount: 100 },
  ]);
  await exec(conn, `INSERT INTO customers (customer_id) VALUES ('a'), ('c')`);
  const f = await mechanismFacts({ conn, asOf: '2024-12-31', settings: parseSettings({}) });
  assert.deepEqual([f.existing_buyers, f.new_customers], [1, 1]);
  assert.equal(f.new_offer_share, null);
  assert.equal(f.referral_share, null);
});
