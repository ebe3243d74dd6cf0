import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { closeStore, openStore } from './db.js';
import {
  customerSummaries,
  exportClvCsv,
  latestPurchaseDate,
  savePredictions,
  spendGroups,
  summaryTriples,
  topCustomersByClv,
} from './clv-summary.js';

type Order = [customer: string | null, at: string, amount: string, status?: string];

// Loads orders through a staging table (fast appender), naming the columns it fills.
async function loadOrders(conn: DuckDBConnection, orders: Order[]): Promise<void> {
  await conn.run(
    'CREATE TEMP TABLE staged (customer_id VARCHAR, ordered_at VARCHAR, amount VARCHAR, status VARCHAR)',
  );
  const app = await conn.createAppender('staged', 'main', 'temp');
  for (const [customer, at, amount, status] of orders) {
    if (customer === null) app.appendNull();
    else app.appendVarchar(customer);
    app.appendVarchar(at);
    app.appendVarchar(amount);
    app.appendVarchar(status ?? 'completed');
    app.endRow();
  }
  app.closeSync();
  await conn.run(`INSERT INTO orders (order_id, customer_id, ordered_at, amount, status)
    SELECT 'o' || row_number() OVER (), customer_id, CAST(ordered_at AS TIMESTAMP), CAST(amount AS DECIMAL(18,4)), status
    FROM staged`);
  await conn.run('DROP TABLE staged');
}

// Checkable by hand: calibration to 2024-06-30, holdout to 2024-12-31 (2024 is a leap year).
const FIXTURE: Order[] = [
  ['c1', '2024-01-01 10:00:00', '1000'],
  ['c1', '2024-01-01 18:30:00', '500'], // same day: one purchase day of 1,500
  ['c1', '2024-02-01 09:00:00', '2000'],
  ['c1', '2024-03-01 09:00:00', '999', 'cancelled'], // not a purchase
  ['c1', '2024-04-01 09:00:00', '0'], // a free service, not a purchase
  ['c1', '2024-05-01 09:00:00', '3000'],
  ['c1', '2024-08-01 09:00:00', '100'], // holdout: 2 purchase days
  ['c1', '2024-08-01 20:00:00', '200'],
  ['c1', '2024-09-01 09:00:00', '50'],
  ['c1', '2025-01-05 09:00:00', '70'], // after the holdout
  ['c2', '2024-06-30 23:59:00', '800'], // on the calibration end day: counts, T = 0
  ['c3', '2024-07-15 09:00:00', '400'], // first purchase in the holdout: not in the summaries
  ['c4', '2024-03-10 09:00:00', '1200'],
  ['c4', '2024-03-12 09:00:00', '-1200', 'returned'], // a credit note, not a purchase
  ['c4', '2024-10-01 09:00:00', '500'],
  ['c5', '2024-05-01 09:00:00', '100'],
  ['c5', '2024-06-01 09:00:00', '300'],
  ['c6', '2024-06-30 08:00:00', '900'],
  [null, '2024-02-02 09:00:00', '5000'], // guest order
];
const PERIOD = { calEnd: '2024-06-30', holdoutEnd: '2024-12-31', unit: 'days' as const };

test('per-customer summaries follow the purchase rules, by hand', async () => {
  const store = await openStore(':memory:');
  try {
    await loadOrders(store.conn, FIXTURE);
    const s = await customerSummaries(store.conn, PERIOD);
    assert.deepEqual(s.customer_id, ['c1', 'c2', 'c4', 'c5', 'c6']);
    // c1: purchase days Jan 1, Feb 1, May 1 → 2 repeats; Jan 1 → May 1 = 121 days; → Jun 30 = 181.
    assert.deepEqual(s.frequency, [2, 0, 0, 1, 0]);
    assert.deepEqual(s.recency, [121, 0, 0, 31, 0]);
    assert.deepEqual(s.T, [181, 0, 112, 60, 0]);
    assert.deepEqual(s.monetary_value, [2500, null, null, 300, null]);
    assert.deepEqual(s.holdout_purchases, [2, 0, 1, 0, 0]);
    assert.equal(await latestPurchaseDate(store.conn), '2025-01-05');

    const weeks = await customerSummaries(store.conn, { calEnd: '2024-06-30', unit: 'weeks' });
    assert.equal(weeks.T[0], 181 / 7);
    assert.deepEqual(weeks.holdout_purchases, [0, 0, 0, 0, 0]); // no holdout asked
    // A month is a twelfth of the mean Gregorian year.
    const months = await customerSummaries(store.conn, { calEnd: '2024-06-30', unit: 'months' });
    assert.equal(months.T[0], 181 / (365.25 / 12));
  } finally {
    closeStore(store);
  }
});

