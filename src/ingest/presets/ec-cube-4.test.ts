// The EC-CUBE 4 受注CSV (fixtures/ec-cube-4): detected with no flags, the core figures equal to what
// the fixture generator computed on its own, and the rules that keep a real export from giving
// wrong numbers: the 送料/手数料/割引/ポイント rows make no lines, carts still at 購入処理中 or
// 決済処理中 make no orders, 注文取消し and 返品 are not sales, the amount is 支払合計 (not
// Σ 個数 × 価格), the key is the lower-cased e-mail for members and guest checkouts alike.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { queryJson } from '../../store/db.js';
import { assertCore, importAll, readExpected, withFreshStore } from './testing.js';

const DIR = join(import.meta.dirname, 'fixtures', 'ec-cube-4');
const expected = readExpected(join(DIR, 'expected.json'));
interface Checks {
  split: { id: string; shipping: number; amount: number };
  cancelled: { id: string };
  returned: { id: string; amount: number };
  pending: { ids: string[] };
  mixed_case: { id: string; customer: string };
  guest_checkout: { id: string; customer: string };
  no_email: { id: string };
  multi: {
    id: string;
    amount: number;
    lines: number;
    shipping: number;
    discount: number;
    sum_qty_price: number;
  };
}
const checks = (expected as unknown as { checks: Checks }).checks;

test('EC-CUBE 4 受注CSV: detected, core figures as computed by the generator', async () => {
  await withFreshStore(async (store) => {
    const [r] = await importAll(store, [['orders', join(DIR, 'ec-cube-4-orders.csv')]]);
    assert.equal(r.preset, 'ec-cube-4');
    assert.equal(r.encoding.toLowerCase().replace(/[^a-z0-9]/g, ''), 'cp932');
    assert.equal(
      r.rowsSkipped,
      expected.skipped_rows,
      '送料/手数料/割引/ポイント rows and unfinished carts',
    );
    assert.equal(r.customerKey.rule, 'email');
    assert.deepEqual(r.customerKey.headers, ['メールアドレス']);
    await assertCore(store, expected);

    const one = async (id: string) =>
      (
        await queryJson(
          store.conn,
          `SELECT order_id, customer_id, CAST(amount AS INTEGER) AS amount, status,
             CAST(shipping AS INTEGER) AS shipping, CAST(discount_amount AS INTEGER) AS discount,
             (SELECT count(*)::INTEGER FROM order_items i WHERE i.order_id = o.order_id) AS lines
           FROM orders o WHERE order_id = '${id}'`,
        )
      )[0];

    // 3 注文取消し is stored cancelled, 9 返品 returned with its positive 支払合計.
    assert.equal((await one(checks.cancelled.id)).status, 'cancelled');
    const ret = await one(checks.returned.id);
    assert.deepEqual([ret.status, ret.amount], ['returned', checks.returned.amount]);
    // 8 購入処理中 / 7 決済処理中: carts, not orders.
    for (const id of checks.pending.ids) assert.equal(await one(id), undefined, id);
    // The amount is 支払合計; only the product rows are lines; 送料 is the order's first 送料 column.
    const m = await one(checks.multi.id);
    assert.equal(m.amount, checks.multi.amount);
    assert.notEqual(m.amount, checks.multi.sum_qty_price);
    assert.equal(m.lines, checks.multi.lines);
    assert.equal(m.shipping, checks.multi.shipping);
    assert.equal(m.discount, checks.multi.discount);
    const [types] = await queryJson(
      store.conn,
      `SELECT count(*)::INTEGER AS n FROM order_items WHERE product_name IN ('送料', '手数料', 'ポイント値引', 'クーポン値引き')`,
    );
    assert.equal(types.n, 0, 'no line from a non-product row');
    // An order sent to two addresses: shipping is the order's 送料 (both shipments), not the first
    // shipment's fee in the second 送料 column.
    const split = await one(checks.split.id);
    assert.deepEqual([split.shipping, split.amount], [checks.split.shipping, checks.split.amount]);
    // Taro.Yamada@Example.JP is the same customer as taro.yamada@example.jp.
    assert.equal((await one(checks.mixed_case.id)).customer_id, checks.mixed_case.customer);
    // A guest checkout (no 会員ID) is still a customer, known by the e-mail.
    assert.equal((await one(checks.guest_checkout.id)).customer_id, checks.guest_checkout.customer);
    // An order without an e-mail is a guest order.
    assert.equal((await one(checks.no_email.id)).customer_id, null);
  });
});
