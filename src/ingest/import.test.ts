import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import iconv from 'iconv-lite';
import { importFixture, rows, TempStores } from '../../test/fixtures/import/kit.js';
import { loadMapping } from '../store/import-mappings.js';

const stores = new TempStores();
before(() => stores.init());
after(() => stores.cleanup());

describe('orders: encodings and value forms', () => {
  test('UTF-8 canonical file with every date and amount form', async () => {
    await stores.with(async (store) => {
      const r = await importFixture(store, 'orders', 'orders-utf8.csv');
      assert.equal(r.ok, true);
      assert.equal(r.encoding, 'utf8');
      assert.equal(r.bom, false);
      assert.equal(r.rowsRead, 8);
      assert.deepEqual(r.tables[0], {
        table: 'orders',
        inserted: 8,
        updated: 0,
        unchanged: 0,
        rowsWritten: 8,
      });
      const got = await rows(
        store,
        `SELECT order_id, customer_id, strftime(ordered_at, '%Y-%m-%d %H:%M') AS t, CAST(amount AS VARCHAR) AS amount,
        CAST(discount_amount AS VARCHAR) AS d, status, channel, coupon_code FROM orders ORDER BY order_id`,
      );
      assert.deepEqual(
        got.map((o) => [o.order_id, o.customer_id, o.t, o.amount, o.status]),
        [
          ['A001', 'C001', '2024-01-05 00:00', '1234.0000', 'completed'],
          ['A002', 'C002', '2024-01-05 10:00', '1234.0000', 'completed'],
          ['A003', 'C001', '2024-01-05 00:00', '1234.0000', 'completed'],
          ['A004', 'C003', '2024-01-05 10:00', '1234.0000', 'completed'],
          ['A005', null, '2024-01-05 00:00', '-100.0000', 'returned'],
          ['A006', 'C004', '2024-01-05 10:00', '-100.0000', 'returned'],
          ['A007', 'C005', '2024-01-06 00:00', '-500.0000', 'returned'],
          ['A008', 'C002', '2024-01-07 09:30', '0.0000', 'cancelled'],
        ],
      );
      assert.equal(got[1].d, '100.0000');
      assert.equal(got[1].coupon_code, 'SPRING');
      assert.ok(
        r.warnings.some((w) =>
          w.includes('1 orders with a negative amount are stored as returned'),
        ),
      );
    });
  });

  test('UTF-8 with BOM and English headers', async () => {
    await stores.with(async (store) => {
      const r = await importFixture(store, 'orders', 'orders-utf8-bom.csv');
      assert.equal(r.bom, true);
      assert.deepEqual(
        r.mapping.map((c) => [c.header, c.field]),
        [
          ['Order ID', 'order_id'],
          ['Customer ID', 'customer_id'],
          ['Order Date', 'ordered_at'],
          ['Total', 'amount'],
          ['Status', 'status'],
        ],
      );
      assert.deepEqual(
        await rows(
          store,
          `SELECT order_id, CAST(amount AS INT) AS a, status FROM orders ORDER BY 1`,
        ),
        [
          { order_id: 'B001', a: 1000, status: 'completed' },
          { order_id: 'B002', a: 2000, status: 'cancelled' },
        ],
      );
    });
  });

  test('Shift_JIS with Japanese headers and values', async () => {
    await stores.with(async (store) => {
      const r = await importFixture(store, 'orders', 'orders-sjis.csv');
      assert.equal(r.encoding, 'cp932');
      assert.deepEqual(
        r.mapping.map((c) => [c.header, c.field]),
        [
          ['受注番号', 'order_id'],
          ['顧客ＩＤ', 'customer_id'],
          ['受注日', 'ordered_at'],
          ['合計金額(税込)', 'amount'],
          ['ステータス', 'status'],
          ['備考', null],
        ],
      );
      assert.deepEqual(
        await rows(
          store,
          `SELECT order_id, customer_id, strftime(ordered_at, '%Y-%m-%d %H:%M') AS t, CAST(amount AS INT) AS a, status FROM orders ORDER BY 1`,
        ),
        [
          {
            order_id: 'J001',
            customer_id: 'K001',
            t: '2024-02-01 00:00',
            a: 3300,
            status: 'completed',
          },
          {
            order_id: 'J002',
            customer_id: 'K002',
            t: '2024-02-02 00:00',
            a: 12000,
            status: 'cancelled',
          },
          {
            order_id: 'J003',
            customer_id: 'K001',
            t: '2024-02-03 14:05',
            a: 1500,
            status: 'completed',
          },
        ],
      );
    });
  });

  test('TSV and gzip', async () => {
    await stores.with(async (store) => {
      const tsv = await importFixture(store, 'orders', 'orders.tsv');
      assert.equal(tsv.delimiter, '\t');
      const gz = await importFixture(store, 'orders', 'orders.csv.gz');
      assert.equal(gz.gzip, true);
      assert.deepEqual(
        await rows(
          store,
          `SELECT count(*)::INT AS n, CAST(sum(amount) AS VARCHAR) AS s FROM orders`,
        ),
        [{ n: 5, s: '4600.5000' }],
      );
    });
  });

  test('a file whose first 64 KiB are ASCII and the rest Shift_JIS is read as Shift_JIS', async () => {
    await stores.with(async (store) => {
      const body = ['order_id,customer_id,ordered_at,amount,channel'];
      for (let i = 0; i < 2000; i++) body.push(`P${i},C${i},2024-01-05,100,web`);
      body.push('P9999,C9999,2024-01-05,100,電話');
      const file = stores.path('late-sjis.csv');
      await writeFile(file, iconv.encode(body.join('\r\n') + '\r\n', 'cp932'));
      const r = await importFixture(store, 'orders', file);
      assert.equal(r.ok, true);
      assert.equal(r.encoding, 'cp932');
      assert.deepEqual(await rows(store, `SELECT channel FROM orders WHERE order_id = 'P9999'`), [
        { channel: '電話' },
      ]);
    });
  });
});