test('triples and spend groups are grouped in SQL', async () => {
  const store = await openStore(':memory:');
  try {
    await loadOrders(store.conn, FIXTURE);
    const t = await summaryTriples(store.conn, PERIOD);
    assert.deepEqual(t.frequency, [0, 0, 1, 2]);
    assert.deepEqual(t.t_days, [0, 112, 60, 181]);
    assert.deepEqual(t.weight, [2, 1, 1, 1]); // c2 and c6 share (0, 0, 0)
    assert.deepEqual(t.holdout, [0, 1, 0, 2]);
    const g = await spendGroups(store.conn, PERIOD);
    assert.deepEqual(g, { frequency: [1, 2], monetary: [300, 2500], weight: [1, 1] });
  } finally {
    closeStore(store);
  }
});

test('predictions join back per customer: top list and CSV export', async () => {
  const store = await openStore(':memory:');
  const dir = mkdtempSync(join(tmpdir(), 'kenshin-clv-'));
  try {
    await loadOrders(store.conn, FIXTURE);
    const t = await summaryTriples(store.conn, PERIOD);
    const n = t.frequency.length;
    // Made-up predictions: CLV = 0.9 × (10 + 0.5 × mean spend) for every customer.
    await savePredictions(store.conn, {
      ...t,
      pAlive: new Float64Array(n).fill(0.5),
      expectedPurchases: t.frequency.map((x) => x + 1),
      discountedPurchases: new Float64Array(n).fill(0.9),
      spendIntercept: new Float64Array(n).fill(10),
      spendSlope: t.frequency.map((x) => (x > 0 ? 0.5 : 0)),
    });
    const top = await topCustomersByClv(store.conn, PERIOD, 2);
    assert.deepEqual(
      top.map((c) => [c.customer_id, c.predicted_clv]),
      [
        ['c1', 0.9 * (10 + 0.5 * 2500)],
        ['c5', 0.9 * (10 + 0.5 * 300)],
      ],
    );
    const path = join(dir, "it's clv.csv"); // a quote in the path must not break the statement
    assert.equal(await exportClvCsv(store.conn, PERIOD, path), 5);
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    assert.equal(
      lines[0],
      'customer_id,frequency,recency,T,monetary_value,p_alive,expected_purchases,expected_spend,predicted_clv',
    );
    assert.equal(lines.length, 6);
    assert.ok(lines[1].startsWith('c1,2,121.0,181.0,2500.0,0.5,3.0,1260.0,1134.0'), lines[1]);
  } finally {
    closeStore(store);
    rmSync(dir, { recursive: true, force: true });
  }
});

// CDNOW 1/10 sample (README in /work/shared/data/cdnow): master id, sample id, YYYYMMDD, CDs, dollars.
const CDNOW = new URL('../../../shared/data/cdnow/', import.meta.url);

function readCsv(name: string): Map<number, number[]> {
  const lines = readFileSync(new URL(name, CDNOW), 'utf8').trim().split(/\r?\n/).slice(1);
  return new Map(lines.map((l) => l.split(',').map(Number)).map((r) => [r[0], r]));
}

test('the CDNOW calibration summaries are rebuilt exactly from the transactions', async () => {
  const orders: Order[] = readFileSync(new URL('CDNOW_sample.txt', CDNOW), 'utf8')
    .trim()
    .split(/\r?\n/)
    .map((line) => {
      const [, id, d, , dollars] = line.trim().split(/\s+/);
      return [
        String(Number(id)),
        `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)} 12:00:00`,
        dollars,
      ];
    });
  const store = await openStore(':memory:');
  try {
    await loadOrders(store.conn, orders);
    const s = await customerSummaries(store.conn, { calEnd: '1997-09-30', unit: 'weeks' });
    const summary = readCsv('cdnow_customers_summary.csv'); // ID, frequency, recency, T
    const money = readCsv('cdnow_customers_summary_with_transactions.csv'); // ID, x, t_x, T, zbar
    // 8 of the 2,357 customers have a single $0.00 order only: not a purchase (SPEC §2).
    const zeroOnly = [87, 155, 227, 286, 1080, 1195, 1293, 2086];
    assert.equal(s.customer_id.length, 2357 - zeroOnly.length);
    const seen = new Set(s.customer_id.map(Number));
    assert.deepEqual(
      [...summary.keys()].filter((id) => !seen.has(id)),
      zeroOnly,
    );
    for (let i = 0; i < s.customer_id.length; i++) {
      const id = Number(s.customer_id[i]);
      const [, x, tx, T] = summary.get(id)!;
      const zbar = money.get(id)![4];
      assert.equal(s.frequency[i], x, `customer ${id} frequency`);
      // The csv rounds weeks and dollars to 2 decimals.
      assert.ok(
        Math.abs(s.recency[i] - tx) <= 0.005 + 1e-9,
        `customer ${id} recency ${s.recency[i]} vs ${tx}`,
      );
      assert.ok(Math.abs(s.T[i] - T) <= 0.005 + 1e-9, `customer ${id} T ${s.T[i]} vs ${T}`);
      assert.ok(Math.abs((s.monetary_value[i] ?? 0) - zbar) <= 0.005 + 1e-9, `customer ${id} zbar`);
    }
    const triples = await summaryTriples(store.conn, { calEnd: '1997-09-30', unit: 'weeks' });
    assert.equal(
      triples.weight.reduce((a, b) => a + b, 0),
      2349,
    );
  } finally {
    closeStore(store);
  }
});
