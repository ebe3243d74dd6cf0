// The coordinated mode end to end, against a real throw-away PostgreSQL and two real `kenshin
// worker` processes sharing one workspace folder: 20 businesses × 2 days of daily jobs run
// exactly once each, never two at once for one business; a worker SIGKILLed in the middle of a
// job has it run again by the other; SIGTERM lets a worker's running job end, then exit 0.
//
// The killed job is held mid-way deterministically by the worker's own per-business advisory
// lock (src/coordinator/worker.ts): the test takes that lock first, so the job is claimed and
// its task waits; no test hook in the product code, no timing race.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PG_MISSING, startPostgres, type TestPostgres } from './helpers/postgres.js';
import { kenshin } from './helpers/cli.js';
import { closeStore, openStore } from '../src/store/db.js';
import { importFile } from '../src/ingest/import.js';
import { openPgCatalogue } from '../src/coordinator/pg-catalogue.js';
import { LOCK_CLASS } from '../src/coordinator/worker.js';
import { enqueueDaily } from '../src/coordinator/queue.js';

const N = 20;
const names = Array.from({ length: N }, (_, i) => `shop-${String(i + 1).padStart(2, '0')}`);

let pgc: TestPostgres | undefined;
let dir = '';
before(async () => {
  if (PG_MISSING) return;
  pgc = await startPostgres();
  dir = mkdtempSync(join(tmpdir(), 'kenshin-workers-'));
});
after(() => {
  pgc?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('kenshin worker needs KENSHIN_COORDINATOR, and a postgres:// one', () => {
  const none = kenshin(['worker'], { KENSHIN_COORDINATOR: '' });
  assert.equal(none.status, 1);
  assert.match(
    none.err,
    /が必要です \/ kenshin worker needs KENSHIN_COORDINATOR.*\(not_coordinated\)/,
  );
  const bad = kenshin(['worker'], { KENSHIN_COORDINATOR: 'mysql://h/db' });
  assert.equal(bad.status, 1);
  assert.match(bad.err, /must be a postgres:\/\/ URL \(bad_coordinator\)/);
  const zero = kenshin(['worker', '--concurrency', '0']);
  assert.match(zero.err, /--concurrency must be a whole number ≥ 1: 0/);
});

/** One tiny business imported once, copied to N files, listed in the PostgreSQL catalogue. */
async function seedWorkspace(url: string): Promise<void> {
  const orders = join(dir, 'orders.csv');
  const lines = ['order_id,customer_id,ordered_at,amount'];
  for (let i = 1; i <= 40; i++)
    lines.push(
      `O${i},C${(i % 12) + 1},2024-${String((i % 12) + 1).padStart(2, '0')}-10,${1000 + i}`,
    );
  writeFileSync(orders, lines.join('\n') + '\n');
  const template = join(dir, 'template.duckdb');
  const store = await openStore(template);
  await importFile(store.conn, { entity: 'orders', file: orders });
  await store.conn.run('CHECKPOINT');
  closeStore(store);
  mkdirSync(join(dir, 'businesses'));
  const catalogue = await openPgCatalogue(url);
  try {
    for (const name of names) {
      const file = `businesses/${name}.duckdb`;
      copyFileSync(template, join(dir, file));
      await catalogue.addBusiness({ name, label: name, file });
    }
  } finally {
    await catalogue.close();
  }
}

function startWorker(url: string): ChildProcess {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/main.ts',
      '--workspace',
      dir,
      'worker',
      '--concurrency',
      '2',
      '--stale-seconds',
      '2',
    ],
    { env: { ...process.env, KENSHIN_COORDINATOR: url }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  child.once('exit', (code, signal) => {
    if (code !== 0 && signal !== 'SIGKILL') process.stderr.write(`worker exited ${code}:\n${out}`);
  });
  return child;
}

async function until<T>(what: string, fn: () => Promise<T | null>, ms = 45_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== null) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface Run {
  business: string;
  day: string;
  worker: string;
  attempt: number;
  started_at: Date | null;
  finished_at: Date | null;
  ok: boolean | null;
}

/** The checkup runs the daily job recorded in a business's own DuckDB file. */
async function checkupRuns(name: string): Promise<number> {
  const store = await openStore(join(dir, 'businesses', `${name}.duckdb`));
  try {
    const r = await store.conn.runAndReadAll(
      `SELECT count(*)::INTEGER FROM audit_log WHERE action = 'checkup_run'`,
    );
    return r.getRows()[0][0] as number;
  } finally {
    closeStore(store);
  }
}

test(
  'two workers: every daily job once, one business at a time, a killed job retried',
  {
    skip: PG_MISSING,
    timeout: 120_000,
  },
  async () => {
    const url = pgc!.url;
    await seedWorkspace(url);
    const env = { KENSHIN_COORDINATOR: url };
    const enqueue = (day: string) => {
      const r = kenshin(['--workspace', dir, 'daily', '--all', '--as-of', day, '--json'], env);
      assert.equal(r.status, 0, r.err);
      return JSON.parse(r.out) as { day: string; enqueued: string[]; done: string[] };
    };
    // Two days per business: two jobs of one queue, which must not overlap. They are queued next
    // to each other, so that without the queue two workers would take them at once. Enqueueing a
    // day again (the command, as cron runs it) adds nothing: the job key.
    for (const name of names)
      for (const day of ['2024-12-09', '2024-12-10'])
        await enqueueDaily(url, [name], day, { asOf: day });
    enqueue('2024-12-09');
    const db = new pg.Pool({ connectionString: url, max: 4 });
    const jobs = await db.query('select count(*)::int as n from graphile_worker.jobs');
    assert.equal(jobs.rows[0].n, 2 * N, 'one job per business and day');
    let completedRuns = new Map<string, number>();
    const held: pg.PoolClient[] = [];
    const t0 = performance.now();
    const workers = [startWorker(url), startWorker(url)];
    try {
      const runs = await until('40 completed runs', async () => {
        const r = await db.query<Run>('select * from kenshin.daily_runs order by started_at');
        return r.rows.filter((x) => x.ok).length >= 2 * N ? r.rows : null;
      });
      process.stderr.write(`40 jobs: ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
      // One business at a time: each attempt ends before the next one of that business starts.
      for (const name of names) {
        const mine = runs.filter((r) => r.business === name);
        for (let i = 1; i < mine.length; i++)
          assert.ok(
            mine[i - 1].finished_at! <= mine[i].started_at!,
            `${name}: runs overlap (${mine[i - 1].worker}, ${mine[i].worker})`,
          );
      }
      assert.equal(runs.length, 2 * N, 'no attempt failed or ran twice');
      for (const name of names)
        assert.deepEqual(
          runs
            .filter((r) => r.business === name)
            .map((r) => r.day)
            .sort(),
          ['2024-12-09', '2024-12-10'],
          name,
        );
      // Done days are not enqueued again.
      assert.deepEqual(enqueue('2024-12-10'), { day: '2024-12-10', enqueued: [], done: names });

      // A worker killed mid-job: the test holds shop-01's lock, the job's task waits on it.
      const lock = await db.connect();
      held.push(lock);
      await lock.query('select pg_advisory_lock($1, hashtext($2))', [LOCK_CLASS, 'shop-01']);
      const r = kenshin(['--workspace', dir, 'daily', '--all', '--as-of', '2024-12-11'], env);
      assert.equal(r.status, 0, r.err);
      const claimed = await until('shop-01 claimed', async () => {
        const q = await db.query<{ worker: string; process: string }>(
          `select r.worker, h.process from kenshin.daily_runs r
         join kenshin.worker_heartbeats h on h.worker_id = r.worker
         where r.business = 'shop-01' and r.day = '2024-12-11'`,
        );
        return q.rows[0] ?? null;
      });
      const pid = Number(claimed.process.split(':')[1]);
      const victim = workers.find((w) => w.pid === pid)!;
      assert.ok(victim, `the claiming worker is one of ours: ${claimed.process}`);
      const killed = new Promise((res) => victim.once('exit', res));
      victim.kill('SIGKILL');
      await killed;
      await lock.query('select pg_advisory_unlock($1, hashtext($2))', [LOCK_CLASS, 'shop-01']);
      const retried = await until('shop-01 retried', async () => {
        const q = await db.query<Run>(
          `select * from kenshin.daily_runs where business = 'shop-01' and day = '2024-12-11'
         order by attempt`,
        );
        return q.rows.some((x) => x.ok) ? q.rows : null;
      });
      assert.equal(retried.length, 2, 'one killed attempt, one retry');
      assert.equal(retried[0].worker, claimed.worker);
      assert.equal(retried[0].finished_at, null, 'the killed attempt never finished');
      assert.notEqual(retried[1].worker, claimed.worker);
      assert.equal(retried[1].attempt, 2);
      await until('the other 19 of 2024-12-11', async () => {
        const q = await db.query(
          `select count(*)::int as n from kenshin.daily_runs where day = '2024-12-11' and ok`,
        );
        return q.rows[0].n === N ? true : null;
      });

      // SIGTERM in the middle of a job: the worker takes no new one, lets that one end, exits 0.
      const survivor = workers.find((w) => w !== victim)!;
      const hold = await db.connect();
      held.push(hold);
      await hold.query('select pg_advisory_lock($1, hashtext($2))', [LOCK_CLASS, 'shop-02']);
      assert.equal(enqueue('2024-12-12').enqueued.length, N);
      await until('shop-02 claimed', async () => {
        const q = await db.query(
          `select 1 from kenshin.daily_runs where business = 'shop-02' and day = '2024-12-12'`,
        );
        return q.rowCount ? true : null;
      });
      const code = new Promise((res) => survivor.once('exit', res));
      survivor.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 1000));
      assert.equal(survivor.exitCode, null, 'the worker waits for its running job');
      await hold.query('select pg_advisory_unlock($1, hashtext($2))', [LOCK_CLASS, 'shop-02']);
      assert.equal(await code, 0);
      const last = await db.query<Run>(
        `select * from kenshin.daily_runs where business = 'shop-02' and day = '2024-12-12'`,
      );
      assert.deepEqual(
        last.rows.map((r) => r.ok),
        [true],
      );
      const ok = await db.query<{ business: string; n: number }>(
        'select business, count(*)::int as n from kenshin.daily_runs where ok group by business',
      );
      completedRuns = new Map(ok.rows.map((r) => [r.business, r.n]));
    } finally {
      for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
      // A failed assertion may leave a lock held: closing its connection frees it, and lets end() end.
      for (const c of held) c.release(true);
      await db.end();
    }
    // Exactly once, from the businesses' own files: one checkup per completed run (3 or 4), none
    // for the killed attempt.
    for (const name of names) {
      assert.ok(completedRuns.get(name)! >= 3, name);
      assert.equal(await checkupRuns(name), completedRuns.get(name), name);
    }
  },
);
