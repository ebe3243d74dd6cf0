// `kenshin findings [--since DATE]`: when each problem began and ended.
import type { Command } from 'commander';
import { withStore } from './common.js';
import { loadFindingHistory } from '../store/findings-store.js';
import { findingEpisodes } from '../domain/diagnosis/history.js';

/** Registers the findings command. */
export function registerFindings(program: Command): void {
  program
    .command('findings')
    .description('history of findings: when each problem began and ended / 所見の履歴')
    .option('--since <date>', 'only checkups from this date YYYY-MM-DD')
    .option('--lang <lang>', 'ja or en', 'ja')
    .option('--json', 'print JSON')
    .action(async (opts: { since?: string; lang: 'ja' | 'en'; json?: boolean }, cmd: Command) => {
      await withStore(cmd, async ({ conn }) => {
        const { dates, findings } = await loadFindingHistory(conn, opts.since);
        const episodes = findingEpisodes(dates, findings);
        if (opts.json) {
          process.stdout.write(JSON.stringify(episodes, null, 2) + '\n');
          return;
        }
        const ja = opts.lang === 'ja';
        if (!episodes.length) {
          process.stdout.write(ja ? '所見はありません。\n' : 'No findings.\n');
          return;
        }
        for (const e of episodes) {
          const until = e.ended ? `${ja ? '終了' : 'ended'} ${e.ended}` : ja ? '継続中' : 'open';
          process.stdout.write(
            `${e.began} → ${until}  [${e.severity}] ${e.key}  ${e.title[opts.lang]}\n`,
          );
        }
      });
    });
}
