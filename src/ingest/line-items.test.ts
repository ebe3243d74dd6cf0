import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { FIX, importFixture as run, rows, TempStores } from '../../test/fixtures/import/kit.js';

const ONLINE_RETAIL = '/work/shared/data/online-retail/online-retail.csv.gz';
const stores = new TempStores();
before(() => stores.init());
after(() => stores.cleanup());
const withStore = stores.with.bind(stores);

describe('line-item files', () => {
  test('orders built from lines: sums, a C-prefixed cancellation, guests, decimal ids', async () => {
    await withStore(async (store) => {
      const r = await run(store, 'order-items', 'line-items.csv');
      assert.equal(r.ok, true);
      assert.equal(r.mode, 'lines');
      assert.deepEqual(
        r.tables.map((t) => [t.table, t.inserted, t.rowsWritten]),
        [
          ['orders', 5, 5],
          ['order_items', 5, 7],
        ],
      );
      assert.deepEqual(
        await rows(
          store,
          `SELECT order_id, customer_id, strftime(ordered_at, '%Y-%m-%d %H:%M') AS t, CAST(amount AS VARCHAR) AS amount, status FROM orders ORDER BY ordered_at`,
        ),
        [
          {
            order_id: '536365',
            customer_id: '17850',
            t: '2010-12-01 08:26',
            amount: '35.6400',
            status: 'completed',
          },
          {
            order_id: '536366',
            customer_id: '17850',
            t: '2010-12-01 08:28',
            amount: '11.1000',
            status: 'completed',
          },
          {
            order_id: 'C536379',
            customer_id: '14527',
            t: '2010-12-01 09:41',
            amount: '-27.5000',
            status: 'returned',
          },
          {
            order_id: '536414',
            customer_id: null,
            t: '2010-12-01 11:52',
            amount: '0.0000',
            status: 'completed',
          },
          {
            order_id: '536544',
            customer_id: null,
            t: '2010-12-01 14:32',
            amount: '20.5100',
            status: 'completed',
          },
        ],
      );
      assert.deepEqual(
        await rows(
          store,
          `SELECT order_id, line_no, sku, product_name FROM order_items WHERE order_id IN ('536365', '536544') ORDER BY 1, 2`,
        ),
        [
          {
            order_id: '536365',
            line_no: 1,
            sku: '85123A',
            product_name: 'WHITE HANGING HEART T-LIGHT HOLDER',
          },
          { order_id: '536365', line_no: 2, sku: '71053', product_name: 'WHITE METAL LANTERN' },
          {
            order_id: '536544',
            line_no: 1,
            sku: '21773',
            product_name: 'DECORATIVE ROSE BATHROOM BOTTLE',
          },
          { order_id: '536544', line_no: 2, sku: 'POST', product_name: 'POSTAGE' },
        ],
      );
      // Σ amount of the orders = Σ quantity × unit_price of the file, exactly.
      assert.deepEqual(
        await rows(
          store,
          `SELECT CAST(sum(amount) AS VARCHAR) AS a, (SELECT CAST(sum(quantity * unit_price) AS DECIMAL(18,4))::VARCHAR FROM order_items) AS q FROM orders`,
        ),
        [{ a: '39.7500', q: '39.7500' }],
      );
      assert.ok(
        r.mapping.some((c) => c.header === 'Country' && c.field === null),
        'Country is listed as ignored',
      );
    });
  });

  test('a line file imported twice changes nothing', async () => {
    await withStore(async (store) => {
      await run(store, 'orders', 'line-items.csv');
      const before = await rows(store, `SELECT * FROM order_items ORDER BY ALL`);
      const again = await run(store, 'orders', 'line-items.csv');
      assert.deepEqual(
        again.tables.map((t) => [t.table, t.inserted, t.updated, t.unchanged, t.rowsWritten]),
        [
          ['orders', 0, 0, 5, 0],
          ['order_items', 0, 0, 5, 0],
        ],
      );
      assert.deepEqual(await rows(store, `SELECT * FROM order_items ORDER BY ALL`), before);
      // One line of one order changes (product name only: same sum): that order's lines are replaced.
      const text = await readFile(join(FIX, 'line-items.csv'), 'utf8');
      const changed = stores.path('line-items-changed.csv');
      await writeFile(changed, text.replace('WHITE METAL LANTERN', 'WHITE METAL LANTERN (L)'));
      const third = await run(store, 'orders', changed);
      assert.deepEqual(
        third.tables.map((t) => [t.table, t.inserted, t.updated, t.unchanged, t.rowsWritten]),
        [
          ['orders', 0, 0, 5, 0],
          ['order_items', 0, 1, 4, 2],
        ],
      );
      assert.deepEqual(
        await rows(
          store,
          `SELECT product_name FROM order_items WHERE order_id = '536365' ORDER BY line_no`,
        ),
        [
          { product_name: 'WHITE HANGING HEART T-LIGHT HOLDER' },
          { product_name: 'WHITE METAL LANTERN (L)' },
        ],
      );
    });
  });

  test('POS lines in Japanese: a returned order, and lines that disagree on the customer', async () => {
    await withStore(async (store) => {
      const r = await run(store, 'orders', 'pos-lines.csv');
      assert.equal(r.ok, false);
      assert.deepEqual(
        r.validation.errors.map((e) => [e.row, e.column, e.value, e.code]),
        [[6, '会員番号', 'M4', 'order_conflict']],
      );
      assert.match(r.validation.errors[0].message, /first at row 5/);
      const rejects = stores.path('pos-rejects.csv');
      const stored = await run(store, 'orders', 'pos-lines.csv', { rejectFile: rejects });
      assert.equal(stored.rowsRejected, 2, 'both lines of the disagreeing order are rejected');
      assert.deepEqual(
        await rows(
          store,
          `SELECT order_id, customer_id, CAST(amount AS INT) AS a, status FROM orders ORDER BY 1`,
        ),
        [
          { order_id: 'R1', customer_id: 'M1', a: 4200, status: 'completed' },
          { order_id: 'R2', customer_id: 'M2', a: 1200, status: 'returned' },
        ],
      );
      const text = await readFile(rejects, 'utf8');
      assert.match(text, /R3,M3,.*another line of this order is invalid \(row 6\)/);
    });
  });

  test('a Shopify orders export without a mapping', async () => {
    await withStore(async (store) => {
      const r = await run(store, 'orders', 'shopify-orders.csv');
      assert.equal(r.ok, true);
      assert.equal(r.preset, 'shopify');
      assert.deepEqual(
        await rows(
          store,
          `SELECT order_id, customer_id, strftime(ordered_at, '%Y-%m-%d %H:%M') AS t, CAST(amount AS INT) AS a,
          CAST(discount_amount AS INT) AS d, CAST(shipping AS INT) AS s, status, channel, coupon_code FROM orders ORDER BY 1`,
        ),
        [
          {
            order_id: '#1001',
            customer_id: 'taro@example.com',
            t: '2024-01-05 10:00',
            a: 5500,
            d: 500,
            s: 500,
            status: 'completed',
            channel: 'web',
            coupon_code: 'WELCOME10',
          },
          {
            order_id: '#1002',
            customer_id: 'hanako@example.com',
            t: '2024-01-06 12:00',
            a: 3000,
            d: null,
            s: 0,
            status: 'returned',
            channel: 'web',
            coupon_code: null,
          },
          {
            order_id: '#1003',
            customer_id: 'taro@example.com',
            t: '2024-01-07 18:30',
            a: 6000,
            d: null,
            s: 500,
            status: 'completed',
            channel: 'web',
            coupon_code: null,
          },
          {
            order_id: '#1004',
            customer_id: 'jiro@example.com',
            t: '2024-01-07 21:00',
            a: 1200,
            d: null,
            s: 0,
            status: 'cancelled',
            channel: 'web',
            coupon_code: null,
          },
          {
            order_id: '#1005',
            customer_id: null,
            t: '2024-01-08 09:15',
            a: 800,
            d: null,
            s: 0,
            status: 'completed',
            channel: 'pos',
            coupon_code: null,
          },
        ],
      );
      assert.deepEqual(
        await rows(
          store,
          `SELECT order_id, line_no, sku, CAST(quantity AS INT) AS q, CAST(unit_price AS INT) AS p FROM order_items WHERE order_id IN ('#1001', '#1003') ORDER BY 1, 2`,
        ),
        [
          { order_id: '#1001', line_no: 1, sku: 'TS-001', q: 2, p: 2000 },
          { order_id: '#1001', line_no: 2, sku: 'ST-001', q: 1, p: 1500 },
          { order_id: '#1003', line_no: 1, sku: 'CF-200', q: 2, p: 3500 },
          { order_id: '#1003', line_no: 2, sku: 'ギフトラッピング', q: 1, p: 500 },
        ],
      );
    });
  });

  test('a Shopify export in another currency is refused row by row', async () => {
    await withStore(async (store) => {
      await store.conn.run(
        `INSERT INTO settings (key, value) VALUES ('settings', '{"currency": "USD"}')`,
      );
      const r = await run(store, 'orders', 'shopify-orders.csv');
      assert.equal(r.ok, false);
      assert.deepEqual(
        [
          ...new Set(
            r.validation.errors.filter((e) => e.code === 'currency_mismatch').map((e) => e.column),
          ),
        ],
        ['Currency'],
      );
    });
  });
});

