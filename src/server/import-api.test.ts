// The import routes as the dashboard's import page uses them: the preview lists every problem
// of the dry run with what its fix needs (the columns of an ambiguity, the unknown status words
// with their counts, the guest share); the plan route runs the dry run again with the user's
// choices (mapping, status words, allow guests, a saved mapping) and the commit imports with the
// same choices — refused with the problem codes while the plan is blocked.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeStore, type Store } from '../store/db.js';
import { memoryStore } from '../store/fixtures.js';
import { buildApp, type App } from './app.js';
import { signIn, type Signed } from './testing.js';
import { addUser, ensureUserTables } from '../store/users-store.js';
import { listAudit } from '../store/audit-store.js';

let store: Store;
let built: App;
let admin: Signed;

const call = (
  method: string,
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) =>
  built.app.inject({
    method: method as 'GET',
    url,
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, ...headers },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

/** Uploads a file for a preview; returns the response. */
function upload(entity: string, name: string, content: string) {
  const b = '----kenshin-import-test';
  const body = `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${b}--\r\n`;
  return call('POST', `/api/import/preview?entity=${entity}`, Buffer.from(body), {
    'content-type': `multipart/form-data; boundary=${b}`,
  });
}

const rows = async (sql: string) => (await store.conn.runAndReadAll(sql)).getRows();

// Two columns claim the amount (合計金額 and 請求金額) and two status words are unknown.
const SHOP = [
  '注文番号,顧客ID,注文日時,合計金額,請求金額,ステータス',
  'P1,K1,2025-03-01 10:00,5000,4500,発送済',
  'P2,K2,2025-03-02 11:00,3000,3000,保留',
  'P3,K1,2025-03-03 12:00,2000,1800,保留',
  'P4,K3,2025-03-04 13:00,8000,8000,発送待ち',
].join('\r\n');

before(async () => {
  store = await memoryStore();
  await ensureUserTables(store.conn);
  await addUser(store.conn, 'clerk', 'clerk-password-1', 'analyst');
  built = await buildApp({ conn: store.conn, webDir: '/nonexistent' });
  admin = await signIn(built.app, 'clerk', 'clerk-password-1');
});

after(async () => {
  await built.app.close();
  closeStore(store);
});

describe('the import plan', () => {
  let uploadId: string;

  test('the preview lists every problem with what its fix needs; the plan is blocked', async () => {
    const p = await upload('orders', 'shop.csv', SHOP);
    assert.equal(p.statusCode, 200, p.body);
    const plan = p.json();
    uploadId = plan.upload_id;
    assert.equal(plan.blocked, true);
    assert.equal(plan.preset, null);
    assert.deepEqual(plan.customer_key, { rule: 'id', headers: ['顧客ID'] });
    const ambiguous = plan.problems.find((x: { code: string }) => x.code === 'ambiguous_column');
    assert.deepEqual(
      [ambiguous.field, ambiguous.columns, ambiguous.blocking],
      ['amount', ['合計金額', '請求金額'], true],
    );
    const status = plan.problems.find((x: { code: string }) => x.code === 'unknown_status');
    assert.deepEqual(status.words, [
      { word: '保留', count: 2, guess: 'completed' },
      { word: '発送待ち', count: 1, guess: 'completed' },
    ]);
    assert.equal(
      plan.command,
      'kenshin import orders shop.csv --map "請求金額=-" --status "保留=completed" --status "発送待ち=completed"',
    );
    assert.ok(!plan.command.includes('kenshin-uploads'), 'the server folder is not shown');
    const conflict = plan.mapping.find((c: { header: string }) => c.header === '請求金額');
    assert.deepEqual(conflict.note, { kind: 'conflict', field: 'amount', with: '合計金額' });
    const fields = plan.fields.map((f: { name: string }) => f.name);
    assert.ok(fields.includes('order_id') && fields.includes('email') && fields.includes('status'));
    assert.equal(plan.fields.find((f: { name: string }) => f.name === 'amount').required, true);
  });

  test('a blocked plan cannot be committed: 400 with the problem codes, nothing stored', async () => {
    const c = await call('POST', '/api/import/commit', { upload_id: uploadId, entity: 'orders' });
    assert.equal(c.statusCode, 400, c.body);
    assert.equal(c.json().code, 'import_blocked');
    assert.deepEqual(
      c.json().details.problems.map((x: { code: string }) => x.code),
      ['ambiguous_column', 'unknown_status'],
    );
    // Fixing the mapping only still leaves the status words: refused, even without a dry run first.
    const half = await call('POST', '/api/import/commit', {
      upload_id: uploadId,
      entity: 'orders',
      mapping: { 請求金額: '-' },
    });
    assert.equal(half.statusCode, 400, half.body);
    assert.deepEqual(
      half.json().details.problems.map((x: { code: string }) => x.code),
      ['unknown_status'],
    );
    assert.equal(Number((await rows(`SELECT count(*) FROM orders`))[0][0]), 0);
  });

  test('the map and the status words reach the importer; the fixed plan commits', async () => {
    const fixes = {
      mapping: { 請求金額: 'amount', 合計金額: '-' },
      status_words: { 保留: 'cancelled', 発送待ち: 'completed' },
    };
    const p = await call('POST', '/api/import/plan', {
      upload_id: uploadId,
      entity: 'orders',
      ...fixes,
    });
    assert.equal(p.statusCode, 200, p.body);
    assert.equal(p.json().blocked, false);
    assert.deepEqual(p.json().problems, []);
    const amount = p.json().mapping.find((c: { header: string }) => c.header === '請求金額');
    assert.deepEqual([amount.field, amount.via], ['amount', 'map']);
    const p1 = p.json().rows.find((r: { order_id: string }) => r.order_id === 'P1');
    assert.equal(Number(p1.amount), 4500);
    const c = await call('POST', '/api/import/commit', {
      upload_id: uploadId,
      entity: 'orders',
      ...fixes,
      save_mapping_as: 'ショップA',
    });
    assert.equal(c.statusCode, 200, c.body);
    assert.equal(c.json().rows_stored, 4);
    assert.deepEqual(
      await rows(
        `SELECT order_id, customer_id, CAST(amount AS INTEGER), status FROM orders ORDER BY 1`,
      ),
      [
        ['P1', 'K1', 4500, 'completed'],
        ['P2', 'K2', 3000, 'cancelled'],
        ['P3', 'K1', 1800, 'cancelled'],
        ['P4', 'K3', 8000, 'completed'],
      ],
    );
    const [entry] = await listAudit(store.conn, { action: 'import_commit' });
    assert.deepEqual(
      (entry.detail as { options: { status_words: unknown } }).options.status_words,
      fixes.status_words,
    );
  });

  test('the saved mapping, with its status words, is listed and plans a new upload', async () => {
    const list = (await call('GET', '/api/import/mappings?entity=orders')).json().mappings;
    assert.equal(list.length, 1);
    assert.equal(list[0].name, 'ショップA');
    assert.deepEqual(list[0].status_words, { 保留: 'cancelled', 発送待ち: 'completed' });
    assert.equal(list[0].mapping['合計金額'], '-');
    assert.deepEqual(
      (await call('GET', '/api/import/mappings?entity=customers')).json().mappings,
      [],
    );
    const again = (await upload('orders', 'shop-2.csv', SHOP)).json();
    const p = await call('POST', '/api/import/plan', {
      upload_id: again.upload_id,
      entity: 'orders',
      saved_mapping: 'ショップA',
    });
    assert.equal(p.json().blocked, false, p.body);
    const missing = await call('POST', '/api/import/plan', {
      upload_id: again.upload_id,
      entity: 'orders',
      saved_mapping: 'ない',
    });
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json().code, 'mapping_not_found');
    assert.equal(missing.json().details.upload_id, again.upload_id, 'the upload is kept');
  });
});

