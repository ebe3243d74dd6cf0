// RFM cut sets (issue 14): the quintiles of the purchasers as of the last day of the month
// before D, so customers arriving in D's month do not move the cuts; the kept estimate is
// recomputed exactly when the orders up to that day change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryStore, insertOrders, exec, type OrderRow } from '../fixtures.js';
import { parseSettings } from '../../domain/settings.js';
import { addDays } from '../../domain/dates.js';
import { cutSetDate, quintileCuts, MIN_REFERENCE_CUSTOMERS } from '../../domain/rfm.js';
import { rfmCustomersSql, rfmMetrics } from './rfm.js';
import { cutPoints, rfmCutSet } from './rfm-cuts.js';
import { rows } from './query.js';
import { exportSegment, listSegments, showSegment } from '../segments.js';
import { CsvFileWriter } from '../../outputs/csv-export.js';
import type { DuckDBConnection } from '@duckdb/node-api';

const E = '2024-11-30';
const D = '2024-12-20';

test('the cut set of D is estimated as of the last day of the previous month', () => {
  assert.equal(cutSetDate('2024-12-20'), '2024-11-30');
  assert.equal(cutSetDate('2024-12-01'), '2024-11-30');
  assert.equal(cutSetDate('2024-12-31'), '2024-11-30');
  assert.equal(cutSetDate('2024-03-15'), '2024-02-29');
  assert.equal(cutSetDate('2025-01-01'), '2024-12-31');
});

// 50 customers: c00 … c49; customer i last bought 2i days before E and bought 1 + (i mod 5)
// times, 30 days apart, 1000 each. As of E: R = 0, 2, …, 98; F = 1…5, ten customers each;
// M = 1000 F. quantile_cont at p over n = 50 sorted values is s[⌊49p⌋] + frac(49p)·(next − it):
// R: 49·0.2 = 9.8 → 18 + 0.8·2 = 19.6; 19.6 → 39.2; 29.4 → 58.8; 39.2 → 78.4.
// F: 9.8 → 1 + 0.8 = 1.8; 19.6 → 2.6; 29.4 → 3.4; 39.2 → 4.2; M = 1000 × those.
const HAND = {
  recency_days: [19.6, 39.2, 58.8, 78.4],
  frequency: [1.8, 2.6, 3.4, 4.2],
  monetary: [1800, 2600, 3400, 4200],
};

function fifty(): OrderRow[] {
  const out: OrderRow[] = [];
  for (let i = 0; i < 50; i++) {
    const id = `c${String(i).padStart(2, '0')}`;
    for (let k = 0; k <= i % 5; k++)
      out.push({
        order_id: `${id}-${k}`,
        customer_id: id,
        at: addDays(E, -2 * i - 30 * k),
        amount: 1000,
      });
  }
  return out;
}

async function store(orders: OrderRow[], settings: unknown = {}) {
  const { conn } = await memoryStore();
  await insertOrders(conn, orders);
  return { conn, asOf: D, settings: parseSettings(settings) };
}

test('the cut set of D is the quintiles of the purchasers as of E, as computed by hand', async () => {
  assert.equal(MIN_REFERENCE_CUSTOMERS <= 50, true);
  // Data after E must not count: c00 buys again on D, a new customer arrives on E + 1.
  const ctx = await store([
    ...fifty(),
    { order_id: 'late1', customer_id: 'c00', at: D, amount: 90000 },
    { order_id: 'late2', customer_id: 'n1', at: addDays(E, 1), amount: 5000 },
  ]);
  const cuts = await rfmCutSet(ctx);
  assert.deepEqual(
    [cuts.method, cuts.basis, cuts.estimated_as_of, cuts.customers],
    ['quintile', 'month_end', E, 50],
  );
  assert.deepEqual(cutPoints(cuts), HAND);
  // The plain-JS quantile_cont over the values as of E gives the same.
  const r = [...Array(50).keys()].map((i) => 2 * i);
  const f = [...Array(50).keys()].map((i) => 1 + (i % 5));
  assert.deepEqual(
    [quintileCuts(r), quintileCuts(f), quintileCuts(f.map((x) => 1000 * x))],
    [HAND.recency_days, HAND.frequency, HAND.monetary],
  );
  // The report says so, and scores D's R (days as of D) against these cuts.
  const rep = await rfmMetrics(ctx);
  assert.deepEqual(rep.cut_points, HAND);
  assert.deepEqual(rep.cut_set, { basis: 'month_end', estimated_as_of: E, customers: 50 });
  assert.equal(rep.customers, 51);
  const byId = Object.fromEntries(
    (await rows(ctx, rfmCustomersSql(ctx.settings, cuts))).map((x) => [x.customer_id, x]),
  );
  // c10: R as of D = 20 + 20 = 40 > 39.2 → R score 3; F 1 ≤ 1.8 → F score 1.
  assert.deepEqual([Number(byId.c10.r_days), byId.c10.r_score, byId.c10.f_score], [40, 3, 1]);
  assert.deepEqual([Number(byId.n1.r_days), byId.n1.segment], [19, 'new']);
});

