// The clv section through the checkup path: a business simulated purchase by purchase from known
// BG/NBD and gamma-gamma parameters gets them back (within three standard errors), its deciles
// and sums are those of the stored per-customer table, a second checkup of the same day reuses
// the fit and changed data fits again; a tiny business is "too few to judge".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays } from '../domain/dates.js';
import { parseSettings } from '../domain/settings.js';
import { parseReport, type ClvSection } from '../report/index.js';
import { closeStore, type Store } from '../store/db.js';
import { insertOrders, memoryStore, type OrderRow } from '../store/fixtures.js';
import { loadCustomerValues, type CustomerValueRow } from '../store/customer-value.js';
import { computeCheckup, storeCheckup } from './run.js';
import { D, SPEND, TRUTH, simulatedOrders } from '../../test/fixtures/clv-business.js';

let shared: Promise<{ store: Store; first: ClvSection }> | null = null;

/** The simulated business, checked and stored once for the tests below. */
function business() {
  shared ??= (async () => {
    const store = await memoryStore();
    await insertOrders(store.conn, simulatedOrders(4000, 20261202));
    const report = await computeCheckup(store.conn, parseSettings({}), D);
    await storeCheckup(store.conn, report);
    // The report with its clv section is the contract: it reads back unchanged.
    assert.equal(JSON.stringify(parseReport(JSON.stringify(report))), JSON.stringify(report));
    assert.ok(report.clv);
    return { store, first: report.clv };
  })();
  return shared;
}

test('the checkup recovers the simulated BG/NBD and gamma-gamma parameters', async (t) => {
  const { first: clv } = await business();
  assert.equal(clv.status, 'fitted');
  assert.equal(clv.model, 'bgnbd');
  assert.equal(clv.customers, 4000);
  assert.ok(clv.purchase && clv.spend, 'both models fitted');
  assert.ok(clv.purchase.converged);
  t.diagnostic(
    `purchase ${JSON.stringify(clv.purchase.params)} ± ${JSON.stringify(clv.purchase.standard_errors)}`,
  );
  t.diagnostic(
    `spend ${JSON.stringify(clv.spend.params)} ± ${JSON.stringify(clv.spend.standard_errors)}`,
  );
  for (const [k, v] of Object.entries(TRUTH)) {
    const est = clv.purchase.params[k];
    const se = clv.purchase.standard_errors[k];
    assert.ok(se !== null && se !== undefined && se > 0 && se < 0.5 * v, `${k}: se ${se}`);
    assert.ok(Math.abs(est - v) < 3 * se, `${k}: ${est} vs ${v} ± ${se}`);
  }
  const mean = (SPEND.p * SPEND.gamma) / (SPEND.q - 1);
  assert.ok(
    Math.abs(clv.spend.population_mean_spend / mean - 1) < 0.1,
    `mean spend ${clv.spend.population_mean_spend} vs ${mean}`,
  );
  // The check: the calibration model predicts the held-out weeks of a business it is true of.
  const h = clv.holdout;
  assert.ok(h, JSON.stringify(clv.holdout_reason));
  assert.equal(h.weeks, 26);
  assert.equal(h.calibration_end, addDays(D, -182));
  assert.ok(h.actual_purchases > 1000, `actual ${h.actual_purchases}`);
  assert.ok(Math.abs(h.aggregate_error!) < 0.1, `aggregate error ${h.aggregate_error}`);
  assert.equal(h.tracking.length, 26);
  const last = h.tracking[h.tracking.length - 1];
  assert.equal(last.week, 26);
  assert.equal(last.actual, h.actual_purchases);
  assert.ok(Math.abs(last.expected - h.expected_purchases) < 1e-6 * h.expected_purchases);
  for (let i = 1; i < h.tracking.length; i++)
    assert.ok(h.tracking[i].actual >= h.tracking[i - 1].actual, 'cumulative');
});

/** Returns the deciles of `values` as DuckDB's ntile(10) over (value, customer_id) makes them. */
function deciles(rows: { v: number; id: string }[]) {
  const sorted = [...rows].sort((x, y) => x.v - y.v || (x.id < y.id ? -1 : 1));
  const size = Math.floor(sorted.length / 10);
  const extra = sorted.length % 10;
  const out = [];
  let at = 0;
  for (let d = 1; d <= 10; d++) {
    const part = sorted.slice(at, (at += size + (d <= extra ? 1 : 0))).map((r) => r.v);
    const total = part.reduce((s, v) => s + v, 0);
    out.push({
      decile: d,
      customers: part.length,
      min: part[0],
      max: part[part.length - 1],
      mean: total / part.length,
      total,
    });
  }
  return out;
}

function assertClose(actual: object[], expected: object[], what: string) {
  assert.equal(actual.length, expected.length, what);
  actual.forEach((a, i) => {
    for (const [k, v] of Object.entries(expected[i]) as [string, number][]) {
      const got = (a as Record<string, number>)[k];
      assert.ok(
        Math.abs(got - v) <= 1e-9 * Math.max(1, Math.abs(v)),
        `${what} ${i + 1}.${k}: ${got} vs ${v}`,
      );
    }
  });
}

