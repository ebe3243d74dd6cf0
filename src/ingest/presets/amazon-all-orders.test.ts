// The Amazon All Orders report imports with no flags but --allow-guests (it has no buyer column):
// detected, the line totals not multiplied again, UTC times on their Japanese dates, cancelled
// lines of shipped orders skipped, and the core figures of the fixture (make.py) all in
// unattributed revenue.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { queryJson } from '../../store/db.js';
import { importFile } from '../import.js';
import { assertCore, importAll, readExpected, withFreshStore } from './testing.js';

const DIR = join(import.meta.dirname, 'fixtures', 'amazon-all-orders');
const FILE = join(DIR, 'all-orders.txt');

test('Amazon All Orders report: detected, every order a guest, figures as the fixture computed', async () => {
  await withFreshStore(async (store) => {
    // Without a buyer column every order is a guest: the engine asks for --allow-guests.
    const [r] = await importAll(store, [['orders', FILE]], { allowGuests: true });
    assert.equal(r.preset, 'amazon-all-orders');
    assert.equal(r.customerKey.rule, 'none');
    const expected = readExpected(join(DIR, 'expected.json'));
    const stored = Object.values(expected.orders!).reduce((a, b) => a + b, 0);
    assert.deepEqual(r.guestOrders, { guests: stored, orders: stored });
    assert.equal(r.rowsSkipped, expected.skipped_rows);
    await assertCore(store, expected);

    const order = async (id: string) =>
      (
        await queryJson(
          store.conn,
          `SELECT customer_id, strftime(ordered_at, '%Y-%m-%d %H:%M') AS at, amount::DOUBLE AS amount, status,
             (SELECT count(*)::INTEGER FROM order_items i WHERE i.order_id = o.order_id) AS lines
           FROM orders o WHERE order_id = '${id}'`,
        )
      )[0];
    // item-price 4,740 is the total of 3 × 1,580: not multiplied by the quantity again; + 550 shipping.
    const three = await order('503-1977446-3400972');
    assert.deepEqual(
      {
        customer: three.customer_id,
        amount: three.amount,
        status: three.status,
        lines: three.lines,
      },
      { customer: null, amount: 5290, status: 'completed', lines: 1 },
    );
    const [item] = await queryJson(
      store.conn,
      `SELECT quantity::DOUBLE AS q, unit_price::DOUBLE AS p FROM order_items WHERE order_id = '503-1977446-3400972'`,
    );
    assert.deepEqual(item, { q: 3, p: 1580 });
    // UTC 2024-09-30 15:05 is 2024-10-01 00:05 in Tokyo: the first minutes of the window.
    assert.equal((await order('503-8983466-6456306')).at, '2024-10-01 00:05');
    // A promotion written as -200 takes 200 off: 1,760 + 2,400 − 200.
    assert.equal((await order('249-1193410-9288912')).amount, 3960);
    // Lines Amazon has not priced (pending payment, cancelled before payment) are skipped whole.
    assert.equal(await order('503-0588323-4601026'), undefined);
    assert.equal(await order('250-5571385-3691454'), undefined);
    // The cancelled line of a shipped order made no line and no money: 3,300 + 1,980 kept.
    const partial = await order('249-1766046-5850719');
    assert.equal(partial.lines, 2);
    assert.equal(partial.amount, 5280);
    assert.equal((await order('250-4963784-9464328')).status, 'cancelled');
    assert.equal((await order('249-2901537-4316783')).status, 'returned');
  });
});

test('Amazon All Orders report: refused without --allow-guests (no customer key at all)', async () => {
  await withFreshStore(async (store) => {
    await assert.rejects(importFile(store.conn, { entity: 'orders', file: FILE }), {
      code: 'too_many_guests',
    });
    const [n] = await queryJson(store.conn, `SELECT count(*)::INTEGER AS n FROM orders`);
    assert.equal(n.n, 0);
  });
});
