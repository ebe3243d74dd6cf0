import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { importFixture, rows, snapshot, TempStores } from '../../test/fixtures/import/kit.js';
import { ImportError } from './errors.js';

const stores = new TempStores();
before(() => stores.init());
after(() => stores.cleanup());

describe('bad input', () => {
  test('one bad row: nothing is stored and the database is exactly as before', async () => {
    await stores.with(async (store) => {
      await importFixture(store, 'orders', 'orders-utf8.csv');
      const before = await snapshot(store);
      const r = await importFixture(store, 'orders', 'orders-one-bad.csv');
      assert.equal(r.ok, false);
      assert.equal(r.rowsStored, 0);
      assert.equal(r.validation.badRows, 1);
      assert.equal(await snapshot(store), before);
    });
  });

  test('the report names file row, column, value and reason', async () => {
    await stores.with(async (store) => {
      const r = await importFixture(store, 'orders', 'orders-bad.csv');
      assert.equal(r.ok, false);
      assert.equal(r.validation.badRows, 4);
      assert.deepEqual(
        r.validation.errors.map((e) => [e.row, e.column, e.value, e.code]),
        [
          [3, 'ordered_at', '2024/13/45', 'invalid_date'],
          [4, 'amount', 'abc', 'invalid_number'],
          [5, 'status', '保留', 'invalid_status'],
          [6, 'amount', null, 'required'],
        ],
      );
      assert.match(r.validation.errors[0].message, /日付として読めません.* \/ not a date/);
      assert.deepEqual(await rows(store, `SELECT count(*)::INT AS n FROM orders`), [{ n: 0 }]);
    });
  });

  test('--reject-file stores the good rows and writes the bad ones with a reason', async () => {
    await stores.with(async (store) => {
      const rejects = stores.path('rejects.csv');
      const r = await importFixture(store, 'orders', 'orders-bad.csv', { rejectFile: rejects });
      assert.equal(r.ok, true);
      assert.equal(r.rowsStored, 2);
      assert.equal(r.rowsRejected, 4);
      assert.deepEqual(await rows(store, `SELECT order_id FROM orders ORDER BY 1`), [
        { order_id: 'X001' },
        { order_id: 'X006' },
      ]);
      const text = await readFile(rejects, 'utf8');
      assert.ok(text.startsWith('\uFEFF'), 'UTF-8 with BOM for Excel');
      const lines = text.slice(1).trimEnd().split('\n');
      assert.equal(lines[0], 'order_id,customer_id,ordered_at,amount,status,reason');
      assert.equal(lines.length, 5);
      assert.match(
        lines[1],
        /^X002,C2,2024\/13\/45,2000,completed,"ordered_at: 日付として読めません.*not a date/,
      );
      assert.match(
        lines[2],
        /^X003,C3,2024-01-07,abc,completed,"amount: 数値として読めません.*not a number/,
      );
      assert.match(lines[3], /^X004,C4,2024-01-08,4000,保留,"status: 不明なステータスです/);
      assert.match(
        lines[4],
        /^X005,,2024-01-09,,completed,amount: 必須の値が空です \/ required value is empty$/,
      );
      // The reject file, fixed, imports again: its reason column is ignored.
      await writeFile(
        rejects,
        text
          .replace('2024/13/45', '2024/1/3')
          .replace(',abc,', ',3000,')
          .replace('保留', '完了')
          .replace('2024-01-09,,', '2024-01-09,5000,'),
      );
      const again = await importFixture(store, 'orders', rejects);
      assert.equal(again.ok, true);
      assert.equal(again.rowsStored, 4);
      assert.ok(again.mapping.some((c) => c.header === 'reason' && c.field === null));
    });
  });

  test('duplicate keys: exact repeats collapse, different values are invalid', async () => {
    await stores.with(async (store) => {
      const r = await importFixture(store, 'orders', 'orders-dup.csv');
      assert.equal(r.ok, false);
      assert.equal(r.rowsCollapsed, 1);
      assert.deepEqual(
        r.validation.errors.map((e) => [e.row, e.code, e.message]),
        [
          [
            5,
            'duplicate_key',
            'order_id が同じで値の異なる行があります（最初は 3 行目） / duplicate order_id with different values, first at row 3',
          ],
        ],
      );
      const fixed = await importFixture(store, 'orders', 'orders-dup.csv', {
        rejectFile: stores.path('dup-rejects.csv'),
      });
      assert.equal(fixed.rowsStored, 2);
      assert.deepEqual(
        await rows(store, `SELECT order_id, CAST(amount AS INT) AS a FROM orders ORDER BY 1`),
        [
          { order_id: 'D001', a: 1000 },
          { order_id: 'D002', a: 2000 },
        ],
      );
    });
  });

  test('a missing required column names the headers found and the fields expected', async () => {
    await stores.with(async (store) => {
      await assert.rejects(importFixture(store, 'orders', 'contacts.csv'), (err: ImportError) => {
        assert.equal(err.code, 'missing_column');
        assert.match(err.message, /required column missing: order_id, ordered_at, amount/);
        assert.match(err.message, /顧客ID, 送付日, 媒体, キャンペーンID, 費用/);
        assert.match(err.message, /受注番号/);
        return true;
      });
    });
  });

  test("lines that do not split into the header's columns stop the import and are all listed", async () => {
    await stores.with(async (store) => {
      const file = stores.path('ragged.csv');
      await writeFile(
        file,
        'order_id,ordered_at,amount\nO1,2024-01-05,100\nO2,2024-01-06,200,extra\nO3,2024-01-07\nO4,2024-01-08,400\n',
      );
      await assert.rejects(importFixture(store, 'orders', file), (err: ImportError) => {
        assert.equal(err.code, 'bad_lines');
        assert.match(err.message, /2 lines do not split into the header's 3 columns/);
        assert.match(err.message, /ragged\.csv line 3: .*O2,2024-01-06,200,extra/);
        assert.match(err.message, /ragged\.csv line 4: /);
        return true;
      });
      assert.deepEqual(await rows(store, `SELECT count(*)::INT AS n FROM orders`), [{ n: 0 }]);
    });
  });

  test('a Shift_JIS file read as UTF-8 names the line and the remedy', async () => {
    await stores.with(async (store) => {
      await assert.rejects(
        importFixture(store, 'orders', 'orders-sjis.csv', { encoding: 'utf8' }),
        (err: ImportError) => {
          assert.equal(err.code, 'invalid_encoding');
          assert.match(err.message, /line 1 is not valid UTF-8; name the encoding with --encoding/);
          return true;
        },
      );
    });
  });

  test('--dry-run stores nothing and shows the rows as they will be stored', async () => {
    await stores.with(async (store) => {
      const before = await snapshot(store);
      const r = await importFixture(store, 'orders', 'orders-sjis.csv', { dryRun: true });
      assert.equal(r.ok, true);
      assert.equal(r.preview[0].table, 'orders');
      assert.deepEqual(r.preview[0].rows[2].slice(0, 4), [
        'J003',
        'K001',
        '2024-02-03 14:05:00',
        '1500.0000',
      ]);
      assert.equal(await snapshot(store), before);
    });
  });
});
