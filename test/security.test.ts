// Security of the API, end to end through Fastify's inject on a seeded database: every route
// refuses anonymous requests, viewers never see personal data nor change settings, CSRF is
// enforced on every state-changing route, logins are rate limited (test/login-limits.test.ts has
// the rest), and the audit log records
// logins, exports, anonymisations and deletions.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore, closeStore, type Store } from '../src/store/db.js';
import { buildApp, type App } from '../src/server/app.js';
import { seedSampleBusiness, signIn, SAMPLE_AS_OF, type Signed } from '../src/server/testing.js';
import { addUser, ensureUserTables } from '../src/store/users-store.js';
import { listAudit } from '../src/store/audit-store.js';
import { computeCheckup } from '../src/checkup/run.js';
import { loadSettings } from '../src/store/settings-store.js';
import type { CheckupReport } from '../src/checkup/report.js';

const PW = {
  admin: 'admin-password-1',
  analyst: 'analyst-password-1',
  viewer: 'viewer-password-1',
};
const PUBLIC = new Set([
  'GET /api/health',
  'GET /api/csrf',
  'POST /api/login',
  'HEAD /api/health',
  'HEAD /api/csrf',
]);
const SAMPLE_PARAMS: Record<string, string> = {
  asOf: SAMPLE_AS_OF,
  id: 'C00001',
  name: 'rfm:champions',
  username: 'viewer',
  '*': 'index.html',
};

let store: Store;
let built: App;
let report: CheckupReport;
const as: Record<'admin' | 'analyst' | 'viewer', Signed> = {} as never;

/** Returns a concrete URL for a route pattern (':id' → a sample value). */
function concrete(url: string): string {
  return url
    .replace(/:(\w+)/g, (_, p: string) => encodeURIComponent(SAMPLE_PARAMS[p] ?? 'x'))
    .replace('*', SAMPLE_PARAMS['*']);
}

