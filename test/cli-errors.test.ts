// What the user sees when the machine or the database says no (issue 16): one error type with
// a stable code, Japanese and English words and an exit code of its kind — a full disk with its
// real cause (not "Current transaction is aborted"), a read-only file system, a damaged file, a
// missing folder, a database locked by another process, an input file that is missing, a
// folder, or unreadable — and never a stack trace (the log keeps it).
// The disk cases mount a small tmpfs and the permission cases run as `nobody`: both need root,
// and are skipped with a message otherwise.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { closeStore, openStore } from '../src/store/db.js';
import { seedSampleBusiness } from '../src/server/testing.js';

const ROOT = join(import.meta.dirname, '..');
const FIX = join(ROOT, 'test/fixtures/import');
const ROOT_USER = process.getuid?.() === 0;
const NOT_ROOT = 'needs root (mount a tmpfs, run as nobody); run the tests as root to include it';
let dir: string;
let seed: string;
let tiny: string;
let log: string;

function kenshin(
  args: string[],
  opts: { uid?: number; env?: Record<string, string> } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', KENSHIN_LOG: log, ...opts.env },
      ...(opts.uid === undefined ? {} : { uid: opts.uid, gid: opts.uid }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Asserts the refusal: exit code, the error code, words in both languages, no stack, no engine text. */
function refused(
  r: { code: number | null; stderr: string },
  exit: number,
  code: string,
  en: RegExp,
): void {
  assert.equal(r.code, exit, r.stderr);
  assert.match(r.stderr, new RegExp(`\\(${code}\\)\\n$`), r.stderr);
  assert.match(r.stderr, en);
  assert.match(r.stderr, /[\u3040-\u30ff\u4e00-\u9fff]/, 'Japanese words too');
  assert.doesNotMatch(
    r.stderr,
    /\n\s+at |Error: IO Error|TransactionContext/,
    'no stack, no engine text',
  );
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kenshin-errors-'));
  await chmod(dir, 0o777);
  log = join(dir, 'error.log');
  seed = join(dir, 'seed.duckdb');
  const store = await openStore(seed);
  await seedSampleBusiness(store.conn, 50);
  closeStore(store);
  // An empty database (780 KiB) fits the 2 MiB disk below; the import then does not.
  tiny = join(dir, 'tiny.duckdb');
  closeStore(await openStore(tiny));
});
after(() => rm(dir, { recursive: true, force: true }));

describe('a full disk', { skip: ROOT_USER ? false : NOT_ROOT }, () => {
  let disk: string;
  let big: string;
  before(async () => {
    disk = join(dir, 'disk');
    await mkdir(disk);
    const m = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', disk], {
      encoding: 'utf8',
    });
    assert.equal(m.status, 0, `mount: ${m.stderr}`);
    // 200,000 orders, about 8 MiB: more than the 2 MiB the database may grow into.
    big = join(dir, 'big-orders.csv');
    const lines = ['order_id,customer_id,ordered_at,amount'];
    for (let i = 0; i < 200_000; i++)
      lines.push(
        `X${i},C${String(i % 40_000).padStart(5, '0')},2026-0${1 + (i % 9)}-1${i % 10} 10:00:00,${1000 + (i % 9000)}`,
      );
    await writeFile(big, lines.join('\n') + '\n');
  });
  after(() => {
    spawnSync('umount', [disk]);
  });

  test('an import that fills the disk shows the cause and changes nothing', async () => {
    const db = join(disk, 'shop.duckdb');
    await copyFile(tiny, db);
    const r = await kenshin(['--db', db, 'import', 'orders', big, '--no-progress']);
    refused(
      r,
      5,
      'disk_full',
      /the disk is full: could not write ".*shop\.duckdb" \(the database was not changed\)/,
    );
    assert.doesNotMatch(r.stderr, /Current transaction is aborted/);
    // The log keeps the engine's own words and the stack.
    const text = await readFile(log, 'utf8');
    assert.match(text, /No space left on device/);
    assert.match(text, /\n\s+at /);
    const store = await openStore(db).catch(() => null);
    if (store) {
      const n = (await store.conn.runAndReadAll('SELECT count(*) FROM orders')).getRows()[0][0];
      closeStore(store);
      assert.equal(Number(n), 0, 'no order was stored');
    }
    await rm(db, { force: true });
    await rm(`${db}.wal`, { force: true });
  });

  test('running out of memory says which setting to change', async () => {
    const db = join(dir, 'oom.duckdb');
    await copyFile(tiny, db);
    const r = await kenshin(['--db', db, 'import', 'orders', big, '--no-progress'], {
      env: { KENSHIN_MEMORY_LIMIT: '20MB', KENSHIN_TEMP_DIR: join(disk, 'spill') },
    });
    refused(
      r,
      5,
      'out_of_memory',
      /the memory limit was reached \(nothing was stored\); raise the memory\.limit setting/,
    );
  });

  test('a read-only file system is named as such', async () => {
    const db = join(disk, 'ro.duckdb');
    await copyFile(tiny, db);
    assert.equal(spawnSync('mount', ['-o', 'remount,ro', disk]).status, 0);
    try {
      const r = await kenshin(['--db', db, 'import', 'orders', join(FIX, 'orders-utf8.csv')]);
      refused(r, 5, 'db_read_only', /is on a read-only file system/);
    } finally {
      spawnSync('mount', ['-o', 'remount,rw', disk]);
    }
  });
});

