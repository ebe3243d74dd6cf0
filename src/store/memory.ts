// The engine's memory budget: DuckDB's memory_limit and the folder it spills to beyond it. The
// limit comes from the `memory.limit` setting (or KENSHIN_MEMORY_LIMIT), by default half of
// what this process may use — the machine's memory, or the container's (cgroup) limit when that
// is lower — so an import or a checkup larger than memory spills to disk instead of being
// killed; running out of both gives the `out_of_memory` error.
import { readFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import type { DuckDBConnection } from '@duckdb/node-api';
import { MEMORY_SIZE, sizeBytes } from '../domain/sizes.js';
import { EXIT, KenshinError } from '../domain/errors.js';

/** Share of the usable memory DuckDB may take by default (the rest: Node, the OS cache). */
export const DEFAULT_MEMORY_SHARE = 0.5;

/** Returns the bytes this process may use: the machine's memory or a lower cgroup limit. */
export function usableMemoryBytes(
  read: (file: string) => string = (f) => readFileSync(f, 'utf8'),
): number {
  let limit = totalmem();
  for (const file of cgroupLimitFiles(read)) {
    try {
      const text = read(file).trim();
      const n = Number(text);
      if (text !== 'max' && Number.isFinite(n) && n > 0) limit = Math.min(limit, n);
    } catch {
      // Not in a container, or no such controller.
    }
  }
  return limit;
}

/** Returns the files that may hold this process's memory limit (cgroup v2 and v1, own and root). */
export function cgroupLimitFiles(read: (file: string) => string): string[] {
  const files = ['/sys/fs/cgroup/memory.max', '/sys/fs/cgroup/memory/memory.limit_in_bytes'];
  try {
    // Lines "0::/path" (v2) and "4:memory:/path" (v1) name this process's own group.
    for (const line of read('/proc/self/cgroup').split('\n')) {
      const [, controllers, path] = line.split(':');
      if (!path || path === '/') continue;
      if (controllers === '') files.push(`/sys/fs/cgroup${path}/memory.max`);
      if (controllers?.split(',').includes('memory'))
        files.push(`/sys/fs/cgroup/memory${path}/memory.limit_in_bytes`);
    }
  } catch {
    // No /proc (not Linux).
  }
  return files;
}

/** Returns the default memory_limit as DuckDB reads it, e.g. "11.7GiB" → in MiB: "11980MiB". */
export function defaultMemoryLimit(): string {
  return `${Math.max(256, Math.floor((usableMemoryBytes() * DEFAULT_MEMORY_SHARE) / 2 ** 20))}MiB`;
}

export interface MemoryBudget {
  /** DuckDB size text, e.g. "2GiB". */
  limit: string;
  /** Spill folder; null: DuckDB's default (beside the database file). */
  tempDirectory: string | null;
}

/** Returns the budget from the setting, the environment, then the default share. */
export function memoryBudget(
  setting: { limit: string | null; temp_directory: string | null } | undefined,
  env: NodeJS.ProcessEnv = process.env,
): MemoryBudget {
  const fromEnv = env.KENSHIN_MEMORY_LIMIT;
  if (fromEnv && !MEMORY_SIZE.test(fromEnv))
    throw new KenshinError(
      'bad_memory_limit',
      {
        ja: `KENSHIN_MEMORY_LIMIT「${fromEnv}」は「2GiB」「1500MB」のように指定してください`,
        en: `KENSHIN_MEMORY_LIMIT "${fromEnv}" must be a size with a unit, e.g. 2GiB or 1500MB`,
      },
      EXIT.input,
    );
  return {
    limit: fromEnv || setting?.limit || defaultMemoryLimit(),
    tempDirectory: env.KENSHIN_TEMP_DIR || setting?.temp_directory || null,
  };
}

/** Applies a budget to the open database (SET memory_limit, temp_directory). */
export async function applyMemoryBudget(conn: DuckDBConnection, b: MemoryBudget): Promise<void> {
  await conn.run(`SET memory_limit = '${b.limit}'`);
  if (b.tempDirectory)
    await conn.run(`SET temp_directory = '${b.tempDirectory.replace(/'/g, "''")}'`);
}

/** Returns the limit and spill folder DuckDB is using now (for `kenshin doctor`-style output and tests). */
export async function currentMemoryBudget(
  conn: DuckDBConnection,
): Promise<{ memory_limit: string; temp_directory: string }> {
  const r = await conn.runAndReadAll(
    `SELECT current_setting('memory_limit'), current_setting('temp_directory')`,
  );
  const [limit, dir] = r.getRows()[0];
  return { memory_limit: String(limit), temp_directory: String(dir) };
}

/**
 * An import's share of the budget: at most 1 GiB. An import streams the file through DuckDB, and
 * memory beyond this only fills its buffer pool: a 5M-row import and its re-import took the
 * same time under 1 GiB as under half of a 24 GiB machine, and peaked at 1.3 GiB instead of
 * 2.4 GiB (docs/benchmarks.md). A budget already lower is kept.
 */
export const IMPORT_MEMORY_LIMIT = 2 ** 30;

/** Runs `work` with memory_limit lowered to IMPORT_MEMORY_LIMIT when it is higher, then restores it. */
export async function withImportMemory<T>(
  conn: DuckDBConnection,
  work: () => Promise<T>,
): Promise<T> {
  const { memory_limit: before } = await currentMemoryBudget(conn);
  const bytes = sizeBytes(before);
  if (bytes === null || bytes <= IMPORT_MEMORY_LIMIT) return work();
  await conn.run(`SET memory_limit = '${IMPORT_MEMORY_LIMIT / 2 ** 20}MiB'`);
  try {
    return await work();
  } finally {
    await conn.run(`SET memory_limit = '${before.replace(/'/g, "''")}'`);
  }
}
