// The スマレジ 取引 CSV, one row per transaction (fixtures/smaregi-transactions): detected with no
// flags (and not as the detail layout), the core figures equal to what the fixture generator
// computed on its own, and the same head-column rules as the detail export: cash-drawer rows are no
// sales, 取消区分 1 is a cancellation, a 返品 or 消込 transaction is a credit note, walk-ins are guests.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { queryJson } from '../../store/db.js';
import { assertCore, importAll, readExpected, withFreshStore } from './testing.js';

const DIR = join(import.meta.dirname, 'fixtures', 'smaregi-transactions');
const expected = readExpected(join(DIR, 'expected.json'));
const checks = (expected as unknown as { checks: Record<string, Record<string, string | number>> })
  .checks;

test('スマレジ 取引 CSV (per transaction): detected, core figures as computed by the generator', async () => {
  await withFreshStore(async (store) => {
    const [r] = await importAll(store, [['orders', join(DIR, 'smaregi-transactions.csv')]]);
    assert.equal(r.preset, 'smaregi-transactions');
    assert.equal(r.encoding.toLowerCase().replace(/[^a-z0-9]/g, ''), 'cp932');
    assert.equal(r.rowsSkipped, expected.skipped_rows, 'cash-drawer and point rows skipped');
    assert.deepEqual(r.customerKey.headers, ['会員ID']);
    await assertCore(store, expected);

    const one = async (id: string) =>
      (
        await queryJson(
          store.conn,
          `SELECT order_id, customer_id, CAST(amount AS INTEGER) AS amount, status, channel,
             (SELECT count(*)::INTEGER FROM order_items i WHERE i.order_id = o.order_id) AS lines
           FROM orders o WHERE order_id = '${id}'`,
        )
      )[0];

    // 取引区分 3 (出金) made no order, although its 合計 is a positive amount.
    assert.equal(await one(String(checks.cash_drawer.id)), undefined);
    // 取消区分 1: stored, cancelled, still the member's.
    const c = await one(String(checks.cancelled.id));
    assert.equal(c.status, 'cancelled');
    assert.equal(c.customer_id, checks.cancelled.customer);
    // A 返品 transaction: a credit note with its negative 合計.
    const cn = await one(String(checks.credit_note.id));
    assert.deepEqual([cn.status, cn.amount], ['returned', checks.credit_note.amount]);
    // A 消込 (打消区分 2): the negative copy is a credit note on its own date; the original stays.
    const d = await one(String(checks.disposed.id));
    assert.deepEqual([d.status, d.amount], ['returned', checks.disposed.amount]);
    assert.equal((await one(String(checks.disposed.of))).status, 'completed');
    // The amount is 合計, after unit and subtotal discounts; the file has no lines.
    const disc = await one(String(checks.discounted.id));
    assert.equal(disc.amount, checks.discounted.amount);
    assert.equal(disc.lines, 0);
    assert.equal(disc.channel, 'pos');
    assert.equal(r.mode, 'rows');
    // A walk-in sale has no 会員ID: a guest order.
    assert.equal((await one(String(checks.guest.id))).customer_id, null);
  });
});
