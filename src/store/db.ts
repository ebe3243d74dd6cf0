// The embedded store: opens a DuckDB database file and brings its schema up to date.
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { migrations } from './schema.js';

export interface Store {
  path: string;
  instance: DuckDBInstance;
  conn: DuckDBConnection;
}

/** Returns the database path from the flag, then KENSHIN_DB, then ./kenshin.duckdb. */
export function resolveDbPath(flag?: string): string {
  return flag ?? process.env.KENSHIN_DB ?? './kenshin.duckdb';
}

/** Opens (creating if needed) the database at `path` (':memory:' for tests) and migrates it. */
export async function openStore(path: string): Promise<Store> {
  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  await migrate(conn);
  return { path, instance, conn };
}

/** Closes the connection and the instance, flushing the file. */
export function closeStore(store: Store): void {
  store.conn.closeSync();
  store.instance.closeSync();
}

/** Applies the migrations that the database has not seen yet; returns their versions. */
export async function migrate(conn: DuckDBConnection): Promise<number[]> {
  await conn.run(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER NOT NULL, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)`);
  const done = new Set(
    (await conn.runAndReadAll('SELECT version FROM schema_migrations')).getRows().map((r) => Number(r[0])),
  );
  const applied: number[] = [];
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    await inTransaction(conn, async () => {
      await conn.run(m.sql);
      await conn.run('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    });
    applied.push(m.version);
  }
  return applied;
}

/** Runs `fn` inside BEGIN … COMMIT, rolling back on any error (all or nothing). */
export async function inTransaction<T>(conn: DuckDBConnection, fn: () => Promise<T>): Promise<T> {
  await conn.run('BEGIN TRANSACTION');
  try {
    const out = await fn();
    await conn.run('COMMIT');
    return out;
  } catch (err) {
    await conn.run('ROLLBACK');
    throw err;
  }
}

/** Runs a query and returns its rows as plain JSON-safe objects (decimals and dates as strings). */
export async function queryJson(
  conn: DuckDBConnection,
  sql: string,
  params?: Record<string, unknown> | unknown[],
): Promise<Record<string, unknown>[]> {
  const reader = await conn.runAndReadAll(sql, params as never);
  return reader.getRowObjectsJson() as Record<string, unknown>[];
}
