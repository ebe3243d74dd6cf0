// Sign-in under attack (issue 16): a flood of failed logins with 50 usernames does not slow
// another signed-in user's pages (the hashes run off the database queue and the global budget
// stops the flood before it costs CPU); limits per username, per IP and in all; the admin can
// always sign in from the machine itself; and a spoofed X-Forwarded-For from a client that is
// not a trusted proxy changes neither the rate limit's key nor the audit log's IP.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore, closeStore, type Store } from '../src/store/db.js';
import { buildApp, type App } from '../src/server/app.js';
import { seedSampleBusiness, signIn, type Signed } from '../src/server/testing.js';
import { addUser, ensureUserTables } from '../src/store/users-store.js';
import { listAudit } from '../src/store/audit-store.js';

const ADMIN_PW = 'admin-password-1';
let store: Store;

before(async () => {
  store = await openStore(':memory:');
  await seedSampleBusiness(store.conn, 600);
  await ensureUserTables(store.conn);
  await addUser(store.conn, 'admin', ADMIN_PW, 'admin');
  await addUser(store.conn, 'tanaka', 'tanaka-password-1', 'viewer');
});

after(() => closeStore(store));

/** Returns a cookie and token for anonymous state-changing requests (the CSRF pair). */
async function anonymous(app: App['app']): Promise<Record<string, string>> {
  const first = await app.inject({ method: 'GET', url: '/api/csrf' });
  return {
    cookie: first.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
    'x-csrf-token': first.json().token,
  };
}

/** Sends one sign-in from `remoteAddress` (optionally with extra headers); returns the response. */
function login(
  app: App['app'],
  headers: Record<string, string>,
  remoteAddress: string,
  username: string,
  password: string,
) {
  return app.inject({
    method: 'POST',
    url: '/api/login',
    headers,
    remoteAddress,
    payload: { username, password },
  });
}

