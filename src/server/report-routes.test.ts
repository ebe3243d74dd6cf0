// The report routes and the report contract: a stored report of an earlier version is served
// upgraded, one that does not match is an error with its code, the POST body is checked by the
// schema, and the OpenAPI document describes the report field by field.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { closeStore, type Store } from '../store/db.js';
import { memoryStore } from '../store/fixtures.js';
import { addUser, ensureUserTables } from '../store/users-store.js';
import { buildApp, type App } from './app.js';
import { signIn, type Signed } from './testing.js';
import { REPORT_VERSION } from '../report/index.js';

const V1 = readFileSync(
  new URL('../report/fixtures/report-v1.json', import.meta.url),
  'utf8',
).trim();

let store: Store;
let built: App;
let admin: Signed;

const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
  built.app.inject({
    method,
    url,
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
    ...(payload === undefined ? {} : { payload }),
  });

before(async () => {
  store = await memoryStore();
  await ensureUserTables(store.conn);
  await addUser(store.conn, 'boss', 'boss-password-1', 'admin');
  await store.conn.run(`INSERT INTO checkups VALUES ('2024-12-31', '2025-01-01 00:00:00', $1)`, [
    V1,
  ]);
  await store.conn.run(`INSERT INTO checkups VALUES ('2023-12-31', '2024-01-01 00:00:00', $1)`, [
    V1.replace('"as_of":"2024-12-31"', '"as_of":"2023-12-31"').replace(
      '"series":',
      '"series_gone":',
    ),
  ]);
  built = await buildApp({ conn: store.conn, webDir: '/nonexistent' });
  admin = await signIn(built.app, 'boss', 'boss-password-1');
});

after(async () => {
  await built.app.close();
  closeStore(store);
});

test('a stored version-1 report is served upgraded, latest and by date', async () => {
  for (const url of ['/api/checkup/latest', '/api/checkup/2024-12-31']) {
    const r = await call('GET', url);
    assert.equal(r.statusCode, 200, r.body);
    const body = r.json();
    assert.equal(body.report_version, REPORT_VERSION);
    assert.equal(body.data_quality, null);
    assert.deepEqual(body.metrics, JSON.parse(V1).metrics);
  }
  const o = (await call('GET', '/api/overview')).json();
  assert.ok(
    o.sections.includes('rfm') && !o.sections.includes('data_quality'),
    o.sections.join(','),
  );
});

test('a stored report that does not match the contract answers its code, not the body', async () => {
  const r = await call('GET', '/api/checkup/2023-12-31');
  assert.equal(r.statusCode, 500);
  assert.equal(r.json().code, 'report_invalid');
  assert.equal(r.json().details.path, 'series');
  assert.match(r.json().message_ja, /健診を実行し直してください/);
});

test('the run body is checked by its schema', async () => {
  const r = await call('POST', '/api/checkup/run', { as_of: '2024-12-31', extra: 1 });
  assert.equal(r.statusCode, 400);
  assert.equal(r.json().code, 'invalid_request');
  assert.equal((await call('POST', '/api/checkup/run', { as_of: '31.12.2024' })).statusCode, 400);
});

test('the OpenAPI document describes the report field by field', async () => {
  const doc = (await call('GET', '/api/docs/json')).json();
  const latest =
    doc.paths['/api/checkup/latest'].get.responses['200'].content['application/json'].schema;
  assert.ok(latest.required.includes('data_quality'), Object.keys(latest.properties).join(','));
  assert.match(latest.properties.metrics.properties.active_customers.description, /A\(D\)/);
  // Routes that keep JSON Schema are described as before.
  assert.ok(doc.paths['/api/projection'].post.requestBody);
});
