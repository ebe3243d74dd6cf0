// Segments on the checkup's customer value (issue 17): the built-in high value at risk is the
// report's clv.high_value_at_risk, member for member, on a simulated business whose fit is
// `fitted`; a P(alive) filter keeps exactly the customers it says; a date without customer value
// (no checkup, or one with too few to fit) says so instead of counting 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSettings } from '../domain/settings.js';
import { addDays } from '../domain/dates.js';
import { computeCheckup, storeCheckup } from '../checkup/run.js';
import { closeStore, type Store } from './db.js';
import { insertOrders, memoryStore, type OrderRow } from './fixtures.js';
import { loadCustomerValues } from './customer-value.js';
import { D, simulatedOrders } from '../../test/fixtures/clv-business.js';
import type { CheckupReport } from '../report/index.js';
import {
  SegmentFailure,
  exportSegment,
  listSegments,
  saveSegment,
  showSegment,
  type RowSink,
} from './segments.js';

const settings = parseSettings({});
const HVR = 'clv:high_value_at_risk';

let shared: Promise<{ store: Store; report: CheckupReport }> | null = null;

/**
 * A simulated business checked and stored as of D once (800 customers fit in about a second),
 * with ten big spenders gone quiet for 3 to 11 months: the simulated buyers alone have few at
 * risk (high CLV goes with being alive); these span P(alive) from 0.54 (just kept out) down.
 */
function business() {
  shared ??= (async () => {
    const store = await memoryStore();
    const quiet: OrderRow[] = [];
    for (let w = 0; w < 10; w++)
      for (let k = 0; k < 6; k++)
        quiet.push({
          customer_id: `W${w}`,
          at: addDays(D, -(90 + 25 * w) - 30 * k),
          amount: 80000,
        });
    await insertOrders(store.conn, [...simulatedOrders(800, 17), ...quiet]);
    const report = await computeCheckup(store.conn, settings, D);
    await storeCheckup(store.conn, report);
    return { store, report };
  })();
  return shared;
}

/** A sink keeping the export in memory. */
function memorySink() {
  const out = { header: [] as string[], rows: [] as (string | null)[][], aborted: false };
  const sink: RowSink = {
    writeHeader: async (v) => void (out.header = v.map(String)),
    writeRow: async (v) => void out.rows.push([...v]),
    close: async () => ({ rows: out.rows.length, replaced: 0 }),
    abort: async () => void (out.aborted = true),
  };
  return { out, sink };
}

const meta = (lang: 'ja' | 'en') => ({ lang, actor: 'test', file: 'mem', encoding: 'utf8' });

test('high value at risk: the report’s count, and each member by the rule from customer_value', async () => {
  const { store, report } = await business();
  const clv = report.clv!;
  assert.equal(clv.status, 'fitted');
  const atRisk = clv.high_value_at_risk!;
  assert.ok(atRisk.customers >= 5, `${atRisk.customers} at risk`);
  const ctx = { conn: store.conn, asOf: D, settings };

  const listed = (await listSegments(ctx)).find((s) => s.name === HVR)!;
  assert.equal(listed.unavailable, null);
  assert.equal(listed.count, atRisk.customers, 'the list counts what the report counted');
  assert.equal((await showSegment(ctx, HVR)).count, atRisk.customers);

  // The rule, independently: rank every stored row of D by (clv_365, customer_id); ntile(10)
  // gives the last decile ⌊n/10⌋ rows; of those, P(alive) < 0.5.
  const rows = await loadCustomerValues(store.conn, D);
  const byClv = rows
    .filter((r) => r.clv_365 !== null)
    .sort((x, y) => x.clv_365! - y.clv_365! || (x.customer_id < y.customer_id ? -1 : 1));
  const top = byClv.slice(byClv.length - Math.floor(byClv.length / 10));
  assert.equal(top.length, atRisk.top_decile_customers);
  const expected = top.filter((r) => r.p_alive < 0.5);
  // The rule has both sides here: top-decile customers kept out by P(alive) ≥ 0.5, and customers
  // with P(alive) < 0.5 kept out by their CLV.
  assert.ok(expected.length < top.length);
  assert.ok(rows.filter((r) => r.p_alive < 0.5).length > expected.length);

  const { out, sink } = memorySink();
  const written = await exportSegment(ctx, HVR, sink, meta('en'));
  assert.equal(written.rows, atRisk.customers);
  assert.deepEqual(out.header.slice(-3), ['p_alive', 'expected_purchases_365', 'clv_365']);
  const id = out.header.indexOf('customer_id');
  assert.deepEqual(
    out.rows.map((r) => r[id]),
    expected.map((r) => r.customer_id).sort(),
    'the members are those of the rule',
  );
  // The value columns are the member's stored predictions.
  const byId = new Map(rows.map((r) => [r.customer_id, r]));
  for (const r of out.rows) {
    const v = byId.get(r[id]!)!;
    assert.equal(r[out.header.length - 3], v.p_alive.toFixed(3));
    assert.equal(r[out.header.length - 1], String(Math.round(v.clv_365!)));
    assert.ok(v.p_alive < 0.5);
  }
  // The audit row names the fit the value columns came from.
  const audit = await store.conn.runAndReadAll(
    `SELECT detail FROM audit_log WHERE action = 'export' ORDER BY logged_at DESC LIMIT 1`,
  );
  const detail = JSON.parse(String(audit.getRows()[0][0]));
  assert.equal(detail.segment, HVR);
  assert.equal(detail.customer_value.fitted_at, clv.fitted_at);
  const ja = memorySink();
  await exportSegment(ctx, HVR, ja.sink, meta('ja'));
  assert.deepEqual(ja.out.header.slice(-3), [
    '顧客でいる確率(P(alive))',
    '365日の予測購入回数',
    '365日の予測顧客生涯価値(CLV)',
  ]);
});