describe('store by key', () => {
  test('importing the same file twice changes nothing', async () => {
    await stores.with(async (store) => {
      await importFixture(store, 'orders', 'orders-utf8.csv');
      const before = await rows(store, `SELECT * FROM orders ORDER BY ALL`);
      const again = await importFixture(store, 'orders', 'orders-utf8.csv');
      assert.deepEqual(again.tables[0], {
        table: 'orders',
        inserted: 0,
        updated: 0,
        unchanged: 8,
        rowsWritten: 0,
      });
      assert.deepEqual(await rows(store, `SELECT * FROM orders ORDER BY ALL`), before);
      assert.deepEqual(
        await rows(
          store,
          `SELECT count(*)::INT AS n, CAST(sum(amount) AS VARCHAR) AS s FROM orders`,
        ),
        [{ n: 8, s: '4236.0000' }],
      );
      assert.deepEqual(await rows(store, `SELECT count(*)::INT AS n FROM import_runs`), [{ n: 2 }]);
    });
  });

  test('an overlapping file updates by key and never duplicates', async () => {
    await stores.with(async (store) => {
      await importFixture(store, 'orders', 'orders-utf8.csv');
      const r = await importFixture(store, 'orders', 'orders-overlap.csv');
      assert.deepEqual(r.tables[0], {
        table: 'orders',
        inserted: 1,
        updated: 1,
        unchanged: 1,
        rowsWritten: 2,
      });
      assert.deepEqual(
        await rows(
          store,
          `SELECT order_id, CAST(amount AS INT) AS a FROM orders WHERE order_id IN ('A001', 'A009') ORDER BY 1`,
        ),
        [
          { order_id: 'A001', a: 2000 },
          { order_id: 'A009', a: 3000 },
        ],
      );
      assert.deepEqual(
        await rows(
          store,
          `SELECT count(*)::INT AS n, count(DISTINCT order_id)::INT AS k FROM orders`,
        ),
        [{ n: 9, k: 9 }],
      );
    });
  });

  test('columns a later file does not have keep their stored values', async () => {
    await stores.with(async (store) => {
      await importFixture(store, 'orders', 'orders-utf8.csv');
      await importFixture(store, 'orders', 'orders-one-bad.csv', {
        rejectFile: stores.path('ignored-rejects.csv'),
      });
      assert.deepEqual(
        await rows(
          store,
          `SELECT CAST(amount AS INT) AS a, CAST(shipping AS INT) AS s, channel FROM orders WHERE order_id = 'A001'`,
        ),
        [{ a: 9999, s: 550, channel: 'web' }],
      );
    });
  });
});

describe('mappings', () => {
  test('--map, --save-mapping and --mapping', async () => {
    await stores.with(async (store) => {
      const file = stores.path('odd-headers.csv');
      await writeFile(file, 'No,Who,When,Yen,Memo\n1,c1,2024-06-01,100,x\n2,c2,2024-06-02,200,y\n');
      await assert.rejects(
        importFixture(store, 'orders', file),
        /required column missing: order_id, ordered_at, amount/,
      );
      const map = {
        No: 'order_id',
        Who: 'customer_id',
        When: 'ordered_at',
        Yen: 'amount',
        Memo: '-',
      };
      const r = await importFixture(store, 'orders', file, { map, saveMappingAs: 'odd' });
      assert.equal(r.ok, true);
      assert.deepEqual((await loadMapping(store.conn, 'odd'))?.mapping, map);
      const again = await importFixture(store, 'orders', file, { mappingName: 'odd' });
      assert.equal(again.tables[0].unchanged, 2);
      await assert.rejects(
        importFixture(store, 'customers', file, { mappingName: 'odd' }),
        /is for orders/,
      );
    });
  });
});