describe(
  'Online Retail (UCI), the real file',
  { skip: !existsSync(ONLINE_RETAIL) && 'data file not present' },
  () => {
    // Known totals (README of the data): 541,909 lines, 25,900 invoices, 4,372 customer ids,
    // Σ quantity 5,176,450, Σ quantity × unit price 9,747,747.93. Returns: the 3,836 C invoices, 1,336
    // stock adjustments whose lines are all negative (price 0) and 2 bad-debt adjustments (A…).
    test('imports as line items and matches the known totals', async () => {
      await withStore(async (store) => {
        const r = await run(store, 'order-items', ONLINE_RETAIL, { creditPrefix: 'C' });
        assert.equal(r.ok, true);
        assert.equal(r.rowsRead, 541_909);
        assert.deepEqual(
          await rows(
            store,
            `SELECT count(*)::INT AS orders, count(DISTINCT customer_id)::INT AS customers, CAST(sum(amount) AS VARCHAR) AS revenue,
          count(*) FILTER (WHERE status = 'returned')::INT AS returned, count(*) FILTER (WHERE customer_id IS NULL)::INT AS guest,
          (SELECT count(*) FROM order_items)::INT AS lines, (SELECT CAST(sum(quantity) AS INT) FROM order_items) AS qty FROM orders`,
          ),
          [
            {
              orders: 25_900,
              customers: 4_372,
              revenue: '9747747.9340',
              returned: 5_174,
              guest: 3_710,
              lines: 541_909,
              qty: 5_176_450,
            },
          ],
        );
      });
    });
  },
);