test('fewer purchasers at the month end than the minimum: the quintiles of D, and the report says so', async () => {
  const ctx = await store(fifty().filter((o) => o.customer_id! < 'c10'));
  const rep = await rfmMetrics(ctx);
  assert.deepEqual(rep.cut_set, { basis: 'as_of', estimated_as_of: D, customers: 10 });
  const r = [...Array(10).keys()].map((i) => 2 * i + 20); // R as of D
  assert.deepEqual(rep.cut_points.recency_days, quintileCuts(r));
});

test('fixed cuts stay the settings', async () => {
  const ctx = await store(fifty(), { rfm: { method: 'fixed' } });
  const rep = await rfmMetrics(ctx);
  assert.deepEqual(rep.cut_set, { basis: 'fixed', estimated_as_of: null, customers: null });
  assert.deepEqual(rep.cut_points.frequency, [2, 3, 5, 10]);
});

// A business of 400 customers over two years (a fixed pseudo-random sequence, so the test is
// the same every run), then the import: 4 one-order customers dated D.
function business(): OrderRow[] {
  let seed = 14;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const out: OrderRow[] = [];
  for (let i = 0; i < 400; i++) {
    const id = `b${String(i).padStart(3, '0')}`;
    const first = Math.floor(rnd() * 720);
    const n = rnd() < 0.55 ? 1 : 1 + Math.floor(rnd() * 8);
    for (let k = 0; k < n; k++) {
      const daysAgo = Math.max(0, first - Math.floor((first * k) / n) - Math.floor(rnd() * 10));
      out.push({
        order_id: `${id}-${k}`,
        customer_id: id,
        at: addDays(D, -daysAgo),
        amount: 1000 * (1 + Math.floor(rnd() * 20)),
      });
    }
  }
  return out;
}

const FOUR: OrderRow[] = [1, 2, 3, 4].map((i) => ({
  order_id: `new-${i}`,
  customer_id: `z${i}`,
  at: D,
  amount: 3000,
}));

async function segmentsOf(ctx: Awaited<ReturnType<typeof store>>) {
  const cuts = await rfmCutSet(ctx);
  const r = await rows(ctx, rfmCustomersSql(ctx.settings, cuts));
  return new Map(r.map((x) => [String(x.customer_id), String(x.segment)]));
}

test('issue 14: four one-order customers dated D move no existing customer’s segment', async () => {
  const ctx = await store(business());
  const before = await segmentsOf(ctx);
  const counts = (await rfmMetrics(ctx)).segments.map((s) => [s.segment, s.customers]);
  // With the old rule (the quintiles of D's own purchasers) the cuts of D move with the four.
  const dayCuts = async () =>
    quintileCuts(
      (await rows(ctx, rfmCustomersSql(ctx.settings, await rfmCutSet(ctx)))).map((x) =>
        Number(x.m),
      ),
    );
  const oldBefore = await dayCuts();
  await insertOrders(ctx.conn, FOUR);
  assert.notDeepEqual(await dayCuts(), oldBefore);

  const after = await segmentsOf(ctx);
  assert.equal(after.size, before.size + 4);
  for (const [id, seg] of before) assert.equal(after.get(id), seg, id);
  const rep = await rfmMetrics(ctx);
  const added = new Map([...after].filter(([id]) => id.startsWith('z')).map(([, s]) => [s, 0]));
  for (const [id, s] of after) if (id.startsWith('z')) added.set(s, added.get(s)! + 1);
  assert.deepEqual(
    rep.segments.map((s) => [s.segment, s.customers]),
    counts.map(([s, n]) => [s, (n as number) + (added.get(s as string) ?? 0)]),
  );
  assert.equal(added.get('new'), 4);
  // The live segments count the same as the report: one truth for D.
  const live = Object.fromEntries((await listSegments(ctx)).map((s) => [s.name, s.count]));
  for (const s of rep.segments) assert.equal(live[`rfm:${s.segment}`], s.customers, s.segment);
});

const keptRows = async (conn: DuckDBConnection) =>
  (
    await conn.runAndReadAll(
      `SELECT CAST(estimated_as_of AS VARCHAR), fingerprint, CAST(computed_at AS VARCHAR) FROM rfm_cut_sets`,
    )
  ).getRows();

