// RFM on ten hand-made customers whose quintile cut points are computed by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryStore, insertOrders, type OrderRow } from '../fixtures.js';
import { parseSettings } from '../../domain/settings.js';
import { addDays } from '../../domain/dates.js';
import { quintileCuts, scoreRules, scoreValue, segmentOf } from '../../domain/rfm.js';
import { rfmCustomersSql, rfmMetrics } from './rfm.js';
import { rfmCutSet } from './rfm-cuts.js';
import { rows } from './query.js';

const D = '2024-12-31';

// customer → [R days, F]; every purchase is 1000, so M = 1000 × F.
// R sorted 0..90 step 10: cuts at 9p = 1.8, 3.6, 5.4, 7.2 → 18, 36, 54, 72.
// F sorted 1,1,1,1,2,2,3,4,5,6: cuts 1, 1.6, 2.4, 4.2; M cuts 1000, 1600, 2400, 4200.
const PEOPLE: Record<string, [number, number]> = {
  c01: [0, 6],
  c02: [10, 4],
  c03: [20, 1],
  c04: [30, 2],
  c05: [40, 1],
  c06: [50, 3],
  c07: [60, 1],
  c08: [70, 2],
  c09: [80, 1],
  c10: [90, 5],
};

function orders(): OrderRow[] {
  const out: OrderRow[] = [];
  for (const [id, [r, f]] of Object.entries(PEOPLE)) {
    for (let k = 0; k < f; k++)
      out.push({ customer_id: id, at: addDays(D, -r - 30 * k), amount: 1000 });
  }
  // None of these change R, F or M.
  out.push({ customer_id: 'c03', at: addDays(D, -5), amount: -1000, status: 'returned' });
  out.push({ customer_id: 'c05', at: addDays(D, -1), amount: 5000, status: 'cancelled' });
  out.push({ customer_id: 'c07', at: addDays(D, -1), amount: 0 });
  out.push({ customer_id: 'c09', at: addDays(D, 1), amount: 9000 });
  out.push({ customer_id: null, at: D, amount: 7000 });
  return out;
}

async function setup(settings: unknown = {}) {
  const { conn } = await memoryStore();
  await insertOrders(conn, orders());
  return { conn, asOf: D, settings: parseSettings(settings) };
}

const scores = async (ctx: Awaited<ReturnType<typeof setup>>) =>
  Object.fromEntries(
    (
      await rows(ctx, rfmCustomersSql(ctx.settings, await rfmCutSet(ctx)) + ' ORDER BY customer_id')
    ).map((r) => [
      r.customer_id,
      [Number(r.r_score), Number(r.f_score), Number(r.m_score), r.segment],
    ]),
  );

test('quintile scores, cut points and named segments', async () => {
  const ctx = await setup();
  assert.deepEqual(await scores(ctx), {
    c01: [5, 5, 5, 'champions'],
    c02: [5, 4, 4, 'champions'],
    c03: [4, 1, 1, 'promising'],
    c04: [4, 3, 3, 'potential_loyalist'],
    c05: [3, 1, 1, 'about_to_sleep'],
    c06: [3, 4, 4, 'loyal'],
    c07: [2, 1, 1, 'hibernating'],
    c08: [2, 3, 3, 'at_risk'],
    c09: [1, 1, 1, 'lost'],
    c10: [1, 5, 5, 'cant_lose'],
  });
  const rep = await rfmMetrics(ctx);
  assert.deepEqual(rep.cut_points, {
    recency_days: [18, 36, 54, 72],
    frequency: [1, 1.6, 2.4, 4.2],
    monetary: [1000, 1600, 2400, 4200],
  });
  assert.equal(rep.customers, 10);
  // Ten purchasers are too few for a month-end estimate: these are the quintiles of D (issue 14).
  assert.deepEqual(rep.cut_set, { basis: 'as_of', estimated_as_of: D, customers: 10 });
  assert.equal(rep.revenue, 26000);
  assert.equal(rep.grid.length, 25);
  assert.deepEqual(
    rep.grid.find((c) => c.r_score === 5 && c.f_score === 5),
    { r_score: 5, f_score: 5, customers: 1, revenue: 6000 },
  );
  assert.equal(
    rep.grid.reduce((s, c) => s + c.customers, 0),
    10,
  );
  const champions = rep.segments.find((s) => s.segment === 'champions')!;
  assert.deepEqual(
    [champions.customers, champions.revenue, champions.name_ja, champions.share_customers],
    [2, 10000, '優良顧客', 0.2],
  );
  assert.equal(rep.segments.find((s) => s.segment === 'new')!.customers, 0);
  assert.deepEqual(
    rep.m_scores.map((m) => m.customers),
    [4, 0, 2, 2, 2],
  );
});

