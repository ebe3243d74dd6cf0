import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { closeStore, openStore, StoreOpenError } from './db.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kenshin-db-'));
});
after(() => rm(dir, { recursive: true, force: true }));

describe('openStore', () => {
  test('a new path is created, and opens again as the same database', async () => {
    const path = join(dir, 'new.duckdb');
    const a = await openStore(path);
    await a.conn.run('CREATE TABLE kept (x INTEGER); INSERT INTO kept VALUES (7)');
    closeStore(a);
    const b = await openStore(path);
    const rows = (await b.conn.runAndReadAll('SELECT x FROM kept')).getRows();
    closeStore(b);
    assert.deepEqual(rows, [[7]]);
  });

  test('an existing file that is not a DuckDB database is refused and left as it is', async () => {
    for (const [name, text] of [
      ['orders.csv', 'order_id,ordered_at,amount\nA1,2024-01-05,100\n'],
      ['settings.json', '{"a": 1}\n'],
      ['empty.duckdb', ''],
    ]) {
      const path = join(dir, name);
      await writeFile(path, text);
      await assert.rejects(openStore(path), (err: StoreOpenError) => {
        assert.ok(err instanceof StoreOpenError);
        assert.equal(err.code, 'not_a_database');
        assert.ok(err.message.includes(path));
        assert.match(err.message, /DuckDB/);
        assert.match(err.message, /データベース/);
        return true;
      });
      assert.equal(await readFile(path, 'utf8'), text);
    }
  });

  test('a directory is refused', async () => {
    const path = join(dir, 'folder');
    await mkdir(path);
    await assert.rejects(openStore(path), (err: StoreOpenError) => {
      assert.equal(err.code, 'db_is_directory');
      return true;
    });
  });

  test(':memory: still opens (tests)', async () => {
    closeStore(await openStore(':memory:'));
  });
});
