// Daily runs spread over workers (issue 18): 50 businesses of 10,000 customers each (bench/
// synthetic.ts: 10 orders and 5 contacts a customer) in one workspace, coordinated by a
// throw-away PostgreSQL cluster (test/helpers/postgres.ts), their daily jobs enqueued as
// `kenshin daily --all` does in coordinated mode, then run by the built `kenshin worker`: once
// with one worker process, once (for the next day) with two. Prints the wall seconds from the
// workers' start to the last completed job, the throughput (businesses a minute), the ratio of
// two workers to one, and the peak RSS of each worker (VmHWM, read from /proc while it runs).
// Needs `npm run build` and the PostgreSQL binaries. On one machine the two workers share its
// cores: the ratio says what a second process gains here, not what a second machine would.
// Run alone: node --import tsx bench/daily-workers.bench.ts [businesses] [customers]
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { closeStore, openStore } from '../src/store/db.js';
import { openPgCatalogue } from '../src/coordinator/pg-catalogue.js';
import { enqueueDaily } from '../src/coordinator/queue.js';
import { PG_MISSING, startPostgres } from '../test/helpers/postgres.js';
import { fillSynthetic } from './synthetic.js';

const BIN = fileURLToPath(new URL('../bin/kenshin.js', import.meta.url));
const END = '2026-10-31';

/** Peak resident memory of a process so far, MiB (Linux). */
function peakMib(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

function startWorker(dir: string, url: string): ChildProcess {
  return spawn(process.execPath, [BIN, '--workspace', dir, 'worker'], {
    env: { ...process.env, KENSHIN_COORDINATOR: url },
    stdio: 'ignore',
  });
}

/** Runs the day's jobs of every business with `workers` processes; seconds and peaks. */
async function round(
  dir: string,
  url: string,
  names: string[],
  day: string,
  workers: number,
): Promise<{ seconds: number; peaks: number[]; failed: number }> {
  await enqueueDaily(url, names, day, { asOf: day });
  const db = new pg.Pool({ connectionString: url, max: 1 });
  const procs = Array.from({ length: workers }, () => startWorker(dir, url));
  const peaks = procs.map(() => 0);
  const t0 = performance.now();
  try {
    for (;;) {
      procs.forEach((p, i) => (peaks[i] = Math.max(peaks[i], peakMib(p.pid!))));
      const r = await db.query<{ ok: number; failed: number }>(
        `select count(*) filter (where ok)::int as ok, count(*) filter (where ok = false)::int as failed
         from kenshin.daily_runs where day = $1`,
        [day],
      );
      const { ok, failed } = r.rows[0];
      if (ok + failed >= names.length && ok >= names.length - failed) {
        const seconds = (performance.now() - t0) / 1000;
        return { seconds: +seconds.toFixed(1), peaks, failed };
      }
      await new Promise((res) => setTimeout(res, 250));
    }
  } finally {
    for (const p of procs) p.kill('SIGTERM');
    await Promise.all(procs.map((p) => new Promise((res) => p.once('exit', res))));
    await db.end();
  }
}

/** Returns the figures of one worker against two. */
export async function benchDailyWorkers(
  businesses = 50,
  customers = 10_000,
): Promise<Record<string, number | string>> {
  if (PG_MISSING) return { skipped: 'no PostgreSQL binaries on this machine' };
  const pgc = await startPostgres();
  const dir = mkdtempSync(join(tmpdir(), 'kenshin-workers-bench-'));
  const out: Record<string, number | string> = {};
  try {
    const template = join(dir, 'template.duckdb');
    const store = await openStore(template);
    const counts = await fillSynthetic(
      store.conn,
      { customers, ordersPerCustomer: 10, contactsPerCustomer: 5 },
      END,
    );
    await store.conn.run('CHECKPOINT');
    closeStore(store);
    out.business = `${counts.customers} customers / ${counts.orders} orders / ${counts.contacts} contacts`;
    mkdirSync(join(dir, 'businesses'));
    const names = Array.from({ length: businesses }, (_, i) => `shop-${i + 1}`);
    const catalogue = await openPgCatalogue(pgc.url);
    try {
      for (const name of names) {
        const file = `businesses/${name}.duckdb`;
        copyFileSync(template, join(dir, file));
        await catalogue.addBusiness({ name, label: name, file });
      }
    } finally {
      await catalogue.close();
    }
    out.businesses = businesses;
    out.load_before = loadavg()[0].toFixed(1);
    const one = await round(dir, pgc.url, names, END, 1);
    out.load_between = loadavg()[0].toFixed(1);
    const two = await round(dir, pgc.url, names, '2026-11-01', 2);
    out.one_worker_s = one.seconds;
    out.one_worker_per_min = +((businesses / one.seconds) * 60).toFixed(1);
    out.one_worker_peak_mib = one.peaks.join(' / ');
    out.two_workers_s = two.seconds;
    out.two_workers_per_min = +((businesses / two.seconds) * 60).toFixed(1);
    out.two_workers_peak_mib = two.peaks.join(' / ');
    out.failed_jobs = one.failed + two.failed;
    out.throughput_ratio = +(one.seconds / two.seconds).toFixed(2);
  } finally {
    pgc.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [b, c] = process.argv.slice(2).map(Number);
  console.log(await benchDailyWorkers(b || undefined, c || undefined));
}
