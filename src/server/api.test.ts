// The API's behaviour (security has its own suite in test/security.test.ts): stored reports
// sent as stored, a run that replaces the cached one, conditional and compressed responses,
// the simulation, findings history, customers, import, users and settings.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { closeStore, type Store } from '../store/db.js';
import { memoryStore } from '../store/fixtures.js';
import { buildApp, type App } from './app.js';
import { seedSampleBusiness, signIn, SAMPLE_AS_OF, type Signed } from './testing.js';
import { addUser, ensureUserTables } from '../store/users-store.js';
import type { CheckupReport } from '../checkup/report.js';

let store: Store;
let built: App;
let report: CheckupReport;
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

/** Returns a multipart body with one file field. */
function multipart(
  name: string,
  content: string,
): { payload: Buffer; headers: Record<string, string> } {
  const b = '----kenshin-test';
  const body = `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${b}--\r\n`;
  return {
    payload: Buffer.from(body),
    headers: { 'content-type': `multipart/form-data; boundary=${b}` },
  };
}

before(async () => {
  store = await memoryStore();
  report = await seedSampleBusiness(store.conn, 300);
  await ensureUserTables(store.conn);
  await addUser(store.conn, 'boss', 'boss-password-1', 'admin');
  built = await buildApp({ conn: store.conn, webDir: '/nonexistent' });
  admin = await signIn(built.app, 'boss', 'boss-password-1');
});

after(async () => {
  await built.app.close();
  closeStore(store);
});

describe('checkups', () => {
  test('latest and by date are the stored JSON; the overview copies its numbers', async () => {
    const stored = String(
      (
        await store.conn.runAndReadAll(`SELECT report FROM checkups WHERE as_of = $1::DATE`, [
          SAMPLE_AS_OF,
        ])
      ).getRows()[0][0],
    );
    assert.equal((await call('GET', '/api/checkup/latest')).body, stored);
    assert.equal((await call('GET', `/api/checkup/${SAMPLE_AS_OF}`)).body, stored);
    const o = (await call('GET', '/api/overview')).json();
    assert.equal(o.metrics.active_customers, report.metrics.active_customers);
    assert.equal(o.metrics.annual_revenue, report.metrics.annual_revenue);
    const missing = await call('GET', '/api/checkup/2001-01-01');
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().code, 'no_checkup');
    assert.equal((await call('GET', '/api/checkup/yesterday')).json().code, 'invalid_request');
  });

  test('ETag gives 304, gzip is served when accepted', async () => {
    const first = await call('GET', '/api/checkup/latest');
    const etag = String(first.headers.etag);
    assert.equal(
      (await call('GET', '/api/checkup/latest', undefined, { 'if-none-match': etag })).statusCode,
      304,
    );
    const gz = await call('GET', '/api/overview', undefined, { 'accept-encoding': 'gzip, br' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(JSON.parse(gunzipSync(gz.rawPayload).toString()).as_of, SAMPLE_AS_OF);
  });

  test('a run stores the date and the latest report changes at once', async () => {
    const r = await call('POST', '/api/checkup/run', { as_of: '2026-11-05' });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().as_of, '2026-11-05');
    assert.equal((await call('GET', '/api/checkup/latest')).json().as_of, '2026-11-05');
    const dates = (await call('GET', '/api/checkups'))
      .json()
      .checkups.map((c: { as_of: string }) => c.as_of);
    assert.deepEqual(dates.slice(0, 2), ['2026-11-05', SAMPLE_AS_OF]);
    const h = (await call('GET', '/api/findings/history')).json();
    assert.deepEqual(h.dates, [SAMPLE_AS_OF, '2026-11-05']);
    assert.ok(Array.isArray(h.episodes));
  });
});

