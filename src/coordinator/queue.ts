// The daily jobs of the coordinated mode, kept in graphile-worker's queue in PostgreSQL: one job
// per business and day. Three graphile-worker settings carry the guarantees:
// - jobKey daily:<business>:<day> with jobKeyMode 'unsafe_dedupe': enqueueing the same day again
//   adds nothing while the job waits, runs, or has failed for good;
// - queueName kenshin:<business>: graphile-worker runs the jobs of one queue one at a time, so two
//   workers never run the same business's daily job at once (two days of it included);
// - maxAttempts: a job that throws is retried with graphile-worker's exponential backoff.
// A day that already completed (kenshin.daily_runs, written by the worker) is not enqueued again:
// graphile-worker deletes a completed job, and with it its key.
import { makeWorkerUtils, type WorkerUtils } from 'graphile-worker';
import pg from 'pg';
import type { DailyOptions } from '../jobs/daily.js';
import { createSchema } from './schema.js';

/** The graphile-worker task that runs one business's daily job. */
export const DAILY_TASK = 'kenshin_daily';

/** Attempts of one daily job before graphile-worker gives up on it. */
export const DAILY_MAX_ATTEMPTS = 3;

/** The daily options a job carries: plain values, the folders on the shared storage. */
export type JobOptions = Pick<
  DailyOptions,
  'inbox' | 'archive' | 'asOf' | 'digest' | 'lang' | 'encoding'
>;

/** The payload of a daily job. */
export interface DailyJob {
  business: string;
  /** The day the job is for (its as-of date, else the day it was enqueued): part of its key. */
  day: string;
  options: JobOptions;
}

// One row per attempt of a daily job: who claimed it, when it ran, how it ended. It is the
// operator's answer to "did shop-a run today, where, and why did it fail".
const SCHEMA = `
create schema if not exists kenshin;
create table if not exists kenshin.daily_runs (
  id bigserial primary key,
  business text not null, day text not null,
  job_id text not null, attempt int not null, worker text not null,
  claimed_at timestamptz not null default now(),
  started_at timestamptz, finished_at timestamptz,
  ok boolean, error text);
create index if not exists daily_runs_business_day on kenshin.daily_runs (business, day);
`;

/** Creates the run log when missing (the worker and the enqueueing command both call it). */
export function createRunLog(pool: pg.Pool): Promise<void> {
  return createSchema(pool, SCHEMA);
}

export const queueName = (business: string) => `kenshin:${business}`;
export const jobKey = (business: string, day: string) => `daily:${business}:${day}`;

/** Today in the enqueueing machine's timezone, YYYY-MM-DD (the day its cron runs for). */
export function localDay(now = new Date()): string {
  return now.toLocaleDateString('sv-SE');
}

export interface EnqueueResult {
  enqueued: string[];
  /** Businesses whose job of that day completed already. */
  done: string[];
}

/** Adds the daily job of each business for `day`, unless it is queued, running or done. */
export async function enqueueDaily(
  url: string,
  businesses: string[],
  day: string,
  options: JobOptions,
): Promise<EnqueueResult> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const utils = await makeWorkerUtils({ pgPool: pool });
  try {
    await utils.migrate();
    await createRunLog(pool);
    const out: EnqueueResult = { enqueued: [], done: [] };
    for (const business of businesses) {
      if (await completed(utils, business, day)) {
        out.done.push(business);
        continue;
      }
      const payload: DailyJob = { business, day, options };
      await utils.addJob(DAILY_TASK, payload, {
        queueName: queueName(business),
        jobKey: jobKey(business, day),
        jobKeyMode: 'unsafe_dedupe',
        maxAttempts: DAILY_MAX_ATTEMPTS,
      });
      out.enqueued.push(business);
    }
    return out;
  } finally {
    await utils.release();
    await pool.end();
  }
}

async function completed(utils: WorkerUtils, business: string, day: string): Promise<boolean> {
  return utils.withPgClient(async (c) => {
    const r = await c.query(
      'select 1 from kenshin.daily_runs where business = $1 and day = $2 and ok limit 1',
      [business, day],
    );
    return (r.rowCount ?? 0) > 0;
  });
}
