// Starting the server for real on loopback: the first start of an empty database creates an
// admin with a random password (returned once), which signs in over HTTP; later starts do not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './start.js';

test('first start creates the admin once; the URL serves the API', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kenshin-start-'));
  try {
    const dbPath = join(dir, 'shop.duckdb');
    const s1 = await startServer({ dbPath, port: 0, webDir: '/nonexistent' });
    assert.match(s1.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(s1.firstLogin?.username, 'admin');
    const pw = s1.firstLogin!.password;
    const csrf = await fetch(`${s1.url}/api/csrf`);
    const cookie = csrf.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const login = await fetch(`${s1.url}/api/login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie,
        'x-csrf-token': ((await csrf.json()) as { token: string }).token,
      },
      body: JSON.stringify({ username: 'admin', password: pw }),
    });
    assert.equal(login.status, 200);
    assert.match(
      login.headers.getSetCookie().join(),
      /kenshin_sid=[^;]+; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Strict/,
    );
    await s1.close();
    const s2 = await startServer({ dbPath, port: 0, webDir: '/nonexistent' });
    assert.equal(s2.firstLogin, null);
    const page = await fetch(`${s2.url}/customers`);
    assert.equal(page.status, 503, 'no built dashboard: a plain message, not a crash');
    await s2.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
