// `kenshin schedule --cron "0 7 * * *" [daily options]`: runs the daily job on a schedule in
// the business's timezone until stopped (Ctrl-C / SIGTERM). The database is opened only for
// each run, so other commands can use it in between.
import type { Command } from 'commander';
import { RETRY_MINUTES_OPTION, UserError, targetDb, retryMs } from './common.js';
import { closeStore, openStore } from '../store/db.js';
import { loadSettings } from '../store/settings-store.js';
import { runDaily } from '../jobs/daily.js';
import { nextRuns, startRetryLoop, startSchedule } from '../jobs/schedule.js';
import { retryDueAlerts } from '../jobs/outbox.js';

interface Opts {
  cron: string;
  inbox?: string;
  archive?: string;
  digest?: boolean;
  lang: string;
  dryRun?: boolean;
  retryMinutes: string;
}

/** Returns the business timezone from the database's settings. */
async function timezoneOf(db: string): Promise<string> {
  const store = await openStore(db);
  try {
    return (await loadSettings(store.conn)).timezone;
  } finally {
    closeStore(store);
  }
}

/** Registers the schedule command. */
export function registerSchedule(program: Command): void {
  program
    .command('schedule')
    .description('run the daily job on a cron schedule until stopped / 日次ジョブを定期実行')
    .option('--cron <pattern>', 'cron pattern in the business timezone', '0 7 * * *')
    .option('--inbox <dir>', 'as for kenshin daily')
    .option('--archive <dir>', 'as for kenshin daily')
    .option('--digest', 'as for kenshin daily')
    .option('--lang <lang>', 'ja or en', 'ja')
    .option('--dry-run', 'print the next run times and exit')
    .option(...RETRY_MINUTES_OPTION)
    .action(async (opts: Opts, cmd: Command) => {
      const db = await targetDb(cmd);
      const tz = await timezoneOf(db);
      let upcoming: Date[];
      try {
        upcoming = nextRuns(opts.cron, tz, 3);
      } catch (err) {
        throw new UserError(
          'bad_cron',
          `cron の書式が正しくありません / invalid cron pattern "${opts.cron}": ${(err as Error).message}`,
        );
      }
      const fmt = (d: Date) => d.toLocaleString('sv-SE', { timeZone: tz });
      process.stdout.write(
        `schedule "${opts.cron}" (${tz}); next: ${upcoming.map(fmt).join(', ')}\n`,
      );
      if (opts.dryRun) return;
      let running: Promise<void> = Promise.resolve();
      let inRun = false;
      const once = async () => {
        inRun = true;
        const store = await openStore(db);
        try {
          const log = (l: string) => process.stdout.write(`[${fmt(new Date())}] ${l}\n`);
          await runDaily(store.conn, {
            inbox: opts.inbox,
            archive: opts.archive,
            digest: opts.digest,
            lang: opts.lang === 'en' ? 'en' : 'ja',
            log,
          });
        } finally {
          closeStore(store);
          inRun = false;
        }
      };
      // Between runs, the outbox: an alert that failed is retried (with its backoff) without
      // waiting for tomorrow's run.
      const everyMs = retryMs(opts.retryMinutes);
      const stopRetry = everyMs
        ? startRetryLoop({
            everyMs,
            busy: () => inRun,
            retry: async () => {
              const store = await openStore(db);
              try {
                await retryDueAlerts(store.conn, (l) =>
                  process.stdout.write(`[${fmt(new Date())}] ${l}\n`),
                );
              } finally {
                closeStore(store);
              }
            },
            onError: (err) =>
              process.stderr.write(
                `[${fmt(new Date())}] alert retry failed: ${(err as Error)?.message ?? String(err)}\n`,
              ),
          })
        : () => undefined;
      const job = startSchedule({
        cron: opts.cron,
        timezone: tz,
        run: () => (running = once()),
        onError: (err) =>
          process.stderr.write(
            `[${fmt(new Date())}] daily job failed: ${(err as Error)?.stack ?? String(err)}\n`,
          ),
      });
      await new Promise<void>((resolve) => {
        // Stop scheduling, then let a run in progress finish before the process ends.
        const stop = () => {
          job.stop();
          stopRetry();
          running.catch(() => undefined).finally(resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
