// Settings are validated on every write (issue 16): the dashboard's PUT, `kenshin settings set`
// and `kenshin settings import FILE` all go through the one zod schema — an IANA time zone
// (checked with Intl), an ISO 4217 currency, every threshold in its range, no unknown key — and
// a bad value is refused naming the field in Japanese and English. Settings already stored and
// invalid are reported at start and refuse the checkup with the same words.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, closeStore, type Store } from '../src/store/db.js';
import { buildApp, type App } from '../src/server/app.js';
import { seedSampleBusiness, signIn, type Signed } from '../src/server/testing.js';
import { addUser, ensureUserTables } from '../src/store/users-store.js';
import { loadSettings } from '../src/store/settings-store.js';
import { startServer } from '../src/server/start.js';
import { checkSettings } from '../src/domain/settings.js';

const ROOT = join(import.meta.dirname, '..');

function kenshin(
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the dashboard', () => {
  let store: Store;
  let built: App;
  let admin: Signed;
  before(async () => {
    store = await openStore(':memory:');
    await seedSampleBusiness(store.conn, 100);
    await ensureUserTables(store.conn);
    await addUser(store.conn, 'admin', 'admin-password-1', 'admin');
    built = await buildApp({ conn: store.conn, webDir: '/nonexistent' });
    admin = await signIn(built.app, 'admin', 'admin-password-1');
  });
  after(async () => {
    await built.app.close();
    closeStore(store);
  });

  const put = (body: unknown) =>
    built.app.inject({
      method: 'PUT',
      url: '/api/settings',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      payload: body as object,
    });

  test('an invalid timezone is refused, naming the field in Japanese and English', async () => {
    const current = (
      await built.app.inject({ url: '/api/settings', headers: { cookie: admin.cookie } })
    ).json();
    const res = await put({ ...current, timezone: 'Mars/Olympus' });
    assert.equal(res.statusCode, 400, res.body);
    const body = res.json();
    assert.equal(body.code, 'settings_invalid');
    assert.match(body.message, /timezone: is not an IANA time zone name/);
    assert.match(body.message_ja, /timezone: IANA のタイムゾーン名ではありません/);
    assert.deepEqual(
      body.details.map((d: { field: string }) => d.field),
      ['timezone'],
    );
    assert.equal((await loadSettings(store.conn)).timezone, 'Asia/Tokyo', 'nothing was stored');
    // What used to fail after such a save: anonymising a customer.
    const anon = await built.app.inject({
      method: 'POST',
      url: '/api/customers/C00003/anonymise',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      payload: {},
    });
    assert.equal(anon.statusCode, 200, anon.body);
  });

  test('currency, ranges and unknown keys are refused too; a valid change is saved', async () => {
    for (const [body, field] of [
      [{ currency: 'YEN' }, 'currency'],
      [{ currency: 'jpy' }, 'currency'],
      [{ retention_targets: { year2: 1.5 } }, 'retention_targets.year2'],
      [{ window_days: 180 }, 'window_days'],
      [{ diagnosis: { min_z: -1 } }, 'diagnosis.min_z'],
      [{ distribution: { too_few_per_active: 30 } }, 'distribution.too_many_per_active'],
      [{ rfm: { recency_days: [90, 30, 180, 365] } }, 'rfm.recency_days'],
      [{ alerts: { webhook_url: 'javascript:alert(1)' } }, 'alerts.webhook_url'],
      [{ timezon: 'Asia/Tokyo' }, 'timezon'],
    ] as const) {
      const res = await put(body);
      assert.equal(res.statusCode, 400, `${JSON.stringify(body)}: ${res.body}`);
      assert.ok(
        res.json().details.some((d: { field: string }) => d.field === field),
        `${JSON.stringify(body)} names ${field}: ${res.body}`,
      );
    }
    const ok = await put({ timezone: 'Europe/Berlin', currency: 'EUR' });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal((await loadSettings(store.conn)).timezone, 'Europe/Berlin');
  });

  test('settings stored invalid are shown with the problems, and refuse the checkup', async () => {
    await store.conn.run(
      `UPDATE settings SET value = json_object('timezone', 'Mars/Olympus', 'currency', 'XXQ') WHERE key = 'settings'`,
    );
    const got = await built.app.inject({ url: '/api/settings', headers: { cookie: admin.cookie } });
    assert.equal(got.statusCode, 200);
    assert.equal(got.json().timezone, 'Asia/Tokyo', 'shown at its default');
    assert.deepEqual(
      got.json().invalid.map((p: { field: string }) => p.field),
      ['timezone', 'currency'],
    );
    const run = await built.app.inject({
      method: 'POST',
      url: '/api/checkup/run',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      payload: {},
    });
    assert.equal(run.statusCode, 400, run.body);
    assert.equal(run.json().code, 'settings_invalid');
    // Saving the page as shown (with `invalid` sent back) repairs them.
    const fixed = await put(got.json());
    assert.equal(fixed.statusCode, 200, fixed.body);
    assert.equal(checkSettings(fixed.json()).ok, true);
  });
});

describe('the command line and the start of the server', () => {
  let dir: string;
  let db: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kenshin-settings-'));
    db = join(dir, 'shop.duckdb');
    const store = await openStore(db);
    await seedSampleBusiness(store.conn, 100);
    closeStore(store);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('kenshin settings set refuses an invalid timezone and stores a valid one', async () => {
    const bad = await kenshin('--db', db, 'settings', 'set', 'timezone=Mars/Olympus');
    assert.equal(bad.code, 1, bad.stderr);
    assert.match(bad.stderr, /timezone: IANA のタイムゾーン名ではありません/);
    assert.match(bad.stderr, /timezone: is not an IANA time zone name/);
    const good = await kenshin(
      '--db',
      db,
      'settings',
      'set',
      'timezone=America/New_York',
      'gross_margin_rate=0.35',
    );
    assert.equal(good.code, 0, good.stderr);
    const got = await kenshin('--db', db, 'settings', 'get', 'timezone');
    assert.equal(got.stdout.trim(), 'America/New_York');
  });

  test('kenshin settings import refuses a file with a bad currency as a whole', async () => {
    const file = join(dir, 'settings.json');
    await writeFile(file, JSON.stringify({ timezone: 'Asia/Tokyo', currency: 'ZZZ' }));
    const r = await kenshin('--db', db, 'settings', 'import', file);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /currency: is not an ISO 4217 currency code/);
    const tz = await kenshin('--db', db, 'settings', 'get', 'timezone');
    assert.equal(tz.stdout.trim(), 'America/New_York', 'nothing changed');
  });

  test('invalid stored settings: reported at the server start, and the CLI names the fix', async () => {
    const store = await openStore(db);
    await store.conn.run(
      `UPDATE settings SET value = json_object('timezone', 'Mars/Olympus') WHERE key = 'settings'`,
    );
    closeStore(store);
    const r = await kenshin('--db', db, 'checkup');
    assert.equal(r.code, 1, r.stderr);
    assert.match(
      r.stderr,
      /stored settings; fix them on the settings page or with kenshin settings set/,
    );
    assert.match(r.stderr, /timezone/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    const server = await startServer({ dbPath: db, port: 0, webDir: '/nonexistent' });
    try {
      assert.deepEqual(
        server.settingsProblems.map((p) => p.field),
        ['timezone'],
      );
    } finally {
      await server.close();
    }
  });
});
