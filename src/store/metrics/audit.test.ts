import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeStore } from '../db.js';
import { exec, insertOrders, memoryStore } from '../fixtures.js';
import { roundedQuotientSql } from '../../domain/audit.js';
import { parseSettings } from '../../domain/settings.js';
import { assetAudit, type AssetAuditReport } from './audit.js';

// D = 2023-12-31, 24 months: 2022-01 … 2023-12; active = a purchase in 2023; margin 40 %.
const D = '2023-12-31';

async function audit(): Promise<AssetAuditReport> {
  const db = await memoryStore();
  await exec(
    db.conn,
    `INSERT INTO customers (customer_id, acquisition_channel) VALUES
    ('s1', 'search'), ('s2', 'search'), ('s3', 'search'), ('s4', 'search'), ('s5', 'search'),
    ('s6', 'search'), ('o1', 'search'), ('x1', '')`,
  );
  await exec(
    db.conn,
    `INSERT INTO ad_spend VALUES
    ('2023-03-01', 'search', 1000), ('2023-03-15', 'search', 2000), ('2023-03-01', 'social', 500),
    ('2022-06-01', 'search', 1000), ('2021-06-01', 'search', 9999), ('2024-01-01', 'search', 9999)`,
  );
  await insertOrders(db.conn, [
    // 2023-03 search: s1 1000 + 2000, s2 500, s3 2000 less a 500 return.
    { customer_id: 's1', at: '2023-03-05', amount: 1000 },
    { customer_id: 's1', at: '2023-10-01', amount: 2000 },
    { customer_id: 's2', at: '2023-03-10', amount: 500 },
    { customer_id: 's3', at: '2023-03-20', amount: 2000 },
    { customer_id: 's3', at: '2023-04-01', amount: -500, status: 'returned' },
    // 2022-06 search: s4 300 (gone), s5 5000 (gone), s6 100 and again 100 in 2023.
    { customer_id: 's4', at: '2022-06-15', amount: 300 },
    { customer_id: 's5', at: '2022-06-20', amount: 5000 },
    { customer_id: 's6', at: '2022-06-25', amount: 100 },
    { customer_id: 's6', at: '2023-02-01', amount: 100 },
    // u1 has no customers row, x1 a blank channel: both 'unknown'.
    { customer_id: 'u1', at: '2023-05-05', amount: 700 },
    { customer_id: 'x1', at: '2023-05-06', amount: 50 },
    // Not new in the audited months (first purchase 2021), a guest, a cancelled first order,
    // and an order after D.
    { customer_id: 'o1', at: '2021-05-01', amount: 100 },
    { customer_id: 'o1', at: '2023-03-03', amount: 100 },
    { customer_id: null, at: '2023-03-04', amount: 100 },
    { customer_id: 's2', at: '2023-02-01', amount: 900, status: 'cancelled' },
    { customer_id: 's2', at: '2024-01-02', amount: 900 },
  ]);
  const r = await assetAudit({
    conn: db.conn,
    asOf: D,
    settings: parseSettings({ gross_margin_rate: 0.4 }),
  });
  closeStore(db);
  return r;
}

