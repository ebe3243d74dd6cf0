// Freeing the jobs of a dead worker. graphile-worker 0.16 unlocks a job whose worker vanished
// (SIGKILL, a crashed machine) only after a fixed 4 hours, which would hold a business's daily
// job, and its whole queue, until the afternoon. So each `kenshin worker` process beats a
// heartbeat in kenshin.worker_heartbeats for the graphile-worker ids it runs jobs under, and
// every process sweeps: the ids of a process silent for `staleMs` are handed to graphile-worker's
// own forceUnlockWorkers, and their jobs run again elsewhere (counted as an attempt). Times are
// PostgreSQL's now(), so the machines' clocks do not matter.
import type pg from 'pg';
import type { WorkerUtils } from 'graphile-worker';
import { createSchema } from './schema.js';

const SCHEMA = `
create schema if not exists kenshin;
create table if not exists kenshin.worker_heartbeats (
  worker_id text primary key, process text not null, seen_at timestamptz not null default now());
`;

export interface Liveness {
  /** Records that this process runs jobs under graphile-worker id `workerId`. */
  register(workerId: string): Promise<void>;
  /** Stops beating and removes this process's ids (its jobs are finished or released). */
  stop(): Promise<void>;
}

export interface LivenessOptions {
  /** This process, as the heartbeat rows name it (host:pid:random). */
  process: string;
  /** Silence after which a process counts as dead. */
  staleMs: number;
  log: (line: string) => void;
}

/** Starts beating and sweeping every staleMs / 3. */
export async function startLiveness(
  pool: pg.Pool,
  utils: WorkerUtils,
  opts: LivenessOptions,
): Promise<Liveness> {
  await createSchema(pool, SCHEMA);
  const beat = () =>
    pool.query('update kenshin.worker_heartbeats set seen_at = now() where process = $1', [
      opts.process,
    ]);
  const sweep = async () => {
    // delete … returning: of two processes sweeping at once, one gets each dead id.
    const dead = await pool.query<{ worker_id: string; process: string }>(
      `delete from kenshin.worker_heartbeats
       where process <> $1 and seen_at < now() - $2 * interval '1 millisecond'
       returning worker_id, process`,
      [opts.process, opts.staleMs],
    );
    if (!dead.rowCount) return;
    await utils.forceUnlockWorkers(dead.rows.map((r) => r.worker_id));
    for (const r of dead.rows)
      opts.log(
        `worker ${r.worker_id} (${r.process}) silent for ${opts.staleMs / 1000} s: its jobs are released / 応答のないワーカーのジョブを解放`,
      );
  };
  let busy: Promise<unknown> = Promise.resolve();
  const timer = setInterval(
    () => {
      busy = Promise.all([beat(), sweep()]).catch((err: Error) =>
        opts.log(`heartbeat failed / ハートビート失敗: ${err.message}`),
      );
    },
    Math.max(250, opts.staleMs / 3),
  );
  return {
    async register(workerId) {
      await pool.query(
        `insert into kenshin.worker_heartbeats (worker_id, process) values ($1, $2)
         on conflict (worker_id) do update set process = excluded.process, seen_at = now()`,
        [workerId, opts.process],
      );
    },
    async stop() {
      clearInterval(timer);
      await busy;
      await pool.query('delete from kenshin.worker_heartbeats where process = $1', [opts.process]);
    },
  };
}
