// The embedded store: opens a DuckDB database file under a memory budget and brings its schema
// up to date. Failures to open come out as KenshinErrors in the user's words: locked (by the
// dashboard or another command), read-only, damaged, not a DuckDB file, a missing folder.
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { open, stat } from 'node:fs/promises';
import { migrations } from './schema.js';
import { EXIT, KenshinError, splitWords } from '../domain/errors.js';
import { MEMORY_SIZE } from '../domain/sizes.js';
import { classifyError } from './errors.js';
import { duckdb } from './duckdb.js';
import { applyMemoryBudget, memoryBudget } from './memory.js';
import { readServeControl } from './serve-lock.js';

/** The database path cannot be used (not a DuckDB file, a directory); nothing was opened. */
export class StoreOpenError extends KenshinError {
  constructor(code: 'not_a_database' | 'db_is_directory', message: string) {
    super(code, splitWords(message), EXIT.input);
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
 * Opens (creating if needed) the database at `path` (':memory:' for tests), migrates it and
 * applies the memory budget of its settings; throws a KenshinError when it cannot be used
 * (StoreOpenError when an existing path is not a DuckDB database file).
 */
export async function openStore(path: string): Promise<Store> {
  if (path !== ':memory:') await checkDatabaseFile(path);
  const budget = memoryBudget(undefined);
  let instance: DuckDBInstance;
  try {
    instance = await duckdb().DuckDBInstance.create(path, {
      memory_limit: budget.limit,
      ...(budget.tempDirectory ? { temp_directory: budget.tempDirectory } : {}),
    });
  } catch (err) {
    throw openFailure(err, path);
  }
  const conn = await instance.connect();
  try {
    await migrate(conn);
    await applyStoredBudget(conn);
  } catch (err) {
    conn.closeSync();
    instance.closeSync();
    throw classifyError(err, { dbPath: path }) ?? err;
  }
  return { path, instance, conn };
}

/**
 * Applies the `memory` settings stored in the database (the settings schema validates them on
 * write; read here without it, so opening a database does not load zod). Invalid values are
 * left at the default.
 */
async function applyStoredBudget(conn: DuckDBConnection): Promise<void> {
  const rows = (
    await conn.runAndReadAll(
      `SELECT json_extract_string(value, '$.memory.limit'), json_extract_string(value, '$.memory.temp_directory')
       FROM settings WHERE key = 'settings' AND json_valid(value)`,
    )
  ).getRows();
  if (!rows.length) return;
  const limit = rows[0][0] === null ? null : String(rows[0][0]);
  const dir = rows[0][1] === null ? null : String(rows[0][1]);
  const memory = {
    limit: limit && MEMORY_SIZE.test(limit) ? limit : null,
    temp_directory: dir || null,
  };
  if (memory.limit || memory.temp_directory) await applyMemoryBudget(conn, memoryBudget(memory));
}

/** Returns the error of a failed open in the user's words; a lock held by `kenshin serve` says so. */
function openFailure(err: unknown, path: string): unknown {
  const known = classifyError(err, { dbPath: path });
  if (known?.code !== 'db_locked') return known ?? err;
  const serve = readServeControl(path);
  if (!serve) return known;
  return new KenshinError(
    'db_held_by_server',
    {
      ja:
        `データベース「${path}」はダッシュボード（kenshin serve, PID ${serve.pid}, ${serve.url}）が使用中です。` +
        `起動中は、取り込みとチェックアップはダッシュボードから、日次ジョブは kenshin serve --daily で、` +
        `バックアップは kenshin backup で行えます。ほかのコマンドはダッシュボードを止めてから実行してください（docs/operations.md）`,
      en:
        `the dashboard (kenshin serve, PID ${serve.pid}, ${serve.url}) holds the database "${path}". ` +
        `While it runs, import and run the checkup from the dashboard, let it run the daily job (kenshin serve --daily), ` +
        `and back up with kenshin backup; for other commands stop the dashboard first (docs/operations.md)`,
    },
    EXIT.busy,
    { cause: err, details: { pid: serve.pid, url: serve.url } },
  );
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

/**
 * Runs `fn` inside BEGIN … COMMIT, rolling back on any error (all or nothing). The error thrown
 * is always the first one: when the rollback fails too (a full disk fails the commit and then
 * the rollback), the rollback's error is kept only as the cause, never in its place.
 */
export async function inTransaction<T>(conn: DuckDBConnection, fn: () => Promise<T>): Promise<T> {
  await conn.run('BEGIN TRANSACTION');
  try {
    const out = await fn();
    await conn.run('COMMIT');
    return out;
  } catch (err) {
    try {
      await conn.run('ROLLBACK');
    } catch (rollbackError) {
      if (err instanceof Error && err.cause === undefined)
        Object.defineProperty(err, 'cause', { value: rollbackError, configurable: true });
    }
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
