// The 楽天ペイ受注 CSV (fixtures/rakuten-pay): detected with no flags, the core figures equal to
// what the fixture generator computed on its own, and the rules that kept a real export from giving
// wrong numbers: the amount is 合計金額 less the shop's coupons (not 請求金額, which points bring to
// 0), キャンセル確定 is a cancellation and a cancellation after shipping a return, the customer is
// the orderer's name + phone (the fixture masks the e-mail anew on every order).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { queryJson } from '../../store/db.js';
import { detectPreset } from './registry.js';
import { rakutenPay } from './rakuten-pay.js';
import { assertCore, importAll, readExpected, withFreshStore } from './testing.js';

const DIR = join(import.meta.dirname, 'fixtures', 'rakuten-pay');
const FILE = join(DIR, 'rakuten-pay-orders.csv');
const expected = readExpected(join(DIR, 'expected.json'));
const extra = expected as unknown as {
  rows: number;
  customers: number;
  guest_orders: number;
  full_points_order: { order_id: string; amount: number };
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

test('楽天ペイ受注 CSV: detected by its headers, not taken for the legacy layout', () => {
  assert.equal(detectPreset('orders', headers)?.id, 'rakuten-pay');
  assert.equal(detectPreset('order-items', headers)?.id, 'rakuten-pay');
  // The API's codes are accepted as well as the RMS words.
  assert.equal(rakutenPay.statuses?.['900'], 'cancelled');
  assert.equal(rakutenPay.statuses?.['500'], 'completed');
});

test('楽天ペイ受注 CSV: core figures as computed by the generator', async () => {
  await withFreshStore(async (store) => {
    const [r] = await importAll(store, [['orders', FILE]]);
    assert.equal(r.preset, 'rakuten-pay');
    assert.equal(r.customerKey.rule, 'name_phone');
    await assertCore(store, expected);

    const one = async (id: string) =>
      (
        await queryJson(
          store.conn,
          `SELECT customer_id, CAST(amount AS INTEGER) AS amount, status, channel FROM orders WHERE order_id = '${id}'`,
        )
      )[0];
    const count = async (sql: string) => Number((await queryJson(store.conn, sql))[0].n);

    // Paid wholly with points (請求金額 0): still a purchase of 合計金額 less the shop's coupon.
    const full = await one(extra.full_points_order.order_id);
    assert.deepEqual([full.status, full.amount], ['completed', extra.full_points_order.amount]);
    assert.equal(full.channel, 'rakuten');
    // キャンセル確定 before shipping is a cancellation; after shipping (発送完了報告日時 set) a return.
    assert.equal((await one(extra.cancelled_order)).status, 'cancelled');
    assert.equal((await one(extra.returned_order)).status, 'returned');
    // One person, three orders, three different masked e-mails, her family name once written with
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
