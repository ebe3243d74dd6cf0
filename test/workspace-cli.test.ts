import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kenshin } from './helpers/cli.js';

test('--db with --business is refused, and an unknown workspace says so; nothing is created', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kenshin-ws-'));
  try {
    const db = join(dir, 'x.duckdb');
    const both = kenshin(['--db', db, '--business', 'a', 'settings', 'show']);
    assert.equal(both.status, 1);
    assert.match(both.err, /--db と --business は同時に指定できません.*cannot be used together/);
    const none = kenshin(['--workspace', dir, '--business', 'a', 'settings', 'show']);
    assert.equal(none.status, 1);
    assert.match(none.err, /no_workspace/);
    assert.equal(existsSync(db), false);
    assert.equal(existsSync(join(dir, 'workspace.duckdb')), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('business add, list, rename and remove; --business opens that business, and only it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kenshin-ws-'));
  const ws = ['--workspace', dir];
  try {
    assert.equal(kenshin([...ws, 'business', 'add', 'shop-a', '--label', '青木商店']).status, 0);
    assert.equal(kenshin([...ws, 'business', 'add', 'shop-b']).status, 0);
    const again = kenshin([...ws, 'business', 'add', 'shop-a']);
    assert.equal(again.status, 1);
    assert.match(again.err, /exists already/);
    assert.equal(kenshin([...ws, 'business', 'add', 'Bad Name']).status, 1);
    const fileA = join(dir, 'businesses', 'shop-a.duckdb');
    assert.equal(existsSync(fileA), true);

    // A setting written through --business shop-a is shop-a's, not shop-b's.
    assert.equal(
      kenshin([...ws, '--business', 'shop-a', 'settings', 'set', 'gross_margin_rate=0.3']).status,
      0,
    );
    const a = kenshin([...ws, '--business', 'shop-a', 'settings', 'get', 'gross_margin_rate']);
    const b = kenshin([...ws, '--business', 'shop-b', 'settings', 'get', 'gross_margin_rate']);
    assert.equal(a.out.trim(), '0.3');
    assert.equal(b.out.trim(), '0.5');

    const renamed = kenshin([...ws, 'business', 'rename', 'shop-a', '--to', 'aoki']);
    assert.equal(renamed.status, 0, renamed.err);
    assert.equal(
      kenshin([...ws, '--business', 'aoki', 'settings', 'get', 'gross_margin_rate']).out.trim(),
      '0.3',
    );
    assert.match(
      kenshin([...ws, '--business', 'shop-a', 'settings', 'show']).err,
      /no_such_business|known: aoki, shop-b/,
    );

    const listed = JSON.parse(kenshin([...ws, 'business', 'list', '--json']).out) as {
      name: string;
      label: string;
    }[];
    assert.deepEqual(
      listed.map((x) => [x.name, x.label]),
      [
        ['aoki', '青木商店'],
        ['shop-b', 'shop-b'],
      ],
    );

    // remove without --force keeps the file; with --force deletes it.
    assert.equal(kenshin([...ws, 'business', 'remove', 'aoki']).status, 0);
    assert.equal(existsSync(fileA), true);
    const fileB = join(dir, 'businesses', 'shop-b.duckdb');
    assert.equal(kenshin([...ws, 'business', 'remove', 'shop-b', '--force']).status, 0);
    assert.equal(existsSync(fileB), false);
    assert.deepEqual(JSON.parse(kenshin([...ws, 'business', 'list', '--json']).out), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('daily --all runs every business; one that fails is reported and the others still run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kenshin-ws-'));
  const ws = ['--workspace', dir];
  try {
    const orders = join(dir, 'orders.csv');
    const lines = ['order_id,customer_id,ordered_at,amount'];
    for (let i = 1; i <= 40; i++)
      lines.push(
        `O${i},C${(i % 12) + 1},2024-${String((i % 12) + 1).padStart(2, '0')}-10,${1000 + i}`,
      );
    writeFileSync(orders, lines.join('\n') + '\n');
    for (const b of ['shop-a', 'shop-b', 'shop-c'])
      assert.equal(kenshin([...ws, 'business', 'add', b]).status, 0);
    for (const b of ['shop-a', 'shop-c'])
      assert.equal(kenshin([...ws, '--business', b, 'import', 'orders', orders]).status, 0);
    // shop-b has no orders: its daily run stops, and says why; a and c run.
    const r = kenshin([...ws, 'daily', '--all', '--json', '--archive', join(dir, 'archive')]);
    assert.equal(r.status, 13, r.err);
    const runs = (
      JSON.parse(r.out) as {
        businesses: {
          business: string;
          ok: boolean;
          error: { en: string } | null;
          result: { as_of: string } | null;
        }[];
      }
    ).businesses;
    assert.deepEqual(
      runs.map((x) => [x.business, x.ok]),
      [
        ['shop-a', true],
        ['shop-b', false],
        ['shop-c', true],
      ],
    );
    assert.ok(runs[1].error && runs[1].error.en.length > 0);
    assert.equal(runs[0].result?.as_of, '2024-12-10');
    // Each business's workbook goes into its own archive folder.
    assert.equal(existsSync(join(dir, 'archive', 'shop-a', 'kenshin-2024-12-10.xlsx')), true);
    assert.equal(existsSync(join(dir, 'archive', 'shop-b')), false);
    assert.match(r.err, /1 of 3 businesses failed/);
    const both = kenshin([...ws, '--business', 'shop-a', 'daily', '--all']);
    assert.equal(both.status, 1);
    assert.match(both.err, /--all cannot be used with --db or --business/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
