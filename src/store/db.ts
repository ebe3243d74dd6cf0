// The embedded store: opens a DuckDB database file and brings its schema up to date.
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { open, stat } from 'node:fs/promises';
import { migrations } from './schema.js';

/** The database path cannot be used (not a DuckDB file, a directory); nothing was opened. */
export class StoreOpenError extends Error {
  constructor(
    readonly code: 'not_a_database' | 'db_is_directory',
    message: string,
  ) {
    super(message);
    this.name = 'StoreOpenError';
  }
}

export interface Store {
  path: string;
  instance: DuckDBInstance;
  conn: DuckDBConnection;
}

/** Returns the database path from the flag, then KENSHIN_DB, then ./kenshin.duckdb. */
export function resolveDbPath(flag?: string): string {
  return flag ?? process.env.KENSHIN_DB ?? './kenshin.duckdb';
}

/**
 * Opens (creating if needed) the database at `path` (':memory:' for tests) and migrates it;
 * throws StoreOpenError when an existing path is not a DuckDB database file.
 */
export async function openStore(path: string): Promise<Store> {
  if (path !== ':memory:') await checkDatabaseFile(path);
  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  await migrate(conn);
  return { path, instance, conn };
}

// DuckDB opens some files that are not databases (a CSV, a JSON) as an empty database in
// memory: an import would then report "stored" and keep nothing. An existing path must be a
// DuckDB file, known by the magic bytes "DUCK" after its 8-byte checksum; a new path is created.
async function checkDatabaseFile(path: string): Promise<void> {
  const info = await stat(path).catch(() => null);
  if (!info) return;
  if (info.isDirectory())
    throw new StoreOpenError(
      'db_is_directory',
      `--db「${path}」はフォルダです。データベースのファイル名を指定してください（例: ${path}/kenshin.duckdb） / ` +
        `--db "${path}" is a directory; name the database file (e.g. ${path}/kenshin.duckdb)`,
    );
  const head = Buffer.alloc(12);
  const file = await open(path, 'r');
  try {
    await file.read(head, 0, 12, 0);
  } finally {
    await file.close();
  }
  if (head.subarray(8, 12).toString('latin1') !== 'DUCK')
    throw new StoreOpenError(
      'not_a_database',
      `--db「${path}」は kenshin のデータベース（DuckDB ファイル）ではありません。何も変更していません。` +
        `取り込むファイルは kenshin import で指定し、--db には新しいファイル名か既存のデータベースを指定してください / ` +
        `--db "${path}" is not a kenshin database (a DuckDB file); nothing was changed. ` +
        `Give data files to kenshin import, and --db a new file name or an existing database`,
    );
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
    (await conn.runAndReadAll('SELECT version FROM schema_migrations'))
      .getRows()
      .map((r) => Number(r[0])),
  );
  const applied: number[] = [];
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    await inTransaction(conn, async () => {
      await conn.run(m.sql);
      await conn.run('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        m.version,
        m.name,
      ]);
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
