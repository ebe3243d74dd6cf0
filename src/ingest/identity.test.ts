// Customer identity without a customer id column: the e-mail (any case), else name + phone; keys
// linked to the id a customers file gives, in both orders of import.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { importFixture, rows, TempStores } from '../../test/fixtures/import/kit.js';

const stores = new TempStores();
before(() => stores.init());
after(() => stores.cleanup());
let n = 0;
async function csv(text: string): Promise<string> {
  const path = stores.path(`id${n++}.csv`);
  await writeFile(path, text);
  return path;
}
const byOrder = (store: Parameters<typeof rows>[0]) =>
  rows(store, `SELECT order_id, customer_id FROM orders ORDER BY order_id`);

describe('customer identity', () => {
  test('the e-mail is the key, compared without case; rows without one fall back to name + phone', async () => {
    await stores.with(async (store) => {
      const r = await importFixture(
        store,
        'orders',
        await csv(
          '注文番号,注文日,金額,メールアドレス,氏名,電話番号\n' +
            'A1,2024-01-05,1000, Taro@Example.JP ,山田 太郎,03-1234-5678\n' +
            'A2,2024-02-05,2000,taro@example.jp,山田太郎,0312345678\n' +
            'A3,2024-03-05,3000,,山田　花子,090-1111-2222\n' +
            'A4,2024-03-06,4000,,山田花子,０９０１１１１２２２２\n' +
            'A5,2024-03-07,500,,,\n',
        ),
      );
      assert.equal(r.ok, true);
      assert.deepEqual(r.customerKey, {
        rule: 'email_or_name_phone',
        headers: ['メールアドレス', '氏名', '電話番号'],
      });
      assert.deepEqual(await byOrder(store), [
        { order_id: 'A1', customer_id: 'taro@example.jp' },
        { order_id: 'A2', customer_id: 'taro@example.jp' },
        { order_id: 'A3', customer_id: 'np:山田花子:09011112222' },
        { order_id: 'A4', customer_id: 'np:山田花子:09011112222' },
        { order_id: 'A5', customer_id: null },
      ]);
    });
  });

  test('a customers file with ids links the orders keyed by e-mail or name + phone, and later files follow', async () => {
    await stores.with(async (store) => {
      const orders = await csv(
        'order_id,ordered_at,amount,email,name,phone\n' +
          'B1,2024-01-05,1000,hanako@example.jp,,\n' +
          'B2,2024-01-06,2000,,佐藤 一郎,045-000-1111\n' +
          'B3,2024-01-07,3000,other@example.jp,,\n',
      );
      await importFixture(store, 'orders', orders);
      const c = await importFixture(
        store,
        'customers',
        await csv(
          'customer_id,email,name,phone\nC100,Hanako@Example.jp,,\nC200,,佐藤一郎,0450001111\n',
        ),
      );
      assert.equal(c.ok, true);
      assert.deepEqual(await byOrder(store), [
        { order_id: 'B1', customer_id: 'C100' },
        { order_id: 'B2', customer_id: 'C200' },
        { order_id: 'B3', customer_id: 'other@example.jp' },
      ]);
      // The same orders file again changes nothing: its keys now name C100 and C200.
      const again = await importFixture(store, 'orders', orders);
      assert.deepEqual(
        again.tables.map((t) => [t.inserted, t.updated, t.unchanged]),
        [[0, 0, 3]],
      );
      // A later file keyed by e-mail is stored under the id.
      await importFixture(
        store,
        'orders',
        await csv('order_id,ordered_at,amount,email\nB4,2024-02-01,500,HANAKO@example.jp\n'),
      );
      assert.deepEqual((await byOrder(store)).at(-1), { order_id: 'B4', customer_id: 'C100' });
    });
  });

  test('an e-mail two customers share links to neither', async () => {
    await stores.with(async (store) => {
      await importFixture(
        store,
        'orders',
        await csv('order_id,ordered_at,amount,email\nD1,2024-01-05,1000,family@example.jp\n'),
      );
      await importFixture(
        store,
        'customers',
        await csv('customer_id,email\nC1,family@example.jp\nC2,family@example.jp\n'),
      );
      assert.deepEqual(await byOrder(store), [
        { order_id: 'D1', customer_id: 'family@example.jp' },
      ]);
    });
  });
});
