// Memory benchmark (issue 16): a 5,000,000-row orders file imported into a fresh database, then
// imported again (every row unchanged), each in its own process so each peak RSS is its own —
// with the default budget (half the machine), under `KENSHIN_MEMORY_LIMIT=1GiB`, and under
// 512MiB (the default in a 1 GiB container). Target: both peaks under 1.5 GiB with a 1 GiB budget.
//
// Run alone: node --import tsx bench/memory.bench.ts [rows]
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeOrders } from './import.bench.js';

const ROOT = join(import.meta.dirname, '..');

/** Imports `file` into `db` in a child process; returns its seconds, peak RSS and the outcome. */
function importInChild(
  db: string,
  file: string,
  env: Record<string, string>,
): { seconds: number; peak_mib: number; stored: number; unchanged: number; limit: string } {
  const code = `
    const { openStore, closeStore } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'src/store/db.ts')).href)});
    const { importFile } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'src/ingest/import.ts')).href)});
    const store = await openStore(${JSON.stringify(db)});
    const limit = (await store.conn.runAndReadAll("SELECT current_setting('memory_limit')")).getRows()[0][0];
    const t0 = performance.now();
    const r = await importFile(store.conn, { entity: 'orders', file: ${JSON.stringify(file)} });
    const seconds = (performance.now() - t0) / 1000;
    closeStore(store);
    const unchanged = r.tables.reduce((n, s) => n + s.unchanged, 0);
    console.log('RESULT ' + JSON.stringify({ ok: r.ok, seconds, stored: r.rowsStored, unchanged, limit: String(limit),
      peak_mib: Math.round(process.resourceUsage().maxRSS / 1024) }));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 1 << 26,
  });
  const line = /RESULT (.*)/.exec(r.stdout)?.[1];
  if (!line) throw new Error(`import failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const out = JSON.parse(line);
  if (!out.ok) throw new Error(`import refused: ${line}`);
  return {
    seconds: +out.seconds.toFixed(1),
    peak_mib: out.peak_mib,
    stored: out.stored,
    unchanged: out.unchanged,
    limit: out.limit,
  };
}

/** Runs the benchmark; returns import and re-import figures under both budgets. */
export async function benchMemory(rows = 5_000_000): Promise<Record<string, number | string>> {
  const dir = await mkdtemp(join(tmpdir(), 'kenshin-bench-memory-'));
  try {
    const file = join(dir, 'orders.csv');
    await writeOrders(file, rows);
    const out: Record<string, number | string> = {
      rows,
      file_mib: +((await stat(file)).size / 2 ** 20).toFixed(0),
    };
    for (const [name, env] of [
      ['default', {}],
      ['limit_1gib', { KENSHIN_MEMORY_LIMIT: '1GiB' }],
      // What the default gives a process in a 1 GiB container (half of it).
      ['limit_512mib', { KENSHIN_MEMORY_LIMIT: '512MiB' }],
    ] as const) {
      const db = join(dir, `${name}.duckdb`);
      const first = importInChild(db, file, env);
      const again = importInChild(db, file, env);
      out[`${name}_memory_limit`] = first.limit;
      out[`${name}_import`] =
        `${first.seconds} s, peak ${first.peak_mib} MiB, stored ${first.stored}`;
      out[`${name}_reimport`] =
        `${again.seconds} s, peak ${again.peak_mib} MiB, unchanged ${again.unchanged}`;
      out[`${name}_db_mib`] = +((await stat(db)).size / 2 ** 20).toFixed(0);
      await rm(db, { force: true });
    }
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = Number(process.argv[2] ?? 5_000_000);
  console.log(await benchMemory(rows));
}