test('the SQL scores follow the domain rule on the SQL cut points', async () => {
  const ctx = await setup();
  const rep = await rfmMetrics(ctx);
  const q = scoreRules('quintile');
  const rs = Object.values(PEOPLE).map(([r]) => r);
  const fs = Object.values(PEOPLE).map(([, f]) => f);
  assert.deepEqual(rep.cut_points.recency_days, quintileCuts(rs));
  assert.deepEqual(rep.cut_points.frequency, quintileCuts(fs));
  const got = await scores(ctx);
  for (const [id, [r, f]] of Object.entries(PEOPLE)) {
    const rScore = scoreValue(r, rep.cut_points.recency_days!, q.r);
    const fScore = scoreValue(f, rep.cut_points.frequency!, q.f);
    assert.deepEqual(got[id].slice(0, 2), [rScore, fScore], id);
    assert.equal(got[id][3], segmentOf(rScore, fScore));
  }
});

test('fixed thresholds: boundaries included as the settings say', async () => {
  const ctx = await setup({
    rfm: {
      method: 'fixed',
      recency_days: [30, 60, 80, 85],
      frequency: [2, 3, 5, 6],
      monetary: [2000, 3000, 5000, 6000],
    },
  });
  const s = await scores(ctx);
  assert.deepEqual(s.c04, [5, 2, 2, 'potential_loyalist']); // R 30 ≤ 30; F 2 ≥ 2; M 2000 ≥ 2000
  assert.deepEqual(s.c07, [4, 1, 1, 'promising']); // R 60 ≤ 60
  assert.deepEqual(s.c10, [1, 4, 4, 'at_risk']); // R 90 > 85; F 5; M 5000
  assert.deepEqual(s.c01, [5, 5, 5, 'champions']);
  const rep = await rfmMetrics(ctx);
  assert.deepEqual(rep.cut_points.frequency, [2, 3, 5, 6]);
  assert.equal(rep.method, 'fixed');
});

test('a monetary window limits M to the last N days', async () => {
  const ctx = await setup({ rfm: { monetary_window_days: 30 } });
  const r = await rows(
    ctx,
    rfmCustomersSql(ctx.settings, await rfmCutSet(ctx)) + ' ORDER BY customer_id',
  );
  // Window [D−29, D]: c01 (R 0), c02 (R 10), c03 (R 20) have one purchase each in it.
  assert.deepEqual(
    r.map((x) => Number(x.m)),
    [1000, 1000, 1000, 0, 0, 0, 0, 0, 0, 0],
  );
  assert.deepEqual(
    r.map((x) => Number(x.f)),
    [6, 4, 1, 2, 1, 3, 1, 2, 1, 5],
  );
});

test('no purchasers: an empty report, not an error', async () => {
  const { conn } = await memoryStore();
  const rep = await rfmMetrics({ conn, asOf: D, settings: parseSettings({}) });
  assert.equal(rep.customers, 0);
  assert.deepEqual(rep.cut_points, { recency_days: null, frequency: null, monetary: null });
  assert.equal(rep.segments.length, 11);
});
