// The Amazon order report (new orders) imports with no flags from both of its encodings: the
// Shift_JIS report Amazon.co.jp wrote until 2021-11 and the UTF-8 one after. The buyer is the
// lower-cased buyer-email, item-price is the line total, and UTC times land on Japanese dates.
// Figures: each file alone and both together, as the fixture's generator computed them.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { queryJson } from '../../store/db.js';
import { assertCore, importAll, readExpected, withFreshStore } from './testing.js';

const DIR = join(import.meta.dirname, 'fixtures', 'amazon-new-orders');
const SJIS = join(DIR, 'orders-sjis.txt');
const UTF8 = join(DIR, 'orders-utf8.txt');

test('Amazon order report, Shift_JIS (before 2021-11): detected and decoded, figures as computed', async () => {
  await withFreshStore(async (store) => {
    const [r] = await importAll(store, [['orders', SJIS]]);
    assert.equal(r.preset, 'amazon-new-orders');
    assert.equal(r.encoding, 'cp932');
    assert.equal(r.delimiter, '\t');
    assert.deepEqual(r.customerKey, { rule: 'email', headers: ['buyer-email'] });
    await assertCore(store, readExpected(join(DIR, 'expected-sjis.json')));
    // CP932-only characters (髙, ①, ㈱) survive the decoding.
    const names = (
      await queryJson(store.conn, `SELECT DISTINCT product_name AS n FROM order_items ORDER BY n`)
    ).map((x) => x.n);
    assert.ok(names.includes('髙橋農園の有機ほうじ茶 ①番摘み 100g'));
    assert.ok(names.includes('㈱山田製作所 ステンレスボトル 500ml'));
    // item-price 1,760 is 2 × 880: the unit price is derived, the amount not multiplied again.
    const [o] = await queryJson(
      store.conn,
      `SELECT o.amount::DOUBLE AS amount, i.quantity::DOUBLE AS q, i.unit_price::DOUBLE AS p
       FROM orders o JOIN order_items i USING (order_id) WHERE order_id = '503-7225196-8444380'`,
    );
    assert.deepEqual(o, { amount: 1760 + 550, q: 2, p: 880 });
  });
});

test('Amazon order report, UTF-8 (from 2021-11): detected, figures as computed', async () => {
  await withFreshStore(async (store) => {
    const [r] = await importAll(store, [['orders', UTF8]]);
    assert.equal(r.preset, 'amazon-new-orders');
    assert.equal(r.encoding, 'utf8');
    await assertCore(store, readExpected(join(DIR, 'expected-utf8.json')));
  });
});

test('Amazon order report, both files: one customer history across the encoding switch', async () => {
  await withFreshStore(async (store) => {
    await importAll(store, [
      ['orders', SJIS],
      ['orders', UTF8],
    ]);
    await assertCore(store, readExpected(join(DIR, 'expected.json')));
    // The buyer written once in upper case is the same customer, keyed lower-case.
    const [mixed] = await queryJson(
      store.conn,
      `SELECT customer_id AS c, (SELECT count(*)::INTEGER FROM orders p WHERE p.customer_id = o.customer_id) AS n
       FROM orders o WHERE order_id = '249-9541129-7233919'`,
    );
    assert.equal(mixed.c, 'w78tuv8tr0f7165@marketplace.amazon.co.jp');
    assert.ok(Number(mixed.n) > 1);
    // UTC 2021-10-31 15:20 is 2021-11-01 00:20 in Tokyo: the day that keeps this customer retained.
    const [edge] = await queryJson(
      store.conn,
      `SELECT strftime(ordered_at, '%Y-%m-%d %H:%M') AS at, customer_id AS c FROM orders WHERE order_id = '249-0704765-4187703'`,
    );
    assert.deepEqual(edge, {
      at: '2021-11-01 00:20',
      c: 'edgecase0000001@marketplace.amazon.co.jp',
    });
    // Orders whose buyer Amazon withheld (buyer-email empty) are guests.
    const [g] = await queryJson(
      store.conn,
      `SELECT count(*)::INTEGER AS n FROM orders WHERE customer_id IS NULL`,
    );
    assert.equal(g.n, 8);
  });
});
