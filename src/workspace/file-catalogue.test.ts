import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileCatalogue } from './file-catalogue.js';
import { checkPassword, hashPassword } from '../store/users-store.js';

const withCatalogue = async (fn: (c: FileCatalogue, path: string) => Promise<void>) => {
  const dir = mkdtempSync(join(tmpdir(), 'kenshin-cat-'));
  const path = join(dir, 'workspace.duckdb');
  const c = await FileCatalogue.open(path);
  try {
    await fn(c, path);
  } finally {
    await c.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

test('businesses are added, renamed (memberships follow) and removed, and survive a reopen', async () => {
  await withCatalogue(async (c, path) => {
    await c.addBusiness({ name: 'shop-a', label: '店A', file: 'businesses/shop-a.duckdb' });
    await c.addBusiness({ name: 'shop-b', label: '店B', file: 'businesses/shop-b.duckdb' });
    await assert.rejects(
      c.addBusiness({ name: 'shop-a', label: 'x', file: 'x' }),
      /business exists/,
    );
    await assert.rejects(c.addBusiness({ name: 'Shop A', label: 'x', file: 'x' }), /lower-case/);
    await c.addUser('sato', await hashPassword('pw-sato'));
    await c.setMembership('sato', 'shop-a', 'viewer');
    await c.setMembership('sato', 'shop-a', 'analyst');
    const renamed = await c.renameBusiness('shop-a', { name: 'shop-c', label: '店C' });
    assert.deepEqual(
      [renamed.name, renamed.label, renamed.file],
      ['shop-c', '店C', 'businesses/shop-a.duckdb'],
    );
    assert.deepEqual(await c.memberships('sato'), [
      { username: 'sato', business: 'shop-c', role: 'analyst' },
    ]);
    await c.close();
    const again = await FileCatalogue.open(path);
    try {
      assert.deepEqual(
        (await again.listBusinesses()).map((b) => b.name),
        ['shop-b', 'shop-c'],
      );
      await again.removeBusiness('shop-c');
      assert.deepEqual(await again.memberships('sato'), []);
      assert.equal(await again.getBusiness('shop-c'), null);
    } finally {
      await again.close();
    }
  });
});

test('users keep argon2id hashes; memberships are per business; sessions expire', async () => {
  await withCatalogue(async (c) => {
    await c.addBusiness({ name: 'a', label: 'A', file: 'businesses/a.duckdb' });
    await c.addBusiness({ name: 'b', label: 'B', file: 'businesses/b.duckdb' });
    await c.addUser('ito', await hashPassword('secret-1'));
    await assert.rejects(c.addUser('ito', 'h'), /user exists/);
    const hash = await c.passwordHash('ito');
    assert.match(hash!, /^\$argon2id\$/);
    const rec = { user: { username: 'ito', role: 'viewer' as const, created_at: '' }, hash: hash! };
    assert.ok(await checkPassword(rec, 'secret-1'));
    assert.equal(await checkPassword(rec, 'wrong'), null);
    await c.setMembership('ito', 'a', 'admin');
    await c.setMembership('ito', 'b', 'viewer');
    await assert.rejects(c.setMembership('ito', 'zzz', 'viewer'), /no such business/);
    await c.setMembership('ito', 'b', null);
    const [u] = await c.listUsers();
    assert.deepEqual(u.memberships, [{ username: 'ito', business: 'a', role: 'admin' }]);
    const now = Date.now();
    await c.createSession({ hash: 'h1', username: 'ito', expires_at: now + 60_000 });
    await c.createSession({ hash: 'h2', username: 'ito', expires_at: now - 1 });
    assert.equal((await c.findSession('h1'))?.username, 'ito');
    assert.equal(await c.findSession('h2'), null);
    assert.equal(await c.deleteExpiredSessions(now), 1);
    assert.ok(await c.setPassword('ito', await hashPassword('secret-2')));
    assert.equal(await c.findSession('h1'), null, 'a new password ends the sessions');
    assert.ok(await c.removeUser('ito'));
    assert.equal(await c.passwordHash('ito'), null);
    assert.equal(await c.removeUser('ito'), false);
  });
});