test('deciles and the forecast are those of the stored per-customer table', async () => {
  const { store, first: clv } = await business();
  const rows: CustomerValueRow[] = await loadCustomerValues(store.conn, D);
  assert.equal(rows.length, 4000);
  assert.ok(rows.every((r) => r.p_alive >= 0 && r.p_alive <= 1 && r.clv_365 !== null));
  assert.ok(rows.every((r) => r.expected_90 <= r.expected_365 && r.clv_90! <= r.clv_365!));
  const dist = clv.distribution!;
  assert.equal(dist.customers, 4000);
  assert.equal(dist.customers_with_clv, 4000);
  assertClose(
    dist.p_alive,
    deciles(rows.map((r) => ({ v: r.p_alive, id: r.customer_id }))),
    'p_alive',
  );
  assertClose(
    dist.clv_365!,
    deciles(rows.map((r) => ({ v: r.clv_365!, id: r.customer_id }))),
    'clv_365',
  );
  // High value at risk: the top CLV decile (the same ntile) with P(alive) < 0.5.
  const byClv = [...rows].sort(
    (x, y) => x.clv_365! - y.clv_365! || (x.customer_id < y.customer_id ? -1 : 1),
  );
  const top = byClv.slice(byClv.length - Math.floor(byClv.length / 10));
  const risky = top.filter((r) => r.p_alive < 0.5);
  assert.ok(risky.length > 0, 'the simulated business has some');
  assertClose(
    [clv.high_value_at_risk!],
    [
      {
        top_decile_customers: top.length,
        customers: risky.length,
        share: risky.length / top.length,
        clv_365: risky.reduce((s, r) => s + r.clv_365!, 0),
      },
    ],
    'high value at risk',
  );
  const sum = (f: (r: CustomerValueRow) => number) => rows.reduce((s, r) => s + f(r), 0);
  // The P(alive) matrix holds every stored customer once, with their P(alive).
  const cells = dist.p_alive_matrix!;
  assert.equal(
    cells.reduce((s, c) => s + c.customers, 0),
    rows.length,
  );
  const inCells = cells.reduce((s, c) => s + c.customers * (c.mean_p_alive ?? 0), 0);
  assert.ok(Math.abs(inCells - sum((r) => r.p_alive)) < 1e-6, `${inCells} vs stored`);
  assert.ok(cells.filter((c) => c.customers > 0).length > 5, 'the customers spread over cells');
  const fc = clv.forecast!;
  assertClose(
    [fc],
    [
      {
        customers: rows.length,
        expected_alive: sum((r) => r.p_alive),
        purchases_90: sum((r) => r.expected_90),
        value_90: sum((r) => r.clv_90!),
        purchases_365: sum((r) => r.expected_365),
        value_365: sum((r) => r.clv_365!),
      },
    ],
    'forecast',
  );
});

test('a second checkup of the same day reuses the stored fit; changed data fits again', async () => {
  const { store, first } = await business();
  assert.equal(first.fit_reused, false);
  const again = await computeCheckup(store.conn, parseSettings({}), D);
  assert.equal(again.clv?.fit_reused, true);
  assert.equal(again.clv?.fitted_at, first.fitted_at);
  assert.deepEqual(again.clv?.purchase, first.purchase);
  // The same predictions (the database's parallel sums may differ in the last digits).
  assertClose(again.clv!.distribution!.clv_365!, first.distribution!.clv_365!, 'reused clv_365');
  await storeCheckup(store.conn, again);
  // Another model is another fit.
  const pareto = await computeCheckup(store.conn, parseSettings({ clv: { model: 'pareto' } }), D);
  assert.equal(pareto.clv?.fit_reused, false);
  assert.ok(pareto.clv?.purchase && 's' in pareto.clv.purchase.params);
  // An order dated 1900-01-01 (a placeholder stored before the importer refused it) is no
  // purchase here either: the summaries are unchanged and so is the fit.
  await insertOrders(store.conn, [
    { order_id: 'old1', customer_id: 'S00001', at: '1900-01-01', amount: 5000 },
  ]);
  const placeholder = await computeCheckup(store.conn, parseSettings({}), D);
  assert.equal(placeholder.clv?.fit_reused, true);
  assert.equal(placeholder.clv?.customers, 4000);
  // A new customer's order before D: the summaries change, so the models are fitted again.
  await insertOrders(store.conn, [
    { order_id: 'new1', customer_id: 'N1', at: '2024-12-01', amount: 2000 },
  ]);
  const changed = await computeCheckup(store.conn, parseSettings({}), D);
  assert.equal(changed.clv?.fit_reused, false);
  assert.equal(changed.clv?.customers, 4001);
  assert.ok(changed.clv?.fitted_at && changed.clv.fitted_at > first.fitted_at!);
  await storeCheckup(store.conn, changed);
  assert.equal((await loadCustomerValues(store.conn, D)).length, 4001);
  closeStore(store);
});

test('a tiny business: too few to judge, with the counts, no parameters and no stored rows', async () => {
  const store = await memoryStore();
  try {
    const orders: OrderRow[] = [];
    for (let c = 1; c <= 30; c++)
      for (let m = 0; m < 3; m++)
        orders.push({
          customer_id: `C${c}`,
          at: `2024-0${1 + m * 3}-${String((c % 27) + 1).padStart(2, '0')}`,
          amount: 1000,
        });
    await insertOrders(store.conn, orders);
    const report = await computeCheckup(store.conn, parseSettings({}), D);
    const clv = report.clv!;
    assert.equal(clv.status, 'too_few');
    assert.equal(clv.customers, 30);
    assert.equal(clv.repeat_buyers, 30);
    assert.match(clv.reason!.ja, /判断するには少なすぎます.*30 人.*200 人.*30 人.*50 人/);
    assert.match(
      clv.reason!.en,
      /Too few to judge: 30 customers \(200 needed\) and 30 repeat buyers \(50 needed\)/,
    );
    assert.equal(clv.purchase, null);
    assert.equal(clv.distribution, null);
    assert.equal(clv.high_value_at_risk, null);
    await storeCheckup(store.conn, report);
    assert.deepEqual(await loadCustomerValues(store.conn, D), []);
  } finally {
    closeStore(store);
  }
});
