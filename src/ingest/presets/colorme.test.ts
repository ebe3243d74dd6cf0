// The カラーミーショップ 受注データ CSV (fixtures/colorme): detected with no flags, the core figures
// equal to what the fixture generator computed on its own, and the rules that keep a real export from
// giving wrong numbers: the キャンセル mark is no sale even on a shipped sale (a whole return), an
// unpaid sale is still an order, the amount is 合計金額 (with tax and shipping, less discounts; not
// 商品合計金額 nor Σ 販売個数 × 税込販売価格), the key is the lower-cased e-mail, so a non-member's
// sales are one customer, and a sale without an e-mail is a guest.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { queryJson } from '../../store/db.js';
import { assertCore, importAll, readExpected, withFreshStore } from './testing.js';

const DIR = join(import.meta.dirname, 'fixtures', 'colorme');
const expected = readExpected(join(DIR, 'expected.json'));
interface Checks {
  cancelled_after_shipping: { id: string };
  unpaid: { id: string };
  partial_return: { id: string; amount: number; lines: number };
  mixed_case: { id: string; customer: string };
  non_member: { id: string; customer: string };
  non_member_again: { id: string; customer: string };
  no_email: { id: string };
  multi: { id: string; amount: number; goods: number; lines: number; line_total: number };
}
const checks = (expected as unknown as { checks: Checks }).checks;

test('カラーミーショップ 受注データ CSV: detected, core figures as computed by the generator', async () => {
  await withFreshStore(async (store) => {
    const [r] = await importAll(store, [['orders', join(DIR, 'colorme-orders.csv')]]);
    assert.equal(r.preset, 'colorme');
    assert.equal(r.encoding.toLowerCase().replace(/[^a-z0-9]/g, ''), 'cp932');
    assert.equal(r.customerKey.rule, 'email');
    assert.deepEqual(r.customerKey.headers, ['購入者メールアドレス']);
    await assertCore(store, expected);

    const one = async (id: string) =>
      (
        await queryJson(
          store.conn,
          `SELECT order_id, customer_id, CAST(amount AS INTEGER) AS amount, status,
             (SELECT count(*)::INTEGER FROM order_items i WHERE i.order_id = o.order_id) AS lines,
             (SELECT CAST(sum(quantity * unit_price) AS INTEGER) FROM order_items i WHERE i.order_id = o.order_id) AS line_total
           FROM orders o WHERE order_id = '${id}'`,
        )
      )[0];

    // キャンセル wins over 発送済み.
    assert.equal((await one(checks.cancelled_after_shipping.id)).status, 'cancelled');
    assert.equal((await one(checks.unpaid.id)).status, 'completed');
    const pr = await one(checks.partial_return.id);
    assert.deepEqual(
      [pr.amount, pr.lines],
      [checks.partial_return.amount, checks.partial_return.lines],
    );
    // 合計金額; the lines at 税込販売価格.
    const m = await one(checks.multi.id);
    assert.deepEqual(
      [m.amount, m.lines, m.line_total],
      [checks.multi.amount, checks.multi.lines, checks.multi.line_total],
    );
    assert.notEqual(m.amount, checks.multi.goods);
    assert.equal((await one(checks.mixed_case.id)).customer_id, checks.mixed_case.customer);
    // A non-member's two sales (two 顧客ID) are one customer, by the e-mail.
    assert.equal((await one(checks.non_member.id)).customer_id, checks.non_member.customer);
    assert.equal(
      (await one(checks.non_member_again.id)).customer_id,
      checks.non_member_again.customer,
    );
    assert.equal((await one(checks.no_email.id)).customer_id, null);
  });
});
