// `kenshin serve [--port 8080] [--host 127.0.0.1]`: the dashboard and its API.
import type { Command } from 'commander';
import { UserError, globalOpts } from './common.js';
import { resolveDbPath } from '../store/db.js';
import { startServer } from '../server/start.js';

/** Registers the serve command. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the dashboard and its API / ダッシュボードを起動')
    .option('--port <port>', 'port to listen on', '8080')
    .option('--host <host>', 'interface to listen on (0.0.0.0: every interface)', '127.0.0.1')
    .option('--trust-proxy', 'trust X-Forwarded-* from a reverse proxy (https termination)')
    .option('--log', 'log every request (JSON lines on stdout)')
    .action(
      async (
        opts: { port: string; host: string; trustProxy?: boolean; log?: boolean },
        cmd: Command,
      ) => {
        const port = Number(opts.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
          throw new UserError(
            'bad_port',
            `--port は 0–65535 の整数です / --port must be an integer 0–65535: ${opts.port}`,
          );
        }
        const server = await startServer({
          dbPath: resolveDbPath(globalOpts(cmd).db),
          port,
          host: opts.host,
          trustProxy: opts.trustProxy ?? false,
          logger: opts.log ?? false,
        });
        process.stdout.write(`kenshin: ${server.url}\n`);
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
      },
    );
}