test('a P(alive) filter keeps the customers at or above it; others bases keep their columns', async () => {
  const { store } = await business();
  const ctx = { conn: store.conn, asOf: D, settings };
  await saveSegment(store.conn, 'likely_back', { from: ['all'], where: { min_p_alive: 0.8 } });
  await saveSegment(store.conn, 'valuable', {
    from: ['all'],
    where: { min_clv_365: 5000, max_p_alive: 0.6 },
  });
  const rows = await loadCustomerValues(store.conn, D);
  const keep = rows.filter((r) => r.p_alive >= 0.8).map((r) => r.customer_id);
  assert.ok(keep.length > 0 && keep.length < rows.length, `${keep.length} of ${rows.length}`);
  const list = await listSegments(ctx);
  const count = (n: string) => list.find((s) => s.name === n)!.count;
  assert.equal(count('likely_back'), keep.length);
  assert.equal(
    count('valuable'),
    rows.filter((r) => r.clv_365! >= 5000 && r.p_alive <= 0.6).length,
  );
  const { out, sink } = memorySink();
  await exportSegment(ctx, 'likely_back', sink, meta('en'));
  assert.deepEqual(
    out.rows.map((r) => r[0]),
    [...keep].sort(),
  );
  // A segment without customer value keeps the export's columns as they were.
  const plain = memorySink();
  await exportSegment(ctx, 'rfm:champions', plain.sink, meta('en'));
  assert.equal(plain.out.header.at(-1), 'rfm_cut_set');
});

const MISSING_JA = /顧客生涯価値がまだ計算されていません/;
const MISSING_EN = /customer value is not computed for this date/;

test('a date without customer value: flagged in the list, refused by show and export', async () => {
  const { store } = await business();
  // No checkup is stored for the day before D.
  const ctx = { conn: store.conn, asOf: addDays(D, -1), settings };
  await saveSegment(store.conn, 'likely_back', { from: ['all'], where: { min_p_alive: 0.8 } });
  const list = await listSegments(ctx);
  for (const name of [HVR, 'likely_back']) {
    const s = list.find((x) => x.name === name)!;
    assert.equal(s.count, null, name);
    assert.equal(s.unavailable?.code, 'customer_value_missing');
    assert.match(s.unavailable!.message_ja, MISSING_JA);
    assert.match(s.unavailable!.message_ja, /診断が保存されていません/);
    assert.match(s.unavailable!.message_en, MISSING_EN);
  }
  // The segments that do not read customer value are counted as ever.
  assert.ok(list.find((s) => s.name === 'ladder:first_purchase')!.count! > 0);
  for (const name of [HVR, 'likely_back']) {
    await assert.rejects(
      () => showSegment(ctx, name),
      (e: unknown) => e instanceof SegmentFailure && MISSING_EN.test(e.error.message_en),
    );
    const { out, sink } = memorySink();
    await assert.rejects(
      () => exportSegment(ctx, name, sink, meta('ja')),
      (e: unknown) => e instanceof SegmentFailure && MISSING_JA.test(e.error.message_ja),
    );
    assert.ok(out.aborted && out.rows.length === 0);
  }
});

test('a stored checkup with too few to fit: the segment says that is why', async () => {
  const store = await memoryStore();
  try {
    const orders: OrderRow[] = [];
    for (let c = 1; c <= 30; c++)
      for (const at of ['2024-03-05', '2024-08-10'])
        orders.push({ customer_id: `C${c}`, at, amount: 1000 });
    await insertOrders(store.conn, orders);
    const report = await computeCheckup(store.conn, settings, D);
    assert.equal(report.clv?.status, 'too_few');
    await storeCheckup(store.conn, report);
    const s = (await listSegments({ conn: store.conn, asOf: D, settings })).find(
      (x) => x.name === HVR,
    )!;
    assert.equal(s.count, null);
    assert.match(s.unavailable!.message_ja, MISSING_JA);
    assert.match(s.unavailable!.message_ja, /少なすぎて推定できませんでした/);
    assert.match(s.unavailable!.message_en, /too few customers or repeat buyers/);
  } finally {
    closeStore(store);
  }
});

test('the shared store is closed', async () => {
  if (shared) closeStore((await shared).store);
});