/** Sends a request as a signed-in user (with the CSRF token unless `csrf: false`). */
function call(
  who: Signed,
  method: string,
  url: string,
  payload?: unknown,
  csrf: string | false = who.csrf,
) {
  const headers: Record<string, string> = { cookie: who.cookie };
  if (csrf !== false) headers['x-csrf-token'] = csrf;
  return built.app.inject({
    method: method as 'GET',
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

before(async () => {
  store = await openStore(':memory:');
  report = await seedSampleBusiness(store.conn);
  await ensureUserTables(store.conn);
  for (const role of ['admin', 'analyst', 'viewer'] as const)
    await addUser(store.conn, role, PW[role], role);
  built = await buildApp({
    conn: store.conn,
    webDir: '/nonexistent',
    loginLimit: { max: 5, windowMs: 60_000 },
  });
  for (const role of ['admin', 'analyst', 'viewer'] as const)
    as[role] = await signIn(built.app, role, PW[role]);
});

after(async () => {
  await built.app.close();
  closeStore(store);
});

describe('anonymous requests', () => {
  test('every API route except health, csrf and login answers 401 auth_required', async () => {
    const apiRoutes = built.routes.filter((r) => r.url.startsWith('/api'));
    assert.ok(apiRoutes.length >= 30, `expected the whole API, found ${apiRoutes.length} routes`);
    const open = apiRoutes.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.url}`);
    assert.deepEqual(new Set(open), PUBLIC, 'the public routes are exactly health, csrf and login');
    for (const r of apiRoutes) {
      if (PUBLIC.has(`${r.method} ${r.url}`)) continue;
      const res = await built.app.inject({
        method: r.method as 'GET',
        url: concrete(r.url),
        payload: r.method === 'GET' || r.method === 'HEAD' ? undefined : {},
      });
      assert.equal(
        res.statusCode,
        401,
        `${r.method} ${r.url} → ${res.statusCode} ${res.body.slice(0, 120)}`,
      );
      if (r.method !== 'HEAD')
        assert.equal(res.json().code, 'auth_required', `${r.method} ${r.url}`);
    }
  });

  test('a forged or expired session cookie is anonymous', async () => {
    const res = await built.app.inject({
      method: 'GET',
      url: '/api/overview',
      headers: { cookie: 'kenshin_sid=not-a-session' },
    });
    assert.equal(res.statusCode, 401);
  });

  test('an unknown API path is a 404 with a code, not the dashboard page', async () => {
    const res = await call(as.viewer, 'GET', '/api/nothing-here');
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().code, 'not_found');
  });
});

describe('viewer: numbers only', () => {
  test('reads the overview, the report and segment counts', async () => {
    const o = await call(as.viewer, 'GET', '/api/overview');
    assert.equal(o.statusCode, 200);
    assert.equal(o.json().metrics.active_customers, report.metrics.active_customers);
    assert.equal((await call(as.viewer, 'GET', '/api/checkup/latest')).statusCode, 200);
    const segs = await call(as.viewer, 'GET', '/api/segments');
    assert.equal(segs.statusCode, 200);
    assert.ok(segs.json().segments.length > 10);
  });

  test("a customer's history hides name, e-mail, phone, postal code and birth date", async () => {
    const res = await call(as.viewer, 'GET', '/api/customers/C00001');
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.personal, null);
    assert.ok(body.orders.length > 0, 'the numbers are there');
    for (const leak of ['@example.jp', '090-', '佐藤', '鈴木', 'birth_date', 'postal_code']) {
      assert.ok(!res.body.includes(leak), `viewer response contains ${leak}`);
    }
  });

  test('customer search by a name finds nothing and never returns names', async () => {
    const byName = await call(as.viewer, 'GET', `/api/customers?q=${encodeURIComponent('鈴木')}`);
    assert.equal(byName.statusCode, 200);
    assert.deepEqual(byName.json().customers, []);
    const byId = await call(as.viewer, 'GET', '/api/customers?q=C0000');
    assert.ok(byId.json().customers.length > 0);
    assert.ok(!byId.body.includes('@'), 'no e-mail in a viewer search');
  });

  test('cannot export a segment, change settings, anonymise, run a checkup or manage users', async () => {
    const refused: [string, string, unknown?][] = [
      ['GET', '/api/segments/rfm:champions/export'],
      ['PUT', '/api/settings', {}],
      ['POST', '/api/customers/C00001/anonymise', {}],
      ['POST', '/api/checkup/run', {}],
      ['GET', '/api/users'],
      ['POST', '/api/users', { username: 'eve', role: 'admin' }],
      ['GET', '/api/audit'],
      ['PUT', '/api/segments/mine', { from: ['all'] }],
    ];
    for (const [method, url, body] of refused) {
      const res = await call(as.viewer, method, url, body);
      assert.equal(res.statusCode, 403, `${method} ${url} → ${res.statusCode}`);
      assert.equal(res.json().code, 'forbidden');
    }
  });

  test('settings are readable without the alert targets', async () => {
    await call(as.admin, 'PUT', '/api/settings', {
      alerts: { email_to: ['owner@example.jp'], webhook_url: 'https://hooks.example/secret' },
    });
    const v = await call(as.viewer, 'GET', '/api/settings');
    assert.equal(v.statusCode, 200);
    assert.ok(!v.body.includes('owner@example.jp') && !v.body.includes('secret'));
    const a = await call(as.admin, 'GET', '/api/settings');
    assert.ok(a.body.includes('owner@example.jp'));
  });
});

describe('analyst and admin', () => {
  test('an analyst sees personal data and exports a segment; the export is audit-logged', async () => {
    const h = await call(as.analyst, 'GET', '/api/customers/C00001');
    assert.equal(h.json().personal.email, 'user1@example.jp');
    const res = await call(as.analyst, 'GET', '/api/segments/ladder:first_purchase/export?lang=en');
    assert.equal(res.statusCode, 200, res.body.slice(0, 200));
    assert.match(String(res.headers['content-type']), /text\/csv/);
    assert.match(String(res.headers['content-disposition']), /attachment/);
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(lines[0].split(',')[0], 'customer_id');
    assert.ok(
      lines.length > 1 && lines.slice(1).every((l) => /@example\.jp/.test(l) || l.startsWith(',')),
      'rows carry e-mails',
    );
    const audit = await listAudit(store.conn, { action: 'export' });
    assert.ok(
      audit.some(
        (e) =>
          e.actor === 'analyst' &&
          e.detail?.segment === 'ladder:first_purchase' &&
          e.detail?.rows === lines.length - 1,
      ),
    );
  });

  test('an analyst cannot change settings or anonymise', async () => {
    assert.equal((await call(as.analyst, 'PUT', '/api/settings', {})).statusCode, 403);
    assert.equal(
      (await call(as.analyst, 'POST', '/api/customers/C00002/anonymise', {})).statusCode,
      403,
    );
  });

  test('invalid settings are refused with the field named', async () => {
    const res = await call(as.admin, 'PUT', '/api/settings', { gross_margin_rate: 3 });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().code, 'settings_invalid');
    assert.match(res.json().message, /gross_margin_rate/);
  });

  test('anonymisation nulls personal fields, keeps the numbers, and is audit-logged', async () => {
    const res = await call(as.admin, 'POST', '/api/customers/C00003/anonymise', {});
    assert.equal(res.statusCode, 200, res.body);
    const h = (await call(as.admin, 'GET', '/api/customers/C00003')).json();
    assert.deepEqual(h.personal, {
      name: null,
      email: null,
      phone: null,
      postal_code: null,
      birth_date: null,
    });
    assert.ok(h.customer.anonymized_at);
    assert.ok(h.orders.length > 0, 'orders are kept');
    const again = await computeCheckup(store.conn, await loadSettings(store.conn), SAMPLE_AS_OF);
    assert.deepEqual(again.metrics, report.metrics, 'no number changes');
    const audit = await listAudit(store.conn, { action: 'anonymise' });
    assert.ok(audit.some((e) => e.actor === 'admin' && e.detail?.customer_id === 'C00003'));
  });

  test('deleting a user ends their sessions and is audit-logged; the last admin stays', async () => {
    assert.equal(
      (
        await call(as.admin, 'POST', '/api/users', {
          username: 'temp',
          role: 'viewer',
          password: 'temporary-pass',
        })
      ).statusCode,
      200,
    );
    const temp = await signIn(built.app, 'temp', 'temporary-pass');
    assert.equal((await call(temp, 'GET', '/api/overview')).statusCode, 200);
    assert.equal((await call(as.admin, 'DELETE', '/api/users/temp')).statusCode, 200);
    assert.equal((await call(temp, 'GET', '/api/overview')).statusCode, 401);
    assert.ok(
      (await listAudit(store.conn, { action: 'user_delete' })).some(
        (e) => e.detail?.username === 'temp',
      ),
    );
    const last = await call(as.admin, 'DELETE', '/api/users/admin');
    assert.equal(last.statusCode, 409);
    assert.equal(last.json().code, 'last_admin');
  });
});

describe('CSRF', () => {
  test('a state-changing request without a token, with a wrong one, or with another session’s is 403', async () => {
    const missing = await call(as.admin, 'POST', '/api/simulate', { preset: 'seed003' }, false);
    assert.equal(missing.statusCode, 403);
    assert.match(missing.json().code, /^csrf_/);
    const wrong = await call(
      as.admin,
      'POST',
      '/api/simulate',
      { preset: 'seed003' },
      'forged-token',
    );
    assert.equal(wrong.statusCode, 403);
    assert.equal(wrong.json().code, 'csrf_invalid');
    const other = await call(
      as.admin,
      'POST',
      '/api/simulate',
      { preset: 'seed003' },
      as.viewer.csrf,
    );
    assert.equal(other.statusCode, 403, 'a token is bound to its session');
    const ok = await call(as.admin, 'POST', '/api/simulate', { preset: 'seed003' });
    assert.equal(ok.statusCode, 200);
  });

  test('every state-changing route checks the token', async () => {
    const unsafe = built.routes.filter(
      (r) => r.url.startsWith('/api') && !['GET', 'HEAD', 'OPTIONS'].includes(r.method),
    );
    assert.ok(unsafe.length >= 10);
    for (const r of unsafe) {
      const res =
        r.url === '/api/login'
          ? await built.app.inject({
              method: 'POST',
              url: r.url,
              payload: { username: 'admin', password: 'x' },
            })
          : await call(as.admin, r.method, concrete(r.url), {}, false);
      assert.equal(res.statusCode, 403, `${r.method} ${r.url} without a token → ${res.statusCode}`);
      assert.match(res.json().code, /^csrf_/, `${r.method} ${r.url}`);
    }
  });
});

describe('sessions and logins', () => {
  test('the session cookie is httpOnly and SameSite=Strict, and Secure behind https', async () => {
    const behind = await buildApp({ conn: store.conn, webDir: '/nonexistent', trustProxy: true });
    try {
      const first = await behind.app.inject({
        method: 'GET',
        url: '/api/csrf',
        headers: { 'x-forwarded-proto': 'https' },
      });
      const cookie = first.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const res = await behind.app.inject({
        method: 'POST',
        url: '/api/login',
        payload: { username: 'viewer', password: PW.viewer },
        headers: { cookie, 'x-csrf-token': first.json().token, 'x-forwarded-proto': 'https' },
      });
      const sid = res.cookies.find((c) => c.name === 'kenshin_sid')!;
      assert.equal(sid.httpOnly, true);
      assert.equal(sid.sameSite, 'Strict');
      assert.equal(sid.secure, true);
    } finally {
      await behind.app.close();
    }
  });

  test('logout ends the session', async () => {
    const s = await signIn(built.app, 'viewer', PW.viewer);
    assert.equal((await call(s, 'POST', '/api/logout', {})).statusCode, 200);
    assert.equal((await call(s, 'GET', '/api/me')).statusCode, 401);
  });

  test('successful and failed logins are audit-logged', async () => {
    const ok = await listAudit(store.conn, { action: 'login' });
    assert.ok(ok.some((e) => e.actor === 'analyst'));
    const first = await built.app.inject({ method: 'GET', url: '/api/csrf' });
    const cookie = first.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const bad = await built.app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username: 'analyst', password: 'wrong-password' },
      headers: { cookie, 'x-csrf-token': first.json().token },
    });
    assert.equal(bad.statusCode, 401);
    assert.equal(bad.json().code, 'login_failed');
    assert.ok(
      (await listAudit(store.conn, { action: 'login_failed' })).some((e) => e.actor === 'analyst'),
    );
  });

  test('after 5 failed attempts for a username the 6th is 429, even with the right password', async () => {
    await addUser(store.conn, 'target', 'target-password-1', 'viewer');
    const first = await built.app.inject({ method: 'GET', url: '/api/csrf' });
    const headers = {
      cookie: first.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
      'x-csrf-token': first.json().token,
    };
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      codes.push(
        (
          await built.app.inject({
            method: 'POST',
            url: '/api/login',
            headers,
            // From another machine: sign-ins from the server itself are never limited.
            remoteAddress: '198.51.100.7',
            payload: { username: 'target', password: `guess-${i}` },
          })
        ).statusCode,
      );
    }
    assert.deepEqual(codes, [401, 401, 401, 401, 401]);
    const limited = await built.app.inject({
      method: 'POST',
      url: '/api/login',
      headers,
      remoteAddress: '198.51.100.7',
      payload: { username: 'target', password: 'target-password-1' },
    });
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.json().code, 'rate_limited');
    // Another username from the same IP is counted separately.
    const other = await built.app.inject({
      method: 'POST',
      url: '/api/login',
      headers,
      remoteAddress: '198.51.100.7',
      payload: { username: 'viewer', password: PW.viewer },
    });
    assert.equal(other.statusCode, 200);
  });
});