describe('a flood of failed logins', () => {
  let built: App;
  let admin: Signed;
  before(async () => {
    built = await buildApp({ conn: store.conn, webDir: '/nonexistent' });
    admin = await signIn(built.app, 'admin', ADMIN_PW);
  });
  after(() => built.app.close());

  test('with 50 usernames does not push another user’s page past 1 s', async () => {
    const headers = await anonymous(built.app);
    // The page once before the flood: its first load warms caches that have nothing to do with it.
    for (let i = 0; i < 5; i++)
      await built.app.inject({
        method: 'GET',
        url: `/api/customers/C0000${i}`,
        headers: { cookie: admin.cookie },
      });
    // 50 usernames × 3 attempts from 50 addresses, all at once.
    const flood = Promise.all(
      Array.from({ length: 150 }, (_, i) =>
        login(built.app, headers, `198.51.100.${i % 50}`, `user${i % 50}`, `guess-${i}`),
      ),
    );
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 150));
      const t0 = performance.now();
      const res = await built.app.inject({
        method: 'GET',
        url: `/api/customers/C0000${i}`,
        headers: { cookie: admin.cookie },
      });
      times.push(performance.now() - t0);
      assert.equal(res.statusCode, 200, res.body.slice(0, 200));
    }
    const codes = (await flood).map((r) => r.statusCode);
    const worst = Math.max(...times);
    assert.ok(worst < 1000, `customer page took ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
    assert.ok(
      codes.every((c) => c === 401 || c === 429),
      `only refusals: ${[...new Set(codes)]}`,
    );
    assert.ok(
      codes.filter((c) => c === 429).length >= 100,
      `most of the flood is refused before hashing (429: ${codes.filter((c) => c === 429).length})`,
    );
  });

  test('the admin can still sign in from the machine itself; a remote sign-in waits', async () => {
    const headers = await anonymous(built.app);
    const remote = await login(built.app, headers, '203.0.113.50', 'admin', ADMIN_PW);
    // Either the global budget is spent (429) or not yet; a local sign-in always works.
    assert.ok([200, 429].includes(remote.statusCode), remote.body);
    const local = await login(built.app, headers, '127.0.0.1', 'admin', ADMIN_PW);
    assert.equal(local.statusCode, 200, local.body);
  });
});

describe('limits', () => {
  test('per username: the 6th attempt is refused, even with the right password; others go on', async () => {
    const built = await buildApp({ conn: store.conn, webDir: '/nonexistent' });
    try {
      const headers = await anonymous(built.app);
      for (let i = 0; i < 5; i++) {
        const r = await login(built.app, headers, `192.0.2.${i}`, 'tanaka', `wrong-${i}`);
        assert.equal(r.statusCode, 401);
      }
      const sixth = await login(built.app, headers, '192.0.2.9', 'tanaka', 'tanaka-password-1');
      assert.equal(sixth.statusCode, 429);
      assert.equal(sixth.json().code, 'rate_limited');
      assert.equal(sixth.json().details.scope, 'username');
      assert.ok(Number(sixth.headers['retry-after']) > 0);
      const other = await login(built.app, headers, '192.0.2.9', 'admin', ADMIN_PW);
      assert.equal(other.statusCode, 200);
    } finally {
      await built.app.close();
    }
  });

  test('per IP: many usernames from one address are refused after the IP budget', async () => {
    const built = await buildApp({
      conn: store.conn,
      webDir: '/nonexistent',
      loginLimit: { max: 5, windowMs: 60_000, perIp: { max: 4, windowMs: 60_000 } },
    });
    try {
      const headers = await anonymous(built.app);
      for (let i = 0; i < 4; i++)
        assert.equal(
          (await login(built.app, headers, '192.0.2.77', `name${i}`, 'x')).statusCode,
          401,
        );
      const r = await login(built.app, headers, '192.0.2.77', 'admin', ADMIN_PW);
      assert.equal(r.statusCode, 429);
      assert.equal(r.json().details.scope, 'ip');
    } finally {
      await built.app.close();
    }
  });

  test('global: past the budget every remote sign-in pauses, with a lock that grows', async () => {
    const built = await buildApp({
      conn: store.conn,
      webDir: '/nonexistent',
      loginLimit: { max: 5, windowMs: 60_000, global: { max: 3, windowMs: 60_000, lockMs: 300 } },
    });
    try {
      const headers = await anonymous(built.app);
      for (let i = 0; i < 4; i++)
        await login(built.app, headers, `192.0.2.${100 + i}`, `g${i}`, 'x');
      const locked = await login(built.app, headers, '192.0.2.200', 'admin', ADMIN_PW);
      assert.equal(locked.statusCode, 429);
      assert.equal(locked.json().details.scope, 'global');
      await new Promise((r) => setTimeout(r, 350));
      const open = await login(built.app, headers, '192.0.2.200', 'admin', ADMIN_PW);
      assert.equal(open.statusCode, 200, 'the first pause lasts 300 ms');
      // One more failure while the budget is still spent: a pause twice as long.
      await login(built.app, headers, '192.0.2.120', 'h', 'x');
      await new Promise((r) => setTimeout(r, 350));
      const again = await login(built.app, headers, '192.0.2.200', 'admin', ADMIN_PW);
      assert.equal(again.statusCode, 429, 'the second pause lasts 600 ms');
      await new Promise((r) => setTimeout(r, 300));
      const later = await login(built.app, headers, '192.0.2.200', 'admin', ADMIN_PW);
      assert.equal(later.statusCode, 200);
    } finally {
      await built.app.close();
    }
  });
});

describe('--trust-proxy', () => {
  test('a spoofed X-Forwarded-For from an untrusted client is ignored by the limit and the audit log', async () => {
    // `--trust-proxy` alone, the documented nginx setup: only this machine is a trusted proxy.
    const built = await buildApp({
      conn: store.conn,
      webDir: '/nonexistent',
      trustProxy: true,
      loginLimit: { max: 5, windowMs: 60_000, perIp: { max: 3, windowMs: 60_000 } },
    });
    try {
      const headers = await anonymous(built.app);
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await built.app.inject({
          method: 'POST',
          url: '/api/login',
          remoteAddress: '203.0.113.66',
          headers: { ...headers, 'x-forwarded-for': `10.9.8.${i}` },
          payload: { username: `spoof${i}`, password: 'x' },
        });
        codes.push(r.statusCode);
      }
      assert.deepEqual(codes, [401, 401, 401, 429, 429], 'one client, one IP budget');
      const failed = await listAudit(store.conn, { action: 'login_failed' });
      const spoofed = failed.filter((e) => String(e.actor).startsWith('spoof'));
      assert.equal(spoofed.length, 3);
      assert.ok(
        spoofed.every((e) => e.detail?.ip === '203.0.113.66'),
        JSON.stringify(spoofed.map((e) => e.detail)),
      );
    } finally {
      await built.app.close();
    }
  });

  test('behind a trusted proxy the client is the rightmost untrusted address', async () => {
    const built = await buildApp({
      conn: store.conn,
      webDir: '/nonexistent',
      trustProxy: '10.0.0.0/8, 127.0.0.1',
    });
    try {
      const headers = await anonymous(built.app);
      await built.app.inject({
        method: 'POST',
        url: '/api/login',
        remoteAddress: '10.0.0.5',
        headers: { ...headers, 'x-forwarded-for': '1.2.3.4, 198.51.100.23, 10.1.1.1' },
        payload: { username: 'proxied', password: 'x' },
      });
      const e = (await listAudit(store.conn, { action: 'login_failed' })).find(
        (x) => x.actor === 'proxied',
      );
      assert.equal(e?.detail?.ip, '198.51.100.23');
    } finally {
      await built.app.close();
    }
  });
});
