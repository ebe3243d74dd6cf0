// The legacy 楽天 RMS 受注CSV (fixtures/rakuten-legacy): detected with no flags and never taken for
// the 楽天ペイ layout, the core figures equal to what the fixture generator computed on its own, and
// the rules that kept a real export from giving wrong numbers: -99999 is no amount (the order is
// then valued by its lines, its 送料 unknown), キャンセル is a cancellation and a cancellation with a
// parcel number a return, the customer is the orderer's name + phone.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { queryJson } from '../../store/db.js';
import { detectPreset } from './registry.js';
import { assertCore, importAll, readExpected, withFreshStore } from './testing.js';

const DIR = join(import.meta.dirname, 'fixtures', 'rakuten-legacy');
const FILE = join(DIR, 'rakuten-legacy-orders.csv');
const expected = readExpected(join(DIR, 'expected.json'));
const extra = expected as unknown as {
  rows: number;
  customers: number;
  guest_orders: number;
  unfixed_order: { order_id: string; amount: number };
  unfixed_orders: number;
  returned_order: string;
  cancelled_order: string;
  spaced_customer_orders: string[];
};

// The header line as the file has it (Shift_JIS, every field quoted).
const headers = new TextDecoder('shift_jis')
  .decode(readFileSync(FILE))
  .split('\r\n')[0]
  .split(',')
  .map((h) => h.replace(/^"|"$/g, ''));

test('楽天 legacy 受注CSV: detected by its headers, not taken for the 楽天ペイ layout', () => {
  assert.equal(detectPreset('orders', headers)?.id, 'rakuten-legacy');
  assert.equal(detectPreset('order-items', headers)?.id, 'rakuten-legacy');
  // A file with both layouts' key headers is neither (the signatures rule each other out).
  assert.equal(detectPreset('orders', [...headers, '注文番号', 'サブステータスID'])?.id, undefined);
});

test('楽天 legacy 受注CSV: core figures as computed by the generator', async () => {
  await withFreshStore(async (store) => {
    const [r] = await importAll(store, [['orders', FILE]]);
    assert.equal(r.preset, 'rakuten-legacy');
    assert.equal(r.customerKey.rule, 'name_phone');
    await assertCore(store, expected);

    const one = async (id: string) =>
      (
        await queryJson(
          store.conn,
          `SELECT customer_id, CAST(amount AS INTEGER) AS amount, shipping, status, channel FROM orders WHERE order_id = '${id}'`,
        )
      )[0];
    const count = async (sql: string) => Number((await queryJson(store.conn, sql))[0].n);

    // 合計金額 and 送料 written -99999 (not fixed yet): no values, the order is Σ 単価 × 個数.
    const unfixed = await one(extra.unfixed_order.order_id);
    assert.deepEqual(
      [unfixed.status, unfixed.amount, unfixed.shipping],
      ['completed', extra.unfixed_order.amount, null],
    );
    assert.equal(unfixed.channel, 'rakuten');
    assert.equal(
      await count(`SELECT count(*) AS n FROM orders WHERE amount < 0 OR shipping < 0`),
      0,
      'no -99999 stored',
    );
    // キャンセル without a parcel number is a cancellation; with one (shipped first) a return.
    assert.equal((await one(extra.cancelled_order)).status, 'cancelled');
    assert.equal((await one(extra.returned_order)).status, 'returned');
    // One person, three orders, three different masked e-mails, the family name once followed by
    // an ideographic space: one customer.
    const ids = extra.spaced_customer_orders.map((id) => `'${id}'`).join(', ');
    const keys = await queryJson(
      store.conn,
      `SELECT DISTINCT customer_id FROM orders WHERE order_id IN (${ids})`,
    );
    assert.equal(keys.length, 1);
    assert.match(String(keys[0].customer_id), /^np:/);
    // No phone: a guest order.
    assert.equal(
      await count(`SELECT count(*) AS n FROM orders WHERE customer_id IS NULL`),
      extra.guest_orders,
    );
    assert.equal(
      await count(`SELECT count(DISTINCT customer_id) AS n FROM orders`),
      extra.customers,
    );
    assert.equal(await count(`SELECT count(*) AS n FROM order_items`), extra.rows);
  });
});