/** Returns the cut set of ctx as recomputed with nothing kept. */
async function recomputed(ctx: Awaited<ReturnType<typeof store>>) {
  await ctx.conn.run('DROP TABLE rfm_cut_sets');
  return rfmCutSet(ctx);
}

test('a kept cut set: reused while the orders up to E stand, recomputed when they change', async () => {
  const ctx = await store(fifty());
  const first = await rfmCutSet(ctx);
  const kept = await keptRows(ctx.conn);
  assert.equal(kept.length, 1);
  assert.equal(kept[0][0], E);

  // An import after E (dated E + 1 … D): the same cut set, the kept row untouched.
  await insertOrders(ctx.conn, [
    ...FOUR,
    { order_id: 'after-e', customer_id: 'c49', at: addDays(E, 1), amount: 70000 },
  ]);
  assert.deepEqual(await rfmCutSet(ctx), first);
  assert.deepEqual(await keptRows(ctx.conn), kept);

  // A backdated import before E: ten new one-order customers dated E − 1 move the cuts.
  await insertOrders(
    ctx.conn,
    [...Array(10).keys()].map((i) => ({
      order_id: `back-${i}`,
      customer_id: `back${i}`,
      at: addDays(E, -1),
      amount: 500,
    })),
  );
  const moved = await rfmCutSet(ctx);
  assert.equal(moved.customers, 60);
  assert.notDeepEqual(moved.cuts, first.cuts);
  assert.notEqual((await keptRows(ctx.conn))[0][1], kept[0][1]);
  assert.deepEqual(await rfmCutSet(ctx), moved);
  assert.deepEqual(await recomputed(ctx), moved);

  // A stored order before E corrected in place (its date): recomputed too.
  const again = await rfmCutSet(ctx);
  await exec(
    ctx.conn,
    `UPDATE orders SET ordered_at = ordered_at - INTERVAL 300 DAY WHERE order_id = 'c00-0'`,
  );
  const corrected = await rfmCutSet(ctx);
  assert.notDeepEqual(corrected.cuts?.r, again.cuts?.r);
  assert.deepEqual(await recomputed(ctx), corrected);
  // Two identical orders do not cancel out in the fingerprint.
  await insertOrders(ctx.conn, [
    { order_id: 'twin', customer_id: 'c04', at: addDays(E, -3), amount: 1000 },
    { order_id: 'twin', customer_id: 'c04', at: addDays(E, -3), amount: 1000 },
  ]);
  const twins = await rfmCutSet(ctx);
  assert.deepEqual(await recomputed(ctx), twins);
});

test('another monetary window is another estimate, kept beside the first', async () => {
  const ctx = await store(fifty());
  const life = await rfmCutSet(ctx);
  const windowed = await rfmCutSet({
    ...ctx,
    settings: parseSettings({ rfm: { monetary_window_days: 30 } }),
  });
  assert.notDeepEqual(windowed.cuts?.m, life.cuts?.m);
  assert.equal((await keptRows(ctx.conn)).length, 2);
  assert.deepEqual(await rfmCutSet(ctx), life);
});

test('a live export and a segment’s detail record the cut set, the same as the report’s', async () => {
  const ctx = await store(fifty());
  const rep = await rfmMetrics(ctx);
  const detail = await showSegment(ctx, 'rfm:new');
  assert.deepEqual(detail.rfm_cut_set, rep.cut_set);
  const dir = await mkdtemp(join(tmpdir(), 'kenshin-cuts-'));
  try {
    for (const [lang, label] of [
      ['ja', `${E}時点の五分位`],
      ['en', `quintiles as of ${E}`],
    ] as const) {
      const path = join(dir, `${lang}.csv`);
      await exportSegment(ctx, 'rfm:at_risk', await CsvFileWriter.open(path, 'utf8'), {
        lang,
        actor: 'cli:tester',
        file: path,
        encoding: 'utf8',
      });
      const lines = (await readFile(path, 'utf8')).split('\r\n').filter(Boolean);
      assert.equal(lines[0].split(',').at(-1), lang === 'ja' ? 'RFMの区切り' : 'rfm_cut_set');
      assert.ok(lines.length > 1);
      for (const l of lines.slice(1)) assert.equal(l.split(',').at(-1), label);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const log = (
    await ctx.conn.runAndReadAll(`SELECT detail FROM audit_log WHERE action = 'export'`)
  ).getRows();
  assert.deepEqual(JSON.parse(String(log[0][0])).rfm_cut_set, {
    ...rep.cut_set,
    cut_points: rep.cut_points,
  });
});
