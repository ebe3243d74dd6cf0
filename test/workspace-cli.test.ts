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
