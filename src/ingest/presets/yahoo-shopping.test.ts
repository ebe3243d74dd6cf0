// Yahoo!ショッピング 注文データ (fixtures/yahoo-shopping): the order file and the item file, each
// detected with no flags; the core figures equal to what the fixture generator computed on its own;
// and the rules that kept a real export from giving wrong numbers: OrderStatus 4 is a cancellation
// (a return when it was shipped), the amount is TotalPrice (points do not lower it), the customer is
// the lower-cased BillMailAddress. The item file only adds the orders' lines.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { queryJson } from '../../store/db.js';
import { buildPlan } from '../plan.js';
import { detectPreset } from './registry.js';
import { assertCore, importAll, readExpected, withFreshStore } from './testing.js';

const DIR = join(import.meta.dirname, 'fixtures', 'yahoo-shopping');
const ORDERS = join(DIR, 'yahoo-orders.csv');
const ITEMS = join(DIR, 'yahoo-items.csv');
const expected = readExpected(join(DIR, 'expected.json'));
const extra = expected as unknown as {
  order_rows: number;
  item_rows: number;
  items_sum: number;
  customers: number;
  guest_orders: number;
  email_pair_orders: string[];
  full_points_order: { order_id: string; amount: number };
  returned_order: string;
  cancelled_order: string;
};

const headersOf = (file: string) =>
  new TextDecoder('shift_jis')
    .decode(readFileSync(file))
    .split('\r\n')[0]
    .split(',')
    .map((h) => h.replace(/^"|"$/g, ''));

// The item file has no order time: the engine must read it as lines of stored orders ('items'
// mode). Until it does for a preset, the item import test is a todo rather than a failure.
const itemsMode = buildPlan('order-items', headersOf(ITEMS)).mode === 'items';
const todo = itemsMode ? false : "engine: a line preset's file without ordered_at in 'items' mode";

const one = async (conn: Parameters<typeof queryJson>[0], id: string) =>
  (
    await queryJson(
      conn,
      `SELECT customer_id, CAST(amount AS INTEGER) AS amount, status, channel FROM orders WHERE order_id = '${id}'`,
    )
  )[0];
const count = async (conn: Parameters<typeof queryJson>[0], sql: string) =>
  Number((await queryJson(conn, sql))[0].n);

test('Yahoo!ショッピング: each file is detected by its headers', () => {
  const orders = headersOf(ORDERS);
  const items = headersOf(ITEMS);
  assert.equal(detectPreset('orders', orders)?.id, 'yahoo-shopping-orders');
  assert.equal(detectPreset('order-items', orders)?.id, 'yahoo-shopping-orders');
  assert.equal(detectPreset('order-items', items)?.id, 'yahoo-shopping-items');
  assert.equal(detectPreset('orders', items), null);
});

test('Yahoo!ショッピング order file: core figures as computed by the generator', async () => {
  await withFreshStore(async (store) => {
    const [r] = await importAll(store, [['orders', ORDERS]]);
    assert.equal(r.preset, 'yahoo-shopping-orders');
    assert.deepEqual([r.customerKey.rule, r.customerKey.headers], ['email', ['BillMailAddress']]);
    await assertCore(store, expected);

    // Taro@Example.jp and taro@example.jp: one customer, keyed by the lower-cased address.
    const [a, b] = extra.email_pair_orders;
    assert.equal((await one(store.conn, a)).customer_id, 'taro@example.jp');
    assert.equal((await one(store.conn, b)).customer_id, 'taro@example.jp');
    // Paid wholly with points: a purchase of its TotalPrice.
    const full = await one(store.conn, extra.full_points_order.order_id);
    assert.deepEqual([full.status, full.amount], ['completed', extra.full_points_order.amount]);
    assert.equal(full.channel, 'yahoo');
    // 4 キャンセル before shipping is a cancellation; with a ShipDate, a return.
    assert.equal((await one(store.conn, extra.cancelled_order)).status, 'cancelled');
    assert.equal((await one(store.conn, extra.returned_order)).status, 'returned');
    // No BillMailAddress: a guest order.
    assert.equal(
      await count(store.conn, `SELECT count(*) AS n FROM orders WHERE customer_id IS NULL`),
      extra.guest_orders,
    );
    assert.equal(
      await count(store.conn, `SELECT count(DISTINCT customer_id) AS n FROM orders`),
      extra.customers,
    );
  });
});

test(
  'Yahoo!ショッピング order file then item file: the lines join their orders',
  { todo },
  async () => {
    await withFreshStore(async (store) => {
      const [ro, ri] = await importAll(store, [
        ['orders', ORDERS],
        ['order-items', ITEMS],
      ]);
      assert.equal(ro.preset, 'yahoo-shopping-orders');
      assert.equal(ri.preset, 'yahoo-shopping-items');
      // The lines change no order: the figures are the order file's.
      await assertCore(store, expected);
      assert.equal(await count(store.conn, `SELECT count(*) AS n FROM orders`), extra.order_rows);
      assert.equal(
        await count(store.conn, `SELECT count(*) AS n FROM order_items`),
        extra.item_rows,
      );
      assert.equal(
        await count(
          store.conn,
          `SELECT CAST(sum(quantity * unit_price) AS BIGINT) AS n FROM order_items`,
        ),
        extra.items_sum,
      );
      assert.equal(
        await count(
          store.conn,
          `SELECT count(*) AS n FROM order_items i WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.order_id = i.order_id)`,
        ),
        0,
      );
    });
  },
);
