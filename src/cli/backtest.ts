// `kenshin backtest --from D1 --to D2 [--json]`: the daily diagnosis replayed for every day of a
// range (src/jobs/backtest.ts): each finding's episodes, the first warning day of each, and the
// lead of the active-customer warning over the fall of revenue.
import type { Command } from 'commander';
import { UserError, withStore } from './common.js';
import { isIsoDate } from '../domain/dates.js';

interface Opts {
  from: string;
  to: string;
  json?: boolean;
  lang: string;
  every: string;
  history: boolean;
}

/** Registers the backtest command. */
export function registerBacktest(program: Command): void {
  program
    .command('backtest')
    .description('replay the daily diagnosis over a range of days / 日次診断の再現(バックテスト)')
    .requiredOption('--from <date>', 'first day YYYY-MM-DD')
    .requiredOption('--to <date>', 'last day YYYY-MM-DD')
    .option('--every <days>', 'replay every n-th day only, ending on --to / n 日おきに再現', '1')
    .option('--no-history', 'do not write the findings history / 所見の履歴に書き込まない')
    .option('--json', 'print JSON: {"episodes": [{"id", "severity", "start", "end"}], …}')
    .option('--lang <lang>', 'ja or en', 'ja')
    .action(async (opts: Opts, cmd: Command) => {
      for (const [name, v] of [
        ['--from', opts.from],
        ['--to', opts.to],
      ])
        if (!isIsoDate(v))
          throw new UserError(
            'bad_date',
            `${name} は YYYY-MM-DD で指定してください / ${name} must be YYYY-MM-DD: ${v}`,
          );
      if (opts.from > opts.to)
        throw new UserError(
          'bad_range',
          `--from は --to 以前の日付にしてください / --from must not be after --to (${opts.from} > ${opts.to})`,
        );
      const every = Number(opts.every);
      if (!Number.isInteger(every) || every < 1)
        throw new UserError(
          'bad_every',
          `--every は 1 以上の整数で指定してください / --every must be a whole number of days ≥ 1: ${opts.every}`,
        );
      const { runBacktest } = await import('../jobs/backtest.js');
      const { loadSettings } = await import('../store/settings-store.js');
      const { barProgress } = await import('../ingest/progress.js');
      await withStore(cmd, async ({ conn }) => {
        const bar = process.stderr.isTTY ? barProgress() : null;
        bar?.stage('backtest');
        const s = await runBacktest(conn, await loadSettings(conn), opts.from, opts.to, {
          every,
          history: opts.history,
          onDay: (done, total) => bar?.update(done / total),
        });
        bar?.stop();
        if (opts.json) {
          process.stdout.write(JSON.stringify(s, null, 2) + '\n');
          return;
        }
        const ja = opts.lang !== 'en';
        process.stdout.write(
          ja
            ? `バックテスト ${s.from} … ${s.to}(${s.days} 日、1 日 ${s.seconds_per_day.toFixed(2)} 秒)\n`
            : `backtest ${s.from} … ${s.to} (${s.days} days, ${s.seconds_per_day.toFixed(2)} s a day)\n`,
        );
        if (opts.history)
          process.stdout.write(
            ja
              ? `  所見の履歴に ${s.history_days} 日分を書き込みました(保存済みの健診がある日はそのまま)\n`
              : `  wrote ${s.history_days} days into the findings history (days with a stored checkup kept as they were)\n`,
          );
        for (const e of s.episodes.filter((x) => x.severity !== 'info'))
          process.stdout.write(
            `  ${e.start} → ${e.end ?? (ja ? '継続中' : 'open')}  [${e.severity}] ${e.key}\n`,
          );
        for (const l of s.lead_times)
          process.stdout.write(
            ja
              ? `  稼働顧客の警告 ${l.warning} → 年商の減少 ${l.revenue_fall ?? '期間内なし'}${l.lead_days !== null ? `(${l.lead_days} 日)` : ''}\n`
              : `  active-customer warning ${l.warning} → revenue fall ${l.revenue_fall ?? 'none in range'}${l.lead_days !== null ? ` (${l.lead_days} days)` : ''}\n`,
          );
      });
    });
}
