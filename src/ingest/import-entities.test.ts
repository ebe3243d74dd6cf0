import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { importFixture, rows, TempStores } from '../../test/fixtures/import/kit.js';

const stores = new TempStores();
before(() => stores.init());
after(() => stores.cleanup());

describe('other entities', () => {
  test('customers from .xlsx: cells, attributes, spreadsheet row numbers', async () => {
    await stores.with(async (store) => {
      const r = await importFixture(store, 'customers', 'customers.xlsx');
      assert.equal(r.format, 'xlsx');
      assert.equal(r.sheet, '顧客一覧');
      assert.deepEqual(
        await rows(
          store,
          `SELECT customer_id, name, email, phone, postal_code, prefecture, CAST(birth_date AS VARCHAR) AS b, gender,
          strftime(created_at, '%Y-%m-%d %H:%M') AS c, attributes FROM customers ORDER BY 1`,
        ),
        [
          {
            customer_id: '1001',
            name: '山田 太郎',
            email: 'taro@example.com',
            phone: '03-1234-5678',
            postal_code: '100-0001',
            prefecture: '東京都',
            b: '1980-04-01',
            gender: '男性',
            c: '2023-01-15 10:30',
            attributes: '{"会員ランク":"ゴールド"}',
          },
          {
            customer_id: '1002',
            name: '佐藤 花子',
            email: 'hanako@example.jp',
            phone: '090-1234-5678',
            postal_code: '5300001',
            prefecture: '大阪府',
            b: '1992-12-24',
            gender: '女性',
            c: '2023-02-01 00:00',
            attributes: '{"会員ランク":"シルバー"}',
          },
          {
            customer_id: '1003',
            name: '鈴木 次郎',
            email: null,
            phone: null,
            postal_code: null,
            prefecture: '北海道',
            b: null,
            gender: null,
            c: '2023-03-03 00:00',
            attributes: null,
          },
        ],
      );
      // Rows are counted as the sheet shows them: the blank row 3 is skipped, 佐藤 is row 4.
      const bad = await importFixture(store, 'customers', 'customers.xlsx', {
        map: { 性別: 'birth_date', 生年月日: '-' },
      });
      assert.deepEqual(
        bad.validation.errors.map((e) => [e.row, e.column, e.value]),
        [
          [2, '性別', '男性'],
          [4, '性別', '女性'],
        ],
      );
    });
  });

  test('contacts: channel words, derived ids, exact repeats collapse, unknown channels reported', async () => {
    await stores.with(async (store) => {
      const r = await importFixture(store, 'contacts', 'contacts.csv');
      assert.equal(r.ok, true);
      assert.equal(r.rowsCollapsed, 1);
      assert.deepEqual(
        (
          await rows(
            store,
            `SELECT customer_id, channel, campaign_id, CAST(cost AS INT) AS cost FROM contacts ORDER BY sent_at, customer_id`,
          )
        ).map((c) => [c.customer_id, c.channel, c.campaign_id, c.cost]),
        [
          ['C001', 'dm', 'CP1', 120],
          ['C002', 'dm', 'CP1', 120],
          ['C001', 'email', 'CP2', 0],
          ['C003', 'line', null, null],
          ['C004', 'call', null, null],
          ['C005', 'other', null, null],
        ],
      );
      assert.ok(r.warnings.some((w) => w.includes('FAX (1)')));
      const again = await importFixture(store, 'contacts', 'contacts.csv');
      assert.equal(again.tables[0].unchanged, 6, 'derived contact ids are stable');
    });
  });

  test('ad spend by month, campaigns, leads and lead events', async () => {
    await stores.with(async (store) => {
      await importFixture(store, 'ad-spend', 'ad-spend.csv');
      assert.deepEqual(
        await rows(
          store,
          `SELECT CAST(date AS VARCHAR) AS d, channel, CAST(amount AS INT) AS a FROM ad_spend ORDER BY 1, 2`,
        ),
        [
          { d: '2024-01-01', channel: 'Google', a: 120000 },
          { d: '2024-01-01', channel: 'Meta', a: 80000 },
          { d: '2024-02-01', channel: 'Google', a: 130000 },
        ],
      );
      await importFixture(store, 'campaigns', 'campaigns.csv');
      assert.deepEqual(
        await rows(
          store,
          `SELECT campaign_id, channel, CAST(cost AS INT) AS c FROM campaigns ORDER BY 1`,
        ),
        [
          { campaign_id: 'CP1', channel: 'dm', c: 240000 },
          { campaign_id: 'CP2', channel: 'email', c: 0 },
        ],
      );
      await importFixture(store, 'leads', 'leads.csv');
      await importFixture(store, 'lead-events', 'lead-events.csv');
      const again = await importFixture(store, 'lead-events', 'lead-events.csv');
      assert.equal(again.tables[0].unchanged, 3);
      assert.deepEqual(
        await rows(
          store,
          `SELECT (SELECT count(*) FROM leads)::INT AS l, (SELECT count(*) FROM lead_events)::INT AS e`,
        ),
        [{ l: 2, e: 3 }],
      );
    });
  });
});
