// The Cuenote FC 配信ログ (fixtures/mail-log): imported with no flags after the shop's orders keyed
// by e-mail; detected; only delivered sends stored as e-mail contacts, keyed by the lower-cased
// address (the MiXeD-case and lower-case forms of one reader are one customer); failed sends made
// no contact; the core figures (from the orders) equal to what the generator computed on its own.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { queryJson } from '../../store/db.js';
import { assertCore, importAll, readExpected, withFreshStore } from './testing.js';

const DIR = join(import.meta.dirname, 'fixtures', 'mail-log');
const expected = readExpected(join(DIR, 'expected.json'));
interface Checks {
  mixed_case: { key: string; shown: string[]; contacts: number };
  failed_send: { key: string; campaign: string };
  dead_reader: { key: string; rows: number };
}
const checks = (expected as unknown as { checks: Checks }).checks;

test('Cuenote FC 配信ログ: delivered sends are e-mail contacts keyed by the lower-cased address', async () => {
  await withFreshStore(async (store) => {
    const [orders, r] = await importAll(store, [
      ['orders', join(DIR, 'orders.csv')],
      ['contacts', join(DIR, 'mail-log.csv')],
    ]);
    assert.equal(orders.preset, null);
    assert.equal(r.preset, 'mail-log');
    assert.equal(r.customerKey.rule, 'email');
    assert.equal(r.rowsSkipped, expected.skipped_rows, 'undelivered sends skipped');
    await assertCore(store, expected);

    const q = (sql: string) => queryJson(store.conn, sql);
    assert.deepEqual(await q(`SELECT channel, count(*)::INTEGER AS n FROM contacts GROUP BY 1`), [
      { channel: 'email', n: expected.contacts },
    ]);
    // The reader written Taro.Yamada@Example.Jp and taro.yamada@example.jp is one customer.
    assert.ok(checks.mixed_case.shown.some((s) => s !== s.toLowerCase()));
    const [taro] = await q(
      `SELECT count(*)::INTEGER AS n FROM contacts WHERE customer_id = '${checks.mixed_case.key}'`,
    );
    assert.equal(taro.n, checks.mixed_case.contacts);
    assert.deepEqual(
      await q(
        `SELECT count(*)::INTEGER AS n FROM contacts WHERE customer_id <> lower(customer_id)`,
      ),
      [{ n: 0 }],
    );
    // A deferred send made no contact; a reader whose every send failed has none at all.
    const [failed] = await q(
      `SELECT count(*)::INTEGER AS n FROM contacts
       WHERE customer_id = '${checks.failed_send.key}' AND campaign_id = '${checks.failed_send.campaign}'`,
    );
    assert.equal(failed.n, 0);
    const [dead] = await q(
      `SELECT count(*)::INTEGER AS n FROM contacts WHERE customer_id = '${checks.dead_reader.key}'`,
    );
    assert.ok(checks.dead_reader.rows > 0);
    assert.equal(dead.n, 0);
    // The contacts link to the customers of the orders file (the same e-mail keys).
    const [linked] = await q(
      `SELECT count(DISTINCT c.customer_id)::INTEGER AS n FROM contacts c
       JOIN orders o ON o.customer_id = c.customer_id`,
    );
    assert.ok(Number(linked.n) > 20);
  });
});
