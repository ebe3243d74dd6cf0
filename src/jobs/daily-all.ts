// `kenshin daily --all`: the daily job of every business of a workspace, one after the other. A
// business that fails (no data yet, a damaged file, a bug) is reported and the next one runs:
// a consultant's 40 clients must not wait on the one whose export is broken. Each business
// reads its own inbox and writes its own archive: DIR/<business>/ under the folders given.
import { join } from 'node:path';
import { classifyError } from '../store/errors.js';
import { closeStore, openStore } from '../store/db.js';
import { EXIT } from '../domain/errors.js';
import { dailyExit, runDaily, type DailyOptions, type DailyResult } from './daily.js';

/** A business to run: its command-line name, its label and its database file. */
export interface BusinessTarget {
  name: string;
  label: string;
  path: string;
}

export interface BusinessRun {
  business: string;
  label: string;
  ok: boolean;
  /** The business's own exit code (a failed alert channel, an inbox file), or business_failed. */
  exit: number;
  /** Why the run stopped, in Japanese and English; null when it ran. */
  error: { code: string; ja: string; en: string } | null;
  result: DailyResult | null;
  seconds: number;
}

/** Runs the daily job of each business in turn; returns one entry per business, failures included. */
export async function runDailyAll(
  businesses: BusinessTarget[],
  opts: DailyOptions,
): Promise<BusinessRun[]> {
  const out: BusinessRun[] = [];
  for (const b of businesses) out.push(await runBusinessDaily(b, opts));
  return out;
}

/**
 * Runs the daily job of one business of a workspace (its own inbox and archive folder); a
 * failure is returned, not thrown. `daily --all` and `kenshin worker` both run a business
 * through here.
 */
export async function runBusinessDaily(
  b: BusinessTarget,
  opts: DailyOptions,
): Promise<BusinessRun> {
  const log = opts.log ?? (() => undefined);
  const t0 = performance.now();
  const seconds = () => Math.round(performance.now() - t0) / 1000;
  log(`== ${b.label} (${b.name})`);
  try {
    const store = await openStore(b.path);
    try {
      const result = await runDaily(store.conn, {
        ...opts,
        inbox: opts.inbox === undefined ? undefined : join(opts.inbox, b.name),
        archive: opts.archive === undefined ? undefined : join(opts.archive, b.name),
        log: (l) => log(`  ${l}`),
      });
      const exit = dailyExit(result).code;
      return {
        business: b.name,
        label: b.label,
        ok: true,
        exit,
        error: null,
        result,
        seconds: seconds(),
      };
    } finally {
      closeStore(store);
    }
  } catch (err) {
    const k = classifyError(err, { dbPath: b.path });
    const e = err as Error & { code?: string };
    const error = k
      ? { code: k.code, ja: k.ja, en: k.en }
      : { code: e.code ?? 'failed', ja: e.message, en: e.message };
    log(`  failed / 失敗: ${error.ja}`);
    return {
      business: b.name,
      label: b.label,
      ok: false,
      exit: EXIT.business_failed,
      error,
      result: null,
      seconds: seconds(),
    };
  }
}

/** Returns the exit code of `daily --all`: business_failed when any failed, else the worst of theirs. */
export function dailyAllExit(runs: BusinessRun[]): number {
  if (runs.some((r) => !r.ok)) return EXIT.business_failed;
  return runs.reduce<number>((worst, r) => Math.max(worst, r.exit), EXIT.ok);
}
