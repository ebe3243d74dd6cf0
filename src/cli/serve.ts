// `kenshin serve [--port 8080] [--host 127.0.0.1] [--trust-proxy [ADDRS]] [--daily CRON …]`: the
// dashboard and its API, optionally with the daily job scheduled in the same process (the one
// way to run the daily job while the dashboard holds the database).
import type { Command } from 'commander';
import { RETRY_MINUTES_OPTION, UserError, targetDb, retryMs } from './common.js';

interface ServeOpts {
  port: string;
  host: string;
  trustProxy?: boolean | string;
  log?: boolean;
  daily?: string;
  retryMinutes: string;
  inbox?: string;
  archive?: string;
  digest?: boolean;
  lang: string;
}

/** Registers the serve command. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the dashboard and its API / ダッシュボードを起動')
    .option('--port <port>', 'port to listen on', '8080')
    .option('--host <host>', 'interface to listen on (0.0.0.0: every interface)', '127.0.0.1')
    .option(
      '--trust-proxy [addresses]',
      'believe X-Forwarded-* from these proxies (comma-separated addresses or CIDRs; alone: this machine only)',
    )
    .option('--log', 'log every request (JSON lines on stdout)')
    .option(
      '--daily <cron>',
      'run the daily job on this cron pattern (business timezone), e.g. "0 6 * * *"',
    )
    .option('--inbox <dir>', 'daily job: folder of new files (as for kenshin daily)')
    .option('--archive <dir>', 'daily job: folder of workbooks and lists (as for kenshin daily)')
    .option('--digest', 'daily job: one message with all open findings')
    .option('--lang <lang>', 'daily job: workbook language, ja or en', 'ja')
    .option(...RETRY_MINUTES_OPTION)
    .action(async (opts: ServeOpts, cmd: Command) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new UserError(
          'bad_port',
          `--port は 0–65535 の整数です / --port must be an integer 0–65535: ${opts.port}`,
        );
      }
      if (opts.lang !== 'ja' && opts.lang !== 'en')
        throw new UserError(
          'bad_lang',
          `--lang は ja か en / --lang must be ja or en: ${opts.lang}`,
        );
      const { trustProxyOption } = await import('../server/trust-proxy.js');
      const trustProxy = trustProxyOption(opts.trustProxy);
      if (opts.daily) {
        const { nextRuns } = await import('../jobs/schedule.js');
        try {
          nextRuns(opts.daily, 'UTC', 1);
        } catch (err) {
          throw new UserError(
            'bad_cron',
            `cron の書式が正しくありません / invalid cron pattern "${opts.daily}": ${(err as Error).message}`,
          );
        }
      }
      const { startServer } = await import('../server/start.js');
      const server = await startServer({
        dbPath: await targetDb(cmd),
        port,
        host: opts.host,
        trustProxy,
        logger: opts.log ?? false,
        daily: opts.daily
          ? {
              cron: opts.daily,
              inbox: opts.inbox,
              archive: opts.archive,
              digest: opts.digest,
              lang: opts.lang,
              retryMs: retryMs(opts.retryMinutes),
            }
          : undefined,
        log: (l) => process.stdout.write(`[${new Date().toISOString()}] ${l}\n`),
      });
      process.stdout.write(`kenshin: ${server.url}\n`);
      if (trustProxy) process.stdout.write(`trusted proxies / 信頼するプロキシ: ${trustProxy}\n`);
      if (server.nextDaily)
        process.stdout.write(
          `日次ジョブ / daily job "${opts.daily}": next ${server.nextDaily.toISOString()}\n`,
        );
      for (const p of server.settingsProblems)
        process.stderr.write(
          `kenshin: 注意 保存済みの設定が正しくありません / warning: a stored setting is invalid — ${p.ja} / ${p.en}` +
            ` (設定画面か kenshin settings set で直すまで、チェックアップは止まります / the checkup refuses to run until it is fixed on the settings page)\n`,
        );
      if (server.firstLogin) {
        process.stdout.write(
          `最初のログイン / first login: ${server.firstLogin.username} / ${server.firstLogin.password}\n` +
            `(このパスワードは一度だけ表示されます / shown only once — change it with kenshin user passwd admin)\n`,
        );
      }
      const stop = async () => {
        await server.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    });
}
