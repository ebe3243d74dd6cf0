// `kenshin user grant | revoke | memberships` on a workspace: roles per business live in the
// catalogue; the first grant creates the person; unknown businesses and roles are refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kenshin } from './helpers/cli.js';
import { FileCatalogue } from '../src/workspace/file-catalogue.js';

test('grant creates the user once and sets one role per business; revoke removes it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kenshin-ms-'));
  try {
    const ws = ['--workspace', dir];
    for (const b of ['shop-a', 'shop-b'])
      assert.equal(kenshin([...ws, 'business', 'add', b]).status, 0);

    const first = kenshin([
      ...ws,
      'user',
      'grant',
      'mika',
      '--business',
      'shop-a',
      '--role',
      'admin',
    ]);
    assert.equal(first.status, 0, first.err);
    assert.match(first.out, /granted mika: shop-a \(admin\)/);
    assert.match(first.out, /password: \S{10,}/, 'a generated password is printed once');
    const second = kenshin([
      ...ws,
      'user',
      'grant',
      'mika',
      '--business',
      'shop-b',
      '--role',
      'viewer',
    ]);
    assert.equal(second.status, 0, second.err);
    assert.doesNotMatch(second.out, /password:/, 'an existing user keeps their password');

    const bad = kenshin([...ws, 'user', 'grant', 'mika', '--business', 'nope', '--role', 'viewer']);
    assert.equal(bad.status, 1);
    assert.match(bad.err, /no_such_business|known: shop-a, shop-b/);
    assert.equal(
      kenshin([...ws, 'user', 'grant', 'mika', '--business', 'shop-a', '--role', 'owner']).status,
      1,
    );

    const listed = JSON.parse(kenshin([...ws, 'user', 'memberships', '--json']).out) as {
      username: string;
      memberships: { business: string; role: string }[];
    }[];
    assert.deepEqual(
      listed.map((u) => [u.username, u.memberships.map((m) => `${m.business}:${m.role}`)]),
      [['mika', ['shop-a:admin', 'shop-b:viewer']]],
    );

    assert.equal(kenshin([...ws, 'user', 'revoke', 'mika', '--business', 'shop-b']).status, 0);
    const again = kenshin([...ws, 'user', 'revoke', 'mika', '--business', 'shop-b']);
    assert.equal(again.status, 1);
    assert.match(again.err, /no_membership|has no role/);

    // The catalogue holds the result, and its audit log who changed it.
    const c = await FileCatalogue.open(join(dir, 'workspace.duckdb'));
    try {
      assert.deepEqual(
        (await c.memberships('mika')).map((m) => `${m.business}:${m.role}`),
        ['shop-a:admin'],
      );
      assert.ok((await c.passwordHash('mika'))?.startsWith('$argon2id$'));
    } finally {
      await c.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
