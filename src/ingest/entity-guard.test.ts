import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { importFixture, snapshot, TempStores } from '../../test/fixtures/import/kit.js';
import type { EntityName } from './entities.js';
import { entityMismatch } from './entity-guard.js';
import type { ImportError } from './errors.js';
import { buildPlan } from './plan.js';

const stores = new TempStores();
before(() => stores.init());
after(() => stores.cleanup());

const looks = (entity: EntityName, headers: string[], map?: Record<string, string>) =>
  entityMismatch(buildPlan(entity, headers, { explicit: map }))?.looksLike ?? null;

describe('a file of another entity', () => {
  test('is recognised by the other entity’s id and the asked key being a reference there', () => {
    const leads = ['lead_id', 'created_at', 'email', 'source', 'customer_id'];
    assert.deepEqual(entityMismatch(buildPlan('customers', leads)), {
      looksLike: 'leads',
      idColumn: 'lead_id',
      keyColumn: 'customer_id',
    });
    assert.equal(looks('customers', ['リードID', '登録日', 'メールアドレス', '顧客ID']), 'leads');
    assert.equal(
      looks('customers', ['受注番号', '顧客ID', '受注日', '合計金額', 'ステータス']),
      'orders',
    );
    // A send log without contact ids derives its key: an orders file read as contacts.
    assert.equal(looks('contacts', ['受注番号', '顧客ID', '日付', 'チャネル', '金額']), 'orders');
  });

  test('files of the asked entity pass, references and all', () => {
    assert.equal(looks('customers', ['customer_id', 'name', 'email', 'created_at']), null);
    // A customers file that records the lead each customer came from fits customers as well.
    assert.equal(
      looks('customers', ['customer_id', 'created_at', 'name', 'email', 'lead_id']),
      null,
    );
    assert.equal(looks('contacts', ['顧客ID', '送付日', '媒体', 'キャンペーンID', '費用']), null);
    assert.equal(looks('orders', ['order_id', 'customer_id', 'ordered_at', 'amount']), null);
    // Without the asked entity's required key the missing-column error speaks, not the guard.
    assert.equal(looks('orders', ['顧客ID', '送付日', '媒体', 'キャンペーンID', '費用']), null);
    assert.equal(looks('leads', ['lead_id', 'created_at', 'email', 'source', 'customer_id']), null);
    assert.equal(
      looks('orders', ['order_id', 'customer_id', 'ordered_at', 'amount', 'campaign_id']),
      null,
    );
    // The user set the column aside: their decision.
    assert.equal(
      looks('customers', ['lead_id', 'created_at', 'email', 'source', 'customer_id'], {
        lead_id: '-',
      }),
      null,
    );
  });

  test('importing a leads file as customers is refused and stores nothing, even with --reject-file', async () => {
    await stores.with(async (store) => {
      await importFixture(store, 'customers', 'customers.xlsx');
      const before = await snapshot(store);
      const file = stores.path('leads.csv');
      await writeFile(
        file,
        'lead_id,created_at,email,source,customer_id\nL1,2024-03-01,a@example.com,web,C001\nL2,2024-03-02,b@example.com,fair,C002\n',
      );
      await assert.rejects(
        importFixture(store, 'customers', file, { rejectFile: stores.path('rej.csv') }),
        (err: ImportError) => {
          assert.equal(err.code, 'wrong_entity');
          assert.match(err.message, /looks like leads, not customers: column "lead_id"/);
          assert.match(err.message, /"customer_id" only refers to a customer there/);
          assert.match(err.message, /kenshin import leads .*leads\.csv/);
          assert.match(err.message, /リード/);
          return true;
        },
      );
      assert.equal(await snapshot(store), before);
    });
  });
});
