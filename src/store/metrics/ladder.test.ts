// The customer ladder on hand-made people: levels, cohort conversion, leads, retention and LTV.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryStore, insertOrders, exec } from '../fixtures.js';
import { parseSettings } from '../../domain/settings.js';
import { customerLevelSql, ladderMetrics, ladderStageSql } from './ladder.js';
import { customerLevel, stageOf } from '../../domain/ladder.js';
import { coreMetrics } from './core.js';

const D = '2024-12-31';

// a 1.0 (lead L3 converted after 40 days) · b 1.1 · c 1.2 (5 purchases) · d 1.3 (referred e, who
// bought) · e 1.0 · f 1.0 (referred g, who never bought) · g prospect 0.2 (record + lead L4) ·
// h prospect 0.9 (free service only) · leads L1 0.5, L2 0.1, L5 0.1 (unknown type, late event).
async function people(settings: unknown = {}) {
  const { conn } = await memoryStore();
  await insertOrders(conn, [
    { customer_id: 'a', at: '2024-06-10', amount: 3000 },
    { customer_id: 'b', at: '2024-01-05', amount: 1000 },
    { customer_id: 'b', at: '2024-02-04', amount: 1000 },
    { customer_id: 'c', at: '2023-01-10', amount: 1000 },
    { customer_id: 'c', at: '2023-03-01', amount: 1000 },
    { customer_id: 'c', at: '2023-06-01', amount: 1000 },
    { customer_id: 'c', at: '2023-09-01', amount: 1000 },
    { customer_id: 'c', at: '2024-03-01', amount: 5000 },
    { customer_id: 'd', at: '2023-05-01', amount: 1000 },
    { customer_id: 'e', at: '2023-07-01', amount: 1000 },
    { customer_id: 'f', at: '2024-03-03', amount: 2000 },
    { customer_id: 'f', at: '2024-04-01', amount: -500, status: 'returned' },
    { customer_id: 'g', at: '2024-05-01', amount: 800, status: 'cancelled' },
    { customer_id: 'h', at: '2024-07-01', amount: 0 },
  ]);
  await exec(
    conn,
    `INSERT INTO customers (customer_id, referred_by_customer_id) VALUES
    ('a', NULL), ('b', NULL), ('c', NULL), ('d', NULL), ('e', 'd'), ('f', NULL), ('g', 'f'), ('h', NULL)`,
  );
  await exec(
    conn,
    `INSERT INTO leads (lead_id, created_at, customer_id) VALUES
    ('L1', '2024-02-01', NULL), ('L2', '2024-11-01', NULL), ('L3', '2024-05-01', 'a'), ('L4', '2024-04-01', 'g'),
    ('L5', '2024-08-01', NULL), ('L6', '2025-01-05', NULL), ('L7', '2024-03-01', 'b')`,
  );
  await exec(
    conn,
    `INSERT INTO lead_events VALUES
    ('L1', 'signed_up', '2024-02-01 10:00:00'), ('L1', 'engaged', '2024-03-01 10:00:00'),
    ('L3', 'trial', '2024-05-10 10:00:00'), ('L4', 'signed_up', '2024-04-01 10:00:00'),
    ('L5', 'webinar', '2024-08-02 10:00:00'), ('L5', 'trial', '2025-01-02 10:00:00'),
    ('L6', 'trial', '2025-01-05 10:00:00')`,
  );
  return { conn, asOf: D, settings: parseSettings(settings) };
}

test('one level per person: prospects, customers, advocates', async () => {
  const rep = await ladderMetrics(await people());
  assert.deepEqual(
    rep.levels.map((l) => [l.level, l.stage, l.people]),
    [
      [0.1, 'prospect', 2],
      [0.2, 'prospect', 1],
      [0.5, 'prospect', 1],
      [0.9, 'prospect', 1],
      [1.0, 'first_purchase', 3],
      [1.1, 'repeat', 1],
      [1.2, 'loyal', 1],
      [1.3, 'advocate', 1],
    ],
  );
  assert.deepEqual([rep.prospects, rep.customers], [5, 6]);
});

test('free-service level off, and event types with quotes in the mapping', async () => {
  const ctx = await people({
    ladder: { free_service_level: 0, prospect_levels: { "it's": 0.3, signed_up: 0.2 } },
  });
  await exec(ctx.conn, `INSERT INTO lead_events VALUES ('L2', 'it''s', '2024-11-02 10:00:00')`);
  const rep = await ladderMetrics(ctx);
  const at = (lv: number) => rep.levels.find((l) => l.level === lv)?.people;
  // h falls back to 0.1; L1 only has signed_up (0.2) now; L2 reaches 0.3.
  assert.deepEqual([at(0.1), at(0.2), at(0.3), at(0.9)], [2, 2, 1, undefined]);
});

test('lead → first purchase conversion, overall and within horizons', async () => {
  const rep = await ladderMetrics(await people());
  // L6 is after D; L7's customer bought before the lead existed. Base: L1 L2 L3 L4 L5; L3 converted in 40 days.
  assert.deepEqual(
    [rep.lead_conversion.leads, rep.lead_conversion.converted, rep.lead_conversion.rate],
    [5, 1, 0.2],
  );
  assert.deepEqual(rep.lead_conversion.within, [
    { horizon_days: 90, base: 4, converted: 1, rate: 0.25 }, // created ≤ 2024-10-02
    { horizon_days: 180, base: 3, converted: 1, rate: 1 / 3 }, // created ≤ 2024-07-04
    { horizon_days: 365, base: 0, converted: 0, rate: null },
  ]);
  assert.equal(rep.median_days.lead_to_first_purchase, 40);
});

