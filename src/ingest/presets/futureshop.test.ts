// The futureshop 受注データ CSV (fixtures/futureshop): detected with no flags, the core figures equal
// to what the fixture generator computed on its own, and the rules that keep a real export from
// giving wrong numbers: ステータス キャンセル is no sale (also after shipping: a whole return), 保留
// is still an order, the amount is 請求合計金額 (after points and discounts, not 商品合計金額), the
// key is the lower-cased e-mail and an order without one is a guest.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { queryJson } from '../../store/db.js';
import { assertCore, importAll, readExpected, withFreshStore } from './testing.js';

const DIR = join(import.meta.dirname, 'fixtures', 'futureshop');
const expected = readExpected(join(DIR, 'expected.json'));
interface Checks {
  cancelled_after_shipping: { id: string };
  on_hold: { id: string };
  partial_return: { id: string; amount: number; lines: number };
  mixed_case: { id: string; customer: string };
  no_email: { id: string };
  points: { id: string; amount: number; goods: number };
}
const checks = (expected as unknown as { checks: Checks }).checks;

test('futureshop 受注データ CSV: detected, core figures as computed by the generator', async () => {
  await withFreshStore(async (store) => {
    const [r] = await importAll(store, [['orders', join(DIR, 'futureshop-orders.csv')]]);
    assert.equal(r.preset, 'futureshop');
    assert.equal(r.encoding.toLowerCase().replace(/[^a-z0-9]/g, ''), 'cp932');
    assert.equal(r.customerKey.rule, 'email');
    assert.deepEqual(r.customerKey.headers, ['メールアドレス(メイン)']);
    await assertCore(store, expected);

    const one = async (id: string) =>
      (
        await queryJson(
          store.conn,
          `SELECT order_id, customer_id, CAST(amount AS INTEGER) AS amount, status,
             (SELECT count(*)::INTEGER FROM order_items i WHERE i.order_id = o.order_id) AS lines
           FROM orders o WHERE order_id = '${id}'`,
        )
      )[0];

    // A shipped order returned whole is キャンセル in futureshop: stored cancelled.
    assert.equal((await one(checks.cancelled_after_shipping.id)).status, 'cancelled');
    // 保留 is an order on hold, not a cancellation.
    assert.equal((await one(checks.on_hold.id)).status, 'completed');
    // A partial return edits the order: its 請求合計金額 and its remaining lines.
    const pr = await one(checks.partial_return.id);
    assert.deepEqual(
      [pr.amount, pr.lines],
      [checks.partial_return.amount, checks.partial_return.lines],
    );
    // The amount is 請求合計金額 (after the points used), not 商品合計金額.
    const pt = await one(checks.points.id);
    assert.equal(pt.amount, checks.points.amount);
    assert.notEqual(pt.amount, checks.points.goods);
    // Taro.Yamada@Example.JP is taro.yamada@example.jp.
    assert.equal((await one(checks.mixed_case.id)).customer_id, checks.mixed_case.customer);
    // An order keyed in without an e-mail is a guest order.
    assert.equal((await one(checks.no_email.id)).customer_id, null);
  });
});