describe('simulation', () => {
  test('seed 003 at 70 % retention reaches about ¥10 billion in year 5; inputs are validated', async () => {
    const r = await call('POST', '/api/simulate', {
      preset: 'seed003',
      sensitivity_rates: [0.45, 0.93],
    });
    assert.equal(r.statusCode, 200);
    const year5 = r.json().rows[4].revenue;
    assert.ok(year5 > 9.5e9 && year5 < 10.5e9, String(year5));
    assert.equal(r.json().sensitivity[0].by_rate.length, 2);
    const bad = await call('POST', '/api/simulate', {
      preset: 'seed003',
      scenario: { retention_rate: 1.5 },
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().code, 'scenario_invalid');
  });
});

describe('projection', () => {
  test('without overrides it is the stored projection; a what-if moves it', async () => {
    const stored = (report as unknown as { projection: { years: { active_customers: number }[] } })
      .projection.years;
    const same = await call('POST', '/api/projection', { as_of: SAMPLE_AS_OF });
    assert.equal(same.statusCode, 200, same.body);
    assert.deepEqual(same.json().years, stored);
    const better = (
      await call('POST', '/api/projection', {
        as_of: SAMPLE_AS_OF,
        what_if: { retention_rate: 0.99 },
      })
    ).json().years;
    assert.ok(better[5].active_customers > stored[5].active_customers);
    const bad = await call('POST', '/api/projection', { what_if: { retention_rate: 2 } });
    assert.equal(bad.json().code, 'invalid_request');
  });
});

describe('customers', () => {
  test('history has orders, contacts and standing; search finds by id and by e-mail', async () => {
    const h = (await call('GET', '/api/customers/C00002')).json();
    assert.equal(h.customer.customer_id, 'C00002');
    assert.ok(h.orders.length >= 1);
    assert.equal(
      h.standing.f,
      h.orders.filter(
        (o: { status: string; amount: number }) => o.status === 'completed' && o.amount > 0,
      ).length,
    );
    assert.ok(h.standing.ladder_level >= 1);
    // Scored with the cut set of the latest report, of the same date (issue 14: one truth).
    const latest = (await call('GET', '/api/checkup/latest')).json() as CheckupReport;
    assert.equal(h.as_of, latest.as_of);
    assert.deepEqual(h.standing.rfm_cut_set, latest.rfm!.cut_set);
    assert.equal(h.personal.email, 'user2@example.jp');
    assert.equal(
      (await call('GET', '/api/customers?q=user2@')).json().customers[0].customer_id,
      'C00002',
    );
    assert.equal((await call('GET', '/api/customers/NOPE')).json().code, 'no_customer');
  });
});

describe('segments', () => {
  test('the list names the cut set its RFM counts used: the report’s, with the same counts', async () => {
    const latest = (await call('GET', '/api/checkup/latest')).json() as CheckupReport;
    const body = (await call('GET', '/api/segments')).json();
    assert.equal(body.as_of, latest.as_of);
    assert.deepEqual(body.rfm_cut_set, latest.rfm!.cut_set);
    const count = new Map(
      body.segments.map((s: { name: string; count: number }) => [s.name, s.count]),
    );
    assert.equal(count.get('rfm:champions'), latest.rfm!.segments[0].customers);
  });

  test('save, rename and delete a saved segment; the rename is audit-logged', async () => {
    const put = await call('PUT', '/api/segments/vip', {
      from: ['clv:high_value_at_risk'],
      where: { min_p_alive: 0.1 },
    });
    assert.equal(put.statusCode, 200, put.body);
    await call('PUT', '/api/segments/other', { from: ['all'] });
    const taken = await call('POST', '/api/segments/vip/rename', { name: 'other' });
    assert.equal(taken.statusCode, 400);
    assert.equal(taken.json().code, 'segment_name_taken');
    const r = await call('POST', '/api/segments/vip/rename', { name: '離反リスク' });
    assert.equal(r.statusCode, 200, r.body);
    const names = ((await call('GET', '/api/segments')).json().segments as { name: string }[]).map(
      (s) => s.name,
    );
    assert.ok(names.includes('離反リスク') && !names.includes('vip'));
    const d = (await call('GET', `/api/segments/${encodeURIComponent('離反リスク')}`)).json();
    assert.deepEqual(d.segment.definition.where, { min_p_alive: 0.1 });
    assert.equal((await call('POST', '/api/segments/vip/rename', { name: 'x' })).statusCode, 404);
    const audit = await store.conn.runAndReadAll(
      `SELECT detail FROM audit_log WHERE action = 'segment_rename'`,
    );
    assert.deepEqual(JSON.parse(String(audit.getRows()[0][0])), {
      segment: 'vip',
      to: '離反リスク',
    });
    for (const n of ['離反リスク', 'other'])
      assert.equal(
        (await call('DELETE', `/api/segments/${encodeURIComponent(n)}`)).statusCode,
        200,
      );
  });

  test('high value at risk is listed with the report’s count; a date without customer value says so', async () => {
    const latest = (await call('GET', '/api/checkup/latest')).json() as CheckupReport;
    const list = (await call('GET', '/api/segments')).json().segments as {
      name: string;
      count: number | null;
    }[];
    const hvr = list.find((s) => s.name === 'clv:high_value_at_risk');
    assert.equal(latest.clv?.status, 'fitted');
    assert.equal(hvr?.count, latest.clv!.high_value_at_risk!.customers);
    // No checkup of 2001-01-01: the list flags it, the detail and the export refuse it.
    const old = (await call('GET', '/api/segments?as_of=2001-01-01')).json().segments as {
      name: string;
      count: number | null;
      unavailable: { code: string } | null;
    }[];
    const flagged = old.find((s) => s.name === 'clv:high_value_at_risk')!;
    assert.equal(flagged.count, null);
    assert.equal(flagged.unavailable?.code, 'customer_value_missing');
    for (const url of [
      '/api/segments/clv:high_value_at_risk?as_of=2001-01-01',
      '/api/segments/clv:high_value_at_risk/export?as_of=2001-01-01',
    ]) {
      const r = await call('GET', url);
      assert.equal(r.statusCode, 400, url);
      assert.equal(r.json().code, 'customer_value_missing');
      assert.match(r.json().message_ja, /顧客生涯価値がまだ計算されていません/);
      assert.match(r.json().message, /customer value is not computed for this date/);
    }
  });
});

describe('import', () => {
  test('preview stores nothing; commit imports the upload once', async () => {
    const m = multipart(
      'orders.csv',
      'order_id,customer_id,ordered_at,amount\r\nN1,C00001,2026-10-30 10:00,5000\r\nN2,C00002,2026/10/30,"¥3,000"\r\n',
    );
    const p = await call('POST', '/api/import/preview?entity=orders', m.payload, m.headers);
    assert.equal(p.statusCode, 200, p.body);
    const preview = p.json();
    assert.deepEqual(
      preview.mapping.map((c: { field: string }) => c.field),
      ['order_id', 'customer_id', 'ordered_at', 'amount'],
    );
    assert.equal(preview.rows.length, 2);
    const count = async () =>
      Number(
        (
          await store.conn.runAndReadAll(
            `SELECT count(*) FROM orders WHERE order_id IN ('N1', 'N2')`,
          )
        ).getRows()[0][0],
      );
    assert.equal(await count(), 0, 'nothing stored by a preview');
    const c = await call('POST', '/api/import/commit', {
      upload_id: preview.upload_id,
      entity: 'orders',
    });
    assert.equal(c.statusCode, 200, c.body);
    assert.equal(c.json().rows_stored, 2);
    assert.equal(await count(), 2);
    assert.equal(
      (
        await call('POST', '/api/import/commit', { upload_id: preview.upload_id, entity: 'orders' })
      ).json().code,
      'no_upload',
    );
  });

  test('invalid rows: the commit refuses with the rows named and stores nothing', async () => {
    const m = multipart(
      'bad.csv',
      'order_id,customer_id,ordered_at,amount\r\nB1,C00001,2026-10-30,abc\r\n',
    );
    const preview = (
      await call('POST', '/api/import/preview?entity=orders', m.payload, m.headers)
    ).json();
    assert.equal(preview.errors[0].row, 2);
    const c = await call('POST', '/api/import/commit', {
      upload_id: preview.upload_id,
      entity: 'orders',
    });
    assert.equal(c.statusCode, 400);
    assert.equal(c.json().code, 'import_invalid_rows');
    assert.equal(
      Number(
        (
          await store.conn.runAndReadAll(`SELECT count(*) FROM orders WHERE order_id = 'B1'`)
        ).getRows()[0][0],
      ),
      0,
    );
  });

  test('an unknown entity or a missing file is a clear 400', async () => {
    const m = multipart('x.csv', 'a\r\n1\r\n');
    assert.equal(
      (await call('POST', '/api/import/preview?entity=planets', m.payload, m.headers)).json().code,
      'unknown_entity',
    );
  });
});

describe('users and settings', () => {
  test('a user added without a password gets a generated one that signs in', async () => {
    const r = await call('POST', '/api/users', { username: 'clerk', role: 'analyst' });
    assert.equal(r.statusCode, 200);
    const pw = r.json().generated_password;
    assert.ok(pw.length >= 20);
    const s = await signIn(built.app, 'clerk', pw);
    assert.equal(
      (
        await built.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: s.cookie } })
      ).json().user.role,
      'analyst',
    );
    assert.equal(
      (await call('POST', '/api/users', { username: 'clerk', role: 'viewer' })).json().code,
      'user_exists',
    );
    const demote = await call('PATCH', '/api/users/boss', { role: 'viewer' });
    assert.equal(demote.json().code, 'last_admin');
  });

  test('the SMTP password is never sent back, and sending the placeholder keeps it', async () => {
    const saved = await call('PUT', '/api/settings', {
      business_name: 'テスト商店',
      alerts: { email_to: ['a@example.jp'], smtp_pass: 's3cret' },
    });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(saved.json().alerts.smtp_pass, '********');
    const got = (await call('GET', '/api/settings')).json();
    assert.equal(got.business_name, 'テスト商店');
    assert.ok(!JSON.stringify(got).includes('s3cret'));
    await call('PUT', '/api/settings', got);
    const stored = String(
      (
        await store.conn.runAndReadAll(`SELECT value FROM settings WHERE key = 'settings'`)
      ).getRows()[0][0],
    );
    assert.equal(JSON.parse(stored).alerts.smtp_pass, 's3cret');
  });
});