describe('guests, invalid rows and bad options', () => {
  // Three of four orders have no e-mail: mostly guests.
  const GUESTS = [
    'order_id,ordered_at,amount,email',
    'G1,2025-04-01,1000,',
    'G2,2025-04-02,2000,',
    'G3,2025-04-03,3000,a@example.jp',
    'G4,2025-04-04,4000,',
  ].join('\r\n');

  test('mostly guests is a blocking problem; allow_guests stores them', async () => {
    const plan = (await upload('orders', 'guests.csv', GUESTS)).json();
    const guests = plan.problems.find((p: { code: string }) => p.code === 'guests');
    assert.deepEqual([guests?.blocking, guests?.guests], [true, { guests: 3, orders: 4 }]);
    assert.deepEqual(plan.customer_key, { rule: 'email', headers: ['email'] });
    const refused = await call('POST', '/api/import/commit', {
      upload_id: plan.upload_id,
      entity: 'orders',
    });
    assert.equal(refused.json().code, 'import_blocked');
    assert.deepEqual(
      refused.json().details.problems.map((p: { code: string }) => p.code),
      ['guests'],
    );
    const ok = await call('POST', '/api/import/commit', {
      upload_id: plan.upload_id,
      entity: 'orders',
      allow_guests: true,
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json().guest_orders, { guests: 3, orders: 4 });
    assert.equal(
      Number(
        (
          await rows(`SELECT count(*) FROM orders WHERE order_id LIKE 'G%' AND customer_id IS NULL`)
        )[0][0],
      ),
      3,
    );
  });

  test('invalid rows: refused without a choice, the valid rows stored with reject_invalid', async () => {
    const plan = (
      await upload(
        'orders',
        'bad.csv',
        'order_id,customer_id,ordered_at,amount\r\nV1,K1,2025-05-01,100\r\nV2,K2,2025-05-02,abc\r\n',
      )
    ).json();
    assert.equal(plan.blocked, false);
    assert.equal(plan.counts.rows_rejected, 1);
    assert.equal(plan.errors[0].code, 'invalid_number');
    const refused = await call('POST', '/api/import/commit', {
      upload_id: plan.upload_id,
      entity: 'orders',
    });
    assert.equal(refused.json().code, 'import_invalid_rows');
    const ok = await call('POST', '/api/import/commit', {
      upload_id: plan.upload_id,
      entity: 'orders',
      reject_invalid: true,
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual([ok.json().rows_stored, ok.json().rows_rejected], [1, 1]);
    assert.deepEqual(await rows(`SELECT order_id FROM orders WHERE order_id LIKE 'V%'`), [['V1']]);
  });

  test('options are validated: unknown fields, headers and status values are 400s', async () => {
    const plan = (
      await upload(
        'orders',
        'x.csv',
        'order_id,customer_id,ordered_at,amount\r\nX1,K1,2025-05-01,100\r\n',
      )
    ).json();
    const bad = async (extra: Record<string, unknown>) =>
      (
        await call('POST', '/api/import/plan', {
          upload_id: plan.upload_id,
          entity: 'orders',
          ...extra,
        })
      ).json().code;
    assert.equal(await bad({ status_words: { 保留: 'lost' } }), 'invalid_request');
    assert.equal(await bad({ mapping: { amount: 'DROP TABLE' } }), 'invalid_request');
    assert.equal(await bad({ mapping: { amount: 'planet' } }), 'map_unknown_field');
    assert.equal(await bad({ mapping: { 金額: 'amount' } }), 'map_unknown_header');
    assert.equal(await bad({ channel: 'email' }), 'invalid_request');
    assert.equal(await bad({ skip: -1 }), 'invalid_request');
    assert.equal(await bad({ encoding: 'latin1' }), 'invalid_request');
    assert.equal(await bad({ unknown: true }), 'invalid_request');
    const ok = await call('POST', '/api/import/plan', {
      upload_id: plan.upload_id,
      entity: 'orders',
      encoding: 'sjis',
      delimiter: ',',
      skip: 0,
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().detected.encoding, 'cp932');
  });
});
