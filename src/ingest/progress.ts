// Progress of a long import on a terminal: a cli-progress bar per stage (transcoding by bytes,
// DuckDB's reading and storing by its own query progress). Off the terminal nothing is drawn;
// the one-line summary at the end is the CLI's.
import type { DuckDBConnection } from '@duckdb/node-api';
import cliProgress from 'cli-progress';

export interface ImportProgress {
  /** A new stage begins (e.g. "reading"); its bar starts at 0. */
  stage(name: string): void;
  /** Fraction of the current stage done, 0–1. */
  update(fraction: number): void;
  /** Clears the bar. */
  stop(): void;
}

/** Returns a progress that draws nothing. */
export function silentProgress(): ImportProgress {
  return { stage() {}, update() {}, stop() {} };
}

/** Returns a progress bar on `stream` (stderr by default). */
export function barProgress(stream: NodeJS.WriteStream = process.stderr): ImportProgress {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: '{stage} [{bar}] {percentage}%',
      hideCursor: true,
      clearOnComplete: true,
      barsize: 30,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    stage(name) {
      if (!started) bar.start(100, 0, { stage: name.padEnd(12) });
      else bar.update(0, { stage: name.padEnd(12) });
      started = true;
    },
    update(fraction) {
      if (started) bar.update(Math.max(0, Math.min(100, Math.round(fraction * 100))));
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}

/** Runs `work` while feeding DuckDB's query progress into `progress` every 200 ms; returns its result. */
export async function withQueryProgress<T>(
  conn: DuckDBConnection,
  progress: ImportProgress | undefined,
  work: () => Promise<T>,
): Promise<T> {
  if (!progress) return work();
  // DuckDB tracks query progress only with its progress bar on; its own printing stays off.
  await conn.run('SET enable_progress_bar = true');
  await conn.run('SET enable_progress_bar_print = false');
  const timer = setInterval(() => {
    const p = conn.progress.percentage;
    if (p >= 0) progress.update(p / 100);
  }, 200);
  try {
    return await work();
  } finally {
    clearInterval(timer);
    await conn.run('RESET enable_progress_bar');
    await conn.run('RESET enable_progress_bar_print');
  }
}
