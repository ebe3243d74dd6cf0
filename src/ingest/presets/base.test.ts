// The BASE order CSV imports with no flags: Shift_JIS decoded, the preset detected, the e-mail as
// the customer key (lower-cased), 発送状況 read (キャンセル stored cancelled), the order amount as
// BASE totals it (lines + 送料 + 代引き手数料 + 調整金額, the repeated order columns taken once), and
// the core figures of the fixture (make.py).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { queryJson } from '../../store/db.js';
import { assertCore, importAll, readExpected, withFreshStore } from './testing.js';

const DIR = join(import.meta.dirname, 'fixtures', 'base');

test('BASE orders CSV: detected, figures as the fixture computed', async () => {
  await withFreshStore(async (store) => {
    const [r] = await importAll(store, [['orders', join(DIR, 'orders.csv')]]);
    assert.equal(r.preset, 'base');
    assert.equal(r.encoding, 'cp932');
    assert.deepEqual(r.customerKey, { rule: 'email', headers: ['メールアドレス(請求先)'] });
    // 434 lines, one 備考 spanning two lines of the file inside its quotes.
    assert.equal(r.rowsRead, 434);
    await assertCore(store, readExpected(join(DIR, 'expected.json')));

    const order = async (id: string) =>
      (
        await queryJson(
          store.conn,
          `SELECT customer_id AS c, amount::DOUBLE AS amount, status,
             (SELECT count(*)::INTEGER FROM order_items i WHERE i.order_id = o.order_id) AS lines
           FROM orders o WHERE order_id = '${id}'`,
        )
      )[0];
    // 2,200 + a 330 gift-wrapping option row + 2,484, 送料 600 and 調整金額 −300 taken once
    // though written on all three rows.
    const wrapped = await order('C8AFFCD5979C3E3E');
    assert.deepEqual(
      { amount: wrapped.amount, status: wrapped.status, lines: wrapped.lines },
      { amount: 5314, status: 'completed', lines: 3 },
    );
    // 代引き手数料 330 belongs to the order: 1,620 + 1,296 + 330 option + 600 + 330.
    assert.equal((await order('603D44FCB3D97A33')).amount, 4176);
    // 価格 is the unit price: 2 × 5,280 counted once (1,296 + 10,560 + 330 + 1,980, free shipping).
    assert.equal((await order('903458D519F4F95F')).amount, 14166);
    assert.equal((await order('2987CABAE47A50B1')).status, 'cancelled');
    // Hanako.Sato@Example.JP is the customer hanako.sato@example.jp, with her other orders.
    const mixed = await order('FA98C50A1E5A882B');
    assert.equal(mixed.c, 'hanako.sato@example.jp');
    const [n] = await queryJson(
      store.conn,
      `SELECT count(*)::INTEGER AS n FROM orders WHERE customer_id = 'hanako.sato@example.jp'`,
    );
    assert.ok(Number(n.n) > 1);
    // Partner-shop orders have no buyer: guests.
    const [g] = await queryJson(
      store.conn,
      `SELECT count(*)::INTEGER AS n FROM orders WHERE customer_id IS NULL`,
    );
    assert.equal(g.n, 7);
  });
});
