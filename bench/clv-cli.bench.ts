// `kenshin clv` end to end (issue 17): a synthetic business (bench/synthetic.ts, 10 orders a
// customer) on a database file, then back to back, each in its own process:
// - core: what the command cannot avoid — the summary queries (the purchase triples and the
//   spend groups, store/clv-summary.ts) and the BG/NBD and gamma-gamma fits on them;
// - cli: the built command `bin/kenshin.js clv --csv FILE` as a user runs it: start-up, the
//   same queries and fits, the predictions of every customer and the CSV written.
// Target: cli ≤ 1.5 × core. Prints the wall seconds of each (best of two, alternating), and
// the core's parts and peak RSS.
// Run alone: node --import tsx bench/clv-cli.bench.ts [customers]   (needs `npm run build`)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { closeStore, openStore } from '../src/store/db.js';
import { latestPurchaseDate, spendGroups, summaryTriples } from '../src/store/clv-summary.js';
import { BgNbd } from '../src/domain/models/bgnbd.js';
import { GammaGamma } from '../src/domain/models/gamma-gamma.js';
import { fillSynthetic } from './synthetic.js';

const BIN = fileURLToPath(new URL('../bin/kenshin.js', import.meta.url));

interface Run {
  seconds: number;
  cpu_seconds: number;
  peak_rss_mib: number;
}

/** The core of `kenshin clv` in this process (called in a child): the queries and the fits. */
export async function runCore(path: string): Promise<Run & { detail: Record<string, number> }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const store = await openStore(path);
  const detail: Record<string, number> = {};
  const lap = (name: string, since: number) =>
    (detail[name] = +((performance.now() - since) / 1000).toFixed(2));
  try {
    let t = performance.now();
    const asOf = (await latestPurchaseDate(store.conn))!;
    const period = { calEnd: asOf, unit: 'weeks' as const };
    const triples = await summaryTriples(store.conn, period);
    const spend = await spendGroups(store.conn, period);
    lap('queries_s', t);
    t = performance.now();
    BgNbd.fit(triples);
    lap('purchase_fit_s', t);
    t = performance.now();
    GammaGamma.fit(spend);
    lap('spend_fit_s', t);
  } finally {
    closeStore(store);
  }
  const cpu = process.cpuUsage(c0);
  return {
    seconds: +((performance.now() - t0) / 1000).toFixed(2),
    cpu_seconds: +((cpu.user + cpu.system) / 1e6).toFixed(2),
    peak_rss_mib: Math.round(process.resourceUsage().maxRSS / 1024),
    detail,
  };
}

function coreInChild(path: string): Run & { detail: Record<string, number> } {
  const code = `import(${JSON.stringify(import.meta.url)}).then(async (m) => {
    console.log('CORE ' + JSON.stringify(await m.runCore(${JSON.stringify(path)})));
  })`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    encoding: 'utf8',
  });
  const line = /CORE (.*)/.exec(r.stdout)?.[1];
  if (!line) throw new Error(`core failed (${r.status}): ${r.stderr.slice(-2000)}`);
  return JSON.parse(line) as Run & { detail: Record<string, number> };
}

// The command as a user runs it (its start-up included), timed by wall clock from here.
function cliInChild(path: string, csv: string): { seconds: number } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [BIN, '--db', path, 'clv', '--csv', csv, '--force'], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`kenshin clv exited ${r.status}: ${r.stderr.slice(-2000)}`);
  return { seconds: +((performance.now() - t0) / 1000).toFixed(2) };
}

/** Returns the figures: the core's and the command's seconds and their ratio. */
export async function benchClvCli(customers = 1_000_000): Promise<Record<string, number | string>> {
  if (!existsSync(join(BIN, '../../dist/cli/main.js')))
    throw new Error('build the CLI first: npm run build');
  const dir = mkdtempSync(join(tmpdir(), 'kenshin-clv-'));
  const path = join(dir, 'b.duckdb');
  const out: Record<string, number | string> = {};
  try {
    const store = await openStore(path);
    const counts = await fillSynthetic(store.conn, {
      customers,
      ordersPerCustomer: 10,
      contactsPerCustomer: 0,
    });
    closeStore(store);
    spawnSync('sync');
    out.rows = `${counts.customers} customers / ${counts.orders} orders`;
    out.db_mib = Math.round(statSync(path).size / 2 ** 20);
    const core: (Run & { detail: Record<string, number> })[] = [];
    const cli: { seconds: number }[] = [];
    // Twice each, alternating, the better counts (a shared 2-core machine).
    for (let i = 0; i < 2; i++) {
      out[`load_${i}`] = loadavg()[0].toFixed(1);
      core.push(coreInChild(path));
      cli.push(cliInChild(path, join(dir, 'clv.csv')));
    }
    const best = <T extends { seconds: number }>(xs: T[]) =>
      xs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    const c = best(core);
    const k = best(cli);
    out.core_runs_s = core.map((x) => x.seconds).join(' / ');
    out.core_s = c.seconds;
    out.core_detail = JSON.stringify(c.detail);
    out.core_peak_rss_mib = c.peak_rss_mib;
    out.cli_runs_s = cli.map((x) => x.seconds).join(' / ');
    out.cli_s = k.seconds;
    out.csv_mib = +(statSync(join(dir, 'clv.csv')).size / 2 ** 20).toFixed(1);
    out.ratio_cli_to_core = +(k.seconds / c.seconds).toFixed(2);
    out.target = 'ratio ≤ 1.5';
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const n = process.argv[2] ? Number(process.argv[2]) : undefined;
  console.log(await benchClvCli(n));
}
