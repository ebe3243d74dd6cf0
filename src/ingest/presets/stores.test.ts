// The STORES order CSV imports with no flags: Shift_JIS decoded, the preset detected, the buyer's
// e-mail as the customer key (lower-cased), ステータス read (キャンセル stored cancelled), the order
// amount its 合計 read once (not summed over the rows that repeat it), and the core figures of the
// fixture (make.py).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { queryJson } from '../../store/db.js';
import { assertCore, importAll, readExpected, withFreshStore } from './testing.js';

const DIR = join(import.meta.dirname, 'fixtures', 'stores');

test('STORES orders CSV: detected, figures as the fixture computed', async () => {
  await withFreshStore(async (store) => {
    const [r] = await importAll(store, [['orders', join(DIR, '20250901093000.csv')]]);
    assert.equal(r.preset, 'stores');
    assert.equal(r.encoding, 'cp932');
    assert.deepEqual(r.customerKey, { rule: 'email', headers: ['メールアドレス'] });
    await assertCore(store, readExpected(join(DIR, 'expected.json')));

    const order = async (id: string) =>
      (
        await queryJson(
          store.conn,
          `SELECT customer_id AS c, amount::DOUBLE AS amount, discount_amount::DOUBLE AS discount, status,
             (SELECT count(*)::INTEGER FROM order_items i WHERE i.order_id = o.order_id) AS lines
           FROM orders o WHERE order_id = '${id}'`,
        )
      )[0];
    // 合計 11,330 (2,200 + 5,280 + 2 × 1,980 + 決済手数料 190 − クーポン 300) on each of three rows:
    // the amount is 11,330, not three times it, and not the lines' 11,440.
    const three = await order('6616619165');
    assert.deepEqual(
      { amount: three.amount, discount: three.discount, lines: three.lines, status: three.status },
      { amount: 11330, discount: 300, lines: 3, status: 'completed' },
    );
    const [soap] = await queryJson(
      store.conn,
      `SELECT quantity::DOUBLE AS q, unit_price::DOUBLE AS p FROM order_items
       WHERE order_id = '6616619165' AND product_name LIKE 'ﾊﾝﾄﾞﾒｲﾄﾞ%'`,
    );
    assert.deepEqual(soap, { q: 2, p: 1980 });
    // The ten-digit order number keeps its leading zeros.
    assert.equal((await order('0086944639')).lines, 2);
    assert.equal((await order('0606776396')).status, 'cancelled');
    // Taro@Example.jp is the customer taro@example.jp.
    assert.equal((await order('1246505167')).c, 'taro@example.jp');
    // A line without 品番 is known by its アイテム名.
    const [apron] = await queryJson(
      store.conn,
      `SELECT sku FROM order_items WHERE order_id = '6533434576'`,
    );
    assert.equal(apron.sku, 'リネンエプロン カタカナ刺繍');
    const [g] = await queryJson(
      store.conn,
      `SELECT count(*)::INTEGER AS n FROM orders WHERE customer_id IS NULL`,
    );
    assert.equal(g.n, 6);
  });
});
