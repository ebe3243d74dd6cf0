// Data is sacred: what an import must never do to stored data — overwrite values the file does
// not have, collapse rows that only look alike, delete order lines the file does not mention,
// round amounts silently, take impossible dates, or call an import that stored nothing a success.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { importFixture, rows, snapshot, TempStores } from '../../test/fixtures/import/kit.js';
import type { Store } from '../store/db.js';

const stores = new TempStores();
before(() => stores.init());
after(() => stores.cleanup());

let n = 0;
/** Writes a CSV into the test directory; returns its path. */
async function csv(text: string): Promise<string> {
  const path = stores.path(`f${n++}.csv`);
  await writeFile(path, text);
  return path;
}

/** Returns the table counts of a result as [table, inserted, updated, unchanged]. */
function counts(r: {
  tables: { table: string; inserted: number; updated: number; unchanged: number }[];
}) {
  return r.tables.map((t) => [t.table, t.inserted, t.updated, t.unchanged]);
}

/** Returns today's date in Tokyo shifted by `days`, as YYYY-MM-DD. */
function tokyoDate(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(d);
}

describe('data is sacred', () => {
  test('re-importing orders without a status column keeps the stored status', async () => {
    await stores.with(async (store) => {
      await importFixture(
        store,
        'orders',
        await csv(
          'order_id,customer_id,ordered_at,amount,status\n' +
            'S1,C1,2024-01-05,1000,キャンセル\nS2,C2,2024-01-06,2000,返品\nS3,C3,2024-01-07,3000,完了\nS4,C4,2024-01-08,4000,キャンセル\n',
        ),
      );
      const r = await importFixture(
        store,
        'orders',
        await csv(
          'order_id,customer_id,ordered_at,amount\n' +
            'S1,C1,2024-01-05,1000\nS2,C2,2024-01-06,2000\nS3,C3,2024-01-07,-3000\nS4,C4,2024-01-08,-4000\nS5,C5,2024-01-09,5000\n',
        ),
      );
      assert.equal(r.ok, true);
      assert.deepEqual(counts(r), [['orders', 1, 2, 2]]);
      assert.deepEqual(await rows(store, `SELECT order_id, status FROM orders ORDER BY 1`), [
        { order_id: 'S1', status: 'cancelled' },
        { order_id: 'S2', status: 'returned' },
        // A negative amount is a credit note (returned) unless the order is cancelled.
        { order_id: 'S3', status: 'returned' },
        { order_id: 'S4', status: 'cancelled' },
        { order_id: 'S5', status: 'completed' },
      ]);
    });
  });

  test('re-importing a line file without a status column keeps the stored status', async () => {
    await stores.with(async (store) => {
      const head = 'order_id,customer_id,ordered_at,sku,quantity,unit_price';
      await importFixture(
        store,
        'order-items',
        await csv(
          `${head},status\nL1,C1,2024-01-05,A,1,1000,キャンセル\nL2,C2,2024-01-06,A,2,1000,返品\nL3,C3,2024-01-07,A,1,500,完了\n`,
        ),
      );
      const r = await importFixture(
        store,
        'order-items',
        await csv(
          `${head}\nL1,C1,2024-01-05,A,1,1000\nL2,C2,2024-01-06,A,2,1000\nL3,C3,2024-01-07,A,-1,500\nL4,C4,2024-01-08,A,1,700\n`,
        ),
      );
      assert.equal(r.ok, true);
      assert.deepEqual(await rows(store, `SELECT order_id, status FROM orders ORDER BY 1`), [
        { order_id: 'L1', status: 'cancelled' },
        { order_id: 'L2', status: 'returned' },
        { order_id: 'L3', status: 'returned' },
        { order_id: 'L4', status: 'completed' },
      ]);
    });
  });

  test('ad-spend rows of one date and channel are summed, never collapsed; a re-import is unchanged', async () => {
    await stores.with(async (store) => {
      const file = await csv(
        'date,channel,amount\n2024-01,Google,1000\n2024-01,Google,1000\n2024-01,Yahoo,500\n2024-02,Google,700\n2024-02,Google,300\n',
      );
      const r = await importFixture(store, 'ad-spend', file);
      assert.equal(r.ok, true, JSON.stringify(r.validation.errors));
      assert.equal(r.rowsCollapsed, 0);
      assert.equal(r.rowsStored, 5);
      const stored = `SELECT strftime(date, '%Y-%m') AS m, channel, CAST(amount AS INT) AS a FROM ad_spend ORDER BY 1, 2`;
      assert.deepEqual(await rows(store, stored), [
        { m: '2024-01', channel: 'Google', a: 2000 },
        { m: '2024-01', channel: 'Yahoo', a: 500 },
        { m: '2024-02', channel: 'Google', a: 1000 },
      ]);
      const again = await importFixture(store, 'ad-spend', file);
      assert.deepEqual(counts(again), [['ad_spend', 0, 0, 3]]);
      assert.deepEqual(await rows(store, stored), [
        { m: '2024-01', channel: 'Google', a: 2000 },
        { m: '2024-01', channel: 'Yahoo', a: 500 },
        { m: '2024-02', channel: 'Google', a: 1000 },
      ]);
    });
  });

  test('a partial order-items file updates its lines and keeps the others', async () => {
    await stores.with(async (store) => {
      const full = await csv(
        'order_id,sku,quantity,unit_price\nX1,A,1,100\nX1,B,2,50\nX1,C,1,30\nX1,A,1,100\nX2,A,5,100\n',
      );
      const lines = `SELECT order_id, line_no, sku, CAST(quantity AS INT) AS q FROM order_items ORDER BY 1, 2`;
      await importFixture(store, 'order-items', full);
      const first = await rows(store, lines);
      const again = await importFixture(store, 'order-items', full);
      assert.deepEqual(counts(again), [['order_items', 0, 0, 2]]);
      assert.deepEqual(await rows(store, lines), first);

      // Only line B of X1 changes, and X1 gets a new line D: A, C and the second A stay.
      const partial = await importFixture(
        store,
        'order-items',
        await csv('order_id,sku,quantity,unit_price\nX1,B,3,50\nX1,D,1,10\n'),
      );
      assert.equal(partial.ok, true);
      assert.deepEqual(counts(partial), [['order_items', 0, 1, 0]]);
      assert.deepEqual(await rows(store, lines), [
        { order_id: 'X1', line_no: 1, sku: 'A', q: 1 },
        { order_id: 'X1', line_no: 2, sku: 'B', q: 3 },
        { order_id: 'X1', line_no: 3, sku: 'C', q: 1 },
        { order_id: 'X1', line_no: 4, sku: 'A', q: 1 },
        { order_id: 'X1', line_no: 5, sku: 'D', q: 1 },
        { order_id: 'X2', line_no: 1, sku: 'A', q: 5 },
      ]);
    });
  });

  test('an amount with more decimals than stored is refused, not rounded', async () => {
    await stores.with(async (store) => {
      const r = await importFixture(
        store,
        'orders',
        await csv(
          'order_id,customer_id,ordered_at,amount\nP1,C1,2024-01-05,0.00001\nP2,C1,2024-01-05,"¥1,234.56789"\nP3,C1,2024-01-05,1234.50000\nP4,C1,2024-01-05,12.3456\n',
        ),
      );
      assert.equal(r.ok, false);
      assert.deepEqual(
        r.validation.errors.map((e) => [e.row, e.column, e.value, e.code]),
        [
          [2, 'amount', '0.00001', 'too_many_decimals'],
          [3, 'amount', '¥1,234.56789', 'too_many_decimals'],
        ],
      );
      assert.match(r.validation.errors[0].message, /小数.*4.* \/ more than 4 decimal places/);
    });
  });

  test('dates before 1990 or after tomorrow are refused with row and column', async () => {
    await stores.with(async (store) => {
      const tomorrow = tokyoDate(1);
      const r = await importFixture(
        store,
        'orders',
        await csv(
          `order_id,customer_id,ordered_at,amount\nD1,C1,1900-01-01,100\nD2,C1,1989-12-31 23:59,100\nD3,C1,1990-01-01,100\nD4,C1,${tomorrow},100\nD5,C1,${tokyoDate(3)},100\nD6,C1,2099-01-01,100\n`,
        ),
      );
      assert.equal(r.ok, false);
      assert.deepEqual(
        r.validation.errors.map((e) => [e.row, e.column, e.code]),
        [
          [2, 'ordered_at', 'date_too_early'],
          [3, 'ordered_at', 'date_too_early'],
          [6, 'ordered_at', 'date_in_future'],
          [7, 'ordered_at', 'date_in_future'],
        ],
      );
      assert.match(r.validation.errors[0].message, /1990.* \/ .*before 1990-01-01/);
      assert.match(r.validation.errors[2].message, / \/ .*in the future/);
      // Birth dates may be old, never in the future.
      const c = await importFixture(
        store,
        'customers',
        await csv('customer_id,birth_date\nK1,1930-05-01\nK2,2099-01-01\n'),
      );
      assert.deepEqual(
        c.validation.errors.map((e) => [e.row, e.column, e.code]),
        [[3, 'birth_date', 'date_in_future']],
      );
    });
  });

  test('an import whose every row is rejected is a failure that stores nothing', async () => {
    await stores.with(async (store: Store) => {
      await importFixture(store, 'orders', 'orders-utf8.csv');
      const before = await snapshot(store);
      const rejects = stores.path('all-rejected.csv');
      const r = await importFixture(
        store,
        'orders',
        await csv(
          'order_id,customer_id,ordered_at,amount\nR1,C1,2024/13/45,100\nR2,C1,2024-01-05,abc\n',
        ),
        { rejectFile: rejects },
      );
      assert.equal(r.ok, false);
      assert.equal(r.rowsStored, 0);
      assert.equal(r.rowsRejected, 2);
      assert.equal(await snapshot(store), before, 'not even an import_runs row');
      assert.match(await readFile(rejects, 'utf8'), /R1,C1,2024\/13\/45,100,/);
    });
  });
});

test('a reject file that is the input itself is refused before anything is written or stored', async () => {
  await stores.with(async (store) => {
    const text =
      'order_id,customer_id,ordered_at,amount\nQ1,C1,2024-01-05,100\nQ2,C1,2024/13/45,100\n';
    const file = await csv(text);
    const before = await snapshot(store);
    await assert.rejects(importFixture(store, 'orders', file, { rejectFile: file }), {
      code: 'reject_file_is_input',
    });
    assert.equal(await readFile(file, 'utf8'), text);
    assert.equal(await snapshot(store), before);
  });
});
