// Benchmark of the dashboard's busiest request: GET /api/checkup/latest (and the lighter
// /api/overview) for a signed-in user, on a stored checkup of a 1M-customer business, with
// autocannon at 50 connections. autocannon runs in a worker thread so the load generator does
// not share the server's event loop; p95 is computed from every response time.
// Run: node --import tsx bench/serve.bench.ts [customers] [seconds]
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { performance as perf } from 'node:perf_hooks';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { closeStore, openStore } from '../src/store/db.js';
import { parseSettings } from '../src/domain/settings.js';
import { computeCheckup, storeCheckup } from '../src/checkup/run.js';
import { startServer } from '../src/server/start.js';
import { addUser, ensureUserTables } from '../src/store/users-store.js';
import { fillSynthetic } from './synthetic.js';

interface LoadResult {
  requests: number;
  seconds: number;
  errors: number;
  non2xx: number;
  timeouts: number;
  /** Milliseconds. */
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

// The worker: runs autocannon, records each response time, answers with the summary.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const autocannon = require(workerData.autocannon);
const times = [];
const inst = autocannon({ url: workerData.url, connections: workerData.connections, duration: workerData.seconds, headers: workerData.headers });
inst.on('response', (_c, _status, _bytes, ms) => times.push(ms));
inst.on('done', (r) => {
  times.sort((a, b) => a - b);
  const q = (p) => times.length ? times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)] : NaN;
  parentPort.postMessage({
    requests: times.length, seconds: r.duration, errors: r.errors, non2xx: r.non2xx, timeouts: r.timeouts,
    p50: q(0.5), p95: q(0.95), p99: q(0.99), max: times[times.length - 1] ?? NaN,
  });
});
`;

/** Returns autocannon's summary of `seconds` of load on `url` with `connections` connections. */
function load(
  url: string,
  headers: Record<string, string>,
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  const autocannon = createRequire(import.meta.url).resolve('autocannon');
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER, {
      eval: true,
      // The runner starts benchmarks with --input-type=module, which a worker would inherit and
      // then read this CommonJS source as a module.
      execArgv: [],
      workerData: { url, headers, connections, seconds, autocannon },
    });
    w.once('message', (m: LoadResult) => {
      resolve(m);
      void w.terminate();
    });
    w.once('error', reject);
  });
}

/** Signs in over HTTP; returns the Cookie header of the session. */
async function signIn(base: string, username: string, password: string): Promise<string> {
  const first = await fetch(`${base}/api/csrf`);
  const jar = new Map<string, string>();
  const keep = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  keep(first);
  const { token } = (await first.json()) as { token: string };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const r = await fetch(`${base}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie: cookie() },
    body: JSON.stringify({ username, password }),
  });
  if (!r.ok) throw new Error(`login failed: ${r.status} ${await r.text()}`);
  keep(r);
  return cookie();
}

/** Returns the serving figures for a business of `customers` customers (latencies in ms). */
export async function benchServe(
  customers = 1_000_000,
  seconds = 10,
): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  const dir = mkdtempSync(join(tmpdir(), 'kenshin-serve-bench-'));
  const store = await openStore(join(dir, 'serve.duckdb'));
  try {
    const t0 = performance.now();
    const counts = await fillSynthetic(store.conn, {
      customers,
      ordersPerCustomer: 10,
      contactsPerCustomer: 5,
    });
    out.rows = `${counts.customers} customers / ${counts.orders} orders / ${counts.contacts} contacts`;
    out.generate_s = +((performance.now() - t0) / 1000).toFixed(1);
    const t1 = performance.now();
    const report = await computeCheckup(store.conn, parseSettings({}), '2026-10-31');
    await storeCheckup(store.conn, report);
    out.checkup_s = +((performance.now() - t1) / 1000).toFixed(1);
    await ensureUserTables(store.conn);
    await addUser(store.conn, 'bench', 'bench-password-1', 'viewer');

    const server = await startServer({ conn: store.conn, port: 0, host: '127.0.0.1' });
    try {
      const cookie = await signIn(server.url, 'bench', 'bench-password-1');
      // The first request loads the cache; the figures below are the steady state.
      const t2 = performance.now();
      const first = await fetch(`${server.url}/api/checkup/latest`, { headers: { cookie } });
      const body = await first.text();
      out.first_request_ms = Math.round(performance.now() - t2);
      out.report_bytes = Buffer.byteLength(body);
      out.report_same_as_stored = String(
        JSON.parse(body).metrics.active_customers === report.metrics.active_customers,
      );
      const ov = await fetch(`${server.url}/api/overview`, { headers: { cookie } });
      out.overview_bytes = Buffer.byteLength(await ov.text());

      // As a browser asks: with the session cookie and accepting gzip (and, for contrast, without).
      const runs = [
        ['latest', '/api/checkup/latest', { cookie, 'accept-encoding': 'gzip' }],
        ['overview', '/api/overview', { cookie, 'accept-encoding': 'gzip' }],
        ['latest_identity', '/api/checkup/latest', { cookie }],
      ] as const;
      for (const [name, path, headers] of runs) {
        // The server's event loop busy time per request: a figure other load on the machine barely moves.
        const elu0 = perf.eventLoopUtilization();
        const r = await load(`${server.url}${path}`, headers, 50, seconds);
        const elu = perf.eventLoopUtilization(elu0);
        out[`${name}.requests_per_s`] = Math.round(r.requests / r.seconds);
        out[`${name}.p50_ms`] = r.p50;
        out[`${name}.p95_ms`] = r.p95;
        out[`${name}.p99_ms`] = r.p99;
        out[`${name}.max_ms`] = r.max;
        out[`${name}.errors`] = r.errors + r.timeouts + r.non2xx;
        out[`${name}.server_busy_ms_per_request`] = +(elu.active / r.requests).toFixed(3);
        console.log(name, JSON.stringify(r));
      }
    } finally {
      await server.close();
    }
    out.peak_rss_mib = Math.round(process.resourceUsage().maxRSS / 1024);
    // Other processes on the machine inflate latencies; the load average says how much was going on.
    out.loadavg_1m = +loadavg()[0].toFixed(2);
  } finally {
    closeStore(store);
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [customers, seconds] = process.argv.slice(2).map(Number);
  console.log(await benchServe(customers || undefined, seconds || undefined));
}
