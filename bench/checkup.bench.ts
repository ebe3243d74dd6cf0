// Benchmark of the checkup (issues 3 and 13) on synthetic businesses of 10k, 100k and 1M
// customers (10 orders and 20 contacts each), back to back on the same database file, each run
// in its own process so that its peak RSS is its own:
// - full: kenshin's whole checkup of D, stored (what `kenshin checkup` does);
// - next_day: the whole checkup of D+1 on the same data — kenshin has no incremental path yet
//   (issue 13), so this is what the next daily run costs today;
// - sql: the hand-written DuckDB baseline of the headline figures (bench/baseline-sql.ts);
// - pandas: skipped — no pandas script is written yet, and pandas is not installed here.
// Prints wall and CPU seconds (CPU: user + system of the process, DuckDB's threads included,
// less disturbed by other load on a shared machine), peak RSS and the ratios to the baseline.
// The engine's memory_limit is the store's (setting memory.limit, or KENSHIN_MEMORY_LIMIT; it
// spills to memory.temp_directory / KENSHIN_TEMP_DIR beyond it).
// Run: node --import tsx bench/checkup.bench.ts [sizes…]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { closeStore, openStore } from '../src/store/db.js';
import { parseSettings } from '../src/domain/settings.js';
import { addDays } from '../src/domain/dates.js';
import { computeCheckup, storeCheckup } from '../src/checkup/run.js';
import { currentMemoryBudget } from '../src/store/memory.js';
import { fillSynthetic } from './synthetic.js';
import { runBaseline } from './baseline-sql.js';

const AS_OF = '2026-10-31';
const PHASES = ['full', 'next_day', 'sql'] as const;
type Phase = (typeof PHASES)[number];

export interface PhaseResult {
  seconds: number;
  cpu_seconds: number;
  peak_rss_mib: number;
  memory_limit: string;
  detail: Record<string, number>;
}

/** Runs one phase on the database at `path` in this process (called in a child). */
export async function runPhase(phase: Phase, path: string): Promise<PhaseResult> {
  const store = await openStore(path);
  try {
    const { memory_limit } = await currentMemoryBudget(store.conn);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    let detail: Record<string, number>;
    if (phase === 'sql') detail = await runBaseline(store.conn, AS_OF);
    else {
      const asOf = phase === 'full' ? AS_OF : addDays(AS_OF, 1);
      const report = await computeCheckup(store.conn, parseSettings({}), asOf);
      await storeCheckup(store.conn, report);
      detail = report.timings;
    }
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(c0);
    return {
      seconds: +seconds.toFixed(2),
      cpu_seconds: +((cpu.user + cpu.system) / 1e6).toFixed(2),
      peak_rss_mib: Math.round(process.resourceUsage().maxRSS / 1024),
      memory_limit,
      detail,
    };
  } finally {
    closeStore(store);
  }
}

/** Runs a phase in a child process (its own peak RSS); returns its result. */
function inChild(phase: Phase, path: string): PhaseResult {
  const code = `import(${JSON.stringify(import.meta.url)}).then(async (m) => {
    console.log('PHASE ' + JSON.stringify(await m.runPhase(${JSON.stringify(phase)}, ${JSON.stringify(path)})));
  })`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const line = /PHASE (.*)/.exec(r.stdout)?.[1];
  if (!line) throw new Error(`${phase} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  return JSON.parse(line) as PhaseResult;
}

/** Returns whether `python3 -c "import pandas"` works. */
function hasPandas(): boolean {
  return spawnSync('python3', ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0;
}

/** Returns the figures per size: each phase's seconds, CPU seconds and peak RSS, and the ratios. */
export async function benchCheckup(
  sizes = [10_000, 100_000, 1_000_000],
): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {
    pandas: hasPandas()
      ? 'installed, but no pandas baseline is written yet: skipped'
      : 'not installed: skipped',
  };
  for (const customers of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'kenshin-bench-'));
    const path = join(dir, 'b.duckdb');
    const k = customers >= 1e6 ? `${customers / 1e6}M` : `${customers / 1000}k`;
    try {
      const store = await openStore(path);
      const t0 = performance.now();
      const counts = await fillSynthetic(store.conn, {
        customers,
        ordersPerCustomer: 10,
        contactsPerCustomer: 20,
      });
      closeStore(store);
      // Write the new file out first: the OS flushing it while the first phase reads it slowed
      // that phase several-fold at 3M customers.
      spawnSync('sync');
      out[`${k}.rows`] =
        `${counts.customers} customers / ${counts.orders} orders / ${counts.contacts} contacts`;
      out[`${k}.generate_s`] = +((performance.now() - t0) / 1000).toFixed(1);
      out[`${k}.db_mib`] = Math.round(statSync(path).size / 2 ** 20);
      const r = {} as Record<Phase, PhaseResult>;
      for (const phase of PHASES) {
        const load = loadavg()[0].toFixed(1);
        r[phase] = inChild(phase, path);
        const x = r[phase];
        out[`${k}.${phase}`] =
          `${x.seconds} s wall, ${x.cpu_seconds} s CPU, peak ${x.peak_rss_mib} MiB (load ${load}, memory_limit ${x.memory_limit})`;
      }
      out[`${k}.ratio_full_to_sql`] = +(r.full.seconds / r.sql.seconds).toFixed(2);
      out[`${k}.ratio_full_to_sql_cpu`] = +(r.full.cpu_seconds / r.sql.cpu_seconds).toFixed(2);
      out[`${k}.ratio_next_day_to_full`] = +(r.next_day.seconds / r.full.seconds).toFixed(2);
      out[`${k}.full_sections`] = JSON.stringify(r.full.detail);
      out[`${k}.sql_statements`] = JSON.stringify(r.sql.detail);
      console.log(
        k,
        JSON.stringify(Object.fromEntries(Object.entries(out).filter(([x]) => x.startsWith(k)))),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const sizes = process.argv.slice(2).map(Number);
  console.log(await benchCheckup(sizes.length ? sizes : undefined));
}