test('asset audit per acquisition month and channel, reproduced by hand', async () => {
  const r = await audit();
  assert.deepEqual([r.from_month, r.to_month, r.gross_margin_rate], ['2022-01', '2023-12', 0.4]);
  const cell = (month: string, channel: string) =>
    r.cells.find((c) => c.month === month && c.channel === channel);
  // 2023-03 search: S = 1000 + 2000, N = 3 → CPA 1000. Gross profit: s1 3000·0.4 = 1200 ≥ 1000
  // recovered; s2 200 and s3 (2000 − 500)·0.4 = 600 not. All bought in 2023: active, none lost.
  assert.deepEqual(cell('2023-03', 'search'), {
    month: '2023-03',
    channel: 'search',
    ad_spend: 3000,
    new_customers: 3,
    customers_with_cpa: 3,
    cpa: 1000,
    active: 3,
    churned: 0,
    gross_profit: 2000,
    gross_profit_per_customer: 2000 / 3,
    recovered: 1,
    recovered_share: 1 / 3,
    unrecovered_customers: 0,
    unrecovered_cost: 0,
  });
  // 2022-06 search: S = 1000, N = 3 → CPA 333.3333. s4 120 (churned, not recovered), s5 2000
  // (churned, recovered), s6 80 (active, not recovered). Unrecovered cost = 1000/3 − 120 =
  // 213.3333 (exactly (1·1000 − 3·120)/3 = 640/3, rounded to 0.0001).
  assert.deepEqual(cell('2022-06', 'search'), {
    month: '2022-06',
    channel: 'search',
    ad_spend: 1000,
    new_customers: 3,
    customers_with_cpa: 3,
    cpa: 333.3333,
    active: 1,
    churned: 2,
    gross_profit: 2200,
    gross_profit_per_customer: 2200 / 3,
    recovered: 1,
    recovered_share: 1 / 3,
    unrecovered_customers: 1,
    unrecovered_cost: 213.3333,
  });
  // Spend without customers: CPA unknown. Customers without spend: CPA and recovery unknown.
  const social = cell('2023-03', 'social');
  assert.deepEqual(
    [social?.ad_spend, social?.new_customers, social?.cpa, social?.recovered],
    [500, 0, null, null],
  );
  const unknown = cell('2023-05', 'unknown');
  assert.deepEqual(
    [
      unknown?.ad_spend,
      unknown?.new_customers,
      unknown?.cpa,
      unknown?.gross_profit,
      unknown?.recovered,
      unknown?.unrecovered_cost,
    ],
    [null, 2, null, 300, null, null],
  );
  assert.equal(r.cells.length, 4);
});

test('asset audit totals per channel and overall', async () => {
  const r = await audit();
  const search = r.by_channel.find((c) => c.channel === 'search');
  // search: S 4000, N 6 → CPA 666.6667; active s1 s2 s3 s6; churned s4 s5; gross profit 4200.
  assert.deepEqual(search, {
    channel: 'search',
    ad_spend: 4000,
    new_customers: 6,
    customers_with_cpa: 6,
    cpa: 666.6667,
    active: 4,
    churned: 2,
    gross_profit: 4200,
    gross_profit_per_customer: 700,
    recovered: 2,
    recovered_share: 2 / 6,
    unrecovered_customers: 1,
    unrecovered_cost: 213.3333,
  });
  // Overall: S 4500 (social's 500 included) over the 6 customers of cells with spend → 750.
  assert.deepEqual(r.total, {
    ad_spend: 4500,
    new_customers: 8,
    customers_with_cpa: 6,
    cpa: 750,
    active: 6,
    churned: 2,
    gross_profit: 4500,
    gross_profit_per_customer: 4500 / 8,
    recovered: 2,
    recovered_share: 2 / 6,
    unrecovered_customers: 1,
    unrecovered_cost: 213.3333,
  });
  assert.deepEqual(
    r.by_channel.map((c) => c.channel),
    ['search', 'social', 'unknown'],
  );
});

test('decimal division is exact and rounds half away from zero to 0.0001', async () => {
  const db = await memoryStore();
  const q = (n: string, d: string, s: number) =>
    roundedQuotientSql(`CAST(${n} AS DECIMAL(38,${s}))`, d, s);
  const reader = await db.conn.runAndReadAll(`SELECT
    ${q('1000', '3', 4)} AS a, ${q('2000', '3', 4)} AS b, ${q('-2000', '3', 4)} AS c,
    ${q('0.00005', '1', 10)} AS d, ${q('123456789012345.6789', '1', 4)} AS e, ${q('1', '8', 4)} AS f`);
  closeStore(db);
  assert.deepEqual(reader.getRowObjectsJson()[0], {
    a: '333.3333',
    b: '666.6667',
    c: '-666.6667',
    d: '0.0001',
    e: '123456789012345.6789',
    f: '0.1250',
  });
});
