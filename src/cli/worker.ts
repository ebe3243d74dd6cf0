// `kenshin worker [--concurrency N] [--stale-seconds S]`: in the coordinated mode
// (KENSHIN_COORDINATOR=postgres://…), runs the daily jobs that `kenshin daily --all` enqueued,
// N at a time, until SIGTERM or SIGINT; then it takes no new job and lets the running ones end.
import type { Command } from 'commander';
import { coordinatorMode } from '../coordinator/mode.js';
import { startWorker } from '../coordinator/worker.js';
import { resolveWorkspace } from '../workspace/workspace.js';
import { globalOpts, UserError } from './common.js';

interface Opts {
  concurrency: string;
  staleSeconds: string;
}

/** Returns a whole number ≥ min from an option, or throws a UserError naming the option. */
function wholeNumber(flag: string, text: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min)
    throw new UserError(
      'bad_number',
      `${flag} は ${min} 以上の整数 / ${flag} must be a whole number ≥ ${min}: ${text}`,
    );
  return n;
}

/** Registers the worker command. */
export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description(
      'coordinated mode: run the queued daily jobs until stopped / 登録された日次ジョブを実行',
    )
    .option('--concurrency <n>', 'daily jobs run at once by this process', '1')
    .option(
      '--stale-seconds <s>',
      'another worker silent this long is dead: its jobs run again (see docs/operations.md)',
      '300',
    )
    .action(async (opts: Opts, cmd: Command) => {
      const concurrency = wholeNumber('--concurrency', opts.concurrency, 1);
      const staleMs = wholeNumber('--stale-seconds', opts.staleSeconds, 1) * 1000;
      const mode = coordinatorMode();
      if (mode.kind !== 'coordinated')
        throw new UserError(
          'not_coordinated',
          'kenshin worker には KENSHIN_COORDINATOR=postgres://… が必要です / ' +
            'kenshin worker needs KENSHIN_COORDINATOR=postgres://…',
        );
      const log = (l: string) => process.stdout.write(`[${new Date().toISOString()}] ${l}\n`);
      const worker = await startWorker({
        url: mode.url,
        workspace: resolveWorkspace(globalOpts(cmd).workspace),
        concurrency,
        staleMs,
        log,
      });
      await new Promise<void>((resolve, reject) => {
        const stop = () => {
          log('stopping: running jobs finish first / 停止中（実行中のジョブの終了を待ちます）');
          worker.stop().then(resolve, reject);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        worker.promise.then(resolve, reject);
      });
      log('stopped / 停止しました');
    });
}
