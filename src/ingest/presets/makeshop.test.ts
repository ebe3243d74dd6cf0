// The MakeShop 注文データ CSV (fixtures/makeshop): detected with no flags, the core figures equal to
// what the fixture generator computed on its own, and the rules that keep a real export from giving
// wrong numbers: 注文キャンセル is no sale, 返送 (sent back) is a whole return, 未処理 is an order,
// the amount is 合計金額 (after points and coupons, not 商品合計金額 nor Σ 数量 × 販売価格), the key
// is the lower-cased e-mail for members and visitors alike, an order without one is a guest.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { queryJson } from '../../store/db.js';
import { assertCore, importAll, readExpected, withFreshStore } from './testing.js';

const DIR = join(import.meta.dirname, 'fixtures', 'makeshop');
const expected = readExpected(join(DIR, 'expected.json'));
interface Checks {
  cancelled: { id: string };
  sent_back: { id: string; amount: number };
  unprocessed: { id: string };
  mixed_case: { id: string; customer: string };
  visitor: { id: string; customer: string };
  no_email: { id: string };
  multi: { id: string; amount: number; goods: number; lines: number; date: string };
}
const checks = (expected as unknown as { checks: Checks }).checks;

test('MakeShop 注文データ CSV: detected, core figures as computed by the generator', async () => {
  await withFreshStore(async (store) => {
    const [r] = await importAll(store, [['orders', join(DIR, 'makeshop-orders.csv')]]);
    assert.equal(r.preset, 'makeshop');
    assert.equal(r.encoding.toLowerCase().replace(/[^a-z0-9]/g, ''), 'cp932');
    assert.equal(r.customerKey.rule, 'email');
    assert.deepEqual(r.customerKey.headers, ['注文者メールアドレス']);
    await assertCore(store, expected);

    const one = async (id: string) =>
      (
        await queryJson(
          store.conn,
          `SELECT order_id, customer_id, CAST(amount AS INTEGER) AS amount, status,
             strftime(ordered_at, '%Y-%m-%d') AS day,
             (SELECT count(*)::INTEGER FROM order_items i WHERE i.order_id = o.order_id) AS lines
           FROM orders o WHERE order_id = '${id}'`,
        )
      )[0];

    assert.equal((await one(checks.cancelled.id)).status, 'cancelled');
    // 返送: a whole return with its positive amount (neither purchase nor revenue).
    const sb = await one(checks.sent_back.id);
    assert.deepEqual([sb.status, sb.amount], ['returned', checks.sent_back.amount]);
    assert.equal((await one(checks.unprocessed.id)).status, 'completed');
    // 合計金額, not 商品合計金額; one line per product row; the date from 日付.
    const m = await one(checks.multi.id);
    assert.deepEqual(
      [m.amount, m.lines, m.day],
      [checks.multi.amount, checks.multi.lines, checks.multi.date],
    );
    assert.notEqual(m.amount, checks.multi.goods);
    assert.equal((await one(checks.mixed_case.id)).customer_id, checks.mixed_case.customer);
    // A visitor (no 会員ID) is a customer known by the e-mail, here written in capitals.
    assert.equal((await one(checks.visitor.id)).customer_id, checks.visitor.customer);
    assert.equal((await one(checks.no_email.id)).customer_id, null);
  });
});