describe('the database', () => {
  test('a damaged file says so and points at the backup', async () => {
    const db = join(dir, 'damaged.duckdb');
    await copyFile(seed, db);
    const fh = await open(db, 'r+');
    await fh.write(Buffer.alloc(16384, 0xff), 0, 16384, 12288);
    await fh.close();
    const r = await kenshin(['--db', db, 'checkup']);
    refused(r, 6, 'db_corrupt', /is damaged .*restore the last backup \(kenshin restore\)/);
  });

  test('a missing folder is named', async () => {
    const r = await kenshin(['--db', join(dir, 'no/such/folder/shop.duckdb'), 'checkup']);
    refused(
      r,
      1,
      'db_folder_missing',
      /the folder of the database ".*no\/such\/folder\/shop\.duckdb" does not exist/,
    );
  });

  test('a database held by another process names its PID', async () => {
    const db = join(dir, 'held.duckdb');
    await copyFile(seed, db);
    const store = await openStore(db);
    try {
      const r = await kenshin(['--db', db, 'checkup']);
      refused(
        r,
        4,
        'db_locked',
        new RegExp(`is in use by another process \\(PID ${process.pid}\\)`),
      );
    } finally {
      closeStore(store);
    }
  });

  test('no permission to open the database', { skip: ROOT_USER ? false : NOT_ROOT }, async () => {
    const locked = join(dir, 'private');
    await mkdir(locked, { mode: 0o700 });
    await copyFile(seed, join(locked, 'shop.duckdb'));
    const r = await kenshin(['--db', join(locked, 'shop.duckdb'), 'checkup'], { uid: 65534 });
    assert.ok([1, 5].includes(r.code ?? -1), r.stderr);
    assert.match(r.stderr, /permission|権限/i);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });
});

describe('input files', () => {
  test('missing, a folder, or unreadable: each named, exit 1 or 5', async () => {
    const db = join(dir, 'input.duckdb');
    await copyFile(seed, db);
    await chmod(db, 0o666);
    const missing = await kenshin(['--db', db, 'import', 'orders', join(dir, 'nope.csv')]);
    refused(missing, 1, 'file_not_found', /file not found: .*nope\.csv/);
    const folder = await kenshin(['--db', db, 'import', 'orders', dir]);
    refused(folder, 1, 'file_is_directory', /is a folder; name the file to import/);
    if (!ROOT_USER) return;
    const secret = join(dir, 'secret.csv');
    await copyFile(join(FIX, 'orders-utf8.csv'), secret);
    await chmod(secret, 0o600);
    const denied = await kenshin(['--db', db, 'import', 'orders', secret], { uid: 65534 });
    refused(denied, 5, 'file_permission', /no permission to read ".*secret\.csv"/);
  });
});

test('kenshin --help lists the exit codes', async () => {
  const r = await kenshin(['--help']);
  assert.equal(r.code, 0);
  for (const code of ['0', '1', '2', '3', '4', '5', '6', '70'])
    assert.match(r.stdout, new RegExp(`^\\s+${code}\\s+\\S`, 'm'), `exit code ${code}`);
});
