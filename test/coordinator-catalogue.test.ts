// The PostgreSQL catalogue against a real throw-away cluster: two catalogues opened at once (the
// schema is created once), memberships follow a renamed business and go with a removed one,
// expired sessions are deleted.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PG_MISSING, startPostgres, type TestPostgres } from './helpers/postgres.js';
import { openPgCatalogue } from '../src/coordinator/pg-catalogue.js';
import { coordinatorMode } from '../src/coordinator/mode.js';

let pgc: TestPostgres | undefined;
before(async () => {
  if (!PG_MISSING) pgc = await startPostgres();
});
after(() => pgc?.stop());

test('KENSHIN_COORDINATOR: embedded when unset, refused when not postgres://', () => {
  assert.deepEqual(coordinatorMode({}), { kind: 'embedded' });
  assert.deepEqual(coordinatorMode({ KENSHIN_COORDINATOR: 'postgres://h/db' }), {
    kind: 'coordinated',
    url: 'postgres://h/db',
  });
  assert.throws(() => coordinatorMode({ KENSHIN_COORDINATOR: 'mysql://h/db' }));
});

test('PostgreSQL catalogue: businesses, memberships, sessions', { skip: PG_MISSING }, async () => {
  const [a, b] = await Promise.all([openPgCatalogue(pgc!.url), openPgCatalogue(pgc!.url)]);
  try {
    await a.addBusiness({ name: 'shop-a', label: '店A', file: 'shop-a.duckdb' });
    await a.addUser('u', 'h1');
    await a.setMembership('u', 'shop-a', 'viewer');
    await a.setMembership('u', 'shop-a', 'admin');
    await a.renameBusiness('shop-a', { name: 'shop-b' });
    assert.equal((await b.getBusiness('shop-b'))?.label, '店A');
    assert.equal(await b.getBusiness('shop-a'), null);
    assert.deepEqual(await b.memberships('u'), [
      { username: 'u', business: 'shop-b', role: 'admin' },
    ]);
    assert.equal(await b.setPassword('u', 'h2'), true);
    assert.equal(await b.passwordHash('u'), 'h2');
    await a.createSession({ hash: 'x', username: 'u', expires_at: 5 });
    await a.createSession({ hash: 'y', username: 'u', expires_at: 50 });
    assert.equal(await b.deleteExpiredSessions(10), 1);
    assert.equal(await b.findSession('x'), null);
    assert.equal((await b.findSession('y'))?.expires_at, 50);
    await a.removeBusiness('shop-b');
    assert.deepEqual(await b.memberships('u'), []);
    assert.equal(await b.removeUser('u'), true);
    assert.equal(await b.findSession('y'), null);
  } finally {
    await a.close();
    await b.close();
  }
});

test(
  'coordinated mode: kenshin business add and list work on the PostgreSQL catalogue, audited there',
  {
    skip: PG_MISSING,
  },
  async () => {
    const { mkdtempSync, existsSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { kenshin } = await import('./helpers/cli.js');
    const pgModule = await import('pg');
    const dir = mkdtempSync(join(tmpdir(), 'kenshin-pg-business-'));
    const env = { KENSHIN_COORDINATOR: pgc!.url };
    try {
      const add = kenshin(
        ['--workspace', dir, 'business', 'add', 'shop-pg', '--label', '店PG'],
        env,
      );
      assert.equal(add.status, 0, add.err);
      assert.ok(existsSync(join(dir, 'businesses', 'shop-pg.duckdb')), 'the business file');
      // No file catalogue: the business lives in PostgreSQL, which every worker reads.
      assert.ok(!existsSync(join(dir, 'workspace.duckdb')), 'no workspace.duckdb');
      const c = await openPgCatalogue(pgc!.url);
      try {
        assert.equal((await c.getBusiness('shop-pg'))?.label, '店PG');
      } finally {
        await c.close();
      }
      const list = kenshin(['--workspace', dir, 'business', 'list'], env);
      assert.equal(list.status, 0, list.err);
      assert.match(list.out, /shop-pg/);
      const db = new pgModule.default.Pool({ connectionString: pgc!.url, max: 1 });
      try {
        const r = await db.query(
          `select action, detail from kenshin.audit_log where action = 'business_add'`,
        );
        assert.equal(r.rows.length, 1);
        assert.match(r.rows[0].detail, /shop-pg/);
      } finally {
        await db.end();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
