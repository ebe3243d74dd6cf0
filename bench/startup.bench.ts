// Start-up benchmark (issue 16): CPU time of `kenshin --help`, `kenshin findings` (a small
// database with a stored checkup) and `kenshin import --help`, as users run them — the compiled
// CLI (bin/kenshin.js runs dist/) — built here into a temporary folder so dist/ is not touched.
// Each is run 7 times; the median CPU (user + system) and wall time count. Target: < 0.3 s CPU.
//
// Run alone: node --import tsx bench/startup.bench.ts [tree]   (tree: another checkout to compare)
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { closeStore, openStore } from '../src/store/db.js';
import { seedSampleBusiness } from '../src/server/testing.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs `node main.js …args` `n` times; returns the median CPU and wall milliseconds. */
function measure(
  main: string,
  cpuHook: string,
  args: string[],
  n = 7,
): { cpu: number; wall: number } {
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--require', cpuHook, main, ...args], {
      encoding: 'utf8',
    });
    wall.push(performance.now() - t0);
    const us = /CPU_US (\d+)/.exec(r.stderr)?.[1];
    if (!us || r.status !== 0)
      throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-500)}`);
    cpu.push(Number(us) / 1000);
  }
  return { cpu: Math.round(median(cpu)), wall: Math.round(median(wall)) };
}

/** Runs the benchmark; returns the median CPU and wall times of each command. */
export async function benchStartup(
  tree = resolve(import.meta.dirname, '..'),
): Promise<Record<string, string>> {
  const dir = await mkdtemp(join(tmpdir(), 'kenshin-bench-startup-'));
  try {
    // Compile the tree as `npm ci` does (tsc -p tsconfig.json), into dir/dist; errors elsewhere
    // in a work in progress do not stop tsc from writing the files.
    const out = join(dir, 'dist');
    spawnSync(
      join(tree, 'node_modules/.bin/tsc'),
      ['-p', join(tree, 'tsconfig.json'), '--outDir', out],
      {
        encoding: 'utf8',
      },
    );
    // The compiled files resolve packages from the tree's node_modules, as dist/ would.
    await symlink(join(tree, 'node_modules'), join(dir, 'node_modules'));
    const cpuHook = join(dir, 'cpu.cjs');
    await writeFile(
      cpuHook,
      `process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write('CPU_US ' + (u.user + u.system) + '\\n'); });\n`,
    );
    const db = join(dir, 'shop.duckdb');
    const store = await openStore(db);
    await seedSampleBusiness(store.conn, 200);
    closeStore(store);
    const main = join(out, 'cli/main.js');
    const res: Record<string, string> = { tree };
    for (const [name, args] of [
      ['help', ['--help']],
      ['findings', ['--db', db, 'findings']],
      ['import_help', ['import', '--help']],
      ['node_baseline', ['-e', '0']],
    ] as const) {
      const m =
        name === 'node_baseline'
          ? measure('-e', cpuHook, ['0'])
          : measure(main, cpuHook, [...args]);
      res[name] = `cpu ${m.cpu} ms, wall ${m.wall} ms`;
    }
    return res;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  console.log(await benchStartup(process.argv[2]));
