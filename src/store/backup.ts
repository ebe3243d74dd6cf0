// Backups: a consistent copy of the open database into a new DuckDB file (ATTACH + COPY FROM
// DATABASE, one statement on the connection, so nothing half-written is copied — and through the
// running server's connection while `kenshin serve` holds the file), and the restore of such a
// copy, checked table by table against the checksums of the backup before it replaces anything.
import { randomBytes } from 'node:crypto';
import { copyFile, rename, rm, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { duckdb } from './duckdb.js';
import { EXIT, KenshinError } from '../domain/errors.js';

/** Rows and an order-independent checksum of every row of one table. */
export interface TableChecksum {
  rows: number;
  /** XOR of the hash of each whole row, as a decimal string. */
  checksum: string;
}

export interface BackupResult {
  path: string;
  bytes: number;
  seconds: number;
  tables: Record<string, TableChecksum>;
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Returns the rows and checksum of every table of `catalog` (default: the current database). */
export async function tableChecksums(
  conn: DuckDBConnection,
  catalog?: string,
): Promise<Record<string, TableChecksum>> {
  const db =
    catalog ?? String((await conn.runAndReadAll('SELECT current_database()')).getRows()[0][0]);
  const names = (
    await conn.runAndReadAll(
      `SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = $1 AND NOT temporary ORDER BY 1, 2`,
      [db],
    )
  ).getRows();
  const out: Record<string, TableChecksum> = {};
  for (const [schema, table] of names) {
    const full = `${ident(db)}.${ident(String(schema))}.${ident(String(table))}`;
    const [rows, sum] = (
      await conn.runAndReadAll(`SELECT count(*), coalesce(bit_xor(hash(t)), 0) FROM ${full} t`)
    ).getRows()[0];
    const key = schema === 'main' ? String(table) : `${String(schema)}.${String(table)}`;
    out[key] = { rows: Number(rows), checksum: String(sum) };
  }
  return out;
}

/**
 * Writes a consistent copy of the database open on `conn` to `dest` (a new DuckDB file, via a
 * temporary name so a failed backup leaves nothing) and returns its size and checksums. The
 * caller makes sure nothing else runs on the connection meanwhile (the server's gate).
 */
export async function backupDatabase(
  conn: DuckDBConnection,
  dest: string,
  opts: { force?: boolean } = {},
): Promise<BackupResult> {
  const t0 = performance.now();
  if (existsSync(dest) && !opts.force)
    throw new KenshinError(
      'output_exists',
      {
        ja: `「${dest}」は既にあります。上書きするには --force を付けてください`,
        en: `"${dest}" already exists; add --force to overwrite it`,
      },
      EXIT.input,
    );
  const tmp = `${dest}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const alias = `kenshin_backup_${randomBytes(4).toString('hex')}`;
  const source = String((await conn.runAndReadAll('SELECT current_database()')).getRows()[0][0]);
  await conn.run(`ATTACH ${quote(tmp)} AS ${alias}`);
  let tables: Record<string, TableChecksum>;
  try {
    await conn.run(`COPY FROM DATABASE ${ident(source)} TO ${alias}`);
    tables = await tableChecksums(conn, alias);
  } catch (err) {
    await conn.run(`DETACH ${alias}`).catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  }
  await conn.run(`DETACH ${alias}`);
  await rm(`${tmp}.wal`, { force: true });
  await rename(tmp, dest);
  return {
    path: dest,
    bytes: (await stat(dest)).size,
    seconds: (performance.now() - t0) / 1000,
    tables,
  };
}

/** Returns the checksums of a database file opened read-only (a kenshin database, or an error). */
export async function fileChecksums(path: string): Promise<Record<string, TableChecksum>> {
  const instance = await duckdb().DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  try {
    const conn = await instance.connect();
    try {
      const sums = await tableChecksums(conn);
      if (!sums.schema_migrations)
        throw new KenshinError(
          'not_a_backup',
          {
            ja: `「${path}」は kenshin のデータベースではありません`,
            en: `"${path}" is not a kenshin database`,
          },
          EXIT.input,
        );
      return sums;
    } finally {
      conn.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

/** Returns the tables whose rows or checksum differ between two checksum sets. */
export function checksumDiff(
  a: Record<string, TableChecksum>,
  b: Record<string, TableChecksum>,
): string[] {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...names].filter((n) => a[n]?.rows !== b[n]?.rows || a[n]?.checksum !== b[n]?.checksum);
}

export interface RestoreResult {
  path: string;
  /** Where the database that was replaced now is (null: there was none). */
  previous: string | null;
  tables: Record<string, TableChecksum>;
}

/**
 * Replaces the database file `dbPath` with the backup `backup`: the backup is copied beside the
 * database, its tables checked against the backup's checksums, the current database moved to
 * DB.before-restore, and the copy renamed into place. The database must not be open anywhere.
 */
export async function restoreDatabase(backup: string, dbPath: string): Promise<RestoreResult> {
  const expected = await fileChecksums(backup);
  const tmp = `${dbPath}.restore-${process.pid}.tmp`;
  await copyFile(backup, tmp);
  try {
    const got = await fileChecksums(tmp);
    const diff = checksumDiff(expected, got);
    if (diff.length)
      throw new KenshinError(
        'restore_mismatch',
        {
          ja: `復元したコピーが元のバックアップと一致しません（${diff.join(', ')}）。何も置き換えていません`,
          en: `the restored copy does not match the backup (${diff.join(', ')}); nothing was replaced`,
        },
        EXIT.damaged,
      );
    let previous: string | null = null;
    if (existsSync(dbPath)) {
      previous = `${dbPath}.before-restore`;
      await rm(previous, { force: true });
      await rm(`${previous}.wal`, { force: true });
      await rename(dbPath, previous);
      if (existsSync(`${dbPath}.wal`)) await rename(`${dbPath}.wal`, `${previous}.wal`);
    }
    await rename(tmp, dbPath);
    return { path: dbPath, previous, tables: got };
  } finally {
    await rm(tmp, { force: true });
    await rm(`${tmp}.wal`, { force: true });
  }
}
