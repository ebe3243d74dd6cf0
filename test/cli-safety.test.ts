// End to end: what the command line must never do to the user's files — take a CSV for the
// database, write a reject file over the input, overwrite any existing file without --force —
// and an import that stores nothing is never reported as done.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

const ROOT = join(import.meta.dirname, '..');
const FIX = join(ROOT, 'test/fixtures/import');
let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kenshin-cli-safety-'));
});
after(() => rm(dir, { recursive: true, force: true }));

/** Runs `kenshin …` in a child process; returns exit code, stdout and stderr. */
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

const ORDERS =
  'order_id,customer_id,ordered_at,amount\nA1,C1,2024-01-05,100\nA2,C2,2024-01-06,200\n';
const BAD = 'order_id,customer_id,ordered_at,amount\nB1,C1,2024-01-05,100\nB2,C2,2024/13/45,200\n';

describe('the command line keeps the user’s files', { concurrency: 2 }, () => {
  test('--db naming a CSV or JSON file is refused, the file untouched', async () => {
    for (const [name, text] of [
      ['db.csv', ORDERS],
      ['db.json', '{"a": 1}\n'],
    ]) {
      const db = join(dir, name);
      await writeFile(db, text);
      const r = await kenshin('--db', db, 'import', 'orders', join(FIX, 'orders-utf8.csv'));
      assert.equal(r.code, 1, r.stdout);
      assert.match(r.stderr, /is not a kenshin database \(a DuckDB file\); nothing was changed/);
      assert.doesNotMatch(r.stdout, /stored/);
      assert.equal(await readFile(db, 'utf8'), text);
    }
    const folder = join(dir, 'folder');
    await mkdir(folder);
    const d = await kenshin('--db', folder, 'import', 'orders', join(FIX, 'orders-utf8.csv'));
    assert.equal(d.code, 1);
    assert.match(d.stderr, /is a directory/);
  });

  test('--reject-file never writes over the input, not even with --force', async () => {
    const input = join(dir, 'bad.csv');
    await writeFile(input, BAD);
    const db = join(dir, 'r1.duckdb');
    for (const extra of [[], ['--force']]) {
      const r = await kenshin(
        '--db',
        db,
        'import',
        'orders',
        input,
        '--reject-file',
        join(dir, '.', 'bad.csv'),
        ...extra,
      );
      assert.equal(r.code, 1, r.stdout);
      assert.match(r.stderr, /is the file being imported/);
      assert.equal(await readFile(input, 'utf8'), BAD);
    }
  });

  test('an existing reject file needs --force; then it is replaced', async () => {
    const input = join(dir, 'bad2.csv');
    await writeFile(input, BAD);
    const rejects = join(dir, 'rejects.csv');
    await writeFile(rejects, 'my own notes\n');
    const db = join(dir, 'r2.duckdb');
    const r = await kenshin('--db', db, 'import', 'orders', input, '--reject-file', rejects);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /rejects\.csv.* already exists; .*--force/);
    assert.equal(await readFile(rejects, 'utf8'), 'my own notes\n');
    const forced = await kenshin(
      '--db',
      db,
      'import',
      'orders',
      input,
      '--reject-file',
      rejects,
      '--force',
    );
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stdout, /stored 1 .*rejected 1/);
    assert.match(await readFile(rejects, 'utf8'), /B2,C2,2024\/13\/45,200/);
  });

  test('an import whose every row is rejected fails and says nothing was stored', async () => {
    const input = join(dir, 'allbad.csv');
    await writeFile(input, 'order_id,customer_id,ordered_at,amount\nB1,C1,2024/13/45,100\n');
    const r = await kenshin(
      '--db',
      join(dir, 'r3.duckdb'),
      'import',
      'orders',
      input,
      '--reject-file',
      join(dir, 'all-rejects.csv'),
    );
    assert.equal(r.code, 2, r.stdout);
    assert.match(r.stderr, /all 1 rows are invalid; nothing was stored/);
    assert.doesNotMatch(r.stdout, /取り込み完了/);
  });

  test('workbook --out, clv --csv and segment export --csv refuse an existing file without --force', async () => {
    const db = join(dir, 'w.duckdb');
    for (const [args, name] of [
      [['workbook', '--out'], 'book.xlsx'],
      [['clv', '--csv'], 'clv.csv'],
      [['segment', 'export', 'vip', '--csv'], 'segment.csv'],
    ] as const) {
      const out = join(dir, name);
      await writeFile(out, 'precious\n');
      const r = await kenshin('--db', db, ...args, out);
      assert.equal(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`${name.replace('.', '\\.')}.* already exists; .*--force`));
      assert.equal(await readFile(out, 'utf8'), 'precious\n');
    }
  });
});
