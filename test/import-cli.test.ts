// End to end: the `kenshin import` command as a user runs it, in a child process, on real files
// and a real database file; exit codes and output.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

const ROOT = join(import.meta.dirname, '..');
const FIX = join(ROOT, 'test/fixtures/import');
let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kenshin-import-cli-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs `kenshin --db DB import …`; returns exit code, stdout and stderr. */
function kenshin(
  db: string,
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', '--db', join(dir, db), 'import', ...args],
      {
        cwd: ROOT,
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// The cases use separate databases and run two at a time: each child pays the CLI's start-up,
// so the report texts themselves are tested in src/ingest/report.test.ts.
describe('kenshin import', { concurrency: 2 }, () => {
  test('a dry run stores nothing, then the import stores and says so in one line', async () => {
    const dry = await kenshin('a.duckdb', 'orders', join(FIX, 'orders-sjis.csv'), '--dry-run');
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /dry run \(nothing stored\): orders-sjis\.csv as orders/);
    assert.match(dry.stdout, /format: cp932, delimiter ","; 3 rows/);
    assert.match(dry.stdout, /合計金額\(税込\) → amount/);
    assert.match(dry.stdout, /備考 → \(ignored\)/);
    assert.match(dry.stdout, /J003\s+K001\s+2024-02-03 14:05:00\s+1500\.0000/);

    const real = await kenshin('a.duckdb', 'orders', join(FIX, 'orders-sjis.csv'));
    assert.equal(real.code, 0, real.stderr);
    assert.match(
      real.stdout,
      /imported orders-sjis\.csv as orders: read 3 rows, stored 3 \(orders: 3 new, 0 updated, 0 unchanged\), rejected 0; [\d.]+ s/,
    );
    assert.match(real.stdout, /ignored columns: 備考/);
  });

  test('invalid rows: exit 2, a report with file, row, column, value and reason, nothing stored', async () => {
    const r = await kenshin('b.duckdb', 'orders', join(FIX, 'orders-bad.csv'));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /4 invalid rows; nothing was stored/);
    assert.match(
      r.stderr,
      /orders-bad\.csv 行\/row 3, 列\/column「ordered_at」, 値\/value "2024\/13\/45": 日付として読めません.* \/ not a date/,
    );
    assert.match(r.stderr, /行\/row 5, 列\/column「status」, 値\/value "保留"/);
    assert.match(r.stderr, /--reject-file PATH/);
  });

  test('a file that cannot be used: exit 1 and the reason', async () => {
    const missing = await kenshin('d.duckdb', 'orders', join(FIX, 'contacts.csv'));
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /required column missing: order_id, ordered_at, amount/);
    assert.match(missing.stderr, /columns found: 顧客ID, 送付日, 媒体, キャンペーンID, 費用/);
  });
});
