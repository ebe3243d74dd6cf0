// A DM vendor's 発送リスト (fixtures/dm-send-list): imported with no flags after the shop's customers
// and orders keyed by 顧客番号; detected; every piece stored as a dm contact with its campaign (企画名)
// and cost (単価, exact); postal codes with a leading zero kept in the customers they belong to; the
// core figures (from the orders) equal to what the generator computed on its own.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { queryJson } from '../../store/db.js';
import { assertCore, importAll, readExpected, withFreshStore } from './testing.js';

const DIR = join(import.meta.dirname, 'fixtures', 'dm-send-list');
const expected = readExpected(join(DIR, 'expected.json'));
interface Checks {
  cost_total: string;
  contacts_in_year: number;
  campaigns: number;
  sen_cost: { customer: string; cost: string };
  postal_zero: { customer: string; postal_code: string };
  postal_zero_nohyphen: { customer: string; postal_code: string };
}
const checks = (expected as unknown as { checks: Checks }).checks;

test('DM 発送リスト: every piece a dm contact with campaign and cost, keyed by 顧客番号', async () => {
  await withFreshStore(async (store) => {
    const [, , r] = await importAll(store, [
      ['customers', join(DIR, 'customers.csv')],
      ['orders', join(DIR, 'orders.csv')],
      ['contacts', join(DIR, 'dm-send-list.csv')],
    ]);
    assert.equal(r.preset, 'dm-send-list');
    assert.deepEqual(r.customerKey.headers, ['顧客番号']);
    assert.equal(r.rowsSkipped, 0);
    await assertCore(store, expected);

    const q = (sql: string) => queryJson(store.conn, sql);
    const byChannel = await q(
      `SELECT channel, count(*)::INTEGER AS n, count(DISTINCT campaign_id)::INTEGER AS c,
        CAST(sum(cost) AS VARCHAR) AS cost FROM contacts GROUP BY 1`,
    );
    assert.deepEqual(
      byChannel.map((x) => ({ ...x, cost: Number(x.cost) })),
      [
        {
          channel: 'dm',
          n: expected.contacts,
          c: checks.campaigns,
          cost: Number(checks.cost_total),
        },
      ],
    );
    const [sen] = await q(
      `SELECT CAST(cost AS VARCHAR) AS cost FROM contacts
       WHERE customer_id = '${checks.sen_cost.customer}' AND cost <> round(cost)`,
    );
    assert.equal(Number(sen.cost), Number(checks.sen_cost.cost));
    // Every contact belongs to a customer of the customers file (the same 顧客番号).
    const [orphans] = await q(
      `SELECT count(*)::INTEGER AS n FROM contacts c LEFT JOIN customers k USING (customer_id)
       WHERE k.customer_id IS NULL`,
    );
    assert.equal(orphans.n, 0);
    // Hokkaido's postal codes keep their leading zero, with or without the hyphen.
    for (const p of [checks.postal_zero, checks.postal_zero_nohyphen]) {
      const [c] = await q(`SELECT postal_code FROM customers WHERE customer_id = '${p.customer}'`);
      assert.equal(c.postal_code, p.postal_code);
    }
  });
});
