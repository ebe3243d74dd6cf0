// One story for the dashboard and the command line on the same database (issue 16): while
// `kenshin serve` holds the database, a CLI import or checkup fails with the documented message
// (the dashboard holds it, and what to do), `kenshin backup` makes a consistent copy through the
// server, and `kenshin restore` (the server stopped) puts it back, checked by the tables'
// checksums. `serve --daily` runs the daily job inside the server process.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { closeStore, openStore } from '../src/store/db.js';
import { seedSampleBusiness } from '../src/server/testing.js';
import { checksumDiff, fileChecksums, type TableChecksum } from '../src/store/backup.js';
import { startServer } from '../src/server/start.js';
import { controlFilePath } from '../src/store/serve-lock.js';

const ROOT = join(import.meta.dirname, '..');
const FIX = join(ROOT, 'test/fixtures/import');
let dir: string;
let db: string;

/** Runs `kenshin …`; returns exit code, stdout and stderr. */
function kenshin(
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', KENSHIN_LOG: join(dir, 'error.log') },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts `kenshin serve` in a child process; resolves with it once it listens. */
function serve(...args: string[]): Promise<{ child: ChildProcess; out: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', '--db', db, 'serve', '--port', '0', ...args],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } },
    );
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 60_000);
    const onData = (d: Buffer) => {
      out += d;
      if (/kenshin: http:\/\/127\.0\.0\.1:\d+/.test(out)) {
        clearTimeout(timer);
        resolve({ child, out: () => out });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d) => (out += d));
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
}

/** Stops a child (SIGTERM) and waits for it. */
function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kenshin-serve-cli-'));
  db = join(dir, 'shop.duckdb');
  const store = await openStore(db);
  await seedSampleBusiness(store.conn, 300);
  closeStore(store);
});
after(() => rm(dir, { recursive: true, force: true }));

describe('while kenshin serve holds the database', () => {
  let server: Awaited<ReturnType<typeof serve>>;
  let backup: { path: string; tables: Record<string, TableChecksum> };
  before(async () => {
    server = await serve('--daily', '0 6 * * *');
  });
  after(() => stop(server.child));

  test('serve says when the daily job runs next and writes an owner-only control file', async () => {
    const next = /daily job "0 6 \* \* \*": next \d{4}-\d\d-\d\dT/;
    for (let i = 0; i < 50 && !next.test(server.out()); i++)
      await new Promise((r) => setTimeout(r, 100));
    assert.match(server.out(), next);
    const info = await stat(controlFilePath(db));
    assert.equal(info.mode & 0o777, 0o600);
  });

  test('a CLI import, dry run and checkup print the documented message and exit 4', async () => {
    for (const args of [
      ['import', 'orders', join(FIX, 'orders-utf8.csv')],
      ['import', 'orders', join(FIX, 'orders-utf8.csv'), '--dry-run'],
      ['checkup'],
    ]) {
      const r = await kenshin('--db', db, ...args);
      assert.equal(r.code, 4, `${args.join(' ')}: ${r.stderr}`);
      assert.match(
        r.stderr,
        /the dashboard \(kenshin serve, PID \d+, http:\/\/127\.0\.0\.1:\d+\) holds the database/,
      );
      assert.match(r.stderr, /import and run the checkup from the dashboard/);
      assert.match(r.stderr, /kenshin serve --daily/);
      assert.match(r.stderr, /ダッシュボード（kenshin serve/);
      assert.match(r.stderr, /\(db_held_by_server\)/);
      assert.doesNotMatch(r.stderr, /Could not set lock|\n\s+at /, 'no engine text, no stack');
    }
  });

  test('kenshin backup makes a consistent copy through the server', async () => {
    const r = await kenshin('--db', db, 'backup', join(dir, 'backup.duckdb'), '--json');
    assert.equal(r.code, 0, r.stderr);
    backup = JSON.parse(r.stdout);
    assert.ok(backup.tables.orders.rows > 1000, JSON.stringify(backup.tables.orders));
    assert.equal(
      JSON.stringify(await fileChecksums(join(dir, 'backup.duckdb'))),
      JSON.stringify(backup.tables),
    );
    const again = await kenshin('--db', db, 'backup', join(dir, 'backup.duckdb'));
    assert.equal(again.code, 1, 'an existing backup is not replaced without --force');
  });

  test('restore is refused while the server runs', async () => {
    const r = await kenshin('--db', db, 'restore', join(dir, 'backup.duckdb'), '--force');
    assert.equal(r.code, 4, r.stderr);
    assert.match(r.stderr, /holds the database/);
  });

  test('after the server stops: the backup equals the database, and restore brings it back', async () => {
    await stop(server.child);
    const live = await fileChecksums(db);
    // Sessions and the audit log may have moved on since the backup; the business data not.
    const business = ['customers', 'orders', 'order_items', 'contacts', 'checkups', 'settings'];
    for (const t of business) assert.deepEqual(live[t], backup.tables[t], t);
    const imp = await kenshin('--db', db, 'import', 'orders', join(FIX, 'orders-utf8.csv'));
    assert.equal(imp.code, 0, imp.stderr);
    assert.ok(checksumDiff(await fileChecksums(db), backup.tables).includes('orders'));
    const r = await kenshin('--db', db, 'restore', join(dir, 'backup.duckdb'), '--force');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(checksumDiff(await fileChecksums(db), backup.tables), []);
    assert.ok((await stat(`${db}.before-restore`)).size > 0, 'the replaced database is kept');
  });
});

test('serve --daily runs the daily job inside the server process', async () => {
  const archive = join(dir, 'archive');
  const server = await startServer({
    dbPath: db,
    port: 0,
    webDir: '/nonexistent',
    // Every second (6 fields: croner's seconds), so the test sees a run.
    daily: { cron: '* * * * * *', archive, lang: 'en' },
    log: () => undefined,
  });
  try {
    const deadline = Date.now() + 60_000;
    let files: string[] = [];
    while (Date.now() < deadline && !files.some((f) => f.endsWith('.xlsx'))) {
      await new Promise((r) => setTimeout(r, 500));
      files = await import('node:fs/promises').then((fs) => fs.readdir(archive).catch(() => []));
    }
    assert.ok(
      files.some((f) => /^kenshin-\d{4}-\d\d-\d\d\.xlsx$/.test(f)),
      `workbook in ${files}`,
    );
    const control = JSON.parse(await readFile(controlFilePath(db), 'utf8'));
    assert.equal(control.pid, process.pid);
  } finally {
    await server.close();
  }
});
