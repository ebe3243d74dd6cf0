// `kenshin worker`'s engine: a graphile-worker runner whose one task runs a business's daily job
// through the same code as `kenshin daily --all` (runBusinessDaily). The business's file is the
// catalogue's (PostgreSQL), under the workspace folder, which every worker mounts (shared storage).
import { hostname } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { makeWorkerUtils, run, type JobHelpers, type Runner } from 'graphile-worker';
import { runBusinessDaily } from '../jobs/daily-all.js';
import type { Catalogue } from '../workspace/catalogue.js';
import { openPgCatalogue } from './pg-catalogue.js';
import { startLiveness, type Liveness } from './liveness.js';
import { createRunLog, DAILY_TASK, type DailyJob } from './queue.js';

export interface WorkerOptions {
  url: string;
  workspace: string;
  concurrency: number;
  /** Silence after which another worker's jobs are released (see liveness.ts). */
  staleMs: number;
  log: (line: string) => void;
}

export interface RunningWorker {
  /** Takes no new job, lets the running ones finish, then closes its connections. */
  stop(): Promise<void>;
  /** Settles when the runner ends by itself (a lost database). */
  promise: Promise<void>;
}

// A session-level advisory lock per business, held while its daily job runs. The queue already
// serialises a business; this covers the one gap it leaves: a worker declared dead (released by
// the sweep) that still runs. Its lock lives as long as its PostgreSQL connection.
export const LOCK_CLASS = 0x6b656e; // 'ken'

/** Starts the runner; it runs until stop(). */
export async function startWorker(opts: WorkerOptions): Promise<RunningWorker> {
  // Per running job: the connection holding its business's lock, and one for its queries; plus
  // graphile-worker's LISTEN connection, its job fetches and the heartbeat.
  const pool = new pg.Pool({ connectionString: opts.url, max: 2 * opts.concurrency + 3 });
  const catalogue = await openPgCatalogue(opts.url);
  await createRunLog(pool);
  const utils = await makeWorkerUtils({ pgPool: pool });
  const me = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const liveness = await startLiveness(pool, utils, {
    process: me,
    staleMs: opts.staleMs,
    log: opts.log,
  });
  const close = async () => {
    await liveness.stop();
    await catalogue.close();
    await utils.release();
    await pool.end();
  };
  let runner: Runner;
  try {
    runner = await run({
      pgPool: pool,
      concurrency: opts.concurrency,
      // The command handles SIGTERM/SIGINT itself, to also stop the heartbeat.
      noHandleSignals: true,
      // New jobs come by LISTEN/NOTIFY; the poll finds retries and released jobs.
      pollInterval: 1000,
      taskList: {
        [DAILY_TASK]: (payload, helpers) =>
          dailyTask(payload as DailyJob, helpers, { pool, catalogue, liveness, ...opts }),
      },
    });
  } catch (err) {
    await close();
    throw err;
  }
  opts.log(`worker ${me}: concurrency ${opts.concurrency} / ワーカー起動`);
  // The runner also ends by itself when it loses its database; the connections close either way.
  const closed = runner.promise.finally(close);
  return {
    async stop() {
      await runner.stop();
      await closed;
    },
    promise: closed,
  };
}

interface TaskContext extends WorkerOptions {
  pool: pg.Pool;
  catalogue: Catalogue;
  liveness: Liveness;
}

/** One attempt of a daily job; throws (so graphile-worker retries) when the business's run failed. */
async function dailyTask(job: DailyJob, helpers: JobHelpers, ctx: TaskContext): Promise<void> {
  const worker = helpers.job.locked_by ?? 'unknown';
  await ctx.liveness.register(worker);
  const log = (l: string) => ctx.log(`[${job.business} ${job.day}] ${l}`);
  const row = await ctx.pool.query<{ id: string }>(
    `insert into kenshin.daily_runs (business, day, job_id, attempt, worker)
     values ($1, $2, $3, $4, $5) returning id`,
    [job.business, job.day, helpers.job.id, helpers.job.attempts, worker],
  );
  const id = row.rows[0].id;
  const finish = (ok: boolean, error: string | null) =>
    ctx.pool.query(
      'update kenshin.daily_runs set finished_at = now(), ok = $2, error = $3 where id = $1',
      [id, ok, error],
    );
  const lock = await ctx.pool.connect();
  try {
    await lock.query('select pg_advisory_lock($1, hashtext($2))', [LOCK_CLASS, job.business]);
    await ctx.pool.query('update kenshin.daily_runs set started_at = now() where id = $1', [id]);
    const b = await ctx.catalogue.getBusiness(job.business);
    if (!b) {
      // Removed since it was enqueued: nothing to retry.
      log('no such business any more / 事業がありません');
      await finish(false, 'no_such_business');
      return;
    }
    const run = await runBusinessDaily(
      { name: b.name, label: b.label, path: join(ctx.workspace, b.file) },
      { ...job.options, log },
    );
    await finish(run.ok, run.error ? `${run.error.code}: ${run.error.en}` : null);
    if (!run.ok)
      throw new Error(
        `daily job of ${job.business} failed (attempt ${helpers.job.attempts} of ${helpers.job.max_attempts}): ${run.error?.en}`,
      );
  } finally {
    const unlocked = await lock
      .query('select pg_advisory_unlock($1, hashtext($2))', [LOCK_CLASS, job.business])
      .then(
        () => true,
        () => false,
      );
    // A connection whose unlock failed is closed, not pooled: closing it frees the lock.
    lock.release(!unlocked);
  }
}
