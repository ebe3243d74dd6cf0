import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { importFixture, TempStores } from '../../test/fixtures/import/kit.js';
import { dryRunReport, errorReport, ignoredLine, summaryLine } from './report.js';

const stores = new TempStores();
before(() => stores.init());
after(() => stores.cleanup());

describe('report texts', () => {
  test('the one-line summary and the ignored columns', async () => {
    await stores.with(async (store) => {
      const r = await importFixture(store, 'orders', 'orders-bad.csv', {
        rejectFile: stores.path('r.csv'),
      });
      assert.match(
        summaryLine(r),
        /^取り込み完了 \/ imported orders-bad\.csv as orders: read 6 rows, stored 2 \(orders: 2 new, 0 updated, 0 unchanged\), rejected 4 → .*r\.csv; [\d.]+ s$/,
      );
      assert.equal(ignoredLine(r), '');
      const sjis = await importFixture(store, 'orders', 'orders-sjis.csv');
      assert.equal(ignoredLine(sjis), '取り込まない列 / ignored columns: 備考');
    });
  });

  test('the error report: file, row, column, value, reason, then counts', async () => {
    await stores.with(async (store) => {
      const r = await importFixture(store, 'orders', 'orders-bad.csv', { maxErrors: 2 });
      const lines = errorReport(r).split('\n');
      assert.equal(
        lines[0],
        '4 行が不正のため何も取り込んでいません / 4 invalid rows; nothing was stored.',
      );
      assert.match(
        lines[1],
        /^ {2}orders-bad\.csv 行\/row 3, 列\/column「ordered_at」, 値\/value "2024\/13\/45": 日付として読めません.* \/ not a date/,
      );
      assert.match(
        lines[2],
        /^ {2}orders-bad\.csv 行\/row 4, 列\/column「amount」, 値\/value "abc": /,
      );
      assert.equal(lines[3], '  … ほか 2 件 / and 2 more');
      assert.equal(lines[4], '  内訳 / by column and reason:');
      assert.ok(lines.some((l) => /「amount」 not a number .*: 1$/.test(l)));
      assert.ok(lines.some((l) => /「amount」 required value is empty: 1$/.test(l)));
    });
  });

  test('the dry run: format, mapping, the rows as stored', async () => {
    await stores.with(async (store) => {
      const r = await importFixture(store, 'customers', 'customers.xlsx', { dryRun: true });
      const text = dryRunReport(r);
      assert.match(
        text,
        /^試行（何も保存していません）\/ dry run \(nothing stored\): customers\.xlsx as customers, mode rows/,
      );
      assert.match(text, /format: xlsx \(sheet "顧客一覧"\); 3 rows/);
      assert.match(text, /会員ランク → attributes/);
      assert.match(text, /customer_id +created_at/);
      assert.match(text, /1001 +2023-01-15 10:30:00 +山田 太郎/);
      assert.match(text, /no invalid rows \(3 rows would be stored\)/);
    });
  });
});
