// Running the daily job on a cron schedule (croner) in the business's timezone, until the
// process is stopped. Runs never overlap: a run still going when the next is due is skipped.
import { Cron } from 'croner';

export interface ScheduleOptions {
  cron: string;
  timezone: string;
  /** The job; its errors are reported, never end the schedule. */
  run: () => Promise<void>;
  onError?: (err: unknown) => void;
}

/** Starts the schedule; returns the Cron (stop() ends it) — throws on an invalid pattern. */
export function startSchedule(opts: ScheduleOptions): Cron {
  return new Cron(opts.cron, { timezone: opts.timezone, protect: true }, async () => {
    try {
      await opts.run();
    } catch (err) {
      opts.onError?.(err);
    }
  });
}

/** Returns the next `n` run times of a pattern in a timezone (for `kenshin schedule --dry-run`). */
export function nextRuns(cron: string, timezone: string, n = 3, from?: Date): Date[] {
  const c = new Cron(cron, { timezone, paused: true });
  try {
    return c.nextRuns(n, from);
  } finally {
    c.stop();
  }
}

/** Calls `retry` every `everyMs` until stopped, never while the previous call or `busy()` is going; returns stop(). */
export function startRetryLoop(opts: {
  everyMs: number;
  busy: () => boolean;
  retry: () => Promise<void>;
  onError?: (err: unknown) => void;
}): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running || opts.busy()) return;
    running = true;
    opts
      .retry()
      .catch((err) => opts.onError?.(err))
      .finally(() => (running = false));
  }, opts.everyMs);
  timer.unref?.();
  return () => clearInterval(timer);
}
