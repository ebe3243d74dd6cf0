// `kenshin checkup [--as-of] [--json]`: computes, stores and prints the checkup of a date.
import type { Command } from 'commander';
import { UserError, withStore } from './common.js';
import type { Lang } from '../outputs/summary.js';
import { isIsoDate } from '../domain/dates.js';

/** Registers the checkup command. */
export function registerCheckup(program: Command): void {
  program
    .command('checkup')
    .description('run the checkup for a date and store it / 健診を実行して保存')
    .option('--as-of <date>', 'as-of date YYYY-MM-DD (default: the last order date)')
    .option('--json', 'print the whole report as JSON')
    .option('--lang <lang>', 'ja or en', 'ja')
    .action(async (opts: { asOf?: string; json?: boolean; lang: Lang }, cmd: Command) => {
      // Loaded when the command runs, so `kenshin checkup --help` stays fast.
      const { computeCheckup, lastOrderDate, storeCheckup } = await import('../checkup/run.js');
      const { loadSettings } = await import('../store/settings-store.js');
      const { formatSummary } = await import('../outputs/summary.js');
      await withStore(cmd, async ({ conn }) => {
        const asOf = opts.asOf ?? (await lastOrderDate(conn));
        if (!asOf)
          throw new UserError(
            'no_orders',
            '注文データがありません。先に kenshin import orders FILE を実行してください / No orders yet: run kenshin import orders FILE first',
          );
        if (!isIsoDate(asOf))
          throw new UserError(
            'bad_date',
            `--as-of は YYYY-MM-DD で指定してください / --as-of must be YYYY-MM-DD: ${asOf}`,
          );
        const report = await computeCheckup(conn, await loadSettings(conn), asOf);
        await storeCheckup(conn, report);
        process.stdout.write(
          opts.json
            ? JSON.stringify(report, null, 2) + '\n'
            : formatSummary(report, opts.lang) + '\n',
        );
      });
    });
}
