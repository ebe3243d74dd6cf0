import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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
