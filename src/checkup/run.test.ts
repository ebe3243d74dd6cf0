// A store may already hold a row the importer now refuses (an order dated 1900-01-01, imported
// before the date checks): the checkup must still run, leave the row out and say so.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSettings } from '../domain/settings.js';
import { closeStore } from '../store/db.js';
import { insertOrders, memoryStore, type OrderRow } from '../store/fixtures.js';
import { KenshinError } from '../domain/errors.js';
import { parseReport, SECTIONS, type CoreMetrics } from '../report/index.js';
import { projectionSection } from './projection.js';
import { computeCheckup, loadCheckup, storeCheckup } from './run.js';

// Two years of monthly purchases by 30 customers.
function orders(): OrderRow[] {
  const out: OrderRow[] = [];
  for (let c = 1; c <= 30; c++)
    for (let m = 0; m < 24; m += 1 + (c % 3))
      out.push({
        customer_id: `C${c}`,
        at: `${2023 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-${String(1 + (c % 27)).padStart(2, '0')}`,
        amount: 1000 + c * 10,
      });
  return out;
}

test('an order dated 1900-01-01 in the store: the checkup runs, ignores it and says so', async () => {
  const store = await memoryStore();
  try {
    await insertOrders(store.conn, [
      ...orders(),
      { order_id: 'old', customer_id: 'C1', at: '1900-01-01', amount: 5000 },
    ]);
    const report = await computeCheckup(store.conn, parseSettings({}), '2024-12-31');
    assert.equal(report.data_range.first_purchase, '2023-01-01');
    assert.equal(report.data_range.implausible_orders, 1);
    const f = report.findings.find((x) => x.id === 'data.implausible_dates');
    assert.ok(f, report.findings.map((x) => x.id).join(', '));
    assert.equal(f.severity, 'warning');
    assert.equal(f.evidence.implausible_orders, 1);
    assert.match(f.title.en, /1 order .*before 1990-01-01/);
    assert.match(f.title.ja, /1990/);
    // The projection models tenures the business can have had.
    assert.ok(report.projection.fit.active_by_tenure.length <= 3);
  } finally {
    closeStore(store);
  }
});

test('a tenure longer than the projection models folds into its last year instead of failing', () => {
  const inputs = {
    by_tenure: [
      { tenure_year: 1, active_customers: 10, revenue: 10_000, annual_spend_per_active: 1000 },
      { tenure_year: 127, active_customers: 2, revenue: 2000, annual_spend_per_active: 1000 },
    ],
    new_customers_last_year: 10,
    new_customers_prev_year: 10,
    dormant_customers: 0,
    reactivation_rate: null,
    reactivated_spend_per_customer: null,
  };
  const metrics = { retention_rate: 0.5, retention_base: 20, annual_ltv: 1000 } as CoreMetrics;
  const section = projectionSection(inputs, [], metrics, metrics);
  assert.equal(section.fit.active_by_tenure.length, 50);
  assert.equal(section.fit.active_by_tenure[49], 2);
  assert.equal(section.years.length, 6);
});

test('the computed report is the contract: every section of the registry, in order, parsed unchanged', async () => {
  const store = await memoryStore();
  try {
    await insertOrders(store.conn, [
      ...orders(),
      { order_id: 'g', customer_id: null, at: '2024-06-01', amount: 700 },
    ]);
    const report = await computeCheckup(store.conn, parseSettings({}), '2024-12-31');
    const keys = Object.keys(report);
    assert.deepEqual(
      keys.filter((k) => SECTIONS.some((s) => s.key === k)),
      SECTIONS.map((s) => s.key),
    );
    assert.ok(
      SECTIONS.every((s) => Object.keys(report.timings).includes(s.key)),
      'each section timed',
    );
    assert.equal(JSON.stringify(parseReport(JSON.stringify(report))), JSON.stringify(report));
    assert.equal(report.data_quality?.guest_orders, 1);
    await storeCheckup(store.conn, report);
    assert.deepEqual(await loadCheckup(store.conn, '2024-12-31'), report);
    // A stored report that no longer matches is an error with its code, not a crash later.
    await store.conn.run(`UPDATE checkups SET report = replace(report, '"rfm":', '"rfm_gone":')`);
    await assert.rejects(loadCheckup(store.conn), (err: unknown) => {
      assert.ok(err instanceof KenshinError);
      assert.equal(err.code, 'report_invalid');
      assert.match(err.en, /run the checkup again/);
      return true;
    });
  } finally {
    closeStore(store);
  }
});