test('retention and annual LTV by level agree with the core metrics', async () => {
  const ctx = await people();
  const rep = await ladderMetrics(ctx);
  const core = await coreMetrics(ctx);
  assert.deepEqual(
    rep.level_stats.map((s) => [
      s.level,
      s.active_customers,
      s.annual_revenue,
      s.annual_ltv,
      s.retention_base,
      s.retention_retained,
    ]),
    [
      [1.0, 2, 4500, 2250, 1, 0], // a + f (2000 − 500 returned); base: e (1.0 last year)
      [1.1, 1, 2000, 2000, 1, 1], // b; base: c had 4 purchases by D−365
      [1.2, 1, 5000, 5000, 0, 0], // c
      [1.3, 0, 0, null, 1, 0], // d was already an advocate at D−365 and did not come back
    ],
  );
  const sum = (
    k: 'annual_revenue' | 'active_customers' | 'retention_base' | 'retention_retained',
  ) => rep.level_stats.reduce((s, x) => s + x[k], 0);
  assert.equal(sum('annual_revenue'), core.annual_revenue);
  assert.equal(sum('active_customers'), core.active_customers);
  assert.equal(sum('retention_base'), core.retention_base);
  assert.equal(sum('retention_retained'), core.retention_retained);
});

test('F1→F2 within 90/180/365 days by first-purchase cohort, complete only when the horizon elapsed', async () => {
  const { conn } = await memoryStore();
  await insertOrders(conn, [
    // cohort 2024-01: 51, 133, 324 days to the second purchase, one never.
    { customer_id: 'p1', at: '2024-01-10', amount: 100 },
    { customer_id: 'p1', at: '2024-03-01', amount: 100 },
    { customer_id: 'p2', at: '2024-01-20', amount: 100 },
    { customer_id: 'p2', at: '2024-06-01', amount: 100 },
    { customer_id: 'p3', at: '2024-01-31', amount: 100 },
    { customer_id: 'p3', at: '2024-12-20', amount: 100 },
    { customer_id: 'p4', at: '2024-01-15', amount: 100 },
    // cohort 2023-06: 335 and 382 days.
    { customer_id: 'q1', at: '2023-06-01', amount: 100 },
    { customer_id: 'q1', at: '2024-05-01', amount: 100 },
    { customer_id: 'q2', at: '2023-06-15', amount: 100 },
    { customer_id: 'q2', at: '2024-07-01', amount: 100 },
    // cohort 2024-11: 15 days, nothing complete yet.
    { customer_id: 'r1', at: '2024-11-05', amount: 100 },
    { customer_id: 'r1', at: '2024-11-20', amount: 100 },
    // cohort 2023-01: F2 after 30 days, 5th purchase 60 days after the 2nd.
    { customer_id: 's1', at: '2023-01-01', amount: 100 },
    { customer_id: 's1', at: '2023-01-31', amount: 100 },
    { customer_id: 's1', at: '2023-02-15', amount: 100 },
    { customer_id: 's1', at: '2023-03-01', amount: 100 },
    { customer_id: 's1', at: '2023-04-01', amount: 100 },
  ]);
  const rep = await ladderMetrics({ conn, asOf: D, settings: parseSettings({}) });
  const f12 = rep.conversion.filter((r) => r.step === 'f1_to_f2');
  const row = (m: string, h: number) => {
    const r = f12.find((x) => x.cohort_month === m && x.horizon_days === h)!;
    return [r.base, r.converted, r.rate, r.complete];
  };
  assert.deepEqual(row('2024-01', 90), [4, 1, 0.25, true]);
  assert.deepEqual(row('2024-01', 180), [4, 2, 0.5, true]); // 2024-01-31 + 180 = 2024-07-29
  assert.deepEqual(row('2024-01', 365), [4, 3, 0.75, false]); // 2024-01-31 + 365 = 2025-01-30 > D
  assert.deepEqual(row('2023-06', 365), [2, 1, 0.5, true]);
  assert.deepEqual(row('2024-11', 90), [1, 1, 1, false]);
  assert.deepEqual(
    rep.conversion_totals
      .filter((t) => t.step === 'f1_to_f2')
      .map((t) => [t.horizon_days, t.cohorts, t.base, t.converted]),
    [
      [90, 3, 7, 2], // 2023-01 (s1 in 30 days), 2023-06, 2024-01
      [180, 3, 7, 3],
      [365, 2, 3, 2], // 2023-01, 2023-06
    ],
  );
  const loyal = rep.conversion.find(
    (r) => r.step === 'f2_to_loyal' && r.cohort_month === '2023-01' && r.horizon_days === 90,
  )!;
  assert.deepEqual([loyal.base, loyal.converted, loyal.complete], [1, 1, true]);
  // 15, 30, 51, 133, 324, 335, 382 days.
  assert.equal(rep.median_days.f1_to_f2, 133);
  assert.equal(rep.median_days.f2_to_loyal, 60);
});

test('the SQL level and stage rules are the domain rules', async () => {
  const { conn } = await memoryStore();
  const sql = `SELECT f, adv, ${customerLevelSql('f', 'adv', 4)} AS level, ${ladderStageSql(customerLevelSql('f', 'adv', 4))} AS stage
               FROM range(1, 7) r(f), (VALUES (true), (false)) a(adv) ORDER BY f, adv`;
  for (const [f, adv, level, stage] of (await conn.runAndReadAll(sql)).getRowsJson()) {
    const want = customerLevel(Number(f), Boolean(adv), 4);
    assert.deepEqual([Number(level), stage], [want, stageOf(want)]);
  }
  const prospects = (
    await conn.runAndReadAll(`SELECT ${ladderStageSql('0.9')}, ${ladderStageSql('0.1')}`)
  ).getRows();
  assert.deepEqual(prospects[0], ['prospect', 'prospect']);
});
